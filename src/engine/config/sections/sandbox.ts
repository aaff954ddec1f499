import { z } from "zod";

/** Config section `sandbox` (owned by the verify capability): how project tests are contained. */
export const SandboxSection = z
  .object({
    /** Run tests in a scratch copy of the project (changes discarded) instead of the project itself. Defaults to `false`. */
    scratchCopy: z.boolean().default(false),
    /** Wall-clock limit per test run, seconds; the whole process tree is killed after it. Defaults to `300`. */
    timeoutSec: z.number().positive().default(300),
    /** Per-process data (heap) limit, MiB (RLIMIT_DATA; plus a cgroup cap on the whole tree when available). Defaults to `2048`. */
    memoryMiB: z.number().int().min(64).default(2048),
    /** Processes/threads the sandbox may have at once. Defaults to `256`. */
    maxProcesses: z.number().int().min(8).default(256),
    /** Captured output kept per run, KiB (head and tail halves). Defaults to `1024`. */
    outputCapKiB: z.number().int().min(16).default(1024),
    /** Largest file the sandbox may write, MiB (RLIMIT_FSIZE). Defaults to `1024`. */
    maxFileMiB: z.number().int().min(1).default(1024),
    /** Size of the sandbox's private /tmp (a tmpfs, counted in memory), MiB. Defaults to `512`. */
    tmpMiB: z.number().int().min(16).default(512),
    /** bubblewrap executable (name on PATH or absolute path). Defaults to `"bwrap"`. */
    bwrapPath: z.string().min(1).default("bwrap"),
    /** Extra host paths made visible read-only inside a hidden home (toolchains such as ~/.cargo). */
    readOnlyPaths: z.array(z.string()).default([]),
  })
  .prefault({});
