import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script (it runs before dependencies exist), without type declarations
import { fetchElectron, summarizeInstallError } from "../../../scripts/fetchElectron.mjs";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "..");

describe("npm run app: the Electron download fallback explains itself in one line", () => {
  it("a failed download gives a one-line reason from the installer's error, not its stack", () => {
    // A mirror nobody listens on: the real installer fails the same way it does offline.
    const r = fetchElectron(repo, { timeoutMs: 60_000, env: { ...process.env, ELECTRON_MIRROR: "http://127.0.0.1:9/", ELECTRON_SKIP_BINARY_DOWNLOAD: "" } }) as { ok: boolean; reason?: string };
    expect(r.ok).toBe(false);
    // Older installers name the socket error; Electron 45's says "fetch failed", to which the host is added.
    expect(r.reason).toMatch(/ECONNREFUSED 127\.0\.0\.1:9|could not reach 127\.0\.0\.1:9/);
    expect(r.reason).not.toMatch(/\n|\bat /);
  });

  it("picks the error line out of a recorded offline failure", () => {
    const offline = "RequestError: getaddrinfo ENOTFOUND github.com\n    at ClientRequest.<anonymous> (/x/got/dist/source/core/index.js:970:111)\n    at Object.onceWrapper (node:events:639:26)\n";
    expect(summarizeInstallError(offline)).toBe("getaddrinfo ENOTFOUND github.com");
  });
});
