import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import { errorForStatus, networkError } from "./httpErrors.js";

/**
 * GET/POST JSON from a model server with a hard time limit (`timeoutMs`, default 5000) and our error codes.
 * Returns the parsed body; non-2xx statuses throw with the server's own message when it sent one.
 */
export async function fetchJson<T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<T> {
  const ms = init.timeoutMs ?? 5000;
  const timeout = AbortSignal.timeout(ms);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
    });
  } catch (err) {
    if (timeout.aborted && !init.signal?.aborted) throw new AppError(ErrorCode.Timeout, `No answer from ${url} within ${ms} ms`, { details: { url, ms } });
    throw networkError(err, url);
  }
  const text = await res.text().catch((err: unknown) => {
    throw networkError(err, url);
  });
  if (!res.ok) throw errorForStatus(res.status, `${url}: HTTP ${res.status}${serverMessage(text)}`, url);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new AppError(ErrorCode.BadModelOutput, `${url} answered with invalid JSON`, { cause: err, details: { url } });
  }
}

/** The error message a server put in its body (`{error: "..."}` or `{error: {message}}`), prefixed for display. */
export function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string } };
    const msg = typeof body.error === "string" ? body.error : body.error?.message;
    return msg ? `: ${msg}` : "";
  } catch {
    return text ? `: ${text.slice(0, 200)}` : "";
  }
}
