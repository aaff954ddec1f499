import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunDetail } from "../../shared/contract/insight.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import { APP_VERSION } from "../version.js";
import { buildTimeline } from "./buildTimeline.js";
import { exportCase } from "./bundle/exportCase.js";
import { listBundles } from "./bundle/exportRetention.js";
import { importCase } from "./bundle/importCase.js";
import { listCases, openCase } from "./bundle/openCase.js";
import { computeRunKpis } from "./computeRunKpis.js";
import { configDigest } from "./configDigest.js";
import { cursorChecks } from "./doctor/cursorChecks.js";
import { kpiReport } from "./kpiReport.js";
import { listHistory } from "./listHistory.js";
import { loadRunRecord } from "./loadRunRecord.js";
import { Redactor } from "./redact/Redactor.js";
import { RunHistory } from "./RunHistory.js";

/** The redactor for one export: this machine's home, user and host, and (by default) its environment. */
export function machineRedactor(ctx: EngineContext, projectDir?: string, redactEnv = true): Redactor {
  return new Redactor({ projectDir, homeDir: os.homedir(), userName: os.userInfo().username, hostName: os.hostname(), dataDir: ctx.dataDir, env: redactEnv ? process.env : {} });
}

/**
 * Run history and replay data, KPIs, case bundles (export with redaction, import for viewing). The run log
 * is the RunManager's; applies and test runs are verify's tables, read here.
 */
export function createInsightFeature(ctx: EngineContext): Feature {
  const history = new RunHistory(ctx.db, ctx.dbReadOnly);
  const digest = configDigest(ctx.config);
  const exportDir = (): string => ctx.config.insight.export.dir ?? path.join(ctx.dataDir, "exports");
  const casesDir = path.join(ctx.dataDir, "cases");
  try {
    const n = history.prune(ctx.config.insight.history.keepRuns);
    if (n) ctx.logger.info({ deleted: n }, "insight: pruned old runs");
  } catch (e) {
    ctx.logger.error({ err: (e as Error).message }, "insight: pruning runs failed");
  }
  const detail = (runId: string): RunDetail => {
    const rec = loadRunRecord(ctx.db, runId);
    if (!rec) throw new AppError(ErrorCode.NotFound, `No run ${runId}`);
    const live = ctx.runs.running().find((r) => r.runId === runId);
    const run = live ?? rec.run;
    return { run, input: rec.input, ...(rec.result !== undefined ? { result: rec.result } : {}), events: rec.events, timeline: buildTimeline(rec), applies: rec.applies, kpis: computeRunKpis({ ...rec, run }, ctx.config, digest) };
  };
  return {
    handlers: {
      "insight.runs": async (filter) => ({ ...listHistory(ctx.db, filter), keepRuns: ctx.config.insight.history.keepRuns, keepExports: ctx.config.insight.export.keep }),
      "insight.runShow": async ({ runId }) => detail(runId),
      "insight.kpis": async ({ since, kind, limit }) => kpiReport(ctx.db, ctx.config, digest, { since, kind, limit }),
      "insight.deleteRun": async ({ runId }) => ({ deleted: history.delete(runId, (id) => ctx.runs.running().some((r) => r.runId === id)) }),
      "insight.export": async ({ runId, latest, privacy, includeRaw, redactEnv, outDir }) => {
        const id = runId ?? (latest !== false ? ctx.runs.list(1)[0]?.runId : undefined);
        if (!id) throw new AppError(ErrorCode.NotFound, "No run to export: give a run id or run something first.");
        const project = (loadRunRecord(ctx.db, id)?.input as { project?: unknown; projectDir?: unknown } | undefined) ?? {};
        const projectDir = typeof project.project === "string" ? project.project : typeof project.projectDir === "string" ? project.projectDir : undefined;
        return exportCase({
          db: ctx.db,
          config: ctx.config,
          digest,
          appVersion: APP_VERSION,
          runId: id,
          privacy: privacy ?? ctx.config.insight.export.privacy,
          includeRaw: includeRaw ?? false,
          outDir: outDir ?? exportDir(),
          keep: ctx.config.insight.export.keep,
          maxFileBytes: ctx.config.insight.export.maxFileBytes,
          redactor: machineRedactor(ctx, projectDir ? path.resolve(projectDir) : undefined, redactEnv ?? true),
        });
      },
      "insight.exports": async () => ({ dir: exportDir(), files: listBundles(exportDir()).map((b) => ({ ...b, mtime: Math.round(b.mtime) })) }),
      "insight.openExportsFolder": async () => {
        const dir = exportDir();
        fs.mkdirSync(dir, { recursive: true });
        return { dir, ...(await ctx.ports.folders.open(dir)) };
      },
      "insight.clearExports": async () => {
        const all = listBundles(exportDir());
        for (const b of all) fs.rmSync(b.path, { force: true });
        return { removed: all.length };
      },
      "insight.importCase": async ({ file }) => importCase(path.resolve(file), casesDir),
      "insight.cases": async () => ({ cases: listCases(casesDir) }),
      "insight.openCase": async ({ caseId }) => openCase(casesDir, caseId),
      "insight.doctorCursor": async ({ project }, { signal }) => ({ checks: await cursorChecks(ctx.ports, path.resolve(project ?? process.cwd()), signal) }),
    },
  };
}
