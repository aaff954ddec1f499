import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../../../shared/contract/runs.js";
import { deriveRunState } from "./deriveRunState.js";

const ev = (e: Record<string, unknown>, seq: number): RunEvent => ({ runId: "r", seq, ...e }) as RunEvent;

describe("deriveRunState", () => {
  it("is idle without events", () => {
    expect(deriveRunState(undefined)).toMatchObject({ status: "idle", fraction: 0 });
  });

  it("tracks progress, logs and the final result", () => {
    const s = deriveRunState([
      ev({ type: "status", status: "running" }, 1),
      ev({ type: "progress", fraction: 0.4, message: "Scanned 4 / 10 files" }, 2),
      ev({ type: "log", level: "debug", message: "hidden" }, 3),
      ev({ type: "log", level: "warn", message: "AGENTS.md was written by hand" }, 4),
      ev({ type: "progress", fraction: 1 }, 5),
      ev({ type: "result", result: { ok: 1 } }, 6),
      ev({ type: "status", status: "succeeded" }, 7),
    ]);
    expect(s).toEqual({ status: "succeeded", fraction: 1, message: "Scanned 4 / 10 files", result: { ok: 1 }, logs: ["AGENTS.md was written by hand"] });
  });

  it("reports errors", () => {
    const s = deriveRunState([ev({ type: "error", error: { code: "not_found", message: "Not a folder" } }, 1), ev({ type: "status", status: "failed" }, 2)]);
    expect(s).toMatchObject({ status: "failed", error: "Not a folder" });
  });
});
