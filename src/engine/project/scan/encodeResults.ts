import type { FileResult } from "./FileJob.js";

/** A chunk's results as a parser worker sends them: cheap to clone, and the repo-map lines already serialized. */
export interface EncodedResults {
  /** Per job, everything but `facts` and `line`. */
  meta: Array<Omit<FileResult, "facts" | "line">>;
  /** JSON array of each job's facts (null where none): JSON.parse beats structured-clone decoding here. */
  facts: string;
  /** Each job's repo-map entry as UTF-8 JSON, back to back (none without facts); `ends[i]` is where job i's stops. */
  lines: Uint8Array;
  ends: Uint32Array;
}

/** Pack a worker's results for `postMessage` (transfer `lines.buffer`); `loadFile` already serialized the lines. */
export function encodeResults(results: readonly FileResult[]): EncodedResults {
  const parts = results.map((r) => r.line ?? null);
  const total = parts.reduce((n, p) => n + (p?.length ?? 0), 0);
  // A fresh ArrayBuffer (not Buffer's shared pool) so that it can be transferred.
  const lines = new Uint8Array(total);
  const ends = new Uint32Array(parts.length);
  let at = 0;
  parts.forEach((p, i) => {
    if (p) lines.set(p, at);
    at += p?.length ?? 0;
    ends[i] = at;
  });
  return {
    meta: results.map(({ facts: _f, line: _l, ...rest }) => rest),
    facts: JSON.stringify(results.map((r) => r.facts ?? null)),
    lines,
    ends,
  };
}
