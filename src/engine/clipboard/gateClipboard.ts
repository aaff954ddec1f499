import type { ClipboardContent } from "../ports.js";

const MB = 1024 * 1024;
const mb = (n: number): string => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

/** The refusal for content over the cap; `exact` false when reading stopped early and `bytes` is a lower bound. */
export function tooLarge(bytes: number, maxBytes: number, exact: boolean): ClipboardContent {
  return { kind: "refused", reason: "too-large", bytes, message: `too large: ${exact ? "" : "over "}${mb(bytes)} (limit ${mb(maxBytes)})` };
}

/**
 * Clipboard bytes → gated content: the size cap first (on the byte count, before any decoding), then NUL bytes
 * (binary data, images) and invalid UTF-8. Only what passes is decoded.
 */
export function gateClipboardBytes(buf: Buffer, maxBytes: number): ClipboardContent {
  const bytes = buf.length;
  if (bytes === 0) return { kind: "empty" };
  if (bytes > maxBytes) return tooLarge(bytes, maxBytes, true);
  if (buf.includes(0)) return { kind: "refused", reason: "binary", bytes, message: "binary content (NUL bytes), not text" };
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(buf), bytes };
  } catch {
    return { kind: "refused", reason: "not-utf8", bytes, message: "not valid UTF-8 text" };
  }
}

/** The same gate for text an API already decoded (Electron's clipboard.readText()). */
export function gateClipboardText(text: string, maxBytes: number): ClipboardContent {
  if (!text) return { kind: "empty" };
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) return tooLarge(bytes, maxBytes, true);
  if (text.includes("\0")) return { kind: "refused", reason: "binary", bytes, message: "binary content (NUL bytes), not text" };
  // A lone surrogate cannot come from valid UTF-8.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return { kind: "refused", reason: "not-utf8", bytes, message: "not valid UTF-8 text" };
  return { kind: "text", text, bytes };
}
