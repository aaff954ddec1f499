import { spawn } from "node:child_process";
import net from "node:net";
import { promptOfTokens } from "./measureEmbedded.js";

/** llama-server's own figures for one thread count, tokens/s (best repetition, like the other two sides). */
export interface LlamaServerResult {
  threads: number;
  pp: number;
  tg: number;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

/** One streamed completion; llama-server's final event carries its own timings. */
async function complete(port: number, body: Record<string, unknown>): Promise<{ pp: number; tg: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/completion`, { method: "POST", body: JSON.stringify({ stream: true, cache_prompt: false, ...body }) });
  const text = await res.text();
  const timings = [...text.matchAll(/"timings":(\{[^}]*\})/g)].at(-1)?.[1];
  if (!timings) throw new Error(`llama-server answered without timings: ${text.slice(0, 200)}`);
  const t = JSON.parse(timings) as { prompt_per_second: number; predicted_per_second: number };
  return { pp: t.prompt_per_second, tg: t.predicted_per_second };
}

/**
 * llama.cpp's own server at `threads`, as the reference for a real generation loop: it samples every token (top-k,
 * top-p, temperature, like CodeConductor's defaults) and streams it, which llama-bench does not. pp: a ~512-token
 * prompt, one token out; tg: a short prompt, 128 tokens (EOS ignored). Best of `reps`; the server is stopped after.
 */
export async function runLlamaServer(bin: string, model: string, threads: number, reps: number, promptTokens = 512, genTokens = 128): Promise<LlamaServerResult> {
  const port = await freePort();
  const child = spawn(bin, ["-m", model, "-t", String(threads), "-c", "1024", "--host", "127.0.0.1", "--port", String(port), "-np", "1"], { stdio: "ignore" });
  try {
    const until = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`llama-server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > until) throw new Error("llama-server did not become healthy within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    const sampling = { temperature: 0.2, top_p: 0.95, top_k: 40 };
    await complete(port, { prompt: "warm up", n_predict: 8, ...sampling });
    let pp = 0;
    let tg = 0;
    for (let r = 0; r < reps; r++) {
      pp = Math.max(pp, (await complete(port, { prompt: promptOfTokens(promptTokens - 2, r + 1), n_predict: 1, ...sampling })).pp);
      tg = Math.max(tg, (await complete(port, { prompt: promptOfTokens(2, 1000 + r), n_predict: genTokens, ignore_eos: true, seed: r + 1, ...sampling })).tg);
    }
    return { threads, pp, tg };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}
