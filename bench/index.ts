/**
 * `npm run bench -- <suite> [args]`: runs bench/<suite>.ts, whose default export is
 * `(args: string[]) => Promise<BenchReport>`; prints the table and writes JSON to bench/results/.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { printReport, type BenchReport } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const [suite, ...args] = process.argv.slice(2);
const suites = fs
  .readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !["index.ts", "report.ts", "runAll.ts"].includes(f))
  .map((f) => f.replace(/\.ts$/, ""));

if (!suite || (suite !== "all" && !suites.includes(suite))) {
  process.stderr.write(`usage: npm run bench -- <suite|all> [--quick]\nsuites: ${suites.join(", ")}; all = every suite in .ci/bench-suites.txt\n`);
  process.exit(suite ? 2 : 0);
}
let report: BenchReport;
if (suite === "all") {
  const { runAll } = await import("./runAll.js");
  report = await runAll(here, args);
} else {
  const mod = (await import(pathToFileURL(path.join(here, `${suite}.ts`)).href)) as { default: (a: string[]) => Promise<BenchReport> };
  report = await mod.default(args);
}
printReport(report);
const dir = path.join(here, "results");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${suite}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify({ ...report, machine: { cpus: (await import("node:os")).cpus().length, node: process.version } }, null, 2));
fs.writeFileSync(path.join(dir, `${suite}-latest.json`), JSON.stringify(report, null, 2));
process.stdout.write(`\nJSON: ${path.relative(process.cwd(), file)}\n`);
if (report.rows.some((r) => r.pass === false)) process.exitCode = 1;
