import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EngineMetrics } from "../../../src/engine/insight/metrics/EngineMetrics.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import { runToCompletion } from "../../../src/shared/rpc/runToCompletion.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";

let te: TestEngine | undefined;
let web: WebServer | undefined;
afterEach(async () => {
  await web?.close();
  await te?.dispose();
  web = te = undefined;
});

/** Strict check of the Prometheus text exposition format (0.0.4): every line a comment, a sample or blank. */
function parseProm(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

describe("Prometheus /metrics", () => {
  it("is absent unless enabled", async () => {
    te = await createTestEngine();
    web = await startWebServer({ rpc: te.engine.createRpcServer(), staticDir: path.join(te.dataDir, "none") });
    const r = await fetch(`${web.origin}/metrics`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain("codeconductor_");
  });

  it("when enabled, parses as Prometheus text with runs by kind and status, tests and rewards; other hosts are refused", async () => {
    te = await createTestEngine();
    const metrics = new EngineMetrics(te.engine);
    web = await startWebServer({ rpc: te.engine.createRpcServer(), staticDir: path.join(te.dataDir, "none"), metrics });
    await runToCompletion(te.client, "system.doctor", {});
    te.engine.bus.publish("run.event", { runId: "x", seq: 3, type: "result", result: { modelId: "tiny", metrics: { ttftMs: 120, tokensPerSecond: 900 } } }, "x");
    // A loop's test run: verify.test's result, then the loop repeating it on its "tests" channel — counted once.
    const testRun = { summary: { passed: 3, failed: 1, skipped: 0, errors: 0 }, reward: { reward: 0.75 } };
    te.engine.bus.publish("run.event", { runId: "t", seq: 9, type: "result", result: testRun }, "t");
    te.engine.bus.publish("run.event", { runId: "y", seq: 4, type: "data", channel: "tests", data: testRun }, "y");
    const r = await fetch(`${web.origin}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/plain");
    const s = parseProm(await r.text());
    expect(s.get('codeconductor_runs_total{kind="system.doctor",status="succeeded"}')).toBe(1);
    expect(s.get('codeconductor_tests_total{outcome="passed"}')).toBe(3);
    expect(s.get("codeconductor_reward_count")).toBe(1);
    expect(s.get('codeconductor_ttft_seconds_count{model="tiny"}')).toBe(1);
    expect(s.get("codeconductor_runs_active")).toBe(0);
    const evil = await new Promise<number>((resolve, reject) => {
      import("node:http").then(({ request }) => {
        const req = request({ host: "127.0.0.1", port: web!.port, path: "/metrics", headers: { Host: "evil.example:80" } }, (res) => resolve(res.statusCode ?? 0));
        req.on("error", reject);
        req.end();
      }, reject);
    });
    expect(evil).toBe(403);
    metrics.dispose();
  });
});
