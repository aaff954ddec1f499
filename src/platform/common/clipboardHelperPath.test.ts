import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clipboardHelperPath, runnableClipboardHelper } from "./clipboardHelperPath.js";

describe.runIf(process.platform === "linux")("clipboard-event's helper", () => {
  it("is found through the package's main entry despite its exports map", () => {
    const helper = clipboardHelperPath();
    expect(helper).toMatch(/clipboard-event[\\/]platform[\\/]clipboard-event-handler-linux$/);
    expect(fs.existsSync(helper!)).toBe(true);
  });

  it("gets its execute bit back when npm installed it without one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-helper-"));
    const copy = path.join(dir, "clipboard-event-handler-linux");
    fs.copyFileSync(clipboardHelperPath()!, copy);
    fs.chmodSync(copy, 0o644);
    try {
      expect(runnableClipboardHelper("linux", copy)).toEqual({ path: copy });
      expect(fs.statSync(copy).mode & 0o111).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says what is missing when the helper is not there", () => {
    expect(runnableClipboardHelper("linux", "/nonexistent/clipboard-event-handler-linux")).toEqual({ problem: expect.stringMatching(/missing at \/nonexistent/) });
    expect(runnableClipboardHelper("linux", null)).toEqual({ problem: expect.stringMatching(/not installed/) });
  });
});
