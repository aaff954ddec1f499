import cliProgress from "cli-progress";
import type { RunEvent } from "../../shared/contract/runs.js";
import { terminalSafe } from "../terminalSafe.js";

/**
 * Progress for a run on stderr: a bar on a terminal, a line per 10 % otherwise, nothing with `--json`.
 * Returns the event handler and `stop` (call it before printing the result).
 */
export function followProgress(json: boolean | undefined): { onEvent: (e: RunEvent) => void; stop: () => void } {
  if (json) return { onEvent: () => {}, stop: () => {} };
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: " {bar} {percentage}% | {msg}", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  let lastTenth = -1;
  return {
    onEvent: (e) => {
      if (e.type === "log" && e.level !== "debug") {
        if (bar && started) bar.stop();
        process.stderr.write(terminalSafe(`${e.level === "info" ? "" : `${e.level}: `}${e.message}\n`));
        started = false;
      }
      if (e.type !== "progress") return;
      if (bar) {
        if (!started) bar.start(1000, 0, { msg: "" });
        started = true;
        bar.update(Math.round(e.fraction * 1000), { msg: e.message ?? "" });
        return;
      }
      const tenth = Math.floor(e.fraction * 10);
      if (tenth !== lastTenth) process.stderr.write(terminalSafe(`${(lastTenth = tenth) * 10}% ${e.message ?? ""}\n`));
    },
    stop: () => {
      if (bar && started) bar.stop();
      started = false;
    },
  };
}
