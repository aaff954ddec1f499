import { getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

const store = useAppStore.getState;
const day = (d: string, end = false): number | undefined => (d ? Date.parse(`${d}T00:00:00`) + (end ? 86_400_000 : 0) : undefined);
const fail = (e: unknown): void => store().setHistoryError((e as Error).message);

/** Reload the run list with the current filters, and the imported cases. */
export async function loadHistory(): Promise<void> {
  const f = store().historyFilters;
  try {
    const c = await getClient();
    const r = await c.call("insight.runs", { kind: f.kind || undefined, status: f.status || undefined, project: f.project || undefined, since: day(f.from), until: day(f.to, true), limit: 200 });
    store().setHistoryList(r.runs, r.kinds, { keepRuns: r.keepRuns, keepExports: r.keepExports });
    store().setHistoryCases((await c.call("insight.cases", {})).cases);
    store().setHistoryKpis(await c.call("insight.kpis", { since: day(f.from), kind: f.kind || undefined, limit: 500 }));
  } catch (e) {
    fail(e);
  }
}

export async function openRun(runId: string): Promise<void> {
  try {
    store().setHistoryDetail(await (await getClient()).call("insight.runShow", { runId }));
  } catch (e) {
    fail(e);
  }
}

export async function openCase(caseId: string): Promise<void> {
  try {
    store().setHistoryDetail(await (await getClient()).call("insight.openCase", { caseId }));
  } catch (e) {
    fail(e);
  }
}

export async function importCaseFile(file: string): Promise<void> {
  try {
    const r = await (await getClient()).call("insight.importCase", { file });
    await loadHistory();
    await openCase(r.caseId);
  } catch (e) {
    fail(e);
  }
}

/** Start the same kind with the same input again, then show the new run. */
export async function rerun(): Promise<void> {
  const d = store().historyDetail;
  if (!d || d.caseId) return;
  try {
    const { runId } = await (await getClient()).call("runs.start", { kind: d.run.kind, input: d.input, detached: true });
    await loadHistory();
    await openRun(runId);
  } catch (e) {
    fail(e);
  }
}

export async function deleteRun(runId: string): Promise<void> {
  try {
    await (await getClient()).call("insight.deleteRun", { runId });
    store().setHistoryDetail(null);
    await loadHistory();
  } catch (e) {
    fail(e);
  }
}
