import type { DoctorCheck } from "../shared/contract/system.js";
import type { Handlers } from "../shared/rpc/types.js";
import type { RunHandlers } from "./runs/RunManager.js";

/**
 * A capability plugged into the engine host: its contract handlers, its run kinds, its doctor checks
 * and what it must release on shutdown.
 */
export interface Feature {
  handlers?: Partial<Handlers>;
  /** Handlers of the run kinds this capability declares in the contract, typed by kind. */
  runs?: RunHandlers;
  doctor?: (signal: AbortSignal) => Promise<DoctorCheck[]>;
  /** Release everything owned (processes, servers, models, watchers). Must be idempotent. */
  dispose?: () => Promise<void> | void;
}
