import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { processAlive } from "../../util/processAlive.js";

/**
 * One export per run at a time (across processes): a lock file holding our pid. A lock left by a dead
 * process is taken over.
 */
export async function withRunLock<T>(dir: string, runId: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, `.codeconductor_case_${runId}.lock`);
  let fd: number;
  try {
    fd = fs.openSync(lock, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const pid = Number(fs.readFileSync(lock, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) throw new AppError(ErrorCode.Conflict, `Another export of run ${runId} is in progress (pid ${pid}).`);
    fs.rmSync(lock, { force: true });
    fd = fs.openSync(lock, "wx");
  }
  try {
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
