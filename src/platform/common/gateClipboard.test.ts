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
