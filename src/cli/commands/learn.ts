import { InvalidArgumentError, type Command } from "commander";
import type { TrainResult } from "../../shared/contract/learning.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { globalOptions } from "../globalOptions.js";
import { formatLearningStatus } from "../learning/formatPatterns.js";
import { output, withEngine } from "../withEngine.js";

const int = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("expected a whole number");
  return n;
};
const policyName = (v: string): "bandit" | "ppo" | "random" => {
  if (v !== "bandit" && v !== "ppo" && v !== "random") throw new InvalidArgumentError("expected bandit, ppo or random");
  return v;
};

/** `codeconductor learn status|train|demo|feedback|errors`. */
export function registerLearnCommands(program: Command): void {
  const learn = program.command("learn").description("model selection that learns: bandit posteriors, the PPO agent, feedback, error memory");

  learn
    .command("status")
    .description("selector policy, posteriors per task type × model, PPO policy, last decisions")
    .action(async (_o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const s = await client.call("learn.status", {}, { signal });
        output(g, s, () => formatLearningStatus(s));
      });
    });

  learn
    .command("train")
    .description("train the PPO agent on a simulator estimated from the logged attempts; saved in the data folder")
    .option("--timesteps <n>", "simulated steps (default 30000)", int)
    .option("--seed <s>", "random seed (default 1)", int)
    .action(async (o: { timesteps?: number; seed?: number }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = (await runToCompletion(client, "learn.train", { timesteps: o.timesteps, seed: o.seed }, {
          signal,
          onEvent: (e) => {
            if (!g.json && e.type === "progress" && e.message) process.stderr.write(`\r… ${e.message}   `);
          },
        })) as TrainResult;
        if (!g.json) process.stderr.write("\n");
        output(g, r, () => `Trained ${r.timesteps} steps: mean episode reward ${r.before.toFixed(3)} → ${r.after.toFixed(3)} (bandit ${r.bandit.toFixed(3)}). Saved ${r.file}`);
      });
    });

  learn
    .command("demo")
    .description("the demo: four models with success 0.2/0.4/0.6/0.8, one pick per episode; regret vs random")
    .option("--policy <p>", "bandit, ppo or random (default bandit)", policyName)
    .option("--episodes <n>", "episodes (default 200)", int)
    .option("--seed <s>", "random seed (default 1)", int)
    .action(async (o: { policy?: "bandit" | "ppo" | "random"; episodes?: number; seed?: number }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("learn.demo", { policy: o.policy, episodes: o.episodes, seed: o.seed }, { signal });
        output(g, r, () =>
          [
            `${r.policy}: ${r.episodes} episodes, seed ${r.seed}`,
            `cumulative regret ${r.cumulativeRegret.toFixed(1)} (random ${r.randomRegret.toFixed(1)}, ${((100 * r.cumulativeRegret) / Math.max(1e-9, r.randomRegret)).toFixed(0)}%)`,
            `best arm (p = 0.8) in ${(100 * r.bestArmShare).toFixed(0)}% of the last 50 picks`,
          ].join("\n"),
        );
      });
    });

  learn
    .command("feedback")
    .description("thumbs up or down (and a note) on a pattern or on every pattern of a run")
    .argument("<thumbs>", "up or down")
    .option("--pattern <id>", "the pattern")
    .option("--run <id>", "the run")
    .option("--note <text>", "why")
    .action(async (thumbs: string, o: { pattern?: string; run?: string; note?: string }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (thumbs !== "up" && thumbs !== "down") throw new InvalidArgumentError("thumbs must be up or down");
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("learn.feedback", { thumbs, patternId: o.pattern, runId: o.run, note: o.note }, { signal });
        output(g, r, () => `Feedback saved on ${r.updated} pattern(s)`);
      });
    });

  learn
    .command("errors")
    .description("the error memory: failure signatures with counts and the fixes that resolved them")
    .action(async (_o: unknown, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _e, signal) => {
        const r = await client.call("learn.errors", {}, { signal });
        output(g, r, () =>
          r.errors.length
            ? r.errors.map((e) => `${String(e.count).padStart(4)}×  ${e.errorType}: ${e.skeleton} (${e.locationKind})${e.fixes[0] ? `\n       fixed by: ${e.fixes[0].summary}` : ""}`).join("\n")
            : "No failures remembered yet.",
        );
      });
    });
}
