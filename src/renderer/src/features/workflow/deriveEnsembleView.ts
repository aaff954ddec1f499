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
    else if (e.type === "data") applyData(view, members, e.channel, e.data);
  }
  if (result) {
    for (const r of result.members) members.set(r.id, { spec: r, status: r.status, text: r.rawText, startedAt: r.startedAt, result: r });
    Object.assign(view, { turns: result.debate?.turns ?? view.turns, consensus: result.consensus, code: result.code, prompt: result.prompt });
  }
  view.members = [...members.values()];
  return view;
}

function applyData(view: EnsembleView, members: Map<string, LiveMember>, channel: string, data: unknown): void {
  switch (channel) {
    case "members":
      for (const spec of (data as { members: MemberSpec[] }).members) members.set(spec.id, { spec, status: "pending", text: "" });
      break;
    case "memberStart": {
      const d = data as { memberId: string; startedAt: number };
      const m = members.get(d.memberId);
      if (m) Object.assign(m, { status: "running", startedAt: d.startedAt });
      break;
    }
    case "token": {
      const d = data as { memberId: string; text: string };
      const m = members.get(d.memberId);
      if (m && !m.result) m.text = (m.text + d.text).slice(-TEXT_CAP);
      break;
    }
    case "member": {
      const r = data as MemberResult;
      members.set(r.id, { spec: r, status: r.status, text: r.rawText, startedAt: r.startedAt, result: r });
      break;
    }
    case "turn":
      view.turns = [...view.turns, data as DebateTurn];
      break;
    case "consensus":
      view.consensus = data as Consensus;
      break;
    case "code":
      view.code = data as CodeConsensus;
      break;
    case "prompt":
      view.prompt = data as GeneratedPrompt;
      break;
  }
}
