import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = "/sys/fs/cgroup";

/**
 * A throw-away cgroup for one sandboxed run: caps the number of processes (pids.max) and the memory of the whole
 * tree, and can kill everything in it. Used when RLIMIT_NPROC cannot work — the kernel exempts uid 0 from it, so a
 * root-run app would otherwise let a fork bomb through. Needs write access to the cgroup tree (root, or a
 * delegated v2 subtree); `create` returns null when that is not possible.
 */
export class CgroupJail {
  private constructor(
    /** Folders of the cgroup (one per v1 hierarchy, or one v2 folder). */
    readonly dirs: string[],
    readonly capsMemory: boolean,
  ) {}

  /** `cgroup.procs` files a process writes its pid into to join (before it forks anything). */
  get procsFiles(): string[] {
    return this.dirs.map((d) => path.join(d, "cgroup.procs"));
  }

  static create(maxProcesses: number, memoryBytes: number): CgroupJail | null {
    const name = `codeconductor-sbx-${process.pid}-${randomBytes(4).toString("hex")}`;
    return CgroupJail.createV2(name, maxProcesses, memoryBytes) ?? CgroupJail.createV1(name, maxProcesses, memoryBytes);
  }

  private static createV1(name: string, maxProcesses: number, memoryBytes: number): CgroupJail | null {
    const pidsBase = ownV1Dir("pids");
    if (!pidsBase) return null;
    const dirs: string[] = [];
    try {
      const pids = path.join(pidsBase, name);
      fs.mkdirSync(pids);
      dirs.push(pids);
      fs.writeFileSync(path.join(pids, "pids.max"), String(maxProcesses));
      let capsMemory = false;
      const memBase = ownV1Dir("memory");
      if (memBase) {
        try {
          const mem = path.join(memBase, name);
          fs.mkdirSync(mem);
          dirs.push(mem);
          fs.writeFileSync(path.join(mem, "memory.limit_in_bytes"), String(memoryBytes));
          capsMemory = true;
        } catch {
          // memory hierarchy not writable: the per-process RLIMIT_DATA still applies
        }
      }
      return new CgroupJail(dirs, capsMemory);
    } catch {
      for (const d of dirs.reverse()) fs.rmSync(d, { recursive: false, force: true });
      return null;
    }
  }

  private static createV2(name: string, maxProcesses: number, memoryBytes: number): CgroupJail | null {
    let controllers = "";
    try {
      controllers = fs.readFileSync(path.join(ROOT, "cgroup.controllers"), "utf8");
    } catch {
      return null; // not a unified (v2) mount
    }
    const own = ownV2Dir();
    if (!own || !controllers.includes("pids")) return null;
    const dir = path.join(own, name);
    try {
      // Children of our cgroup need the controllers enabled in our subtree_control (delegation).
      fs.writeFileSync(path.join(own, "cgroup.subtree_control"), "+pids +memory");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "pids.max"), String(maxProcesses));
      fs.writeFileSync(path.join(dir, "memory.max"), String(memoryBytes));
      fs.writeFileSync(path.join(dir, "memory.swap.max"), "0");
      return new CgroupJail([dir], true);
    } catch {
      try {
        fs.rmdirSync(dir);
      } catch {
        // never created
      }
      return null;
    }
  }

  /** Pids still in the cgroup. */
  members(): number[] {
    const out = new Set<number>();
    for (const f of this.procsFiles) {
      try {
        for (const l of fs.readFileSync(f, "utf8").split("\n")) if (l.trim()) out.add(Number(l));
      } catch {
        // removed
      }
    }
    return [...out];
  }

  /** SIGKILL everything in the cgroup (cgroup.kill on v2; per pid on v1). */
  killAll(): void {
    for (const d of this.dirs) {
      try {
        fs.writeFileSync(path.join(d, "cgroup.kill"), "1");
      } catch {
        // v1 has no cgroup.kill
      }
    }
    for (const pid of this.members()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }

  /** Kill what is left, wait until empty (up to `waitMs`), remove the cgroup. Idempotent. Returns leftover pids. */
  async dispose(waitMs = 3000): Promise<number[]> {
    const deadline = Date.now() + waitMs;
    let left = this.members();
    while (left.length && Date.now() < deadline) {
      this.killAll();
      await new Promise((r) => setTimeout(r, 20));
      left = this.members();
    }
    for (const d of [...this.dirs].reverse()) {
      try {
        fs.rmdirSync(d);
      } catch {
        // busy (leftovers) or already removed
      }
    }
    return left;
  }
}

/** Our own cgroup folder in a v1 hierarchy, from /proc/self/cgroup, if writable. */
function ownV1Dir(controller: string): string | null {
  const base = path.join(ROOT, controller);
  try {
    const line = fs
      .readFileSync("/proc/self/cgroup", "utf8")
      .split("\n")
      .find((l) => l.split(":")[1]?.split(",").includes(controller));
    const rel = line?.split(":")[2] ?? "/";
    const dir = path.join(base, rel);
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return null;
  }
}

function ownV2Dir(): string | null {
  try {
    const line = fs
      .readFileSync("/proc/self/cgroup", "utf8")
      .split("\n")
      .find((l) => l.startsWith("0::"));
    if (!line) return null;
    const dir = path.join(ROOT, line.slice(3).trim());
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return null;
  }
}
