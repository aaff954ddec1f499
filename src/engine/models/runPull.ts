import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { RunContext } from "../runs/RunManager.js";
import { pullModel, type PullResult } from "./pull/pullModel.js";
import { resolvePullSource } from "./pull/resolvePullSource.js";

/** Run kind `models.pull`: resolve the source, download resumably, verify, then rediscover. */
export async function runPull(input: RunParsedInput<"models.pull">, rc: RunContext<"models.pull">, o: { defaultDir: string; hfEndpoint: string; onDone: () => Promise<void> }): Promise<PullResult> {
  rc.setTitle(`pull ${input.source}`);
  rc.progress(0, `resolving ${input.source}`);
  const target = await resolvePullSource(input.source, o.hfEndpoint, rc.signal);
  if (input.sha256) target.sha256 = input.sha256.toLowerCase();
  rc.log("info", `downloading ${target.url}${target.sizeBytes ? ` (${target.sizeBytes} bytes)` : ""}`);
  const result = await pullModel(target, input.dir ?? o.defaultDir, { signal: rc.signal, onProgress: (p) => rc.progress(p.fraction, p.message) });
  if (result.resumedFrom > 0) rc.log("info", `resumed from byte ${result.resumedFrom}`);
  rc.progress(1, "verified");
  await o.onDone();
  return result;
}
