import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** llama-bench's figures for one thread count, tokens/s (best repetition, like our side). */
export interface LlamaBenchResult {
  threads: number;
  pp: number;
  tg: number;
}

/** Run llama-bench for pp`promptTokens` and tg`genTokens` at `threads`, `reps` repetitions, JSON output. */
export async function runLlamaBench(bin: string, model: string, threads: number, reps: number, promptTokens = 512, genTokens = 128): Promise<LlamaBenchResult> {
  const { stdout } = await run(bin, ["-m", model, "-t", String(threads), "-p", String(promptTokens), "-n", String(genTokens), "-r", String(reps), "-o", "json"], { maxBuffer: 16 * 2 ** 20 });
  const rows = JSON.parse(stdout) as Array<{ n_prompt: number; n_gen: number; avg_ts: number; samples_ts?: number[] }>;
  const best = (r: (typeof rows)[number] | undefined): number | undefined => (r ? Math.max(r.avg_ts, ...(r.samples_ts ?? [])) : undefined);
  const pp = best(rows.find((r) => r.n_prompt > 0 && r.n_gen === 0));
  const tg = best(rows.find((r) => r.n_gen > 0 && r.n_prompt === 0));
  if (pp === undefined || tg === undefined) throw new Error(`unexpected llama-bench output: ${stdout.slice(0, 200)}`);
  return { threads, pp, tg };
}
