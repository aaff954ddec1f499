import fs from "node:fs";

/** Pids of live processes whose command line contains `marker` (reads /proc; Linux only). */
export function processesMatching(marker: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, "utf8");
      const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${name}/status`, "utf8"))?.[1];
      if (cmd.includes(marker) && state !== "Z") out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
