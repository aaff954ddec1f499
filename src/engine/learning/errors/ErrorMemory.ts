import type Database from "better-sqlite3";
import type { ErrorSignature } from "../../../shared/contract/learning.js";
import type { TestRunResult } from "../../../shared/contract/verify.js";
import { failureSignature, type Failure } from "./failureSignature.js";

interface Row {
  signature: string;
  error_type: string;
  skeleton: string;
  location_kind: string;
  count: number;
  first_seen: number;
  last_seen: number;
  example: string;
  fixes: string;
}

const toEntry = (r: Row): ErrorSignature => ({
  signature: r.signature,
  errorType: r.error_type,
  skeleton: r.skeleton,
  locationKind: r.location_kind,
  count: r.count,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  example: r.example,
  fixes: JSON.parse(r.fixes) as ErrorSignature["fixes"],
});

/** Failing tests of a test run or of an attempt record. */
export function failuresOf(tests: Pick<TestRunResult, "tests"> | { failing: Failure[] } | null | undefined): Failure[] {
  if (!tests) return [];
  if ("failing" in tests) return tests.failing;
  return tests.tests.filter((t) => t.status === "failed" || t.status === "error");
}

/**
 * Failure signatures seen across attempts, with counts, first/last seen and the fixes that made them go
 * away. A signature left open by one loop run (prompt id) is marked fixed by the run's next attempt that
 * no longer shows it.
 */
export class ErrorMemory {
  constructor(private readonly db: Database.Database) {}

  /** Count this attempt's failures; close (as fixed by `patternId`) those of the run that are gone. */
  record(promptId: string | null, patternId: string, failures: Failure[], fixSummary: string, now = Date.now()): void {
    const sigs = new Map(failures.map((f) => [failureSignature(f), f] as const).map(([s, f]) => [s.signature, { s, f }]));
    this.db.transaction(() => {
      for (const { s, f } of sigs.values()) {
        this.db
          .prepare(
            `INSERT INTO learning_errors (signature, error_type, skeleton, location_kind, count, first_seen, last_seen, example, fixes)
             VALUES (?, ?, ?, ?, 1, ?, ?, ?, '[]')
             ON CONFLICT(signature) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen, example = excluded.example`,
          )
          .run(s.signature, s.errorType, s.skeleton, s.locationKind, now, now, `${f.name}: ${(f.message ?? "").slice(0, 500)}`);
      }
      if (!promptId) return;
      const open = (this.db.prepare("SELECT signature FROM learning_open_failures WHERE prompt_id = ?").all(promptId) as Array<{ signature: string }>).map((r) => r.signature);
      for (const sig of open) {
        if (sigs.has(sig)) continue;
        const row = this.db.prepare("SELECT fixes FROM learning_errors WHERE signature = ?").get(sig) as { fixes: string } | undefined;
        if (row) {
          const fixes = [{ patternId, summary: fixSummary.slice(0, 300), at: now }, ...(JSON.parse(row.fixes) as ErrorSignature["fixes"])].slice(0, 5);
          this.db.prepare("UPDATE learning_errors SET fixes = ? WHERE signature = ?").run(JSON.stringify(fixes), sig);
        }
        this.db.prepare("DELETE FROM learning_open_failures WHERE prompt_id = ? AND signature = ?").run(promptId, sig);
      }
      for (const sig of sigs.keys()) this.db.prepare("INSERT OR IGNORE INTO learning_open_failures (prompt_id, signature) VALUES (?, ?)").run(promptId, sig);
    })();
  }

  /** Known signatures among these failures (most frequent first). */
  matching(failures: Failure[]): ErrorSignature[] {
    const sigs = [...new Set(failures.map((f) => failureSignature(f).signature))];
    const get = this.db.prepare("SELECT * FROM learning_errors WHERE signature = ?");
    return sigs
      .map((s) => get.get(s) as Row | undefined)
      .filter((r): r is Row => !!r)
      .map(toEntry)
      .sort((a, b) => b.count - a.count);
  }

  list(limit = 100): ErrorSignature[] {
    return (this.db.prepare("SELECT * FROM learning_errors ORDER BY last_seen DESC LIMIT ?").all(limit) as Row[]).map(toEntry);
  }
}
