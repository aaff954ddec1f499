import fs from "node:fs";
import path from "node:path";

export interface BwrapPlan {
  /** Real path of the project: the folder the command runs in. */
  project: string;
  /** Host folder mounted writable at `project` (the project itself, or a scratch copy of it). */
  workSource: string;
  /** Host folder mounted at /tmp/cc-report (per run): the only part of /tmp the app reads back. */
  reportDir: string;
  /** Home folders to hide behind empty tmpfs (the user's real home first; it is also HOME inside). */
  hideHomes: string[];
  /** Absolute paths inside the project made read-only (.git, pinned tests, editor folders). */
  readOnlyInProject: string[];
  /** Host paths shown read-only again inside hidden folders (toolchains such as ~/.cargo). */
  readOnlyExtra: string[];
  env: Record<string, string>;
  /**
   * Running as root: bwrap keeps no user namespace (its uid would map to host root) and the command is started
   * by setpriv as this real, unprivileged host uid/gid, without capabilities or supplementary groups.
   */
  runAs: { uid: number; gid: number; setpriv: string } | null;
  /** Size of the private /tmp (a tmpfs), bytes; null keeps an unsized tmpfs (old bwrap). */
  tmpBytes: number | null;
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
 * cgroup namespaces (as root: no user namespace, a real unprivileged uid via setpriv); / and /proc/sys read-only; /run, homes, /var/tmp and secret files hidden; private /tmp and /dev/shm; only the
 * project (or its scratch copy) writable, with .git and pinned tests read-only; clean environment;
 * --die-with-parent and --new-session; resource limits set inside by prlimit.
 */
export function buildBwrapArgs(p: BwrapPlan): string[] {
  // As root a user namespace would map the sandbox to host root (which may write /proc/sys, root-owned files…):
  // keep the other namespaces and let setpriv switch to a real unprivileged uid instead.
  const a: string[] = p.runAs
    ? ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox"]
    : ["--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox", "--cap-drop", "ALL"];
  a.push("--die-with-parent", "--new-session");
  if (p.disableUserns && !p.runAs) a.push("--disable-userns");
  a.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc");
  // bwrap leaves /proc/sys writable (it only covers what the sandbox uid cannot already write); kernel settings
  // such as core_pattern run programs as host root, so cover them whoever we are.
  a.push("--ro-bind", "/proc/sys", "/proc/sys");
  for (const x of ["/proc/sysrq-trigger", "/proc/irq", "/proc/bus"]) a.push("--ro-bind-try", x, x);
  a.push("--perms", "1777", "--tmpfs", "/dev/shm");
  // /run holds host sockets (docker, D-Bus, systemd): connecting needs no network namespace.
  a.push("--tmpfs", "/run");
  if (isRealDir("/var/run")) a.push("--tmpfs", "/var/run");
  for (const d of SECRET_DIRS) if (isRealDir(d)) a.push("--tmpfs", d);
  for (const f of SECRET_FILES) if (isRealFile(f)) a.push("--ro-bind", "/dev/null", f);
  // /tmp first: a home (or anything else below) that lives under /tmp is mounted on top of it, not hidden by it.
  if (p.tmpBytes !== null) a.push("--size", String(p.tmpBytes));
  a.push("--perms", "1777", "--tmpfs", "/tmp", "--bind", p.reportDir, "/tmp/cc-report");
  if (isRealDir("/home")) a.push("--tmpfs", "/home");
  for (const h of p.hideHomes) a.push("--perms", p.runAs ? "1777" : "0755", "--tmpfs", h);
  for (const x of p.readOnlyExtra) if (fs.existsSync(x)) a.push("--ro-bind", x, x);
  a.push("--bind", p.workSource, p.project);
  for (const r of p.readOnlyInProject) a.push("--ro-bind", r, r);
  // bwrap creates mount points in a tmpfs with the host folders' modes (often 0700 root): the unprivileged uid
  // could then not reach its own project. Open those created folders (never host ones: / is read-only anyway).
  if (p.runAs) for (const d of createdAncestors([p.project, ...p.readOnlyExtra], ["/tmp", "/home", "/run", ...SECRET_DIRS, ...p.hideHomes])) a.push("--chmod", "0755", d);
  a.push("--chdir", p.project, "--clearenv");
  for (const [k, v] of Object.entries(p.env)) a.push("--setenv", k, v);
  if (p.seccompFd !== null) a.push("--seccomp", String(p.seccompFd));
  a.push("--");
  if (p.prlimit) a.push(p.prlimit, `--nproc=${p.limits.processes}`, `--data=${p.limits.dataBytes}`, `--fsize=${p.limits.fileBytes}`, "--core=0", "--");
  if (p.runAs) a.push(p.runAs.setpriv, `--reuid=${p.runAs.uid}`, `--regid=${p.runAs.gid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
  a.push("/bin/sh", "-c", p.command);
  return a;
}

/** Folders between a tmpfs mount and each target that bwrap had to create inside that tmpfs. */
function createdAncestors(targets: string[], tmpfsRoots: string[]): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    for (const root of tmpfsRoots) {
      const rel = path.relative(root, t);
      if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) continue;
      const parts = rel.split(path.sep);
      for (let i = 1; i < parts.length; i++) out.add(path.join(root, ...parts.slice(0, i)));
    }
  }
  return [...out].sort((x, y) => x.length - y.length);
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

/** Paths under the project that stay read-only during a run: existing protected paths, and `files` (pinned tests). */
export function readOnlyProjectPaths(project: string, protectedExisting: string[], files: string[], maxFiles = 400): string[] {
  const out = [...protectedExisting];
  if (files.length <= maxFiles) for (const f of files) if (isRealFile(path.join(project, f))) out.push(path.join(project, f));
  return out;
}
