import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RunEvent, RunSummary } from "../../../shared/contract/runs.js";
import type { Engine } from "../../createEngine.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Prometheus metrics of one engine, fed by its event bus: runs by kind and status, run durations, TTFT per
 * model, backend health, test results and rewards. Its own registry (never prom-client's global one), so two
 * engines in one process do not mix. Opt-in: only `serve --metrics` / `insight.metrics.enabled` builds it.
 */
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly finished = new Set<string>();

  constructor(engine: Engine) {
    const r = this.registry;
    const runs = new Counter({ name: "codeconductor_runs_total", help: "Finished runs by kind and status.", labelNames: ["kind", "status"], registers: [r] });
    const duration = new Histogram({ name: "codeconductor_run_duration_seconds", help: "Wall time of finished runs.", labelNames: ["kind"], buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600], registers: [r] });
    const ttft = new Histogram({ name: "codeconductor_ttft_seconds", help: "Time to first token per model call.", labelNames: ["model"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [r] });
    const tokens = new Gauge({ name: "codeconductor_tokens_per_second", help: "Generation speed of the last call per model.", labelNames: ["model"], registers: [r] });
    const health = new Gauge({ name: "codeconductor_backend_up", help: "1 when a model backend is healthy.", labelNames: ["backend", "provider"], registers: [r] });
    const tests = new Counter({ name: "codeconductor_tests_total", help: "Test cases run, by outcome.", labelNames: ["outcome"], registers: [r] });
    const reward = new Histogram({ name: "codeconductor_reward", help: "Reward of each test run (0–1).", buckets: [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1], registers: [r] });
    new Gauge({
      name: "codeconductor_runs_active",
      help: "Runs running now in this process.",
      registers: [r],
      collect() {
        this.set(engine.ctx.runs.running().length);
      },
    });
    const call = (model: unknown, m: Obj): void => {
      if (typeof model !== "string") return;
      const t = num(m.ttftMs);
      if (t !== null) ttft.observe({ model }, t / 1000);
      const s = num(m.tokensPerSecond);
      if (s !== null) tokens.set({ model }, s);
    };
    const testRun = (t: Obj): void => {
      const s = obj(t.summary);
      for (const k of ["passed", "failed", "skipped", "errors"]) if (num(s[k])) tests.inc({ outcome: k }, num(s[k])!);
      const rw = num(obj(t.reward).reward);
      if (rw !== null) reward.observe(rw);
    };
    this.unsubscribe.push(
      engine.bus.subscribe("run.summary", undefined, (s: RunSummary) => {
        if (s.status === "running" || this.finished.has(s.runId)) return;
        if (this.finished.size > 10_000) this.finished.clear();
        this.finished.add(s.runId);
        runs.inc({ kind: s.kind, status: s.status });
        if (s.endedAt) duration.observe({ kind: s.kind }, (s.endedAt - s.startedAt) / 1000);
      }),
      engine.bus.subscribe("run.event", undefined, (e: RunEvent) => {
        // Tests are counted from verify.test's own result only: the loop runs its tests as a verify.test child run
        // and repeats the result on its "tests" channel, which would count them twice.
        if (e.type === "data" && e.channel === "member") call(obj(e.data).modelId, obj(e.data));
        else if (e.type === "result") {
          const res = obj(e.result);
          if (res.modelId) call(res.modelId, obj(res.metrics));
          if (res.summary && res.reward) testRun(res);
        }
      }),
      engine.bus.subscribe("models.health", undefined, (h) => health.set({ backend: h.backend, provider: h.provider }, h.healthy ? 1 : 0)),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric now. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Stop listening. Idempotent. */
  dispose(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }
}
