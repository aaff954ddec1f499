import type { TimelineEntry } from "../../shared/contract/insight.js";
import type { RunRecord } from "./loadRunRecord.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const short = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function dataEntry(seq: number, at: number | null, channel: string, d: Obj): TimelineEntry | null {
  switch (channel) {
    case "stage":
      return { seq, at, kind: "stage", title: `Stage: ${String(d.stage)}`, detail: d.message ? String(d.message) : `iteration ${String(d.iteration)}` };
    case "prompt":
      return { seq, at, kind: "prompt", title: `Prompt (${String(d.kind ?? "initial")}, iteration ${String(d.iteration ?? 1)})`, detail: `${String(d.tokens ?? "?")} tokens` };
    case "member":
      return { seq, at, kind: "answer", title: `Answer from ${String(d.label ?? d.modelId)}`, detail: `${String(d.status)} in ${String(d.elapsedMs)} ms` };
    case "candidate": {
      const files = (obj(d.plan).files as Obj[] | undefined) ?? [];
      return { seq, at, kind: "candidate", title: `Candidate for iteration ${String(d.iteration)}`, detail: short(files.map((f) => String(f.path)).join(", ")) };
    }
    case "approval":
      return { seq, at, kind: "approval", title: d.approved ? "Approved" : "Rejected", detail: `by ${String(d.by)}${d.reason ? `: ${String(d.reason)}` : ""}` };
    case "tests": {
      const s = obj(d.summary);
      return { seq, at, kind: "tests", title: `Tests: ${String(s.passed)} passed, ${String(s.failed)} failed`, detail: `reward ${String(obj(d.reward).reward)}` };
    }
    case "attempt":
      return { seq, at, kind: "reward", title: `Attempt ${String(d.iteration)}: ${d.passed ? "green" : "not green"}`, detail: `reward ${String(obj(d.reward).reward ?? "—")}` };
    case "consensus":
      return { seq, at, kind: "data", title: `Consensus: ${String(d.mode)}`, detail: `confidence ${String(d.confidence)}` };
    case "token":
    case "output":
    case "memberStart":
      return null;
    default:
      return { seq, at, kind: "data", title: channel };
  }
}

/** A readable timeline of a run: its events (tokens and raw output left out) with applies and undos merged in. */
export function buildTimeline(rec: RunRecord): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const startSeq = rec.events.length ? rec.events[0]!.seq : 0;
  out.push({ seq: startSeq - 0.5, at: rec.run.startedAt, kind: "status", title: `Started ${rec.run.kind}` });
  for (const e of rec.events) {
    if (e.type === "status" && e.status === "running") continue;
    if (e.type === "progress") continue;
    const at = e.at ?? null;
    if (e.type === "status") out.push({ seq: e.seq, at: at ?? rec.run.endedAt ?? null, kind: "status", title: `Status: ${e.status}` });
    else if (e.type === "log") out.push({ seq: e.seq, at, kind: "log", title: `${e.level}: ${short(e.message)}` });
    else if (e.type === "error") out.push({ seq: e.seq, at, kind: "error", title: `Error (${e.error.code})`, detail: e.error.message });
    else if (e.type === "result") out.push({ seq: e.seq, at: at ?? rec.run.endedAt ?? null, kind: "result", title: "Result" });
    else if (e.type === "data") {
      if (e.channel === "applied") {
        const d = obj(e.data);
        out.push({ seq: e.seq, at, kind: "apply", title: `Applied ${String(d.applyId ?? "")}`.trim(), detail: ((d.written as string[]) ?? []).join(", ") });
        continue;
      }
      const entry = dataEntry(e.seq, at, e.channel, obj(e.data));
      if (entry) out.push(entry);
    }
  }
  // Applies recorded by verify that no event named (a manual apply during the run), and every undo: placed after
  // the last event that happened before them (events carry their time), else at the end.
  const named = new Set(out.filter((t) => t.kind === "apply").map((t) => t.title.replace("Applied ", "")));
  const lastSeq = rec.events.at(-1)?.seq ?? 0;
  const seqAt = (t: number, offset: number): number => {
    const before = rec.events.filter((e) => e.at !== undefined && e.at <= t).at(-1);
    return (before?.seq ?? lastSeq) + offset;
  };
  for (const a of rec.applies) {
    if (!named.has(a.applyId)) out.push({ seq: seqAt(a.createdAt, 0.1), at: a.createdAt, kind: "apply", title: `Applied ${a.applyId}`, detail: a.files.join(", ") });
    if (a.undoneAt) out.push({ seq: seqAt(a.undoneAt, 0.2), at: a.undoneAt, kind: "undo", title: `Undone ${a.applyId}`, detail: a.files.join(", ") });
  }
  return out.sort((a, b) => a.seq - b.seq);
}
