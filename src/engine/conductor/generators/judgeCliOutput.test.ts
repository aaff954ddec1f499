import { describe, expect, it } from "vitest";
import { judgeCliOutput } from "./judgeCliOutput.js";

const lines = (...events: object[]): string => events.map((e) => JSON.stringify(e)).join("\n") + "\n";

describe("judgeCliOutput", () => {
  it("reads the last result event of claude's stream-json and cursor-agent's json", () => {
    const stream = lines({ type: "system", subtype: "init" }, { type: "assistant", message: { content: [] } }, { type: "result", subtype: "success", is_error: false, result: "All done" });
    expect(judgeCliOutput(stream, "")).toEqual({ status: "ok", format: "result-json", answer: "All done" });
    const maxTurns = JSON.stringify({ type: "result", subtype: "error_max_turns", is_error: false, num_turns: 10 });
    expect(judgeCliOutput(maxTurns, "")).toMatchObject({ status: "error", reason: "error_max_turns" });
    const isError = JSON.stringify({ type: "result", subtype: "success", is_error: true, result: "Invalid API key · Please run /login" });
    expect(judgeCliOutput(isError, "")).toMatchObject({ status: "error", reason: "is_error: Invalid API key · Please run /login" });
  });

  it("treats a codex error followed by a completed turn as recovered, and one without as a failure", () => {
    const msg = { type: "item.completed", item: { type: "agent_message", text: "patched" } };
    expect(judgeCliOutput(lines({ type: "error", message: "Reconnecting... 1/5" }, msg, { type: "turn.completed" }), "")).toEqual({ status: "ok", format: "codex-jsonl", answer: "patched" });
    expect(judgeCliOutput(lines(msg, { type: "error", message: "quota exceeded" }), "")).toMatchObject({ status: "error", reason: "error: quota exceeded", answer: "patched" });
  });

  it("keeps plain text as the answer with unknown status, and does not mistake a JSON answer's text for aider's failure", () => {
    expect(judgeCliOutput("Here is the fix\n", "warming up\n")).toEqual({ status: "unknown", format: "text", answer: "Here is the fix\n" });
    const discussed = JSON.stringify({ type: "result", subtype: "success", is_error: false, result: "Aider said 'Failed to apply edit' earlier; fixed now." });
    expect(judgeCliOutput(discussed, "").status).toBe("ok");
  });
});
