import fs from "node:fs";

/**
 * SIGKILL a process, its process group and every descendant, including those that left the group (setsid,
 * `setpgid`). Descendants are found through /proc (Linux) and stopped first, so nothing forks while the tree is
 * collected; elsewhere only the group is killed. Safe to call on a process that is already gone.
 */
export function killProcessTree(pid: number): void {
  const tree = new Set<number>([pid]);
  if (process.platform === "linux") {
    // Stop, then look again: a process that forked before it was stopped shows up in the next round.
    for (let round = 0; round < 5; round++) {
      const before = tree.size;
      for (const p of descendants(tree)) tree.add(p);
      for (const p of tree) signal(p, "SIGSTOP");
      if (tree.size === before && round > 0) break;
    }
  }
  signal(-pid, "SIGKILL");
  for (const p of tree) {
    signal(-p, "SIGKILL"); // groups a descendant leads
    signal(p, "SIGKILL");
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already, or not ours
  }
}

/** Live processes whose parent is in `roots`, transitively. */
function descendants(roots: ReadonlySet<number>): number[] {
  const parentOf = new Map<number, number>();
  let names: string[];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ")".
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found = new Set<number>(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of parentOf) {
      if (!found.has(p) && found.has(pp)) {
        found.add(p);
        grew = true;
      }
    }
  }
  return [...found].filter((p) => !roots.has(p));
}
