import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { ChatResult } from "../../shared/contract/models.js";
import type { ChatMessage, ModelGateway } from "../inference/types.js";
import type { RunContext } from "../runs/RunManager.js";

/** Run kind `models.chat`: one generation; each chunk is published on the `token` channel as `{ text }`. */
export async function runChat(gateway: ModelGateway, input: RunParsedInput<"models.chat">, rc: RunContext<"models.chat">): Promise<ChatResult> {
  const messages: ChatMessage[] = input.messages ?? [
    ...(input.system ? [{ role: "system" as const, content: input.system }] : []),
    ...(input.prompt !== undefined ? [{ role: "user" as const, content: input.prompt }] : []),
  ];
  if (!messages.some((m) => m.role === "user")) throw new AppError(ErrorCode.InvalidInput, "Give `prompt` or `messages` with a user message");
  rc.setTitle(`chat with ${input.modelId}`);
  const result = await gateway.generate({
    modelId: input.modelId,
    messages,
    sampling: input.sampling,
    jsonSchema: input.jsonSchema,
    budgets: input.budgets,
    maxOutputBytes: input.maxOutputBytes,
    signal: rc.signal,
    onToken: (text) => rc.data("token", { text }),
  });
  if (result.truncated) rc.log("warn", `answer truncated (${result.finishReason})`);
  return result;
}
