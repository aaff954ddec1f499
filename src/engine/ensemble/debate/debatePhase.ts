import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { Debate, DebateTurn, MemberSpec, Persona } from "../../../shared/contract/ensemble.js";
import type { Config } from "../../config/ConfigSchema.js";
import type { ModelGateway } from "../../inference/types.js";
import { loadPersonas } from "./loadPersonas.js";
import { runDebate } from "./runDebate.js";

/** Agents when none are named: the classic four. */
export const DEFAULT_AGENTS = ["architect", "coder", "tester", "reviewer"];

export interface DebatePhaseOptions {
  task: string;
  options: { personasFile?: string; agents?: string[]; rounds?: number; timeoutPerTurnSec?: number };
  config: Config;
  /** The shipped personas.yaml. */
  shippedPersonas: string;
  members: MemberSpec[];
  gateway: ModelGateway;
  signal: AbortSignal;
  onTurn(turn: DebateTurn): void;
}

/** Personas from the shipped file, then config `ensemble.personasFile`, then the run's own file (later wins). */
export function personaFiles(shipped: string, config: Config, runFile?: string): string[] {
  return [shipped, config.ensemble.personasFile, runFile].filter((f): f is string => !!f);
}

function pickAgents(all: Persona[], ids: string[]): Persona[] {
  const byId = new Map(all.map((p) => [p.id, p]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    throw new AppError(ErrorCode.InvalidInput, `Unknown persona${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. Available: ${[...byId.keys()].join(", ")}`);
  }
  return ids.map((id) => byId.get(id)!);
}

/**
 * Run the persona debate before the ensemble's synthesis. A persona speaks through the model it prefers
 * (`model`: a substring of a member's model id) when one is in the ensemble, else members take turns round-robin.
 */
export async function debatePhase(o: DebatePhaseOptions): Promise<Debate> {
  const personas = loadPersonas(personaFiles(o.shippedPersonas, o.config, o.options.personasFile));
  const agents = pickAgents(personas, o.options.agents?.length ? o.options.agents : DEFAULT_AGENTS);
  const models = o.members.map((m) => m.modelId);
  const modelFor = (p: Persona): string => {
    const preferred = p.model ? models.find((id) => id.includes(p.model!)) : undefined;
    return preferred ?? models[agents.indexOf(p) % models.length]!;
  };
  return runDebate({
    task: o.task,
    agents,
    modelFor,
    rounds: o.options.rounds ?? o.config.ensemble.debateRounds,
    turnTimeoutMs: (o.options.timeoutPerTurnSec ?? o.config.ensemble.turnTimeoutSec) * 1000,
    gateway: o.gateway,
    signal: o.signal,
    seed: o.config.ensemble.baseSeed,
    maxTokens: o.config.ensemble.turnMaxTokens,
    onTurn: o.onTurn,
  });
}
