import { createHash } from "node:crypto";

export interface Failure {
  name: string;
  file?: string;
  line?: number;
  message?: string;
}

export interface FailureSignature {
  signature: string;
  errorType: string;
  skeleton: string;
  locationKind: string;
}

/** The error class named in a message (`TypeError`, `AssertionError`, `KeyError`…), else a coarse kind. */
function errorType(message: string): string {
  const named = message.match(/\b([A-Z][A-Za-z]*(?:Error|Exception|Failure))\b/);
  if (named) return named[1]!;
  if (/\b(assert|expected|toBe|toEqual)\b/i.test(message)) return "AssertionError";
  if (/timed? ?out/i.test(message)) return "Timeout";
  if (/panic/i.test(message)) return "Panic";
  return "Failure";
}

/**
 * The message with what varies between occurrences replaced: quoted strings → "…", paths → <path>, hex →
 * <hex>, numbers → <n>; first line only, whitespace collapsed, at most 160 characters.
 */
export function messageSkeleton(message: string): string {
  const first = message.split("\n").find((l) => l.trim()) ?? "";
  return first
    .replace(/(["'`])(?:(?!\1).){0,200}\1/g, '"…"')
    .replace(/(?:[A-Za-z]:)?(?:[\w.-]*[/\\])+[\w.-]+/g, "<path>")
    .replace(/\b0x[0-9a-f]+\b/gi, "<hex>")
    .replace(/\b\d+(?:\.\d+)?\b/g, "<n>")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}

/** Where the failure sits: a test file, a source file or unknown, with the file's extension. */
function locationKind(file?: string): string {
  if (!file) return "unknown";
  const ext = file.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? "none";
  const isTest = /(^|[/\\])(tests?|__tests__|spec)[/\\]|[._-](test|spec)\.|(^|[/\\])test_[^/\\]+$/.test(file);
  return `${isTest ? "test" : "source"}:${ext}`;
}

/** Normalized signature of a failure: error type + message skeleton + location kind. */
export function failureSignature(f: Failure): FailureSignature {
  const message = f.message?.trim() || f.name;
  const sig = { errorType: errorType(message), skeleton: messageSkeleton(message), locationKind: locationKind(f.file) };
  const signature = createHash("sha256").update(`${sig.errorType}\0${sig.skeleton}\0${sig.locationKind}`).digest("hex").slice(0, 16);
  return { signature, ...sig };
}
