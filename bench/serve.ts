/**
 * `npm run bench -- serve [--reps R] [--idle MS]`: web mode and CLI weight (issue 13).
 * - Cold start of `codeconductor serve`: process start → first page served (token redirect, then
 *   index.html with the cookie), goal ≤ 500 ms; and, for context, → the first RPC answered (engine ready); idle RSS after `--idle` ms (default 3000), goal ≤ 120 MB.
 * - `codeconductor --version` wall time, goal ≤ 150 ms.
 * Each through the shipped entry (`bin/codeconductor.js`, built JS in out/cli) and, for context, through
 * the TypeScript sources with tsx (what `npm run cli` does); and Node's own start (`node -e 0`) as the floor.
 * Best of R interleaved runs (a shared machine's slow runs are its load, not ours); notes give the median
 * and the CPU time used, which other processes' load does not inflate. Needs `npm run build` first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APP_VERSION } from "../src/engine/version.js";
import { median } from "./analyze/phaseMedians.js";
import type { BenchReport, BenchRow } from "./report.js";
import { measureServe, timeNode, type Launch } from "./serve/measureServe.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const best = (xs: number[]): number => Math.min(...xs);
const cpuNote = (xs: Array<number | null>): string => (xs.every((x) => x !== null) ? `; CPU ${best(xs as number[]).toFixed(0)} ms` : "");

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
    const runs = new Map<Launch, Array<Awaited<ReturnType<typeof measureServe>>>>([[built, []], [sources, []]]);
    const versions = new Map<Launch, Array<ReturnType<typeof timeNode>>>([[built, []], [sources, []]]);
    const bare: Array<ReturnType<typeof timeNode>> = [];
    // A first unmeasured run warms the disk cache; then both launches interleaved, so they see the same load.
    await measureServe(built, path.join(work, "warm"), 0);
    for (let i = 0; i < reps; i++) {
      bare.push(timeNode(["-e", "0"]));
      for (const l of [built, sources]) {
        runs.get(l)!.push(await measureServe(l, path.join(work, `data-${l === built ? "b" : "s"}-${i}`), idleMs));
        versions.get(l)!.push(timeNode([...l.args, "--version"], APP_VERSION));
      }
    }
    for (const l of [built, sources]) {
      const rs = runs.get(l)!;
      const ver = versions.get(l)!;
      const goal = l === built;
      const first = best(rs.map((r) => r.firstPageMs));
      const rss = best(rs.map((r) => r.rssMb));
      const v = best(ver.map((r) => r.ms));
      rows.push({ name: `serve: start → first page (${l.label})`, value: first, unit: "ms", ...(goal ? { goal: "≤ 500 ms", pass: first <= 500 } : {}), note: `best of ${reps}, median ${median(rs.map((r) => r.firstPageMs)).toFixed(0)}; CPU to first page ${best(rs.map((r) => r.cpuMs)).toFixed(0)} ms; listening after ${best(rs.map((r) => r.listeningMs)).toFixed(0)} ms` });
      rows.push({ name: `serve: start → engine ready, first RPC answered (${l.label})`, value: best(rs.map((r) => r.engineReadyMs)), unit: "ms", note: `best of ${reps}, median ${median(rs.map((r) => r.engineReadyMs)).toFixed(0)}; the page is served before the engine is up, its WebSocket waits for it` });
      rows.push({ name: `serve: idle RSS after ${idleMs / 1000} s (${l.label})`, value: rss, unit: "MB", ...(goal ? { goal: "≤ 120 MB", pass: rss <= 120 } : {}), note: `best of ${reps}, median ${median(rs.map((r) => r.rssMb)).toFixed(0)}` });
      rows.push({ name: `--version (${l.label})`, value: v, unit: "ms", ...(goal ? { goal: "≤ 150 ms", pass: v <= 150 } : {}), note: `best of ${reps}, median ${median(ver.map((r) => r.ms)).toFixed(0)}${cpuNote(ver.map((r) => r.cpuMs))}` });
    }
    rows.push({ name: "Node's own start (node -e 0), the floor", value: best(bare.map((r) => r.ms)), unit: "ms", note: `best of ${reps}, median ${median(bare.map((r) => r.ms)).toFixed(0)}${cpuNote(bare.map((r) => r.cpuMs))}; under load every figure above grows with it` });
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
