import type { NotificationsPort, NotifyResult } from "../../engine/ports.js";

/**
 * OS notifications for Node shells through node-notifier (Linux: notify-send → libnotify → the session's
 * D-Bus notification daemon; macOS/Windows: the bundled helpers). A failure — no D-Bus session, no daemon,
 * no notify-send — is returned, never thrown, and remembered for doctor.
 */
export class NodeNotifications implements NotificationsPort {
  lastFailure: string | undefined;

  async notify(n: { title: string; message?: string; level?: "info" | "success" | "warn" | "error" }): Promise<NotifyResult> {
    // Loaded on the first toast, not at start: its module tree costs ~50 ms of every `serve`/CLI launch.
    const notifier = await import("node-notifier").then((m) => m.default, (e: Error) => e);
    if (notifier instanceof Error) {
      this.lastFailure = `node-notifier did not load: ${notifier.message}`;
      return { shown: false, reason: this.lastFailure };
    }
    return new Promise<NotifyResult>((resolve) => {
      const done = (r: NotifyResult): void => {
        this.lastFailure = r.shown ? undefined : r.reason;
        resolve(r);
      };
      try {
        notifier.notify({ title: n.title, message: n.message || n.title, wait: false }, (err: Error | string | null) => {
          // node-notifier passes the tool's stderr as `err` even on success; only an Error is a failure.
          if (err instanceof Error) done({ shown: false, reason: err.message.trim().split("\n").slice(-2).join(" ") });
          else done({ shown: true });
        });
      } catch (e) {
        done({ shown: false, reason: (e as Error).message });
      }
    });
  }
}
