import { PpoAgent, type Transition } from "../ppo/PpoAgent.js";
import { Rng } from "../Rng.js";
import type { DemoLearner } from "./runDemo.js";

/** The demo's four arms are the agent's four actions; it sees one constant observation and updates every 16 picks. */
export function ppoDemoLearner(seed: number): DemoLearner {
  const agent = new PpoAgent(seed, { hidden: 16, lr: 1e-2, gamma: 0, lambda: 0, clip: 0.2, epochs: 4, minibatch: 16, entropy: 0.005, valueCoef: 0.5 });
  const rng = new Rng(seed ^ 0x68e31da4);
  const obs = [0, 0, 0, 0.5];
  const batch: Transition[] = [];
  let last: { action: number; logp: number; value: number } | null = null;
  return {
    choose: () => (last = agent.act(obs, rng)).action,
    learn: (arm, reward) => {
      if (!last) return;
      batch.push({ obs, action: arm, logp: last.logp, value: last.value, reward, done: true });
      if (batch.length >= 16) agent.update(batch.splice(0), 0, rng);
    },
  };
}
