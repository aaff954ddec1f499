import { AppError, ErrorCode } from "../../../shared/contract/errors.js";

const MESSAGES: Record<string, string> = {
  ENOSPC: "Disk full: no space left on the device",
  EDQUOT: "Disk quota exceeded",
  EROFS: "The file system is read-only",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
};

/**
 * Say what really went wrong when a write fails: a full disk is "disk full", not a conflict or an internal error.
 * Returns `err` unchanged when it is not a file-system error we can name (or already an AppError).
 */
export function writeFailure(err: unknown, where: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const message = code ? MESSAGES[code] : undefined;
  if (!message) return err;
  return new AppError(code === "ENOSPC" || code === "EDQUOT" ? ErrorCode.Unavailable : ErrorCode.Forbidden, `${message} (writing ${where}); nothing was changed`, { cause: err, details: { errno: code, path: where } });
}
