import type { RpcClient } from "../shared/rpc/RpcClient.js";
import { runData } from "../shared/rpc/runToCompletion.js";

/**
 * Follow every conductor loop's stage through `run.event` and report the newest active one as a label
 * ("Run: await_code (iteration 1)"), or null when none runs. Loops already running (started from the CLI or
 * the window before the tray listened) come from `conductor.status`. Returns the unsubscribe function.
 */
export async function followLoopStages(client: RpcClient, onStage: (label: string | null) => void): Promise<() => void> {
  const active = new Map<string, string>();
  const show = (): void => onStage([...active.values()].at(-1) ?? null);
  const off = await client.subscribe("run.event", (e) => {
    const stage = runData("conductor.loop", "stage", e);
    if (stage) {
      active.delete(e.runId);
      active.set(e.runId, `Run: ${stage.stage.replace(/_/g, " ")} (iteration ${stage.iteration})`);
      show();
    } else if (e.type === "status" && e.status !== "running" && active.delete(e.runId)) show();
  });
  try {
    for (const r of (await client.call("conductor.status", {})).active) if (!active.has(r.runId)) active.set(r.runId, `Run: ${r.stage.replace(/_/g, " ")} (iteration ${r.iteration})`);
    show();
  } catch {
    // An engine without the conductor yet: stages arrive with the next run's events.
  }
  return off;
}
