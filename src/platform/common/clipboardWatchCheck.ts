import type { DoctorCheck } from "../../shared/contract/system.js";
import type { ClipboardSession } from "./clipboardSession.js";
import { startClipboardEvents } from "./startClipboardEvents.js";

const title = "Clipboard watching";

/**
 * Doctor check `clipboard`: starts the change-event helper for a moment, as a watch would, and says whether
 * answers will be detected by events, by polling (and why), or not at all.
 */
export async function clipboardWatchCheck(session: ClipboardSession, unavailable: string | null, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<DoctorCheck> {
  if (unavailable) return { id: "clipboard", title, status: "warn", detail: `unavailable: ${unavailable}`, fix: "Answers can still be pasted in the app or captured with the capture hotkey/button." };
  let failure: string | undefined;
  const started = startClipboardEvents(session, env, { onChange: () => {}, onFail: (r) => (failure = r) });
  if ("problem" in started)
    return { id: "clipboard", title, status: "warn", detail: `polling every 500 ms: ${started.problem}`, fix: "Reinstall dependencies (`npm ci`) for clipboard-event's helper; detection still works, only slower." };
  // A helper that cannot open the display dies at once; one that is still up after a moment is listening.
  await new Promise<void>((r) => {
    const t = setTimeout(r, 300);
    signal.addEventListener("abort", () => (clearTimeout(t), r()), { once: true });
  });
  started.stop();
  return failure
    ? { id: "clipboard", title, status: "warn", detail: `polling every 500 ms: ${failure}`, fix: "Check that the display is reachable and the XFixes extension present; detection still works, only slower." }
    : { id: "clipboard", title, status: "ok", detail: `change events from ${started.source.replace(/ \(pid.*$/, "")}` };
}
