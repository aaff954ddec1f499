import type { WorkerSpawner } from "./inference/embedded/WorkerProcess.js";
/**
 * Interfaces to what differs per shell (Electron, web server, CLI, tests). The engine never reaches the
 * OS for these directly; platform/node and platform/electron implement them.
 */
export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  /** Calls back on clipboard changes; returns stop. Implementations fall back to polling. */
  watch(onChange: (text: string) => void): () => void;
}

export interface HotkeysPort {
  /** Register an accelerator such as "CommandOrControl+Shift+C"; returns unregister. */
  register(accelerator: string, onPress: () => void): () => void;
  /** Whether global hotkeys work in this session (X display with RECORD, etc.). */
  available(): Promise<{ ok: boolean; reason?: string }>;
}

export interface NotificationsPort {
  notify(n: { title: string; message?: string; level?: "info" | "success" | "warn" | "error" }): Promise<void>;
}

export interface DialogsPort {
  /** Ask for a folder; null when cancelled or not possible (web mode uses an in-app picker instead). */
  pickFolder(options?: { title?: string; defaultPath?: string }): Promise<string | null>;
  confirm(options: { title: string; message: string; confirmLabel?: string }): Promise<boolean>;
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
  clipboard: ClipboardPort;
  hotkeys: HotkeysPort;
  notifications: NotificationsPort;
  dialogs: DialogsPort;
  paths: PathsPort;
  /** How model workers are started; omitted = Node child processes. */
  workers?: WorkersPort;
  /** Which shell built the engine. */
  shell: "electron" | "web" | "cli" | "test";
}

/** Ports that do nothing visible: for tests and headless CLI commands. */
export function inertPorts(dataDir: string, shell: Ports["shell"] = "test"): Ports {
  let clip = "";
  return {
    shell,
    paths: { dataDir },
    clipboard: {
      readText: async () => clip,
      writeText: async (t) => {
        clip = t;
      },
      watch: () => () => {},
    },
    hotkeys: { register: () => () => {}, available: async () => ({ ok: false, reason: "no hotkey backend in this shell" }) },
    notifications: { notify: async () => {} },
    dialogs: { pickFolder: async () => null, confirm: async () => false },
  };
}
