import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SIM } from "./LoopSimulator.js";
import { banditEpisodeReward, meanEpisodeReward } from "./evaluatePolicies.js";
import { loadPolicy, savePolicy } from "./policyFile.js";
import { PpoAgent } from "./PpoAgent.js";
import { trainPpo } from "./trainPpo.js";

const greedy = (a: PpoAgent) => (obs: number[]) => a.greedy(obs).action;

describe("PPO agent on the loop simulator", () => {
  it("after training beats its untrained self and at least matches the bandit where retry and escalate matter", async () => {
    const agent = new PpoAgent(1);
    const before = meanEpisodeReward(DEFAULT_SIM, greedy(agent), 2000, 99);
    await trainPpo(agent, DEFAULT_SIM, { timesteps: 20_000, seed: 1 });
    const after = meanEpisodeReward(DEFAULT_SIM, greedy(agent), 2000, 99);
    const bandit = banditEpisodeReward(DEFAULT_SIM, 4000, 99);
    expect(after).toBeGreaterThan(before);
    expect(after).toBeGreaterThanOrEqual(bandit);
    // It uses the state: a near miss on an easy task is fixed, a fresh hard task goes to B or escalates.
    expect(agent.greedy([0.9, 0.5, 0, 0.1]).action).toBe(2);
    expect([1, 3]).toContain(agent.greedy([0, 0, 0, 0.95]).action);
  });

  it("is deterministic for a seed", async () => {
    const a = new PpoAgent(5);
    const b = new PpoAgent(5);
    await trainPpo(a, DEFAULT_SIM, { timesteps: 1024, seed: 5 });
    await trainPpo(b, DEFAULT_SIM, { timesteps: 1024, seed: 5 });
    expect([...a.actor.params]).toEqual([...b.actor.params]);
    expect([...a.critic.params]).toEqual([...b.critic.params]);
  });

  it("saves and loads a policy that acts the same; a missing or corrupt file gives its reason", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-ppo-"));
    try {
      const file = path.join(dir, "p.json");
      const agent = new PpoAgent(2);
      savePolicy(file, agent, { timesteps: 0, meanReward: null, curve: [], trainedAt: 1, simulator: {} });
      const loaded = loadPolicy(file);
      expect(loaded.ok).toBe(true);
      if (loaded.ok) expect(loaded.agent.greedy([0.5, 0.5, 0, 0.5]).probs).toEqual(agent.greedy([0.5, 0.5, 0, 0.5]).probs);
      expect(loadPolicy(path.join(dir, "none.json"))).toMatchObject({ ok: false, reason: expect.stringMatching(/no trained PPO policy/) });
      fs.writeFileSync(file, "{");
      expect(loadPolicy(file)).toMatchObject({ ok: false, reason: expect.stringMatching(/corrupt \(not JSON\)/) });
      const doc = JSON.parse(JSON.stringify({ format: "codeconductor.ppo-policy", version: 1, hidden: 32, actions: ["use_model_A", "use_model_B", "retry_with_fix", "escalate"], actor: [1], critic: [1], timesteps: 0, meanReward: null, curve: [], trainedAt: 1, simulator: {} }));
      fs.writeFileSync(file, JSON.stringify(doc));
      expect(loadPolicy(file)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not fit/) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
