import type { RpcClient } from "../../../shared/rpc/RpcClient.js";
import { attachModelsEvents } from "../features/models/modelsActions.js";
import { attachLearningEvents } from "../features/patterns/patternsActions.js";
import { useAppStore } from "../store/useAppStore.js";

/** The one place engine events enter the store. */
export async function attachEngineEvents(client: RpcClient): Promise<void> {
  const s = useAppStore.getState();
  await client.subscribe("system.notice", (n) => s.pushToast({ level: n.level, title: n.title, message: n.message }));
  await client.subscribe("run.summary", (r) => useAppStore.getState().upsertRun(r));
  await client.subscribe("run.event", (e) => useAppStore.getState().addRunEvent(e));
  await attachModelsEvents(client);
  await attachLearningEvents(client);
  const info = await client.call("system.info", {});
  s.setInfo(info);
  for (const n of info.notices) s.pushToast({ level: n.level, title: n.title, message: n.message });
}
