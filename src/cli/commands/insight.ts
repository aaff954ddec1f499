import type { Command } from "commander";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { globalOptions } from "../globalOptions.js";
import { formatKpis } from "../insight/formatRunDetail.js";
import { output, withEngine } from "../withEngine.js";

function parseSince(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const rel = /^(\d+)([dhw])$/.exec(s.trim());
  if (rel) return Date.now() - Number(rel[1]) * { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[2] as "h" | "d" | "w"];
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new AppError(ErrorCode.InvalidInput, `--since: not a date: "${s}" (use 2026-01-31, an ISO time, or 7d / 24h / 2w)`);
  return t;
}

/** CLI commands of the insight capability: `kpis`, `export`, `import-case`. */
export function registerInsightCommands(program: Command): void {
  program
    .command("kpis")
    .description("KPIs per run and per model: TTFT, tokens/s, latency p50/p95, first-prompt success, pass rate, iterations to green, winner, selector")
    .option("--since <date>", "only runs started since (2026-01-31, ISO time, or 7d / 24h / 2w)")
    .option("--kind <kind>", "only runs of this kind (conductor.loop, ensemble.run, verify.test…)")
    .action(async (opts: { since?: string; kind?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      const since = parseSince(opts.since);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("insight.kpis", { since, kind: opts.kind }, { signal });
        output(g, r, () => {
          const t = r.totals;
          const head = `${t.runs} runs${r.since ? ` since ${r.since}` : ""} · first prompt success ${t.first_prompt_success ?? "—"} · pass rate after ${t.pass_rate_after ?? "—"} · iterations to green ${t.mean_iterations_to_green ?? "—"} · reward ${t.mean_reward ?? "—"}`;
          const models = r.models.map((m) => `  ${m.model}: p50 ${m.p50_ms ?? "—"} ms, p95 ${m.p95_ms ?? "—"} ms, ttft ${m.ttft_p50_ms ?? "—"} ms, ${m.tokens_per_s ?? "—"} tok/s (${m.calls} calls)`);
          const runs = r.runs.slice(0, 20).map((k) => `${k.run_id}  ${k.kind}  ${k.status}  ${k.started_at}\n${formatKpis(k)}`);
          return [head, `config digest ${r.config_digest}`, ...(models.length ? ["Per model:", ...models] : []), ...(runs.length ? ["Runs (newest first):", ...runs] : [])].join("\n");
        });
      });
    });

  program
    .command("export")
    .description("write a redacted, deterministic case bundle (zip) of a run; it is re-scanned and only kept when clean")
    .option("--run <id>", "run id")
    .option("--latest", "the newest run (the default without --run)")
    .option("--privacy <level>", "public_safe | team_safe | full_internal (default: config insight.export.privacy, env CODECONDUCTOR_EXPORT_PRIVACY)")
    .option("--include-raw", "raw model and test output (full_internal only)")
    .option("--no-redact-env", "do not treat environment values as secrets")
    .option("--out <dir>", "output folder (default: config insight.export.dir, env CODECONDUCTOR_EXPORT_DIR, else <data>/exports)")
    .action(async (opts: { run?: string; latest?: boolean; privacy?: string; includeRaw?: boolean; redactEnv?: boolean; out?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("insight.export", { runId: opts.run, latest: opts.latest ?? !opts.run, privacy: opts.privacy, includeRaw: opts.includeRaw, redactEnv: opts.redactEnv, outDir: opts.out }, { signal });
        output(g, { path: r.path, sha256: r.sha256, privacy: r.privacy, files: r.files, warnings: r.warnings }, () =>
          [`${r.path}`, `  sha256 ${r.sha256} · ${r.privacy} · ${r.files.length} files · verified ✓`, ...r.warnings.map((w) => `  warning: ${w}`)].join("\n"),
        );
      });
    });

  program
    .command("import-case <file>")
    .description("check a case bundle and unpack it for read-only viewing (History shows it)")
    .action(async (file: string, _opts, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("insight.importCase", { file }, { signal });
        output(g, r, () => `Imported case ${r.caseId} (run ${r.runId}, ${r.kind}, ${r.privacy}) into ${r.dir}\nView it: codeconductor runs show ${r.caseId} --case, or History → Imported cases.`);
      });
    });
}
