import type { StateCreator } from "zustand";
import type { RunEvent, RunSummary } from "../../../../shared/contract/runs.js";
import type { Notice, SystemInfo } from "../../../../shared/contract/system.js";
import type { AppState } from "../useAppStore.js";

export type ViewId = "workflow" | "project" | "models" | "history" | "patterns" | "learning" | "settings";
export type ConnectionState = "connecting" | "connected" | "disconnected";

export type Toast = Omit<Notice, "at"> & { id: number };

/** Toasts shown at once; older ones give way (all notices stay listed in History). */
export const MAX_TOASTS = 3;


export interface CoreSlice {
  view: ViewId;
  connection: ConnectionState;
  info: SystemInfo | null;
  toasts: Toast[];
  runs: Record<string, RunSummary>;
  /** Events per run, capped, for live views. */
  runEvents: Record<string, RunEvent[]>;
  setView(view: ViewId): void;
  setConnection(c: ConnectionState): void;
  setInfo(info: SystemInfo): void;
  pushToast(t: Omit<Toast, "id">): void;
  dismissToast(id: number): void;
  upsertRun(r: RunSummary): void;
  addRunEvent(e: RunEvent): void;
}

let toastId = 1;

/** The newest MAX_TOASTS, but a toast that needs action gives way only to others that do. */
function keepNewest(all: Toast[]): Toast[] {
  const out = [...all];
  while (out.length > MAX_TOASTS) {
    const i = out.findIndex((t) => !t.needsAction);
    out.splice(i === -1 ? 0 : i, 1);
  }
  return out;
}
const MAX_EVENTS = 2000;

export const createCoreSlice: StateCreator<AppState, [], [], CoreSlice> = (set) => ({
  view: "workflow",
  connection: "connecting",
  info: null,
  toasts: [],
  runs: {},
  runEvents: {},
  setView: (view) => set({ view }),
  setConnection: (connection) => set({ connection }),
  setInfo: (info) => set({ info }),
  pushToast: (t) => set((s) => ({ toasts: keepNewest([...s.toasts, { ...t, id: toastId++ }]) })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  upsertRun: (r) => set((s) => ({ runs: { ...s.runs, [r.runId]: r } })),
  addRunEvent: (e) =>
    set((s) => {
      const list = s.runEvents[e.runId] ?? [];
      return { runEvents: { ...s.runEvents, [e.runId]: [...list.slice(-(MAX_EVENTS - 1)), e] } };
    }),
});
