import { AppError, ErrorCode, isAbortError } from "../../shared/contract/errors.js";

/** Map an HTTP status from a model server to our error codes. */
export function errorForStatus(status: number, message: string, url: string): AppError {
  const details = { status, url };
  if (status === 404) return new AppError(ErrorCode.NotFound, message, { details });
  if (status === 401 || status === 403) return new AppError(ErrorCode.Unauthorized, message, { details });
  if (status === 400 || status === 422) return new AppError(ErrorCode.InvalidInput, message, { details });
  if (status === 408 || status === 504) return new AppError(ErrorCode.Timeout, message, { details });
  return new AppError(ErrorCode.Unavailable, message, { details });
}

/** Network-level failure (refused, reset, DNS) as `unavailable`, keeping the OS code in details. */
export function networkError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  if (isAbortError(err)) return new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err });
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  const why = code === "ECONNREFUSED" ? "connection refused" : code === "ECONNRESET" || code === "UND_ERR_SOCKET" ? "connection reset" : (cause?.message ?? (err as Error)?.message ?? String(err));
  return new AppError(ErrorCode.Unavailable, `Cannot reach ${url}: ${why}`, { cause: err, details: { url, code } });
}

/** Error codes that say the backend itself is unwell (they count against its circuit breaker). */
export function isBackendFailure(err: AppError): boolean {
  return err.code === ErrorCode.Unavailable || err.code === ErrorCode.Timeout;
}
