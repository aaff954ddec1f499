import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import type { SandboxInfo } from "../../../shared/contract/verify.js";
import { isInside } from "../paths/isInside.js";
import { buildBwrapArgs, readOnlyProjectPaths } from "./buildBwrapArgs.js";
import { CgroupJail } from "./CgroupJail.js";
import { findDependencyLinks, trustedLinkTargets, type DependencyLink } from "./dependencyLinks.js";
import { prepareScratchCopy } from "./prepareScratchCopy.js";
import { rollBackCreated, splitProtected } from "./protectedRunPaths.js";
import type { SandboxProbe } from "./probeSandbox.js";
import { sandboxEnv } from "./sandboxEnv.js";
import { seccompFilter } from "./seccompFilter.js";
import { spawnCapped, type CappedResult } from "./spawnCapped.js";

export interface SandboxLimits {
  timeoutSec: number;
  memoryMiB: number;
  maxProcesses: number;
  outputCapKiB: number;
  maxFileMiB: number;
  /** Size of the sandbox's private /tmp (tmpfs), MiB. */
  tmpMiB: number;
}

/** The real host uid/gid a root-run app runs sandboxed tests as (nobody/nogroup). */
export const SANDBOX_HOST_UID = 65534;

export interface RunSandboxedOptions {
  /** Real path of the project. */
  project: string;
  /** Shell command line (sh -c). */
  command: string;
  probe: SandboxProbe;
  /** Run without bwrap (only after the user's explicit consent). */
  unsandboxed: boolean;
  limits: SandboxLimits;
  scratchCopy?: boolean;
  /** Files laid over a scratch copy (implies `scratchCopy`): check candidates without touching the project. */
  overlay?: Array<{ path: string; content: string }>;
  /** Project-relative files kept read-only during the run (pinned tests). */
  readOnlyFiles?: string[];
  /** Host paths re-exposed read-only inside the hidden home (toolchains). */
  readOnlyPaths?: string[];
  /**
   * Dependency links (`node_modules`, `.venv` … → elsewhere) trusted *before* any test ran; their targets are
   * shown read-only while they still point there. Links not listed are never followed. Defaults to none.
   */
  dependencyLinks?: DependencyLink[];
  extraPath?: string[];
  extraEnv?: Record<string, string>;
  /** The real home to hide. Defaults to `os.homedir()`. */
  hostHome?: string;
  /** Called with the host path of the private /tmp before it is deleted (to collect reports). */
  collect?: (hostTmp: string) => void | Promise<void>;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

export interface SandboxedResult extends CappedResult {
  sandbox: SandboxInfo;
  /** Processes of the run still alive after it was torn down (should be empty). */
  leftovers: number[];
}

interface Invocation {
  file: string;
  args: string[];
  env: Record<string, string>;
  stdio: Array<"ignore" | "pipe" | number>;
  cleanup: () => void;
}

/**
 * Run a command in the bubblewrap sandbox (or, with consent, without it) under a wall-clock timeout that kills
 * the whole tree, memory/process/file-size caps and an output cap keeping head and tail. Never throws for what
 * the command does; throws `cancelled` when `signal` aborts (after killing everything).
 */
export async function runSandboxed(o: RunSandboxedOptions): Promise<SandboxedResult> {
  throwIfAborted(o.signal);
  if (!o.unsandboxed && !o.probe.available) throw new AppError(ErrorCode.Unavailable, `No sandbox: ${o.probe.detail}`);
  const isRoot = process.getuid?.() === 0;
  if (isRoot && !o.unsandboxed && !o.probe.setpriv) {
    throw new AppError(ErrorCode.Unavailable, "Running as root, the sandbox needs setpriv (util-linux) to run tests as an unprivileged user; install util-linux or run CodeConductor as a normal user");
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-sbx-"));
  const notes: string[] = [];
  // Test runs must not create editor/agent/VCS configs: existing ones are mounted read-only, new ones removed after.
  const guarded = splitProtected(o.project);
  // Root is exempt from RLIMIT_NPROC, so a root-run app caps processes (and total memory) with a cgroup.
  const jail = isRoot ? CgroupJail.create(o.limits.maxProcesses, o.limits.memoryMiB * 1024 * 1024 * 2) : null;
  let inv: Invocation | null = null;
  try {
    inv = o.unsandboxed ? unsandboxedInvocation(o, tmpDir, notes) : bwrapInvocation(o, tmpDir, notes, guarded.existing, isRoot);
    let { file, args } = inv;
    if (jail) {
      // Join the cgroup before anything forks: a tiny shell writes its own pid, then execs the real command.
      args = ["-c", 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"', "sh", ...jail.procsFiles, "--", file, ...args];
      file = "/bin/sh";
    }
    const processCapBy: SandboxInfo["limits"]["processCapBy"] = jail ? "cgroup" : !o.unsandboxed && !isRoot && o.probe.prlimit ? "rlimit" : "none";
    if (processCapBy === "none") notes.push(isRoot ? "no process cap: root without a writable cgroup (RLIMIT_NPROC does not apply to root)" : "no process cap outside the sandbox");
    const l = o.limits;
    const sandbox: SandboxInfo = {
      mode: o.unsandboxed ? "unsandboxed" : "bwrap",
      limits: { timeoutSec: l.timeoutSec, memoryMiB: l.memoryMiB, maxProcesses: processCapBy === "none" ? null : l.maxProcesses, processCapBy, outputCapKiB: l.outputCapKiB },
      notes,
    };
    const r = await spawnCapped(file, args, { cwd: o.project, env: inv.env, stdio: inv.stdio, capBytes: l.outputCapKiB * 1024, timeoutMs: l.timeoutSec * 1000, jail, signal: o.signal, onOutput: o.onOutput });
    if (r.exitCode === 97 && jail) notes.push("could not join the cgroup");
    const leftovers = jail ? await jail.dispose() : [];
    await o.collect?.(tmpDir);
    return { ...r, leftovers, sandbox };
  } finally {
    await jail?.dispose();
    inv?.cleanup();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    rollBackCreated(o.project, guarded.missing, notes);
  }
}

function limitBytes(l: SandboxLimits): { dataBytes: number; fileBytes: number; processes: number } {
  return { dataBytes: l.memoryMiB * 1024 * 1024, fileBytes: l.maxFileMiB * 1024 * 1024, processes: l.maxProcesses };
}

function unsandboxedInvocation(o: RunSandboxedOptions, tmpDir: string, notes: string[]): Invocation {
  const home = path.join(tmpDir, "home");
  fs.mkdirSync(home);
  const env = { ...sandboxEnv(home, o.extraPath, o.extraEnv), TMPDIR: tmpDir };
  const l = limitBytes(o.limits);
  notes.push("UNSANDBOXED: the tests ran with your user's rights, network and files (you consented for this project)");
  // No user namespace, so RLIMIT_NPROC would count every process of the user: only data and file size are capped.
  const pre = o.probe.prlimit ? [`--data=${l.dataBytes}`, `--fsize=${l.fileBytes}`, "--core=0", "--"] : [];
  return o.probe.prlimit
    ? { file: o.probe.prlimit, args: [...pre, "/bin/sh", "-c", o.command], env, stdio: ["ignore", "pipe", "pipe"], cleanup: () => {} }
    : { file: "/bin/sh", args: ["-c", o.command], env, stdio: ["ignore", "pipe", "pipe"], cleanup: () => {} };
}

function bwrapInvocation(o: RunSandboxedOptions, tmpDir: string, notes: string[], protectedExisting: string[], isRoot: boolean): Invocation {
  const home = o.hostHome ?? os.homedir();
  // As root the tests run as a real unprivileged uid, which cannot write the (root-owned) project: they get a
  // scratch copy owned by that uid instead.
  const runAs = isRoot ? { uid: SANDBOX_HOST_UID, gid: SANDBOX_HOST_UID, setpriv: o.probe.setpriv! } : null;
  const scratch = o.scratchCopy || o.overlay || runAs ? prepareScratchCopy(o.project) : null;
  let seccompFd: number | null = null;
  const cleanup = (): void => {
    if (seccompFd !== null) fs.closeSync(seccompFd);
    scratch?.dispose();
  };
  try {
    const reportDir = path.join(tmpDir, "cc-report");
    fs.mkdirSync(reportDir);
    if (scratch) {
      for (const f of o.overlay ?? []) writeOverlay(scratch.dir, f);
      notes.push("ran in a scratch copy of the project; its changes were discarded");
    }
    if (runAs) {
      chownTree(scratch!.dir, runAs.uid, runAs.gid);
      fs.chownSync(reportDir, runAs.uid, runAs.gid);
      notes.push(`running as root: the tests ran as host uid ${runAs.uid} (no capabilities), not as root`);
    }
    const stdio: Invocation["stdio"] = ["ignore", "pipe", "pipe"];
    const filter = seccompFilter();
    if (filter) {
      // Hand bwrap the program through an unlinked file: fd 3 in the child.
      const f = path.join(tmpDir, ".seccomp");
      fs.writeFileSync(f, filter, { mode: 0o600 });
      seccompFd = fs.openSync(f, "r");
      fs.rmSync(f);
      stdio.push(seccompFd);
    } else notes.push(`no seccomp filter for ${process.arch}: Unix sockets are hidden (/run), not blocked`);
    // Only links trusted before any test ran, re-checked against the hidden places: a test cannot plant one.
    const safeNow = new Set(findDependencyLinks(o.project, [home]).map((l) => `${l.name}\0${l.target}`));
    const trusted = (o.dependencyLinks ?? []).filter((l) => safeNow.has(`${l.name}\0${l.target}`));
    const extra = [...(o.readOnlyPaths ?? []), ...trustedLinkTargets(o.project, trusted, notes)];
    if (process.execPath.startsWith(`${home}/`)) extra.push(path.dirname(path.dirname(process.execPath)));
    const args = buildBwrapArgs({
      project: o.project,
      workSource: scratch?.dir ?? o.project,
      reportDir,
      hideHomes: [home],
      // Sources are host paths: in scratch mode the originals (identical, read-only) are mounted into the copy.
      readOnlyInProject: [...readOnlyProjectPaths(o.project, protectedExisting, o.readOnlyFiles ?? []), ...(scratch?.sharedDirs ?? []).map((d) => path.join(o.project, d))],
      readOnlyExtra: extra,
      env: sandboxEnv(home, o.extraPath, o.extraEnv),
      runAs,
      tmpBytes: o.probe.canSizeTmpfs ? o.limits.tmpMiB * 1024 * 1024 : null,
      seccompFd: filter ? 3 : null,
      disableUserns: o.probe.canDisableUserns,
      limits: limitBytes(o.limits),
      prlimit: o.probe.prlimit,
      command: o.command,
    });
    if (!o.probe.canSizeTmpfs) notes.push(`bubblewrap ${o.probe.version ?? "?"} cannot size a tmpfs: /tmp is not capped in total`);
    return { file: o.probe.bwrap!, args, env: {}, stdio, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Hand a scratch copy to the sandbox uid (lchown: symlinks themselves, never their targets). */
function chownTree(dir: string, uid: number, gid: number): void {
  fs.lchownSync(dir, uid, gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else fs.lchownSync(p, uid, gid);
  }
}

function writeOverlay(dir: string, f: { path: string; content: string }): void {
  const rel = f.path.replace(/\\/g, "/");
  const target = path.resolve(dir, rel);
  if (path.isAbsolute(rel) || rel.split("/").includes("..") || !isInside(dir, target) || target === dir) {
    throw new AppError(ErrorCode.InvalidInput, `Overlay path outside the project: ${f.path}`);
  }
  // A symlinked folder copied from the project must not carry the write elsewhere.
  let cur = dir;
  for (const seg of rel.split("/").slice(0, -1)) {
    cur = path.join(cur, seg);
    if (fs.lstatSync(cur, { throwIfNoEntry: false })?.isSymbolicLink()) throw new AppError(ErrorCode.InvalidInput, `Overlay path goes through a symlink: ${f.path}`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true }); // replace a copied file or symlink, never write through it
  fs.writeFileSync(target, f.content, { flag: "wx" });
}
