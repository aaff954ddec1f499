import { sampleFromSchema } from "./sampleFromSchema.js";
import type { FakeServerOptions } from "./types.js";

/** The reply for a chat body: the scripted one, or an instance of the requested schema, or a greeting. */
export function replyText(reply: FakeServerOptions["reply"], body: Record<string, unknown>, schema: unknown): string {
  if (typeof reply === "function") return reply(body);
  if (typeof reply === "string") return reply;
  if (schema && typeof schema === "object") return JSON.stringify(sampleFromSchema(schema));
  return "Hello from the fake server.";
}

/** Rough token count (4 characters a token), as servers report usage. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
