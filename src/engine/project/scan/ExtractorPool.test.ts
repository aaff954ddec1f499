import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toRepoFile } from "../build/toRepoFile.js";
import { ExtractorPool } from "./ExtractorPool.js";
import type { FileJob } from "./FileJob.js";
import { runJobs } from "./runJobs.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pool-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 30 source files, a binary, a missing file and a plain-text file, as scan jobs. */
function jobs(): FileJob[] {
  const out: FileJob[] = [];
  const add = (rel: string, body: string | Buffer | null, parse: FileJob["parse"], language: string): void => {
    if (body !== null) fs.writeFileSync(path.join(dir, rel), body);
    out.push({ rel, abs: path.join(dir, rel), size: body?.length ?? 0, parse, language, generatedName: false });
  };
  for (let i = 0; i < 30; i++) {
    if (i % 2) add(`f${i}.py`, `def f${i}(x: int) -> int:\n    return x\n`, "python", "python");
    else add(`f${i}.ts`, `export function f${i}(x: number): number {\n  return x; // TODO: é ${i}\n}\n`, "typescript", "typescript");
  }
  add("bin.dat", Buffer.from([1, 0, 2]), null, "other");
  add("gone.ts", null, "typescript", "typescript");
  add("notes.md", "# Notes\n", null, "markdown");
  return out;
}

const waitReady = async (pool: ExtractorPool): Promise<void> => {
  for (let i = 0; i < 300 && !pool.hasRoom; i++) await new Promise((r) => setTimeout(r, 20));
};

describe("ExtractorPool", () => {
  it("gives the same results, in order, as loading in-thread, with the repo-map lines pre-serialized", async () => {
    const list = jobs();
    const local = await runJobs(list);
    const pool = new ExtractorPool(2);
    try {
      pool.start();
      await waitReady(pool);
      const remote = await pool.tryRun(list)!;
      expect(remote.map((r) => r.facts?.symbols[0]?.name)).toEqual(local.map((r) => r.facts?.symbols[0]?.name));
      expect(remote.map(({ line: _l, readAt: _r, ...rest }) => rest)).toEqual(local.map(({ line: _l, readAt: _r, ...rest }) => rest));
      remote.forEach((r, i) => expect(r.line?.toString()).toBe(r.facts ? JSON.stringify(toRepoFile(list[i]!.rel, list[i]!.size, r.facts)) : undefined));
      expect(remote.map((r) => r.line?.toString())).toEqual(local.map((r) => r.line?.toString()));
      expect(local.at(-3)).toMatchObject({ binary: true });
      expect(local.at(-2)).toMatchObject({ unreadable: true });
      // Shared between this thread and the workers, still in order.
      const stats = { chunksHere: 0, chunksInWorkers: 0, firstWorkerMs: null };
      const many = [...list, ...list, ...list, ...list, ...list, ...list];
      const shared = await runJobs(many, { pool, stats });
      expect(shared.map((r) => r.facts?.symbols[0]?.name)).toEqual([...Array(6)].flatMap(() => local.map((r) => r.facts?.symbols[0]?.name)));
      expect(stats.chunksHere + stats.chunksInWorkers).toBeGreaterThan(1);
      // A pool that dies mid-run: its chunks are redone on this thread and the results stay complete.
      let failed = 0;
      const running = runJobs(many, { pool, onPoolError: () => failed++ });
      await pool.dispose();
      expect((await running).map((r) => r.facts?.symbols[0]?.name)).toEqual(shared.map((r) => r.facts?.symbols[0]?.name));
      expect(failed).toBe(1);
    } finally {
      await pool.dispose();
    }
    expect(pool.tryRun(list)).toBeNull();
    expect(pool.start()).toBe(false);
  });
});
