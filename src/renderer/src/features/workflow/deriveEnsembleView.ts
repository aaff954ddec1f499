import { runData } from "../../../../shared/rpc/runToCompletion.js";
import type { CodeConsensus, Consensus, DebateTurn, EnsembleRunResult, GeneratedPrompt, MemberResult, MemberSpec } from "../../../../shared/contract/ensemble.js";
import type { RunEvent, RunStatus } from "../../../../shared/contract/runs.js";

export interface LiveMember {
  spec: MemberSpec;
  status: MemberResult["status"];
  /** Streamed text so far (the final raw answer once done). */
  text: string;
  startedAt?: number;
  result?: MemberResult;
}

export interface EnsembleView {
  members: LiveMember[];
  turns: DebateTurn[];
  consensus?: Consensus;
  code?: CodeConsensus;
  prompt?: GeneratedPrompt;
  progress?: { fraction: number; message?: string };
  logs: string[];
  status: RunStatus | "idle";
  error?: string;
}

const TEXT_CAP = 4000;

/** Fold one run's events (and its final result when known) into what the Workflow view shows. Pure. */
export function deriveEnsembleView(events: RunEvent[], result?: EnsembleRunResult): EnsembleView {
  const members = new Map<string, LiveMember>();
  const view: EnsembleView = { members: [], turns: [], logs: [], status: events.length ? "running" : "idle" };
  for (const e of events) {
    if (e.type === "status") view.status = e.status;
    else if (e.type === "progress") view.progress = { fraction: e.fraction, message: e.message };
    else if (e.type === "log") view.logs.push(e.message);
    else if (e.type === "error") view.error = e.error.message;
    else if (e.type === "data") applyData(view, members, e);
  }
  if (result) {
    for (const r of result.members) members.set(r.id, { spec: r, status: r.status, text: r.rawText, startedAt: r.startedAt, result: r });
    Object.assign(view, { turns: result.debate?.turns ?? view.turns, consensus: result.consensus, code: result.code, prompt: result.prompt });
  }
  view.members = [...members.values()];
  return view;
}

function applyData(view: EnsembleView, members: Map<string, LiveMember>, e: RunEvent): void {
  const specs = runData("ensemble.run", "members", e);
  if (specs) for (const spec of specs.members) members.set(spec.id, { spec, status: "pending", text: "" });
  const start = runData("ensemble.run", "memberStart", e);
  const started = start && members.get(start.memberId);
  if (start && started) Object.assign(started, { status: "running", startedAt: start.startedAt });
  const token = runData("ensemble.run", "token", e);
  const streaming = token && members.get(token.memberId);
  if (token && streaming && !streaming.result) streaming.text = (streaming.text + token.text).slice(-TEXT_CAP);
  const r = runData("ensemble.run", "member", e);
  if (r) members.set(r.id, { spec: r, status: r.status, text: r.rawText, startedAt: r.startedAt, result: r });
  const turn = runData("ensemble.run", "turn", e);
  if (turn) view.turns = [...view.turns, turn];
  view.consensus = runData("ensemble.run", "consensus", e) ?? view.consensus;
  view.code = runData("ensemble.run", "code", e) ?? view.code;
  view.prompt = runData("ensemble.run", "prompt", e) ?? view.prompt;
}
