import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../util/createLogger.js";

/**
 * Emergency stop across processes on one data folder: `raise` touches `<dataDir>/control/stop`; every engine
 * watches that folder (inotify on Linux, a 1 s poll as a fallback) and stops its runs when the file changes.
 */
export class StopSignal {
  private readonly dir: string;
  private readonly file: string;
  private watcher: fs.FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSeen = 0;
  private raisedHere = 0;

  constructor(dataDir: string, onStop: () => void, logger: Logger) {
    this.dir = path.join(dataDir, "control");
    this.file = path.join(this.dir, "stop");
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      this.lastSeen = this.mtime();
      const check = (): void => {
        const m = this.mtime();
        if (m > this.lastSeen) {
          this.lastSeen = m;
          // Our own raise stops our runs directly; only a raise from elsewhere triggers here.
          if (m !== this.raisedHere) onStop();
        }
      };
      this.watcher = fs.watch(this.dir, () => check());
      this.watcher.on("error", () => {});
      this.timer = setInterval(check, 1000);
      this.timer.unref();
    } catch (e) {
      logger.warn({ err: (e as Error).message }, "emergency stop from other processes will not reach this one");
    }
  }

  private mtime(): number {
    return fs.statSync(this.file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }

  raise(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(this.file, String(Date.now()));
    this.raisedHere = this.mtime();
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearInterval(this.timer);
  }
}
