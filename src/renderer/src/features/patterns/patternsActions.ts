import type { AppError } from "../../../../shared/contract/errors.js";
import type { Thumbs } from "../../../../shared/contract/learning.js";
import type { RpcClient } from "../../../../shared/rpc/RpcClient.js";
import { getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

const state = () => useAppStore.getState();

async function guarded<T>(fn: (client: RpcClient) => Promise<T>): Promise<T | undefined> {
  state().setPatternsBusy(true);
  state().setPatternsError(null);
  try {
    return await fn(await getClient());
  } catch (e) {
    state().setPatternsError((e as AppError).message);
    return undefined;
  } finally {
    state().setPatternsBusy(false);
  }
}

/** Search or list with the current query form. */
export async function loadPatterns(): Promise<void> {
  await guarded(async (c) => {
    const q = state().patternQuery;
    state().setPatterns(await c.call("patterns.list", { ...q, query: q.query?.trim() || undefined }));
  });
}

export async function loadStats(): Promise<void> {
  await guarded(async (c) => {
    state().setPatternStats(await c.call("patterns.stats", {}));
    state().setLearningStatus(await c.call("learn.status", {}));
  });
}

export async function openPattern(id: string | null): Promise<void> {
  if (!id) return state().setPatternDetail(null);
  await guarded(async (c) => state().setPatternDetail(await c.call("patterns.get", { id })));
}

export async function deletePattern(id: string): Promise<void> {
  const ok = await guarded(async (c) => {
    await c.call("patterns.delete", { id });
    if (state().patternDetail?.id === id) state().setPatternDetail(null);
    return true;
  });
  if (ok) await loadPatterns();
}

export async function sendFeedback(patternId: string, thumbs: Thumbs, note: string): Promise<void> {
  const ok = await guarded(async (c) => {
    await c.call("learn.feedback", { patternId, thumbs, note });
    state().setPatternsMessage(`Feedback saved (${thumbs === "up" ? "👍" : "👎"})`);
    return true;
  });
  if (ok) await openPattern(patternId);
}

/** Download the library as a JSON file (the browser saves it; nothing leaves the machine). */
export async function exportPatterns(): Promise<void> {
  await guarded(async (c) => {
    const doc = await c.call("patterns.export", {});
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `codeconductor-patterns-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    state().setPatternsMessage(`Exported ${doc.patterns.length} pattern(s)`);
  });
}

/** Import a file; a refusal stays on screen with its reason (the list is reloaded only after a success). */
export async function importPatterns(file: File): Promise<void> {
  state().setPatternsMessage(null);
  const r = await guarded(async (c) => c.call("patterns.import", { text: await file.text() }));
  if (!r) return;
  state().setPatternsMessage(`Imported ${r.imported} pattern(s); ${r.duplicates} already present`);
  await loadPatterns();
}

const attached = new WeakSet<RpcClient>();

/** Library changes and selector decisions refresh what is on screen. Called from attachEngineEvents. */
export async function attachLearningEvents(client: RpcClient): Promise<void> {
  if (attached.has(client)) return;
  attached.add(client);
  await client.subscribe("patterns.changed", () => {
    const v = state().view;
    if (v === "patterns") void loadPatterns();
    if (v === "learning") void loadStats();
  });
  await client.subscribe("learn.decision", () => {
    if (state().view === "learning") void loadStats();
  });
}
