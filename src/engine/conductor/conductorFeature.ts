import type { DoctorCheck } from "../../shared/contract/system.js";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import { AttemptStore } from "./AttemptStore.js";
import { makeGenerator } from "./generators/makeGenerator.js";
import { LoopHotkeys } from "./LoopHotkeys.js";
import type { LoopDeps } from "./LoopDeps.js";
import { LoopSession, LoopSessions } from "./LoopSession.js";
import { runLoop } from "./runLoop.js";
import { StopSignal } from "./StopSignal.js";

/** Engine services the conductor reaches other capabilities through (wired by createEngine). */
export type ConductorWiring = Pick<LoopDeps, "call" | "child" | "knownErrors"> & {
  /** Kill inference worker processes (part of the emergency stop). */
  killWorkers(): Promise<void>;
};

/**
 * The conductor loop: one run kind (`conductor.loop`) joining the ensemble, verify and the platform (clipboard,
 * hotkeys, notifications), plus the methods the UI, hotkeys and tray drive it with, and a cross-process stop.
 */
export function createConductorFeature(ctx: EngineContext, wiring: ConductorWiring): Feature {
  const cfg = ctx.config.conductor;
  const sessions = new LoopSessions();
  const attempts = new AttemptStore(ctx.dbReadOnly ? null : ctx.db);
  const toast: LoopDeps["toast"] = (n) => {
    if (cfg.notifications === "off") return;
    ctx.notify(n);
    if (cfg.notifications === "os")
      void ctx.ports.notifications
        .notify(n)
        .then((r) => (r.shown ? undefined : ctx.logger.debug({ reason: r.reason }, "OS notification not shown")))
        .catch((e: Error) => ctx.logger.debug({ err: e.message }, "OS notification failed"));
  };
  const stopAll = (reason: string): number => {
    const n = ctx.runs.cancelAll(reason);
    void wiring.killWorkers().catch((e: Error) => ctx.logger.warn({ err: e.message }, "emergency stop: could not end the model workers"));
    if (n) toast({ level: "warn", title: "Emergency stop", message: `${n} run(s) stopped` });
    return n;
  };
  const stopSignal = new StopSignal(ctx.dataDir, () => stopAll("Emergency stop (from another CodeConductor process)"), ctx.logger);
  const hotkeys = new LoopHotkeys(ctx, {
    copyPrompt: () => copyPrompt(),
    capture: () => void capture(undefined, "hotkey").catch(() => {}),
    approve: () => {
      try {
        sessions.pick().decide({ approved: true, approve: "all", confirmProtected: [], by: "hotkey" });
      } catch (e) {
        ctx.logger.info({ err: (e as Error).message }, "approve hotkey: nothing to approve");
      }
    },
    runTests: () => sessions.all().at(-1)?.generator?.flush?.(),
    stop: () => void stopEverywhere(),
  });
  if (ctx.ports.shell === "web" || ctx.ports.shell === "electron") void hotkeys.ensure();

  const deps: LoopDeps = {
    ctx,
    call: wiring.call,
    child: wiring.child,
    knownErrors: wiring.knownErrors,
    attempts,
    toast,
    generator: (input, hooks) => makeGenerator(deps, input, hooks),
  };

  const copyPrompt = async (runId?: string): Promise<boolean> => {
    const s = sessions.pick(runId);
    if (!s.prompt) return false;
    await ctx.ports.clipboard.writeText(s.prompt);
    toast({ level: "success", title: "Prompt copied", message: "Paste it into Cursor.", runId: s.runId });
    return true;
  };
  const capture = async (text: string | undefined, by: "hotkey" | "paste" | "user", runId?: string) => {
    const s = sessions.pick(runId);
    if (!s.generator?.capture) return { runId: s.runId, accepted: false, reason: `the ${s.generator?.kind ?? "current"} generator takes no pasted answer` };
    return { runId: s.runId, ...(await s.generator.capture(text, by)) };
  };
  const stopEverywhere = async (): Promise<number> => {
    const elsewhere = ctx.runs.runningElsewhere();
    if (elsewhere.length) stopSignal.raise();
    const n = stopAll("Emergency stop");
    // Wait (bounded) until the other processes have stopped theirs, so `codeconductor stop` means stopped.
    for (let i = 0; i < 100 && ctx.runs.runningElsewhere().length; i++) await new Promise((r) => setTimeout(r, 100));
    return n + elsewhere.length;
  };

  return {
    handlers: {
      "conductor.approve": async ({ runId, approve, confirmProtected, by }) => {
        const s = sessions.pick(runId);
        s.decide({ approved: true, approve: approve ?? "all", confirmProtected: confirmProtected ?? [], by: by ?? "user" });
        return { runId: s.runId };
      },
      "conductor.reject": async ({ runId, reason }) => {
        const s = sessions.pick(runId);
        s.decide({ approved: false, reason: reason ?? "rejected", by: "user" });
        return { runId: s.runId };
      },
      "conductor.capture": async ({ runId, text, by }) => capture(text, by ?? "paste", runId),
      "conductor.copyPrompt": async ({ runId }) => {
        const s = sessions.pick(runId);
        return { runId: s.runId, copied: await copyPrompt(s.runId) };
      },
      "conductor.runTests": async ({ runId }) => {
        const s = sessions.pick(runId);
        if (!s.generator?.flush) throw new AppError(ErrorCode.Conflict, `the ${s.generator?.kind ?? "current"} generator has nothing to flush; tests run after each apply`);
        s.generator.flush();
        return { runId: s.runId };
      },
      "conductor.stopAll": async () => ({ cancelled: await stopEverywhere() }),
      "conductor.resume": async ({ runId, autoApprove }, { connectionId }) => {
        ctx.runs.resume(runId, autoApprove === undefined ? {} : { autoApprove }, connectionId);
        return { runId };
      },
      "conductor.attempts": async ({ runId, limit }) => ({ attempts: attempts.list({ runId, limit }) }),
      "conductor.status": async () => ({
        active: sessions.all().map((s) => ({ runId: s.runId, stage: s.stage, iteration: s.iteration, title: s.title })),
        hotkeys: hotkeys.status(),
      }),
    },
    runs: {
      "conductor.loop": async (input, run) => {
        const session = new LoopSession(run.runId, input.task.split("\n")[0]!.slice(0, 80));
        sessions.add(session);
        if (cfg.hotkeys.enabled) void hotkeys.ensure();
        try {
          return await runLoop(deps, input, run, session);
        } finally {
          sessions.remove(run.runId);
        }
      },
    },
    doctor: async (): Promise<DoctorCheck[]> => [hotkeys.doctorCheck()],
    dispose: () => {
      hotkeys.dispose();
      stopSignal.dispose();
    },
  };
}
