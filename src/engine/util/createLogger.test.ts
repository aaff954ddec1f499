import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "./createLogger.js";

describe("createLogger", () => {
  it("writes JSON lines to codeconductor.log in the given folder, and mirrors to stderr only when verbose", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-log-"));
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const quiet = createLogger({ dir });
      quiet.logger.info({ k: 1 }, "hello file");
      await quiet.dispose();
      await quiet.dispose(); // idempotent
      const lines = fs.readFileSync(path.join(dir, "codeconductor.log"), "utf8").trim().split("\n");
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: "hello file", k: 1, level: 30 });
      expect(write.mock.calls.some((c) => String(c[0]).includes("hello file"))).toBe(false);

      const loud = createLogger({ dir, verbose: true });
      loud.logger.debug("debug shows when verbose");
      await loud.dispose();
      expect(write.mock.calls.some((c) => String(c[0]).includes("debug shows when verbose"))).toBe(true);
    } finally {
      write.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
