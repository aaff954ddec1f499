/**
 * `npm run bench -- serve [--reps R] [--idle MS]`: web mode and CLI weight (issue 13).
 * - Cold start of `codeconductor serve`: process start → first page served (token redirect, then
 *   index.html with the cookie), goal ≤ 500 ms; idle RSS after `--idle` ms (default 3000), goal ≤ 120 MB.
 * - `codeconductor --version` wall time, goal ≤ 150 ms.
 * Each through the shipped entry (`bin/codeconductor.js`, built JS in out/cli) and, for context, through
 * the TypeScript sources with tsx (what `npm run cli` does). Best of R runs each (a shared machine's
 * slow runs are its load, not ours); the note gives the median. Needs `npm run build` first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APP_VERSION } from "../src/engine/version.js";
import { median } from "./analyze/phaseMedians.js";
import type { BenchReport, BenchRow } from "./report.js";
import { measureServe, timeVersion, type Launch } from "./serve/measureServe.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export default async function serveBench(args: string[]): Promise<BenchReport> {
  const reps = arg(args, "reps", 5);
  const idleMs = arg(args, "idle", 3000);
  for (const f of ["out/cli/run.js", "out/renderer/index.html"]) {
    if (!fs.existsSync(path.join(repo, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const built: Launch = { label: "built JS", args: [path.join(repo, "bin", "codeconductor.js")] };
  const sources: Launch = { label: "sources via tsx", args: ["--import", "tsx", path.join(repo, "src", "cli", "run.ts")] };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-serve-"));
  const rows: BenchRow[] = [];
  const loadBefore = os.loadavg().map((l) => l.toFixed(2));
  try {
    const runs = new Map<string, Array<Awaited<ReturnType<typeof measureServe>>>>();
    const versions = new Map<string, number[]>();
    // Interleaved, so that both launches see the same load; a first unmeasured run warms the disk cache.
    await measureServe(built, path.join(work, "warm"), 0);
    for (let i = 0; i < reps; i++) {
      for (const l of [built, sources]) {
        const r = await measureServe(l, path.join(work, `data-${l.label.length}-${i}`), idleMs);
        runs.set(l.label, [...(runs.get(l.label) ?? []), r]);
        versions.set(l.label, [...(versions.get(l.label) ?? []), timeVersion(l, APP_VERSION)]);
      }
    }
    const best = (xs: number[]): number => Math.min(...xs);
    for (const l of [built, sources]) {
      const rs = runs.get(l.label)!;
      const first = rs.map((r) => r.firstPageMs);
      const rss = rs.map((r) => r.rssMb);
      const ver = versions.get(l.label)!;
      const goal = l === built;
      const f = best(first);
      const m = best(rss);
      const v = best(ver);
      rows.push({ name: `serve: start → first page (${l.label})`, value: f, unit: "ms", ...(goal ? { goal: "≤ 500 ms", pass: f <= 500 } : {}), note: `best of ${reps}, median ${median(first).toFixed(0)}; listening after ${best(rs.map((r) => r.listeningMs)).toFixed(0)} ms; page ${rs[0]!.pageBytes} B` });
      rows.push({ name: `serve: idle RSS after ${idleMs / 1000} s (${l.label})`, value: m, unit: "MB", ...(goal ? { goal: "≤ 120 MB", pass: m <= 120 } : {}), note: `best of ${reps}, median ${median(rss).toFixed(0)}` });
      rows.push({ name: `--version (${l.label})`, value: v, unit: "ms", ...(goal ? { goal: "≤ 150 ms", pass: v <= 150 } : {}), note: `best of ${reps}, median ${median(ver).toFixed(0)}` });
    }
    return {
      suite: "serve",
      startedAt: new Date().toISOString(),
      rows,
      context: { reps, idleMs, node: process.version, cpus: os.availableParallelism(), loadavgBefore: loadBefore, loadavgAfter: os.loadavg().map((l) => l.toFixed(2)) },
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
