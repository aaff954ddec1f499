import { randomUUID } from "node:crypto";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { PATTERN_DOCUMENT_VERSION, PatternDocument, type Pattern } from "../../../shared/contract/learning.js";
import { contentHash } from "./patternFromAttempt.js";
import type { PatternStore } from "./PatternStore.js";

function refuse(reason: string, details?: Record<string, unknown>): never {
  throw new AppError(ErrorCode.InvalidInput, `Import refused: ${reason}. Nothing was changed.`, { details });
}

/** Parse and check an export document: size, JSON, format, version, schema, content hashes. Never evaluates anything. */
export function parsePatternDocument(text: string, maxBytes: number): PatternDocument {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > maxBytes) refuse(`the file is ${bytes} bytes, over the ${maxBytes}-byte limit (config learning.importMaxBytes)`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    refuse(`not JSON (${(e as Error).message})`);
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== "codeconductor.patterns") refuse('not a CodeConductor pattern export (format must be "codeconductor.patterns")');
  if (head.version !== PATTERN_DOCUMENT_VERSION) refuse(`unsupported version ${JSON.stringify(head.version)} (this build reads version ${PATTERN_DOCUMENT_VERSION})`);
  const parsed = PatternDocument.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    refuse(`the document does not match the schema (${issues.join("; ")})`, { issues });
  }
  for (const [i, p] of parsed.data.patterns.entries()) {
    if (contentHash(p) !== p.contentHash) refuse(`pattern ${i + 1} (${p.id}) was altered: its content hash does not match`);
  }
  return parsed.data;
}

/**
 * Import a document all or nothing (one transaction): patterns whose content hash is already stored are
 * counted as duplicates; an id already taken by other content gets a fresh id.
 */
export function importPatterns(store: PatternStore, text: string, maxBytes: number): { imported: number; duplicates: number; ids: string[] } {
  const doc = parsePatternDocument(text, maxBytes);
  return store.db.transaction(() => {
    const ids: string[] = [];
    let duplicates = 0;
    for (const p of doc.patterns) {
      if (store.has(p.contentHash)) {
        duplicates++;
        continue;
      }
      const taken = store.db.prepare("SELECT 1 FROM learning_patterns WHERE id = ?").get(p.id);
      const row: Pattern = taken ? { ...p, id: randomUUID() } : p;
      store.insert(row);
      ids.push(row.id);
    }
    return { imported: ids.length, duplicates, ids };
  })();
}

/** The library (or the given patterns) as an export document. */
export function exportPatterns(store: PatternStore, ids?: string[]): PatternDocument {
  return { format: "codeconductor.patterns", version: PATTERN_DOCUMENT_VERSION, exportedAt: Date.now(), patterns: store.all(ids) };
}
