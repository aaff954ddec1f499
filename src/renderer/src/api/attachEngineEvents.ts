import type { RpcClient } from "../../../shared/rpc/RpcClient.js";
import { attachModelsEvents } from "../features/models/modelsActions.js";
import { attachLearningEvents } from "../features/patterns/patternsActions.js";
import { useAppStore } from "../store/useAppStore.js";

/** The one place engine events enter the store. */
export async function attachEngineEvents(client: RpcClient): Promise<void> {
  const s = useAppStore.getState();
  // Only notices raised from now on become toasts; earlier ones are listed in History, not replayed on load.
  await client.subscribe("system.notice", ({ at: _at, ...n }) => s.pushToast(n));
  await client.subscribe("run.summary", (r) => useAppStore.getState().upsertRun(r));
  await client.subscribe("run.event", (e) => useAppStore.getState().addRunEvent(e));
  await attachModelsEvents(client);
  await attachLearningEvents(client);
  const info = await client.call("system.info", {});
  s.setInfo(info);
}
