import fs from "node:fs";
import path from "node:path";

export interface BwrapPlan {
  /** Real path of the project: the folder the command runs in. */
  project: string;
  /** Host folder mounted writable at `project` (the project itself, or a scratch copy of it). */
  workSource: string;
  /** Host folder mounted at /tmp (private, per run). */
  tmpDir: string;
  /** Home folders to hide behind empty tmpfs (the user's real home first; it is also HOME inside). */
  hideHomes: string[];
  /** Absolute paths inside the project made read-only (.git, pinned tests, editor folders). */
  readOnlyInProject: string[];
  /** Host paths shown read-only again inside hidden folders (toolchains such as ~/.cargo). */
  readOnlyExtra: string[];
  env: Record<string, string>;
  /** File descriptor (in the child) holding the seccomp program, or null. */
  seccompFd: number | null;
  disableUserns: boolean;
  /** Applied inside the namespaces, where RLIMIT_NPROC counts only the sandbox's own processes. */
  limits: { dataBytes: number; fileBytes: number; processes: number };
  prlimit: string | null;
  /** Shell command line, run with /bin/sh -c. */
  command: string;
}

/** Host files and folders with secrets that stay hidden even though / is visible read-only. */
const SECRET_FILES = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/sudoers"];
const SECRET_DIRS = ["/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d", "/var/tmp", "/var/lib/docker", "/var/lib/sss", "/root"];

/**
 * bubblewrap arguments for one test run: new user (mapped to nobody, no capabilities), pid, net, ipc, uts and
 * cgroup namespaces; / read-only; /run, homes, /var/tmp and secret files hidden; private /tmp and /dev/shm; only the
 * project (or its scratch copy) writable, with .git and pinned tests read-only; clean environment;
 * --die-with-parent and --new-session; resource limits set inside by prlimit.
 */
export function buildBwrapArgs(p: BwrapPlan): string[] {
  const a: string[] = ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox"];
  a.push("--die-with-parent", "--new-session", "--cap-drop", "ALL");
  if (p.disableUserns) a.push("--disable-userns");
  a.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/dev/shm");
  // /run holds host sockets (docker, D-Bus, systemd): connecting needs no network namespace.
  a.push("--tmpfs", "/run");
  if (isRealDir("/var/run")) a.push("--tmpfs", "/var/run");
  for (const d of SECRET_DIRS) if (isRealDir(d)) a.push("--tmpfs", d);
  for (const f of SECRET_FILES) if (isRealFile(f)) a.push("--ro-bind", "/dev/null", f);
  // /tmp first: a home (or anything else below) that lives under /tmp is mounted on top of it, not hidden by it.
  a.push("--bind", p.tmpDir, "/tmp");
  if (isRealDir("/home")) a.push("--tmpfs", "/home");
  for (const h of p.hideHomes) a.push("--tmpfs", h);
  for (const x of p.readOnlyExtra) if (fs.existsSync(x)) a.push("--ro-bind", x, x);
  a.push("--bind", p.workSource, p.project);
  for (const r of p.readOnlyInProject) a.push("--ro-bind", r, r);
  a.push("--chdir", p.project, "--clearenv");
  for (const [k, v] of Object.entries(p.env)) a.push("--setenv", k, v);
  if (p.seccompFd !== null) a.push("--seccomp", String(p.seccompFd));
  a.push("--");
  if (p.prlimit) a.push(p.prlimit, `--nproc=${p.limits.processes}`, `--data=${p.limits.dataBytes}`, `--fsize=${p.limits.fileBytes}`, "--core=0", "--");
  a.push("/bin/sh", "-c", p.command);
  return a;
}

function isRealDir(p: string): boolean {
  try {
    const st = fs.lstatSync(p);
    return st.isDirectory() && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

function isRealFile(p: string): boolean {
  try {
    return fs.lstatSync(p).isFile();
  } catch {
    return false;
  }
}

/** Paths under the project that stay read-only during a run: VCS, editor task folders, and `files` (pinned tests). */
export function readOnlyProjectPaths(project: string, files: string[], maxFiles = 400): string[] {
  const out: string[] = [];
  for (const d of [".git", ".hg", ".svn", ".vscode", ".idea", ".husky"]) if (fs.existsSync(path.join(project, d))) out.push(path.join(project, d));
  if (files.length <= maxFiles) for (const f of files) if (isRealFile(path.join(project, f))) out.push(path.join(project, f));
  return out;
}
