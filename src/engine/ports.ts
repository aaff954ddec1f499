import type { WorkerSpawner } from "./inference/embedded/WorkerProcess.js";
/**
 * Interfaces to what differs per shell (Electron, web server, CLI, tests). The engine never reaches the
 * OS for these directly; platform/node and platform/electron implement them.
 */
import type { DoctorCheck } from "../shared/contract/system.js";
import { gateClipboardText } from "./clipboard/gateClipboard.js";

/**
 * What a clipboard read gave, after the size gate (checked on the byte count before any decoding) and the
 * text check (NUL bytes, invalid UTF-8). Refusals carry a message fit for the user ("too large: 52 MB…").
 */
export type ClipboardContent =
  | { kind: "text"; text: string; bytes: number }
  | { kind: "empty" }
  | { kind: "refused"; reason: "too-large" | "binary" | "not-utf8"; bytes: number; message: string };

/** How a clipboard watcher learns of changes: change events (clipboard-event's helper), polling, or not at all. */
export interface ClipboardWatchStatus {
  mode: "events" | "polling" | "unavailable";
  /** Why it is not `events` (helper missing or died, Wayland without data-control…). */
  reason?: string;
}

export interface ClipboardWatcher {
  status(): ClipboardWatchStatus;
  /** Stop watching and release the helper process. Idempotent. */
  stop(): void;
}

export interface ClipboardPort {
  /** Read the clipboard as text, refusing more than `maxBytes` without reading it all. */
  read(options: { maxBytes: number }): Promise<ClipboardContent>;
  writeText(text: string): Promise<void>;
  /**
   * Call back on every clipboard change with its gated content. Uses change events where the platform has
   * them and falls back to polling when the event helper cannot start or dies, reporting it via `onStatus`.
   */
  watch(onChange: (content: ClipboardContent) => void, options: { maxBytes: number; onStatus?: (s: ClipboardWatchStatus) => void }): ClipboardWatcher;
}

/** A global hotkey the app wants: `id` names the action, `accelerator` is Electron syntax ("Control+Alt+Shift+P"). */
export interface HotkeyBinding {
  id: string;
  accelerator: string;
}

export interface HotkeyRegistration {
  /** Which backend holds the keys: Electron's globalShortcut, uiohook-napi in a child process, or none. */
  backend: "globalShortcut" | "uiohook" | "none";
  registered: HotkeyBinding[];
  /** Bindings that could not be registered (taken by another app, unknown key…). */
  failed: Array<HotkeyBinding & { reason: string }>;
  /** Why no backend is active, when `backend` is `none`. */
  reason?: string;
  /** Release every key and the backend's process. Idempotent. */
  dispose(): void;
}

export interface HotkeysPort {
  /** Register global hotkeys; `onPress` gets the binding's id. Never throws: failures are in the result. */
  register(bindings: HotkeyBinding[], onPress: (id: string) => void): Promise<HotkeyRegistration>;
}

/** Whether an OS notification was handed to the system; never a rejection (a toast is not worth failing over). */
export type NotifyResult = { shown: true } | { shown: false; reason: string };

export interface NotificationsPort {
  /** Show an OS notification. Resolves `{shown:false, reason}` when it could not (no daemon, no D-Bus…): log it. */
  notify(n: { title: string; message?: string; level?: "info" | "success" | "warn" | "error" }): Promise<NotifyResult>;
}

export interface FoldersPort {
  /**
   * Show a folder in the OS file manager (Electron: shell.openPath; Node: xdg-open, open or explorer — web mode
   * runs on the user's own machine). A failure (no file manager, no desktop session) is returned, never thrown.
   */
  open(folder: string): Promise<{ opened: boolean; reason?: string }>;
}

export interface PathsPort {
  /** Where config.yaml, the database, logs and caches live. */
  dataDir: string;
}

export interface WorkersPort {
  /** Start a model-worker script (Electron: a utilityProcess, so the RunAsNode fuse can stay off). */
  spawn: WorkerSpawner;
}

export interface Ports {
  /** Checks of this shell's own adapters (clipboard watching, hotkeys, notifications, display…) for `doctor`. */
  doctor(signal: AbortSignal): Promise<DoctorCheck[]>;
  clipboard: ClipboardPort;
  hotkeys: HotkeysPort;
  notifications: NotificationsPort;
  folders: FoldersPort;
  paths: PathsPort;
  /** How model workers are started; omitted = Node child processes. */
  workers?: WorkersPort;
  /** Which shell built the engine. */
  shell: "electron" | "web" | "cli" | "test";
}

/**
 * Ports that do nothing visible: for tests and headless CLI commands. The clipboard is in memory; its watchers
 * hear every write (as change events would), so a loop can be driven without a display.
 */
export function inertPorts(dataDir: string, shell: Ports["shell"] = "test"): Ports {
  let clip = "";
  const watchers = new Set<(c: ClipboardContent) => void>();
  const gate = (maxBytes: number): ClipboardContent => gateClipboardText(clip, maxBytes);
  return {
    shell,
    doctor: async () => [],
    paths: { dataDir },
    clipboard: {
      read: async ({ maxBytes }) => gate(maxBytes),
      writeText: async (t) => {
        clip = t;
        for (const w of [...watchers]) w(gate(Number.MAX_SAFE_INTEGER));
      },
      watch: (onChange, { maxBytes }) => {
        const w = (): void => onChange(gate(maxBytes));
        watchers.add(w);
        return { status: () => ({ mode: "events" }), stop: () => void watchers.delete(w) };
      },
    },
    hotkeys: { register: async () => ({ backend: "none", registered: [], failed: [], reason: "no hotkey backend in this shell", dispose: () => {} }) },
    notifications: { notify: async () => ({ shown: false, reason: "no OS notifications in this shell" }) },
    folders: { open: async () => ({ opened: false, reason: "no file manager in this shell" }) },
  };
}
