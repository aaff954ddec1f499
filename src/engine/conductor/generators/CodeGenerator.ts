import type { GeneratorKind } from "../../../shared/contract/conductor.js";

/** What a generator is asked for one iteration of the loop. */
export interface GeneratorRequest {
  iteration: number;
  /** The prompt (initial or fix) the code generator must answer. */
  prompt: string;
  /** Absolute, resolved project folder. */
  project: string;
  signal: AbortSignal;
  /** What the run is waiting on, for the UI ("waiting for Cursor's answer on the clipboard (events)"). */
  onWaiting(w: { watch: "events" | "polling" | "unavailable" | "n/a"; hint: string }): void;
  /** Something arrived that is not taken as the answer (unrelated clipboard text, our own prompt…). */
  onIgnored(reason: string, bytes: number): void;
  log(level: "debug" | "info" | "warn" | "error", message: string): void;
}

/** One file a generator wrote into the project itself (watch, command): its bytes before, as text, or null if new. */
export interface ChangedFile {
  path: string;
  before: string | null;
  /** Null when the file was deleted. */
  after: string | null;
}

/** What came back for one iteration. */
export type GeneratedCode =
  /** Answer text to parse and apply (clipboard, paste, hotkey capture, a CLI's stdout, the chosen local candidate). */
  | { kind: "answer"; text: string; source: "clipboard" | "hotkey" | "paste" | "command" | "local"; ranking?: CandidateRanking[] }
  /** Files the generator already changed in the project (watch, command): the diff is the answer. */
  | { kind: "files"; source: "watch" | "command"; files: ChangedFile[]; output?: string }
  /** The generator failed (a CLI that reported an error, even with exit code 0): the attempt fails with this reason. */
  | {
      kind: "failed";
      source: "command" | "local";
      reason: string;
      output?: string;
      /** Files a failing command still changed in the project (left there: show them, or roll them back). */
      files?: ChangedFile[];
    };

/** How one local candidate did when run against the tests (execution-based selection). */
export interface CandidateRanking {
  label: string;
  passed: number;
  failed: number;
  /** CodeT-style dual agreement: share of member-generated tests the candidate passes (never used for the reward). */
  agreement: number;
  /** CodeBLEU similarity to the other candidates' medoid (tie-breaker); null when not computed. */
  codebleu: number | null;
  chosen: boolean;
}

/**
 * One way code arrives for a loop run. The loop calls `next` once per iteration; out-of-band inputs (the
 * capture hotkey, the paste box, "test now") reach the generator through `capture`/`flush` while `next` waits.
 */
export interface CodeGenerator {
  readonly kind: GeneratorKind;
  next(req: GeneratorRequest): Promise<GeneratedCode>;
  /** Take this text (or the clipboard, when omitted) as the answer now. Returns why not, when refused. */
  capture?(text: string | undefined, by: "hotkey" | "paste" | "user"): Promise<{ accepted: boolean; reason?: string }>;
  /** Stop waiting for a quiet period and deliver what is there now (watch). */
  flush?(): void;
  /** Release watchers and processes. Idempotent. */
  dispose(): void;
}
