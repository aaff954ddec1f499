import type { ClipboardPort } from "../engine/ports.js";
import type { Notice } from "../shared/contract/system.js";
import type { RpcClient } from "../shared/rpc/RpcClient.js";

/** LoopRunInput.task's limit (characters ≤ bytes). */
const TASK_MAX_BYTES = 100_000;

/**
 * Tray "Start run from clipboard": the clipboard text is the task, the most recently analyzed project is the
 * project, the clipboard generator brings the code. Problems are said in a notification, never thrown.
 */
export async function startRunFromClipboard(deps: { client: RpcClient; clipboard: ClipboardPort; notify: (n: Omit<Notice, "at">) => void }): Promise<string | null> {
  const say = (message: string): void => deps.notify({ title: "Start run from clipboard", message, level: "warn" });
  const clip = await deps.clipboard.read({ maxBytes: TASK_MAX_BYTES }).catch((e: Error) => ({ kind: "error" as const, message: e.message }));
  if (clip.kind !== "text" || !clip.text.trim()) {
    say(clip.kind === "refused" || clip.kind === "error" ? `The clipboard was not used: ${clip.message}` : "Copy the task (what you want built) first: the clipboard holds no text.");
    return null;
  }
  try {
    const project = (await deps.client.call("project.recent", {})).projects[0]?.root;
    if (!project) {
      say("Analyze a project first (Project view): the run uses the last analyzed project.");
      return null;
    }
    // Detached: the run belongs to the engine, not to this in-process connection.
    const { runId } = await deps.client.call("runs.start", { kind: "conductor.loop", input: { task: clip.text.trim(), project, generator: "clipboard" }, detached: true });
    return runId;
  } catch (e) {
    say(`The run did not start: ${(e as Error).message}`);
    return null;
  }
}
