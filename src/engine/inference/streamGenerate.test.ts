import { describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { streamGenerate } from "./streamGenerate.js";
import type { GenerateRequest, GenerateResult, ModelGateway } from "./types.js";

function fakeGateway(chunks: string[], fail?: AppError): ModelGateway {
  return {
    listModels: async () => [],
    generate: async (req: GenerateRequest): Promise<GenerateResult> => {
      for (const c of chunks) {
        await new Promise((r) => setTimeout(r, 2));
        req.onToken?.(c);
      }
      if (fail) throw fail;
      return { modelId: req.modelId, text: chunks.join(""), finishReason: "stop", truncated: false, metrics: { ttftMs: 1, totalMs: 2, tokensPerSecond: null, promptTokens: null, completionTokens: chunks.length } };
    },
  };
}

describe("streamGenerate", () => {
  it("yields every chunk in order, then the result resolves", async () => {
    const s = streamGenerate(fakeGateway(["a", "b", "c"]), { modelId: "m", messages: [] });
    const got: string[] = [];
    for await (const t of s.tokens) got.push(t);
    expect(got).toEqual(["a", "b", "c"]);
    expect((await s.result).text).toBe("abc");
  });
  it("a failure ends the loop with the error after the chunks that arrived", async () => {
    const s = streamGenerate(fakeGateway(["x"], new AppError(ErrorCode.Timeout, "idle")), { modelId: "m", messages: [] });
    const got: string[] = [];
    await expect((async () => {
      for await (const t of s.tokens) got.push(t);
    })()).rejects.toMatchObject({ code: "timeout" });
    expect(got).toEqual(["x"]);
    await expect(s.result).rejects.toMatchObject({ code: "timeout" });
  });
});
