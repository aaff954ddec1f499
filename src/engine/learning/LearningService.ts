import type { AttemptRecord } from "../../shared/contract/conductor.js";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { LearningStatus, Pattern, SelectionDecision, TaskType, Thumbs, TrainResult } from "../../shared/contract/learning.js";
import type { EngineContext } from "../EngineContext.js";
import { ArmStore } from "./bandit/ArmStore.js";
import { ErrorMemory, failuresOf } from "./errors/ErrorMemory.js";
import { patternFromAttempt } from "./library/patternFromAttempt.js";
import { PatternStore } from "./library/PatternStore.js";
import { estimateSimulator } from "./ppo/estimateSimulator.js";
import { banditEpisodeReward, meanEpisodeReward } from "./ppo/evaluatePolicies.js";
import { loadPolicy, policyPath, savePolicy, type LoadedPolicy } from "./ppo/policyFile.js";
import { PpoAgent } from "./ppo/PpoAgent.js";
import { trainPpo } from "./ppo/trainPpo.js";
import { DecisionLog } from "./selectors/DecisionLog.js";
import { LearnedSelector } from "./selectors/LearnedSelector.js";

const EVAL_EPISODES = 2000;

/** State and operations of the learning capability: library, posteriors, PPO policy, feedback, error memory. */
export class LearningService {
  readonly store: PatternStore;
  readonly arms: ArmStore;
  readonly errors: ErrorMemory;
  readonly decisions: DecisionLog;
  readonly selector: LearnedSelector;
  private policyCache: LoadedPolicy | null = null;

  constructor(private readonly ctx: EngineContext) {
    this.store = new PatternStore(ctx.db, ctx.dbReadOnly);
    this.arms = new ArmStore(ctx.db);
    this.errors = new ErrorMemory(ctx.db);
    this.decisions = new DecisionLog(ctx.db, ctx.dbReadOnly);
    this.selector = new LearnedSelector({ arms: this.arms, policy: () => this.policy(), context: (t) => this.observe(t), record: (d) => this.recordDecision(d) });
  }

  get enabled(): boolean {
    return this.ctx.config.learning.enabled;
  }

  get policyFile(): string {
    return policyPath(this.ctx.dataDir);
  }

  policy(): LoadedPolicy {
    return (this.policyCache ??= loadPolicy(this.policyFile));
  }

  private recordDecision(d: SelectionDecision): void {
    this.ctx.logger.info({ decision: d }, `selector ${d.policy}: ${d.reason}`);
    try {
      this.decisions.add(d);
    } catch (e) {
      this.ctx.logger.warn({ err: (e as Error).message }, "could not store the selector decision");
    }
    this.ctx.bus.publish("learn.decision", d);
  }

  /** A finished attempt becomes a pattern (once per content hash), feeds the error memory and, when learning is on, the posteriors. */
  ingest(a: AttemptRecord): Pattern | null {
    if (this.ctx.dbReadOnly) return null;
    const { temperature, topP } = this.ctx.config.sampling;
    const p = patternFromAttempt(a, { temperature, topP });
    if (!this.store.insert(p)) return null;
    const summary = p.files.map((f) => `${f.action} ${f.path}`).join(", ") || "answer without file changes";
    this.errors.record(p.promptId, p.id, failuresOf(a.tests), summary);
    if (this.enabled && p.reward !== null) for (const m of new Set(p.models)) this.arms.update(p.taskType, m, p.reward, this.ctx.config.learning.discount);
    this.ctx.bus.publish("patterns.changed", { reason: "ingest", ids: [p.id] });
    return p;
  }

