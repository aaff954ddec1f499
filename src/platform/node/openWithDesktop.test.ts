import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWithDesktop } from "./openWithDesktop.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A PATH holding only a fake `xdg-open` that records its argument and exits with `code`. */
function fakeOpener(code: number): { env: NodeJS.ProcessEnv; log: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "cc-opener-"));
  dirs.push(bin);
  const log = path.join(bin, "opened.txt");
  fs.writeFileSync(path.join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s' "$1" > '${log}'\nexit ${code}\n`, { mode: 0o755 });
  return { env: { PATH: `${bin}:/usr/bin:/bin` }, log };
}

describe.runIf(process.platform === "linux")("openWithDesktop (Node shells)", () => {
  it("hands the folder to xdg-open and reports it opened when the opener succeeds", async () => {
    const { env, log } = fakeOpener(0);
    expect(await openWithDesktop("/some/exports dir", env)).toEqual({ opened: true });
    expect(fs.readFileSync(log, "utf8")).toBe("/some/exports dir");
  });

  it("reports the opener's failure instead of throwing", async () => {
    const { env } = fakeOpener(3);
    const r = await openWithDesktop("/x", env);
    expect(r.opened).toBe(false);
    expect(r.reason).toMatch(/xdg-open exited with 3/);
  });

  it("says how to install xdg-open when there is none", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "cc-nopath-"));
    dirs.push(empty);
    expect(await openWithDesktop("/x", { PATH: empty })).toEqual({ opened: false, reason: expect.stringContaining("apt install xdg-utils") });
  });
});
