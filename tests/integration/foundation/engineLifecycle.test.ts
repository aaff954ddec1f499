import pino from "pino";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/shared/contract/errors.js";
import type { RunEvent } from "../../../src/shared/contract/runs.js";
import { RunManager } from "../../../src/engine/runs/RunManager.js";
import { EventBus } from "../../../src/engine/util/EventBus.js";
import { createTestEngine } from "../../support/createTestEngine.js";
import { startFakeOllama } from "../../support/fakeServers/index.js";

const handleKinds = (): string[] => process.getActiveResourcesInfo().filter((k) => k !== "TTYWrap" && k !== "Timeout" && k !== "Immediate");

describe("engine lifecycle", () => {
  it("boots headless, serves, and disposes without leaking handles (idempotently)", async () => {
    const before = handleKinds();
    const te = await createTestEngine();
    expect((await te.client.call("system.ping", {})).pong).toBe(true);
    expect(await te.client.call("system.info", {})).toMatchObject({ dataDir: te.dataDir, dbReadOnly: false, shell: "test" });
    await te.dispose();
    await te.engine.dispose();
    await new Promise((r) => setTimeout(r, 50));
    expect(handleKinds()).toEqual(before);
    expect(te.engine.ctx.db.open).toBe(false);
    expect(te.engine.bus.listenerCount()).toBe(0);
  });

  it("starts with defaults and a notice when config.yaml is invalid", async () => {
    const te = await createTestEngine({ configYaml: "models:\n  maxParallel: -3\n" });
    try {
      const info = await te.client.call("system.info", {});
      expect(info.notices.some((n) => /models\.maxParallel/.test(n.message ?? ""))).toBe(true);
      const cfg = await te.client.call("config.get", {});
      expect((cfg.config.models as { maxParallel: number }).maxParallel).toBe(2);
    } finally {
      await te.dispose();
    }
  });
});

describe("runs", () => {
  it("returns a run id at once, streams progress and result, and stores the run", async () => {
    const te = await createTestEngine();
    try {
      const events: RunEvent[] = [];
      await te.client.subscribe("run.event", (e) => events.push(e));
      const { runId } = await te.client.call("runs.start", { kind: "system.doctor", input: {} });
      await te.engine.ctx.runs.wait(runId);
      await new Promise((r) => setTimeout(r, 20));
      const types = events.filter((e) => e.runId === runId).map((e) => e.type);
      expect(types[0]).toBe("status");
      expect(types).toContain("progress");
      expect(types).toContain("result");
      expect(events.at(-1)).toMatchObject({ type: "status", status: "succeeded" });
      const got = await te.client.call("runs.get", { runId });
      expect((got.result as { checks: unknown[] }).checks.length).toBeGreaterThan(3);
      const list = await te.client.call("runs.list", { kind: "system.doctor" });
      expect(list.runs[0]?.runId).toBe(runId);
    } finally {
      await te.dispose();
    }
  });

  it("rejects unknown run kinds and bad run input", async () => {
    const te = await createTestEngine();
    try {
      await expect(te.client.call("runs.start", { kind: "nope", input: {} })).rejects.toMatchObject({ code: ErrorCode.NotFound });
      await expect(te.client.call("runs.start", { kind: "system.doctor", input: { extra: 1 } })).rejects.toMatchObject({ code: ErrorCode.InvalidInput });
    } finally {
      await te.dispose();
    }
  });

  function blockingManager(graceMs: number) {
    const bus = new EventBus();
    const runs = new RunManager({ bus, logger: pino({ enabled: false }), db: null, orphanGraceMs: graceMs });
    let aborted = 0;
    runs.register("system.doctor", (_i, ctx) => new Promise((_r, reject) => ctx.signal.addEventListener("abort", () => (aborted++, reject(ctx.signal.reason)))));
    return { runs, aborted: () => aborted };
  }

  it("cancel aborts the run's signal and ends it as cancelled", async () => {
    const { runs, aborted } = blockingManager(1000);
    const id = runs.start("system.doctor", {}, "c1");
    await new Promise((r) => setTimeout(r, 10));
    expect(runs.cancel(id)).toBe(true);
    await runs.wait(id);
    expect(aborted()).toBe(1);
    expect(runs.get(id).run.status).toBe("cancelled");
    expect(runs.cancel(id)).toBe(false);
    // Cancelled before its handler ran: still ends, as cancelled, and the handler never starts.
    const early = runs.start("system.doctor", {}, "c1");
    runs.cancel(early);
    await runs.wait(early);
    expect(runs.get(early).run.status).toBe("cancelled");
    expect(aborted()).toBe(1);
  });

  it("a closed connection's run is cancelled after the grace period unless re-attached", async () => {
    const { runs } = blockingManager(30);
    const orphan = runs.start("system.doctor", {}, "c1");
    const adopted = runs.start("system.doctor", {}, "c1");
    runs.releaseOwner("c1");
    runs.attach(adopted, "c2");
    await runs.wait(orphan);
    expect(runs.get(orphan).run.status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 60));
    expect(runs.get(adopted).run.status).toBe("running");
    await runs.dispose();
    expect(runs.get(adopted).run.status).toBe("cancelled");
  });

  it("closing the client connection aborts its runs (via the RPC server) after the grace period", async () => {
    // A run that never ends on its own: a chat with a model that streams forever.
    const ollama = await startFakeOllama({ models: [{ name: "endless:1b" }], fault: { kind: "neverEnding", intervalMs: 20 } });
    const te = await createTestEngine({
      orphanGraceMs: 10,
      configYaml: ["models:", "  discovery: false", "  backends: [ollama]", `  ollama: { host: "${ollama.url}" }`, "  lmstudio: { enabled: false }"].join("\n"),
    });
    try {
      const other = te.connect();
      const { runId } = await other.call("runs.start", { kind: "models.chat", input: { modelId: "ollama:local/endless:1b", prompt: "go on" } });
      await expect.poll(() => ollama.activeStreams, { timeout: 10_000 }).toBe(1);
      other.close();
      await te.engine.ctx.runs.wait(runId);
      expect(te.engine.ctx.runs.get(runId).run.status).toBe("cancelled");
      await expect.poll(() => ollama.activeStreams, { timeout: 5000 }).toBe(0);
    } finally {
      await te.dispose();
      await ollama.close();
    }
  });
});
