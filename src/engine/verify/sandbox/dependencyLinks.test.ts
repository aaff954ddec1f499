import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSafeTarget } from "./dependencyLinks.js";

const tmp = os.tmpdir();

describe("isSafeTarget (dependency links shown in the sandbox)", () => {
  it("never shows the host's temp folder, an ancestor of it, or an arbitrary folder in it", () => {
    expect(isSafeTarget(tmp, "/work/p", [])).toBe(false);
    expect(isSafeTarget("/", "/work/p", [])).toBe(false);
    expect(isSafeTarget(path.join(tmp, "ssh-abc123"), "/work/p", [])).toBe(false);
    expect(isSafeTarget(path.join(tmp, "systemd-private-1-x", "tmp"), "/work/p", [])).toBe(false);
  });

  it("shows the node_modules of a checkout that lives under the temp folder (CI clones there)", () => {
    expect(isSafeTarget(path.join(tmp, "ci-clone", "node_modules"), "/work/p", [])).toBe(true);
    expect(isSafeTarget(path.join(tmp, "ci-clone", ".venv"), "/work/p", [])).toBe(true);
    expect(isSafeTarget(path.join(tmp, "ci-clone", "code", "shared-deps"), "/work/p", [])).toBe(true);
  });

  it("never shows a home, /root or /proc", () => {
    expect(isSafeTarget("/home/u", "/work/p", ["/home/u"])).toBe(false);
    expect(isSafeTarget("/root/node_modules", "/work/p", [])).toBe(false);
    expect(isSafeTarget("/proc/1", "/work/p", [])).toBe(false);
  });
});
