import { describe, expect, it } from "vitest";
import { gateClipboardBytes, gateClipboardText } from "./gateClipboard.js";

describe("clipboard gate", () => {
  it("checks the size before anything else and names size and limit in MB", () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0); // NULs too: the size decides first
    expect(gateClipboardBytes(big, 1024 * 1024)).toEqual({ kind: "refused", reason: "too-large", bytes: big.length, message: "too large: 3.0 MB (limit 1.0 MB)" });
  });

  it("refuses NUL bytes as binary and invalid UTF-8 as not-utf8, and decodes valid text", () => {
    expect(gateClipboardBytes(Buffer.from("a\0b"), 100)).toMatchObject({ kind: "refused", reason: "binary" });
    expect(gateClipboardBytes(Buffer.from([0xc3, 0x28]), 100)).toMatchObject({ kind: "refused", reason: "not-utf8" });
    expect(gateClipboardBytes(Buffer.from("héllo ✓"), 100)).toEqual({ kind: "text", text: "héllo ✓", bytes: 10 });
    expect(gateClipboardBytes(Buffer.alloc(0), 100)).toEqual({ kind: "empty" });
  });

  it("applies the same rules to already-decoded text (Electron), including lone surrogates", () => {
    expect(gateClipboardText("x".repeat(101), 100)).toMatchObject({ kind: "refused", reason: "too-large", bytes: 101 });
    expect(gateClipboardText("a\0b", 100)).toMatchObject({ kind: "refused", reason: "binary" });
    expect(gateClipboardText("a\uD800b", 100)).toMatchObject({ kind: "refused", reason: "not-utf8" });
    expect(gateClipboardText("emoji 😀 and \uFFFD stay text", 100)).toMatchObject({ kind: "text" });
  });
});

describe("one gate for every way an answer arrives", () => {
  it("refuses an oversized or binary pasted answer with the same words as a clipboard read", async () => {
    const { ClipboardGenerator } = await import("../conductor/generators/ClipboardGenerator.js");
    const { inertPorts } = await import("../ports.js");
    const ports = inertPorts("/nonexistent");
    const gen = new ClipboardGenerator({ clipboard: ports.clipboard, recognise: () => ({ ok: true }), maxBytes: 1024 * 1024, warnBytes: 1024 * 1024 });
    const ac = new AbortController();
    const noop = (): void => {};
    let waiting!: () => void;
    const armed = new Promise<void>((r) => (waiting = r));
    const answer = gen.next({ iteration: 1, prompt: "the prompt", project: "/p", signal: ac.signal, onWaiting: () => waiting(), onIgnored: noop, log: noop });
    await armed;
    const big = "x".repeat(3 * 1024 * 1024);
    expect(await gen.capture(big, "paste")).toEqual({ accepted: false, reason: "too large: 3.0 MB (limit 1.0 MB)" });
    expect(await gen.capture("a\0b", "paste")).toEqual({ accepted: false, reason: "binary content (NUL bytes), not text" });
    expect(await gen.capture("\uD800 lone surrogate", "paste")).toEqual({ accepted: false, reason: "not valid UTF-8 text" });
    expect(await gen.capture("```py calc.py\nx = 1\n```", "paste")).toEqual({ accepted: true });
    expect(await answer).toMatchObject({ kind: "answer", source: "paste" });
    gen.dispose();
  });
});