  /** Thumbs on a pattern, or on every pattern of a run; up counts as reward 1 and down as 0 for its models. */
  feedback(input: { patternId?: string; runId?: string; thumbs: Thumbs; note?: string }): number {
    if (this.ctx.dbReadOnly) throw new AppError(ErrorCode.ReadOnly, "The database is read-only: feedback cannot be saved");
    if (!input.patternId === !input.runId) throw new AppError(ErrorCode.InvalidInput, "Give exactly one of patternId or runId");
    const ids = input.patternId ? [this.store.get(input.patternId).id] : this.store.idsOfRun(input.runId!);
    const now = Date.now();
    this.ctx.db.transaction(() => {
      this.ctx.db.prepare("INSERT INTO learning_feedback (pattern_id, run_id, thumbs, note, at) VALUES (?, ?, ?, ?, ?)").run(input.patternId ?? null, input.runId ?? null, input.thumbs, input.note ?? "", now);
      for (const id of ids) {
        const p = this.store.setFeedback(id, { thumbs: input.thumbs, note: input.note ?? "" });
        if (this.enabled) for (const m of new Set(p.models)) this.arms.update(p.taskType, m, input.thumbs === "up" ? 1 : 0, this.ctx.config.learning.discount);
      }
    })();
    if (ids.length) this.ctx.bus.publish("patterns.changed", { reason: "feedback", ids });
    return ids.length;
  }

  /** What the PPO agent observes for a task type: its recent rewards, code quality and user feedback. */
  observe(taskType: TaskType): { testReward: number; codeQuality: number; userFeedback: number } {
    const rows = this.ctx.db.prepare("SELECT body FROM learning_patterns WHERE task_type = ? ORDER BY created_at DESC LIMIT 20").all(taskType) as Array<{ body: string }>;
    const ps = rows.map((r) => JSON.parse(r.body) as Pattern);
    if (!ps.length) return { testReward: 0, codeQuality: 0, userFeedback: 0 };
    const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return {
      testReward: mean(ps.map((p) => p.reward ?? 0)),
      codeQuality: mean(ps.map((p) => 1 - Math.min(1, p.validation.errors / Math.max(1, p.files.length)))),
      userFeedback: mean(ps.filter((p) => p.feedback.thumbs).map((p) => (p.feedback.thumbs === "up" ? 1 : -1))),
    };
  }

  /** Train the PPO agent (continuing a valid saved policy) on the simulator estimated from the library. */
  async train(o: { timesteps?: number; seed?: number; signal?: AbortSignal; onProgress?: (p: { fraction: number; message?: string }) => void }): Promise<TrainResult> {
    if (!this.enabled) throw new AppError(ErrorCode.Unavailable, "Learning is off (RLHF_DISABLE=1 or learning.enabled=false): nothing is trained");
    const sim = estimateSimulator(this.store.all());
    const seed = o.seed ?? 1;
    const loaded = this.policy();
    const agent = loaded.ok ? loaded.agent : new PpoAgent(seed);
    const evalPolicy = (): number => meanEpisodeReward(sim, (obs) => agent.greedy(obs).action, EVAL_EPISODES, seed + 7);
    const before = evalPolicy();
    const timesteps = o.timesteps ?? 30_000;
    const curve = await trainPpo(agent, sim, { timesteps, seed, signal: o.signal, onProgress: o.onProgress });
    const after = evalPolicy();
    const bandit = banditEpisodeReward(sim, EVAL_EPISODES * 2, seed + 7);
    const prior = loaded.ok ? loaded.meta : null;
    savePolicy(this.policyFile, agent, { timesteps: (prior?.timesteps ?? 0) + timesteps, meanReward: after, curve: [...(prior?.curve ?? []), ...curve].slice(-500), trainedAt: Date.now(), simulator: { ...sim } });
    this.policyCache = null;
    return { timesteps, before, after, bandit, file: this.policyFile, simulator: { ...sim } };
  }

  status(): LearningStatus {
    const notes: string[] = [];
    const policy = this.ctx.config.models.selectorPolicy;
    if (!this.enabled) notes.push("learning is off (RLHF_DISABLE=1 or learning.enabled=false): posteriors and the PPO policy are not updated or used");
    const p = this.policy();
    if (policy === "ppo" && !p.ok) notes.push(`PPO falls back to the bandit: ${p.reason}`);
    return {
      enabled: this.enabled,
      policy,
      notes,
      patterns: this.store.count(),
      arms: this.arms.all(),
      ppo: p.ok
        ? { trained: true, file: this.policyFile, timesteps: p.meta.timesteps, meanReward: p.meta.meanReward, trainedAt: p.meta.trainedAt, problem: null }
        : { trained: false, file: this.policyFile, timesteps: 0, meanReward: null, trainedAt: null, problem: p.reason },
      decisions: this.decisions.recent(20),
      curve: p.ok ? p.meta.curve : [],
    };
  }
}
