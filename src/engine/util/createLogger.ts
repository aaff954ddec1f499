import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { createStream, type RotatingFileStream } from "rotating-file-stream";
import { disposeOnce } from "./disposeOnce.js";

export type Logger = pino.Logger;

export interface LoggerHandle {
  logger: Logger;
  /** Flush and close the log file. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * pino to a size-rotated file in `<dataDir>/logs` (10 MiB × 5 files); `verbose` mirrors to stderr.
 * `dir: null` logs nowhere (tests that do not care).
 */
export function createLogger(options: { dir: string | null; verbose?: boolean; level?: pino.Level }): LoggerHandle {
  const streams: pino.StreamEntry[] = [];
  let file: RotatingFileStream | undefined;
  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true });
    file = createStream("codeconductor.log", { path: options.dir, size: "10M", maxFiles: 5 });
    file.on("error", () => {
      // A full disk must not crash the app; logging is best effort.
    });
    streams.push({ level: options.level ?? "info", stream: file });
  }
  if (options.verbose) streams.push({ level: "debug", stream: humanStderr() });
  const logger = streams.length
    ? pino({ level: options.verbose ? "debug" : (options.level ?? "info"), base: { pid: process.pid } }, pino.multistream(streams))
    : pino({ enabled: false });
  return {
    logger,
    dispose: disposeOnce(() => (file ? new Promise<void>((resolve) => file.end(() => resolve())) : undefined)),
  };
}

/** Where log files go for a data dir. */
export function logsDir(dataDir: string): string {
  return path.join(dataDir, "logs");
}

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** `--verbose`: one readable line per record on stderr (`[debug] message key=value`), not pino's JSON. */
function humanStderr(): { write(line: string): void } {
  return {
    write(line: string): void {
      try {
        const { level, msg, time: _t, pid: _p, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
        process.stderr.write(`[${LEVELS[level as number] ?? String(level)}] ${String(msg ?? "")}${extra.length ? `  ${extra.join(" ")}` : ""}\n`);
      } catch {
        process.stderr.write(line);
      }
    },
  };
}
