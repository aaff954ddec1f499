import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { Mlp } from "./Mlp.js";
import { DEFAULT_HYPER, OBS_SIZE, PPO_ACTIONS, PpoAgent } from "./PpoAgent.js";

const PolicyFileSchema = z.object({
  format: z.literal("codeconductor.ppo-policy"),
  version: z.literal(1),
  hidden: z.number().int().min(1).max(256),
  actions: z.array(z.string()),
  actor: z.array(z.number().finite()),
  critic: z.array(z.number().finite()),
  timesteps: z.number().int().min(0),
  meanReward: z.number().nullable(),
  curve: z.array(z.number()),
  trainedAt: z.number().int(),
  simulator: z.record(z.string(), z.number()),
});
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

export const policyPath = (dataDir: string): string => path.join(dataDir, "learning", "ppo-policy.json");

/** Write atomically (temp file + rename), so a crash never leaves half a policy. */
export function savePolicy(file: string, agent: PpoAgent, meta: Pick<PolicyFile, "timesteps" | "meanReward" | "curve" | "trainedAt" | "simulator">): void {
  const doc: PolicyFile = { format: "codeconductor.ppo-policy", version: 1, hidden: agent.hyper.hidden, actions: [...PPO_ACTIONS], actor: [...agent.actor.params], critic: [...agent.critic.params], ...meta };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(doc));
  fs.renameSync(tmp, file);
}

export type LoadedPolicy = { ok: true; agent: PpoAgent; meta: PolicyFile } | { ok: false; reason: string };

/** Load a saved policy; a missing, unreadable or inconsistent file gives the reason instead of an agent. */
export function loadPolicy(file: string): LoadedPolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ENOENT" ? `no trained PPO policy at ${file} (run \`codeconductor learn train\`)` : `cannot read ${file}: ${(e as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: `PPO policy ${file} is corrupt (not JSON)` };
  }
  const parsed = PolicyFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `PPO policy ${file} is corrupt (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})` };
  const d = parsed.data;
  const hyper = { ...DEFAULT_HYPER, hidden: d.hidden };
  const aSize = Mlp.size({ input: OBS_SIZE, hidden: d.hidden, output: PPO_ACTIONS.length });
  const cSize = Mlp.size({ input: OBS_SIZE, hidden: d.hidden, output: 1 });
  if (d.actions.join() !== PPO_ACTIONS.join() || d.actor.length !== aSize || d.critic.length !== cSize) {
    return { ok: false, reason: `PPO policy ${file} does not fit this build's network (actions or layer sizes differ)` };
  }
  return { ok: true, agent: new PpoAgent(0, hyper, { actor: Float64Array.from(d.actor), critic: Float64Array.from(d.critic) }), meta: d };
}
