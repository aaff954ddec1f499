/**
 * `npm run bench -- ensemble [--runs N]`
 * 1. Six members on loopback OpenAI-compatible servers with fixed first-token latencies (150…650 ms): the
 *    ensemble's wall time over the slowest member's own time (goal ≤ 1.05). The wall time is the whole run:
 *    selection, parallel dispatch, consensus and prompt generation.
 * 2. Consensus over six 200-line candidates: CodeBLEU matrix + analysis consensus (goal ≤ 50 ms).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createEngine, type Engine } from "../src/engine/createEngine.js";
import { loadConfig } from "../src/engine/config/loadConfig.js";
import { analysisJsonSchema } from "../src/engine/ensemble/analysis/analysisJsonSchema.js";
import { codeConsensus } from "../src/engine/ensemble/codebleu/codeConsensus.js";
import { buildConsensus } from "../src/engine/ensemble/consensus/buildConsensus.js";
import { inertPorts } from "../src/engine/ports.js";
import type { EnsembleRunResult, MemberResult } from "../src/shared/contract/ensemble.js";
import { startFakeOpenAI, type FakeServer } from "../tests/support/fakeServers/index.js";
import { sixAnalyses, sixCandidates } from "../tests/support/ensemble/candidates.js";
import type { BenchReport, BenchRow } from "./report.js";

const LATENCIES_MS = [150, 250, 350, 450, 550, 650];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const modelId = (i: number): string => `openai:e${i}/m${i}`;

/** Each member alone, straight through the gateway: its own time, median of `runs`. */
async function soloTimes(engine: Engine, runs: number): Promise<number[]> {
  const schema = analysisJsonSchema({ maxStringChars: 300, maxListItems: 10 });
  const out: number[] = [];
  for (let i = 0; i < LATENCIES_MS.length; i++) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await engine.models.gateway.generate({ modelId: modelId(i), messages: [{ role: "user", content: "task" }], jsonSchema: schema });
      times.push(performance.now() - t0);
    }
    out.push(median(times));
  }
  return out;
}

async function ensembleWall(engine: Engine): Promise<{ ms: number; result: EnsembleRunResult }> {
  const runs = engine.ctx.runs;
  const t0 = performance.now();
  const id = runs.start("ensemble.run", { prompt: "Add rate limiting", models: LATENCIES_MS.map((_, i) => modelId(i)) });
  await runs.wait(id);
  const ms = performance.now() - t0;
  const got = runs.get(id);
  if (got.run.status !== "succeeded") throw new Error(`ensemble run ${got.run.status}: ${got.run.error?.message}`);
  return { ms, result: got.result as EnsembleRunResult };
}

async function dispatchBench(runs: number): Promise<BenchRow[]> {
  const reply = JSON.stringify(sixAnalyses()[0]);
  const servers: FakeServer[] = [];
  for (const [i, delayMs] of LATENCIES_MS.entries()) {
    servers.push(await startFakeOpenAI({ flavor: "vllm", models: [{ name: `m${i}` }], reply, chunkChars: 24, fault: { kind: "slowFirstToken", delayMs } }));
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-bench-ens-"));
  const endpoints = servers.map((s, i) => `{ name: e${i}, baseUrl: "${s.baseUrl}" }`).join(", ");
  fs.writeFileSync(
    path.join(dataDir, "config.yaml"),
    `models:\n  discovery: false\n  backends: [openai]\n  lmstudio: { enabled: false }\n  maxParallel: 6\n  openaiEndpoints: [${endpoints}]\nensemble:\n  size: 6\n`,
  );
  const engine = await createEngine(loadConfig(dataDir, {}), inertPorts(dataDir), { logger: pino({ enabled: false }) });
  try {
    await ensembleWall(engine); // warm-up: discovery, connections, templates
    const solo = await soloTimes(engine, runs);
    const walls: number[] = [];
    let last: MemberResult[] = [];
    for (let r = 0; r < runs; r++) {
      const { ms, result } = await ensembleWall(engine);
      walls.push(ms);
      last = result.members;
    }
    const slowest = Math.max(...solo);
    const wall = median(walls);
    const ok = last.filter((m) => m.status === "ok").length;
    return [
      { name: "slowest member alone (median)", value: slowest, unit: "ms", note: `solo: ${solo.map((s) => s.toFixed(0)).join("/")} ms` },
      { name: "six-member ensemble wall (median)", value: wall, unit: "ms", note: `${ok}/6 members ok` },
      { name: "ensemble wall / slowest member", value: wall / slowest, unit: "×", goal: "≤ 1.05", pass: wall / slowest <= 1.05 && ok === 6 },
    ];
  } finally {
    await engine.dispose();
    await Promise.all(servers.map((s) => s.close()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function consensusBench(runs: number): Promise<BenchRow[]> {
  const candidates = sixCandidates(200);
  const analyses = sixAnalyses().map((analysis, k) => ({
    id: `m${k + 1}`, modelId: `x/${k}`, label: `m${k + 1}`, status: "ok" as const, analysis, rawText: "", repairs: [],
    startedAt: 0, elapsedMs: 0, ttftMs: null, tokensPerSecond: null, completionTokens: null, truncated: false,
  }));
  const options = { weights: [0.25, 0.25, 0.25, 0.25] as const, normalize: true, stripComments: false, stripDocstrings: false, language: "python" };
  await codeConsensus(candidates, options); // load the grammar once, as a running app has
  const times: number[] = [];
  const codeTimes: number[] = [];
  let winner = "";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const code = await codeConsensus(candidates, options);
    const t1 = performance.now();
    buildConsensus(analyses);
    times.push(performance.now() - t0);
    codeTimes.push(t1 - t0);
    winner = code.labels[code.winner]!;
  }
  const t = median(times);
  const lines = candidates.map((c) => c.code.split("\n").length).join("/");
  return [{ name: "consensus, 6×200-line candidates (median)", value: t, unit: "ms", goal: "≤ 50 ms", pass: t <= 50, note: `CodeBLEU matrix ${median(codeTimes).toFixed(1)} ms; ${lines} lines; medoid ${winner}` }];
}

export default async function ensembleBench(args: string[]): Promise<BenchReport> {
  const at = args.indexOf("--runs");
  const runs = at >= 0 ? Math.max(1, Number(args[at + 1]) || 5) : 5;
  const startedAt = new Date().toISOString();
  const rows = [...(await dispatchBench(runs)), ...(await consensusBench(Math.max(runs, 15)))];
  return { suite: "ensemble", startedAt, rows, context: { firstTokenLatenciesMs: LATENCIES_MS, runs, cpus: os.cpus().length } };
}
