import type { Finding } from "../../../shared/contract/verify.js";

/** Bidi controls: they reorder how code reads without changing what it does (Trojan Source, CVE-2021-42574). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Invisible characters that split or join identifiers and strings unseen. U+FEFF at the very start is a BOM. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060-\u2064\u00ad\ufeff]/g;
/** Identifiers (Unicode letters, digits, _ and $) that contain at least one non-ASCII letter. */
const NON_ASCII_IDENT = /[\p{L}_$][\p{L}\p{N}_$]*/gu;

const SCRIPTS = ["Latin", "Cyrillic", "Greek", "Armenian", "Cherokee"] as const;
const SCRIPT_RE = Object.fromEntries(SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, "u")])) as Record<(typeof SCRIPTS)[number], RegExp>;

const hex = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Findings for characters that make code read differently from what it is: bidi controls and zero-width
 * characters anywhere (error / warning), and identifiers mixing Latin with a look-alike script (`раypal` with a
 * Cyrillic а — a homoglyph that names a different variable or import).
 */
export function unicodeLint(file: string, content: string): Finding[] {
  const out: Finding[] = [];
  const lines = content.split("\n");
  lines.forEach((text, i) => {
    const line = i + 1;
    for (const m of text.matchAll(BIDI)) out.push({ rule: "security/bidi-control", category: "security", severity: "error", file, line, column: m.index + 1, message: `bidi control ${hex(m[0])} reorders how this line reads (Trojan Source)` });
    for (const m of text.matchAll(ZERO_WIDTH)) {
      if (i === 0 && m.index === 0 && m[0] === "\ufeff") continue;
      out.push({ rule: "security/zero-width", category: "security", severity: "warning", file, line, column: m.index + 1, message: `invisible character ${hex(m[0])}` });
    }
    if (!/[\u0080-\uffff]/.test(text)) return;
    for (const m of text.matchAll(NON_ASCII_IDENT)) {
      const scripts = SCRIPTS.filter((s) => SCRIPT_RE[s].test(m[0]));
      if (scripts.length > 1) out.push({ rule: "security/mixed-script", category: "security", severity: "warning", file, line, column: m.index + 1, message: `identifier "${m[0]}" mixes ${scripts.join(" and ")} letters (look-alike characters)` });
    }
  });
  return out;
}
