import { z } from "zod";

/** Default global hotkeys (Electron accelerator syntax). Ctrl+Alt+Shift keeps clear of editors' own shortcuts. */
const DEFAULT_HOTKEYS = {
  copyPrompt: "Control+Alt+Shift+P",
  capture: "Control+Alt+Shift+V",
  approve: "Control+Alt+Shift+A",
  runTests: "Control+Alt+Shift+T",
  stop: "Control+Alt+Shift+S",
};

/** Config section `conductor` (owned by the conductor loop): iterations, waiting, clipboard gate, hotkeys, toasts. */
export const ConductorSection = z
  .object({
    /** Attempts per loop run before it gives up. Defaults to `3`. */
    maxIterations: z.number().int().min(1).max(20).default(3),
    /** Stop early when an attempt fails exactly as the previous one did. Defaults to `true`. */
    stopOnRepeatedFailure: z.boolean().default(true),
    /** How long one attempt waits for code (clipboard, watch) or a command, in seconds. Defaults to `3600`. */
    awaitTimeoutSec: z.number().int().min(1).max(86_400).default(3600),
    /** Watch generator: quiet period before edits count as settled, in ms. Defaults to `1500`. */
    settleMs: z.number().int().min(50).max(600_000).default(1500),
    /** Let a reviewer persona check each candidate against the requirements (needs a model). Defaults to `false`. */
    review: z.boolean().default(false),
    /** Command for the `command` generator when a run gives none (`{promptFile}` placeholder). */
    command: z.string().optional(),
    /** Clipboard answers above this many bytes are taken with a warning. Defaults to 1 MB. */
    clipboardWarnBytes: z.number().int().min(1).default(1_000_000),
    /** Clipboard content above this many bytes is refused before any parsing. Defaults to 8 MB. */
    clipboardMaxBytes: z.number().int().min(1).max(200_000_000).default(8_000_000),
    /** Token budget of fix prompts. Defaults to `6000`. */
    fixPromptTokens: z.number().int().min(256).default(6000),
    hotkeys: z
      .object({
        /** Register global hotkeys (desktop/web app while up; CLI while a loop runs). Defaults to `true`. */
        enabled: z.boolean().default(true),
        copyPrompt: z.string().default(DEFAULT_HOTKEYS.copyPrompt),
        capture: z.string().default(DEFAULT_HOTKEYS.capture),
        approve: z.string().default(DEFAULT_HOTKEYS.approve),
        runTests: z.string().default(DEFAULT_HOTKEYS.runTests),
        stop: z.string().default(DEFAULT_HOTKEYS.stop),
      })
      .prefault({}),
    /** Where loop toasts go: OS notifications and in-app, in-app only, or nowhere. Defaults to `os`. */
    notifications: z.enum(["os", "in-app", "off"]).default("os"),
  })
  .prefault({});
