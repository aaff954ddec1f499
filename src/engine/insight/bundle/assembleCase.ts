import type { Privacy, RunKpis } from "../../../shared/contract/insight.js";
import type { RunEvent } from "../../../shared/contract/runs.js";
import type { RunRecord } from "../loadRunRecord.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A bundle file before redaction: plain text, or JSON redacted value by value so it stays valid JSON. */
export type CaseFile = { text: string } | { json: unknown } | { jsonl: unknown[] };
const json = (v: unknown): CaseFile => ({ json: v });
/** A project path as a flat, safe entry name. */
const flat = (p: string): string => p.replace(/^\/+/, "").replace(/[\\/]/g, "__").replace(/\.\.+/g, "_") || "file";
const isDotEnv = (p: string): boolean => /(^|\/)\.env(\.|$)/.test(p);

/** Raw model output and source text, by channel: only full_internal with --include-raw keeps these. */
const RAW_CHANNELS = new Set(["token", "output"]);

function sanitizeEvent(e: RunEvent, privacy: Privacy, raw: boolean): RunEvent | null {
  if (e.type !== "data") return e;
  if (RAW_CHANNELS.has(e.channel) && !raw) return null;
  const d = obj(e.data);
  switch (e.channel) {
    case "member":
      return raw ? e : { ...e, data: { ...d, rawText: "[omitted: raw model output]", code: d.code === undefined ? undefined : "[omitted: raw model output]" } };
    case "prompt":
      return privacy === "public_safe" ? { ...e, data: { ...d, text: "[omitted: prompt text holds project source]" } } : e;
    case "candidate": {
      const plan = obj(d.plan);
      const files = arr(plan.files).map(obj).map((f) => (privacy === "public_safe" || isDotEnv(String(f.path)) ? { ...f, oldText: "", newText: "" } : f));
      return { ...e, data: { ...d, plan: { ...plan, files } } };
    }
    case "attempt":
      return { ...e, data: { ...d, prompt: privacy === "public_safe" ? "[omitted]" : d.prompt, answer: raw ? d.answer : "[omitted: raw model output]" } };
    case "tests":
      return raw ? e : { ...e, data: { ...d, output: { ...obj(d.output), text: "[omitted: raw test output]" } } };
    default:
      return e;
  }
}

/** Touched files of the run: the newest planned version of each path (candidates, then the apply plans). */
function touchedFiles(rec: RunRecord): Map<string, { oldText: string; newText: string; diff: string; iteration: number }> {
  const out = new Map<string, { oldText: string; newText: string; diff: string; iteration: number }>();
  for (const e of rec.events) {
    if (e.type !== "data" || e.channel !== "candidate") continue;
    const d = obj(e.data);
    for (const f of arr(obj(d.plan).files).map(obj)) {
      out.set(String(f.path), { oldText: String(f.oldText ?? ""), newText: String(f.newText ?? ""), diff: String(f.diff ?? ""), iteration: Number(d.iteration ?? 1) });
    }
  }
  const result = obj(rec.result);
  for (const f of arr(obj(result.plan).files).map(obj)) out.set(String(f.path), { oldText: String(f.oldText ?? ""), newText: String(f.newText ?? ""), diff: String(f.diff ?? ""), iteration: 1 });
  return out;
}

function testFiles(rec: RunRecord, raw: boolean): Array<[string, CaseFile]> {
  const runs = rec.events.filter((e) => e.type === "data" && e.channel === "tests").map((e) => obj((e as { data: unknown }).data));
  if (!runs.length && rec.run.kind === "verify.test" && rec.result) runs.push(obj(rec.result));
  return runs.map((t, i) => {
    const tests = arr(t.tests).map(obj).map((c) => ({ name: c.name, status: c.status, file: c.file, message: c.message }));
    const body = { runner: t.runner, summary: t.summary, reward: t.reward, timedOut: t.timedOut, exitCode: t.exitCode, tests, ...(raw ? { output: obj(t.output).text } : {}) };
    return [`tests/run_${String(i + 1).padStart(2, "0")}.json`, json(body)];
  });
}

/**
 * The unredacted files of a case bundle (manifest.json excepted), chosen by privacy level:
 * public_safe — KPIs, consensus, selector decision, diffs, test results, sanitized event log;
 * team_safe — + before/after of touched files and prompt texts; full_internal — + raw outputs with `includeRaw`.
 * `.env` files never get their contents in.
 */
export function assembleCase(rec: RunRecord, kpis: RunKpis, privacy: Privacy, includeRaw: boolean): Map<string, CaseFile> {
  const raw = privacy === "full_internal" && includeRaw;
  const files = new Map<string, CaseFile>();
  files.set("kpi.json", json(kpis));
  const result = obj(rec.result);
  const consensus = obj(rec.events.filter((e) => e.type === "data" && e.channel === "consensus").map((e) => (e as { data: unknown }).data).at(-1) ?? result.consensus);
  files.set(
    "consensus.json",
    json({
      method: kpis.consensus_method,
      confidence: kpis.consensus_confidence,
      sources: arr(consensus.sources).map(String),
      winner: kpis.winner,
      disagreements: arr(consensus.disagreements).map(obj).map((d) => ({ field: String(d.field), kind: String(d.kind), value: String(d.value), members: arr(d.members).map(String) })),
    }),
  );
  const sel = rec.events.filter((e) => e.type === "data" && e.channel === "selector").map((e) => obj((e as { data: unknown }).data)).at(-1);
  files.set("selector_decision.json", json({ policy: kpis.selector.policy, decision: kpis.selector.decision, reason: sel && typeof sel.reason === "string" ? sel.reason : null, source: sel ? "run" : "config" }));
  for (const [p, f] of touchedFiles(rec)) {
    const env = isDotEnv(p);
    const text = (t: string): CaseFile => ({ text: env ? "[omitted: .env file]\n" : t });
    files.set(`diffs/${flat(p)}.diff`, text(f.diff));
    if (privacy !== "public_safe") {
      files.set(`before/${flat(p)}`, text(f.oldText));
      files.set(`after/${flat(p)}`, text(f.newText));
    }
  }
  for (const [name, body] of testFiles(rec, raw)) files.set(name, body);
  const events = rec.events.map((e) => sanitizeEvent(e, privacy, raw)).filter((e): e is RunEvent => e !== null);
  files.set("logs/events.jsonl", { jsonl: events });
  files.set("logs/run.json", json({ run: rec.run, input: privacy === "public_safe" ? { kind: rec.run.kind } : rec.input, applies: rec.applies }));
  return files;
}
