import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { errorForStatus, networkError } from "../httpErrors.js";

/** The openai SDK's errors as ours. */
export function mapOpenAIError(err: unknown, url: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof APIUserAbortError) return new AppError(ErrorCode.Cancelled, "Cancelled", { cause: err });
  if (err instanceof APIConnectionTimeoutError) return new AppError(ErrorCode.Timeout, `No answer from ${url}`, { cause: err, details: { url } });
  if (err instanceof APIConnectionError) return networkError(err.cause ?? err, url);
  if (err instanceof APIError && typeof err.status === "number") return errorForStatus(err.status, `${url}: ${err.message}`, url);
  if (err instanceof APIError) return new AppError(ErrorCode.Unavailable, `${url}: ${err.message}`, { cause: err, details: { url } });
  if (err instanceof SyntaxError) return new AppError(ErrorCode.BadModelOutput, `${url} sent a malformed stream event`, { cause: err, details: { url } });
  return networkError(err, url);
}
