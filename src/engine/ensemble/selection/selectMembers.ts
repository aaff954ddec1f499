import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { MemberSpec } from "../../../shared/contract/ensemble.js";
import type { Config } from "../../config/ConfigSchema.js";
import type { ModelInfo } from "../../inference/types.js";
import { findModel, modelMatches } from "../../models/matchModel.js";

export interface Selection {
  members: MemberSpec[];
  /** The policy that decided ("explicit", "forced", "fixed", "all", "latency"). */
  policy: string;
  /** Fallbacks and caps worth telling the user about. */
  notes: string[];
}

export interface SelectOverrides {
  /** Explicit model ids or substrings; bypasses the policy. */
  models?: string[];
  samplesPerModel?: number;
}


function pickByPolicy(usable: ModelInfo[], cfg: Config, notes: string[]): { picked: ModelInfo[]; policy: string } {
  const { selectorPolicy, selectorStrict } = cfg.models;
  const size = cfg.ensemble.size;
  let policy: string = selectorPolicy;
  let picked: ModelInfo[] = usable;
  if (selectorPolicy === "fixed") {
    const fixed = cfg.ensemble.fixedMembers.map((p) => findModel(usable, p)).filter((m): m is ModelInfo => !!m);
    const missing = cfg.ensemble.fixedMembers.filter((p) => !findModel(usable, p));
    if (missing.length) {
      if (selectorStrict) throw new AppError(ErrorCode.NotFound, `Fixed ensemble members not available: ${missing.join(", ")}`);
      notes.push(`fixed members not available: ${missing.join(", ")}`);
    }
    if (fixed.length) return { picked: fixed, policy };
    notes.push("no fixed member available; using all models");
    policy = "all";
  }
  if (selectorPolicy === "latency") {
    picked = [...usable].sort((a, b) => (a.latencyMs ?? Infinity) - (b.latencyMs ?? Infinity));
  }
  if (size > 0 && picked.length > size) {
    notes.push(`using ${size} of ${picked.length} models (ensemble.size)`);
    picked = picked.slice(0, size);
  }
  return { picked, policy };
}

function distinctModels(patterns: string[], usable: ModelInfo[], strict: boolean, what: string): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const p of patterns) {
    const m = findModel(usable, p);
    if (!m) {
      if (strict) throw new AppError(ErrorCode.NotFound, `${what} "${p}" is not available`, { details: { available: usable.map((u) => u.id) } });
      continue;
    }
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * Choose the ensemble's members: explicit models, else FORCE_MODEL, else the selector policy (`fixed`,
 * `all`, `latency` — fastest measured first), capped at `ensemble.size` distinct models (ENSEMBLE_SIZE; how many
 * generate at once is the scheduler's MAX_PARALLEL_MODELS, not this), each sampled
 * `samplesPerModel` times with seeds baseSeed, baseSeed+1… Unavailable models and those outside the
 * allowlist never take part. Throws `unavailable` when nothing is left.
 */
export function selectMembers(models: ModelInfo[], cfg: Config, overrides: SelectOverrides = {}): Selection {
  const notes: string[] = [];
  const allow = cfg.models.allowlist;
  const usable = models.filter((m) => m.status !== "unavailable" && !(allow.length && !allow.some((a) => modelMatches(m, a))));
  let picked: ModelInfo[];
  let policy: string;
  if (overrides.models?.length) {
    picked = distinctModels(overrides.models, usable, true, "Model");
    policy = "explicit";
  } else if (cfg.models.forceModel) {
    picked = distinctModels([cfg.models.forceModel], usable, cfg.models.selectorStrict, "FORCE_MODEL");
    policy = "forced";
    if (!picked.length) {
      notes.push(`FORCE_MODEL "${cfg.models.forceModel}" is not available; using the ${cfg.models.selectorPolicy} policy`);
      ({ picked, policy } = pickByPolicy(usable, cfg, notes));
    }
  } else ({ picked, policy } = pickByPolicy(usable, cfg, notes));
  if (!picked.length) {
    throw new AppError(
      ErrorCode.Unavailable,
      "No models available for the ensemble: start Ollama or LM Studio, or add a folder of .gguf files (config models.dirs, env CC_MODEL_DIRS), and check ENGINE_MODEL_ALLOWLIST",
      { details: { models: models.map((m) => ({ id: m.id, status: m.status })) } },
    );
  }
  const samples = overrides.samplesPerModel ?? cfg.ensemble.samplesPerModel;
  const ambiguous = new Set(picked.map((m) => m.name).filter((n, i, all) => all.indexOf(n) !== i));
  const members: MemberSpec[] = [];
  for (const m of picked) {
    const base = ambiguous.has(m.name) ? m.id : m.name;
    for (let k = 0; k < samples; k++) {
      members.push({ id: `m${members.length + 1}`, modelId: m.id, label: k === 0 ? base : `${base}#${k + 1}`, seed: cfg.ensemble.baseSeed + k });
    }
  }
  return { members, policy, notes };
}
