import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { AppError, ErrorCode, isAbortError } from "../../../shared/contract/errors.js";
import { offlineError, type PullTarget } from "./resolvePullSource.js";

export interface PullResult {
  path: string;
  bytes: number;
  sha256: string;
  /** Bytes that were already on disk from an earlier, interrupted pull. */
  resumedFrom: number;
}

export interface PullOptions {
  signal?: AbortSignal;
  /** Fraction in 0–1 (bytes), throttled to ~10 calls a second. */
  onProgress?: (p: { fraction: number; message?: string; bytes: number; total?: number }) => void;
  /** Give up when no byte arrives for this long, ms. Defaults to `60000`. */
  idleMs?: number;
}

/**
 * Download `target` into `dir`, resumably: bytes go to `<name>.part` and an interrupted pull continues
 * with an HTTP Range request. The finished file is checked against the known size and sha256 before it
 * is renamed into place; a mismatch deletes the part file.
 */
export async function pullModel(target: PullTarget, dir: string, options: PullOptions = {}): Promise<PullResult> {
  await fs.promises.mkdir(dir, { recursive: true });
  const final = path.join(dir, target.fileName);
  const part = `${final}.part`;
  const have = (await fs.promises.stat(part).catch(() => null))?.size ?? 0;
  const idle = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  let res: Response;
  try {
    res = await fetch(target.url, { headers: have > 0 ? { range: `bytes=${have}-` } : {}, signal, redirect: "follow" });
  } catch (err) {
    if (options.signal?.aborted) throw new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err });
    throw offlineError(err, target.url);
  }
  if (res.status === 416 && have > 0) return finish(target, final, part, have);
  if (!res.ok || !res.body) throw new AppError(res.status === 404 ? ErrorCode.NotFound : ErrorCode.Unavailable, `Download failed: HTTP ${res.status} from ${new URL(target.url).host}`);
  const resumed = res.status === 206 ? have : 0;
  const total = totalSize(res, resumed) ?? target.sizeBytes;
  const hash = createHash("sha256");
  if (resumed > 0) for await (const chunk of fs.createReadStream(part)) hash.update(chunk as Buffer);
  const out = fs.createWriteStream(part, { flags: resumed > 0 ? "a" : "w" });
  let bytes = resumed;
  let lastReport = 0;
  let idleTimer = setTimeout(() => idle.abort(), options.idleMs ?? 60_000);
  try {
    for await (const chunk of Readable.fromWeb(res.body as import("node:stream/web").ReadableStream<Uint8Array>)) {
      const buf = chunk as Buffer;
      hash.update(buf);
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
      bytes += buf.length;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => idle.abort(), options.idleMs ?? 60_000);
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        options.onProgress?.({ fraction: total ? Math.min(1, bytes / total) : 0, bytes, total, message: `${mib(bytes)}${total ? ` / ${mib(total)}` : ""} MiB` });
      }
    }
  } catch (err) {
    if (options.signal?.aborted || (isAbortError(err) && !idle.signal.aborted)) throw new AppError(ErrorCode.Cancelled, `Cancelled; ${mib(bytes)} MiB kept in ${part} — run the same pull again to resume`, { cause: err });
    throw idle.signal.aborted
      ? new AppError(ErrorCode.Timeout, `Download stalled; ${mib(bytes)} MiB kept in ${part} — run the same pull again to resume`, { cause: err })
      : new AppError(ErrorCode.Unavailable, `Download interrupted (${(err as Error).message}); ${mib(bytes)} MiB kept — run the same pull again to resume`, { cause: err });
  } finally {
    clearTimeout(idleTimer);
    await new Promise<void>((r) => out.end(r));
  }
  return finish(target, final, part, resumed, hash.digest("hex"), bytes, total);
}

async function finish(target: PullTarget, final: string, part: string, resumedFrom: number, digest?: string, bytes?: number, total?: number): Promise<PullResult> {
  const size = bytes ?? (await fs.promises.stat(part)).size;
  const sha = digest ?? (await hashFile(part));
  const expectSize = target.sizeBytes ?? total;
  if (expectSize !== undefined && size !== expectSize) {
    await fs.promises.rm(part, { force: true });
    throw new AppError(ErrorCode.Corrupt, `Downloaded ${size} bytes but expected ${expectSize}; the file was deleted — pull again`);
  }
  if (target.sha256 && sha !== target.sha256.toLowerCase()) {
    await fs.promises.rm(part, { force: true });
    throw new AppError(ErrorCode.Corrupt, `sha256 mismatch (got ${sha}, expected ${target.sha256}); the file was deleted — pull again`);
  }
  await fs.promises.rename(part, final);
  return { path: final, bytes: size, sha256: sha, resumedFrom };
}

async function hashFile(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

function totalSize(res: Response, resumed: number): number | undefined {
  const range = /\/(\d+)$/.exec(res.headers.get("content-range") ?? "");
  if (range) return Number(range[1]);
  const len = Number(res.headers.get("content-length"));
  return Number.isFinite(len) && len > 0 ? len + resumed : undefined;
}

const mib = (b: number): string => (b / 2 ** 20).toFixed(1);
