import type { RpcClient } from "../../../../shared/rpc/RpcClient.js";
import { call, getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

const attached = new WeakSet<RpcClient>();

/**
 * Feed `models.health` and `models.changed` into the store. Meant to be called from attachEngineEvents
 * (the one place engine events enter the store); the view calls it too, and it subscribes once per client.
 */
export async function attachModelsEvents(client: RpcClient): Promise<void> {
  if (attached.has(client)) return;
  attached.add(client);
  await client.subscribe("models.health", (h) => useAppStore.getState().applyBackendHealth(h));
  await client.subscribe("models.changed", ({ models }) => useAppStore.getState().setModelsList({ models }));
}

/** List models (rediscovering when `refresh`) and backend health. */
export async function refreshModels(refresh = false): Promise<void> {
  const s = useAppStore.getState();
  s.setModelsLoading(true);
  try {
    const client = await getClient();
    await attachModelsEvents(client);
    const list = await call(refresh ? "models.refresh" : "models.list", {});
    s.setModelsList(list);
    if (refresh) void call("models.health", { probe: true }).then((h) => useAppStore.getState().setModelsList({ models: useAppStore.getState().models, backends: h.backends }));
  } catch (e) {
    s.setModelsError((e as Error).message);
  } finally {
    s.setModelsLoading(false);
  }
}

/** Load or unload an embedded model; the list refreshes through `models.changed`. */
export async function setModelLoaded(modelId: string, load: boolean): Promise<void> {
  const s = useAppStore.getState();
  s.setModelBusy(modelId, load ? "loading" : "unloading");
  try {
    if (load) await call("models.load", { modelId });
    else await call("models.unload", { modelId });
  } catch (e) {
    s.pushToast({ level: "error", title: load ? "Could not load model" : "Could not unload model", message: (e as Error).message });
  } finally {
    s.setModelBusy(modelId, null);
  }
}

/** Start a `models.chat` run for the test prompt; tokens stream in through run events. */
export async function startTestPrompt(): Promise<void> {
  const s = useAppStore.getState();
  const { modelId, prompt } = s.testPrompt;
  if (!modelId || !prompt.trim()) return;
  s.setTestPrompt({ error: null, runId: null });
  try {
    const { runId } = await call("runs.start", { kind: "models.chat", input: { modelId, prompt, sampling: { maxTokens: 256 } } });
    s.setTestPrompt({ runId });
  } catch (e) {
    s.setTestPrompt({ error: (e as Error).message });
  }
}

export async function cancelTestPrompt(runId: string): Promise<void> {
  await call("runs.cancel", { runId });
}
