/**
 * `npm run bench -- all [--quick]`: every suite listed in .ci/bench-suites.txt (read now, so suites added by
 * others count), each in its own process with a time limit; then one table of every figure against its goal,
 * written as JSON to bench/results/all-*.json. A suite that fails or times out is a row that misses.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BenchReport, BenchRow } from "./report.js";

interface SuiteOutcome {
  suite: string;
  exitCode: number | null;
  seconds: number;
  report: BenchReport | null;
}

export function listedSuites(root: string): string[] {
  const file = path.join(root, ".ci", "bench-suites.txt");
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

function runSuite(here: string, suite: string, args: string[], timeoutSec: number): Promise<SuiteOutcome> {
  const started = Date.now();
  const latest = path.join(here, "results", `${suite}-latest.json`);
  fs.rmSync(latest, { force: true });
  return new Promise((resolve) => {
    // Its own process group, so a timeout kills the suite's helpers (servers, builds) too.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "index.ts"), suite, ...args], { stdio: ["ignore", "inherit", "inherit"], detached: true });
    // Suite output goes to the terminal as it comes; the combined table follows at the end.
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutSec * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const report = fs.existsSync(latest) ? (JSON.parse(fs.readFileSync(latest, "utf8")) as BenchReport) : null;
      resolve({ suite, exitCode: code, seconds: Math.round((Date.now() - started) / 1000), report });
    });
  });
}

export async function runAll(here: string, args: string[]): Promise<BenchReport> {
  const suites = listedSuites(path.resolve(here, ".."));
  const timeoutSec = Number(process.env.BENCH_SUITE_TIMEOUT_SEC ?? 900);
  const rows: BenchRow[] = [];
  const context: Record<string, unknown> = { suites, quick: args.includes("--quick") };
  for (const suite of suites) {
    process.stderr.write(`\n::bench ${suite}\n`);
    const o = await runSuite(here, suite, args, timeoutSec);
    if (!o.report) {
      rows.push({ name: `${suite}: suite`, value: o.seconds, unit: "s", goal: "runs", pass: false, note: o.exitCode === null ? `killed after ${timeoutSec} s` : `exit ${o.exitCode}, no report` });
      continue;
    }
    for (const r of o.report.rows) rows.push({ ...r, name: `${suite}: ${r.name}` });
    context[suite] = { seconds: o.seconds, exitCode: o.exitCode };
  }
  return { suite: "all", startedAt: new Date().toISOString(), rows, context };
}
