/** Error codes shared by every transport. Callers branch on `code`, never on `message`. */
export const ErrorCode = {
  InvalidInput: "invalid_input",
  NotFound: "not_found",
  Cancelled: "cancelled",
  Timeout: "timeout",
  Unavailable: "unavailable",
  Conflict: "conflict",
  Forbidden: "forbidden",
  Unauthorized: "unauthorized",
  Truncated: "truncated",
  BadModelOutput: "bad_model_output",
  Corrupt: "corrupt",
  ReadOnly: "read_only",
  Unsupported: "unsupported",
  Internal: "internal",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The shape an error takes on the wire: no stacks, no bare strings. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The one error class of the app. Subclass only where callers branch. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(e: WireError): AppError {
    return new AppError(e.code, e.message, { details: e.details });
  }
}

/** True for anything that means "stopped because someone asked": AbortError, DOMException, our own code. */
export function isAbortError(err: unknown): boolean {
  if (err instanceof AppError) return err.code === ErrorCode.Cancelled;
  if (typeof err !== "object" || err === null) return false;
  const name = (err as { name?: unknown }).name;
  return name === "AbortError" || (err as { code?: unknown }).code === "ABORT_ERR";
}

/** Normalize anything thrown into an AppError; aborts become `cancelled`. The one place that does this. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isAbortError(err)) return new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err });
  if (err instanceof Error) return new AppError(ErrorCode.Internal, err.message, { cause: err });
  return new AppError(ErrorCode.Internal, String(err));
}

/** Throw `cancelled` if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError(ErrorCode.Cancelled, "Cancelled", { cause: signal.reason });
}
