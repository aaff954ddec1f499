import type { RpcClient } from "../shared/rpc/RpcClient.js";
import { runData } from "../shared/rpc/runToCompletion.js";

const label = (stage: string, iteration: number): string => `Run: ${stage.replace(/_/g, " ")} (iteration ${iteration})`;

/**
 * Follow every conductor loop's stage and report the newest active one as a label ("Run: await code
 * (iteration 1)"), or null when none runs. Run summaries say when a loop starts and ends; only loops' own
 * event streams are followed (not every run's tokens). Loops already running come from `conductor.status`.
 * Returns the unsubscribe function.
 */
export async function followLoopStages(client: RpcClient, onStage: (label: string | null) => void): Promise<() => void> {
  const active = new Map<string, { label: string; off?: () => void }>();
  const show = (): void => onStage([...active.values()].at(-1)?.label ?? null);
  const follow = async (runId: string, initial: string): Promise<void> => {
    if (active.has(runId)) return;
    const entry: { label: string; off?: () => void } = { label: initial };
    active.set(runId, entry);
    show();
    entry.off = await client.subscribe(
      "run.event",
      (e) => {
        const s = runData("conductor.loop", "stage", e);
        if (s && active.get(runId) === entry) {
          entry.label = label(s.stage, s.iteration);
          show();
        }
      },
      runId,
    );
    if (active.get(runId) !== entry) entry.off();
  };
  const offSummary = await client.subscribe("run.summary", (r) => {
    if (r.kind !== "conductor.loop") return;
    if (r.status === "running") void follow(r.runId, r.title ?? "Run: starting").catch(() => {});
    else if (active.has(r.runId)) {
      active.get(r.runId)!.off?.();
      active.delete(r.runId);
      show();
    }
  });
  try {
    for (const r of (await client.call("conductor.status", {})).active) void follow(r.runId, label(r.stage, r.iteration)).catch(() => {});
  } catch {
    // An engine without the conductor yet: loops show up when they start.
  }
  return () => {
    offSummary();
    for (const a of active.values()) a.off?.();
    active.clear();
  };
}
