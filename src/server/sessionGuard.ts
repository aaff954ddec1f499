import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const SESSION_COOKIE = "cc_session";

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare equal-length buffers only; a length mismatch still costs a compare of the expected value.
  if (ab.length !== bb.length) {
    timingSafeEqual(bb, bb);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/**
 * Web-mode authentication: a random 256-bit launch token (shown once in the URL) is exchanged for a
 * session cookie; Host is checked against an exact allowlist first (DNS-rebinding safe) and WebSocket
 * upgrades also need the page's own Origin.
 */
export class SessionGuard {
  readonly token = randomBytes(32).toString("base64url");
  private readonly session = randomBytes(32).toString("base64url");
  private allowedHosts = new Set<string>();

  /** Call once the port is known. */
  setPort(port: number): void {
    this.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  }

  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host;
    return typeof host === "string" && this.allowedHosts.has(host.toLowerCase());
  }

  /** Same-origin check for WebSocket upgrades: Origin must be http://<the allowed Host it came to>. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    const host = req.headers.host?.toLowerCase();
    return typeof origin === "string" && !!host && this.allowedHosts.has(host) && origin.toLowerCase() === `http://${host}`;
  }

  tokenValid(candidate: string | null | undefined): boolean {
    return typeof candidate === "string" && candidate.length > 0 && safeEqual(candidate, this.token);
  }

  hasSession(req: IncomingMessage): boolean {
    const v = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return typeof v === "string" && safeEqual(v, this.session);
  }

  sessionCookie(): string {
    return `${SESSION_COOKIE}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
