import type { TestCase } from "../../../shared/contract/verify.js";

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decode XML character and entity references. */
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decode(m[2] ?? m[3] ?? "");
  return out;
}

const MAX_MESSAGE = 4000;

/**
 * JUnit XML (pytest --junitxml, and most other runners) → test cases. A small tolerant reader: testcase elements
 * with failure/error/skipped children; CDATA and entities decoded; everything else ignored.
 */
export function parseJUnitXml(xml: string): TestCase[] {
  const cases: TestCase[] = [];
  const tag = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let current: (TestCase & { text?: string }) | null = null;
  let inResult: "failure" | "error" | "skipped" | null = null;
  // pytest writes 0-based line numbers (its item.location); other producers write 1-based ones.
  let lineOffset = 0;
  for (const m of xml.matchAll(tag)) {
    const [, cdata, closing, name, rawAttrs, selfClosing, text] = m;
    if (cdata !== undefined || text !== undefined) {
      if (current && inResult) current.text = (current.text ?? "") + (cdata ?? decode(text ?? ""));
      continue;
    }
    if (!name) continue;
    if (name === "testsuite" && !closing && attrs(rawAttrs ?? "").name === "pytest") lineOffset = 1;
    if (name === "testcase" && !closing) {
      const a = attrs(rawAttrs ?? "");
      current = {
        name: a.name ?? "(unnamed)",
        ...(a.classname ? { suite: a.classname } : {}),
        ...(a.file ? { file: a.file } : {}),
        ...(a.line && Number.isFinite(Number(a.line)) ? { line: Number(a.line) + lineOffset } : {}),
        status: "passed",
        ...(a.time && Number.isFinite(Number(a.time)) ? { durationMs: Math.round(Number(a.time) * 1000) } : {}),
      };
      if (selfClosing) {
        cases.push(current);
        current = null;
      }
    } else if (name === "testcase" && closing && current) {
      if (current.text?.trim()) current.message = [current.message, current.text.trim()].filter(Boolean).join("\n").slice(0, MAX_MESSAGE);
      delete current.text;
      cases.push(current);
      current = null;
    } else if (current && (name === "failure" || name === "error" || name === "skipped") && !closing) {
      const a = attrs(rawAttrs ?? "");
      // A teardown error after a failure keeps "failed"; any failure/error beats skipped.
      current.status = name === "failure" ? "failed" : name === "error" ? (current.status === "failed" ? "failed" : "error") : current.status === "passed" ? "skipped" : current.status;
      if (a.message) current.message = a.message.slice(0, MAX_MESSAGE);
      inResult = selfClosing ? null : name;
    } else if (closing && name === inResult) {
      inResult = null;
    }
  }
  return cases;
}
