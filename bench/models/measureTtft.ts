import type { ModelGateway } from "../../src/engine/inference/types.js";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Time to first token for the same prompts: (a) node-llama-cpp used directly in this process, (b) through
 * CodeConductor's gateway (scheduler, worker process, IPC), timed from the call to the first token callback.
 * Both keep the model loaded and alternate, with a fresh prompt each time. Medians, ms.
 */
export async function measureTtft(gateway: ModelGateway, modelId: string, file: string, reps: number): Promise<{ directMs: number; gatewayMs: number }> {
  const { getLlama, LlamaChat } = await import("node-llama-cpp");
  const llama = await getLlama({ build: "never", gpu: false, logLevel: "error" as never });
  const model = await llama.loadModel({ modelPath: file });
  const context = await model.createContext({ contextSize: 1024, threads: 1 });
  const chat = new LlamaChat({ contextSequence: context.getSequence() });
  const direct: number[] = [];
  const viaGateway: number[] = [];
  const prompt = (i: number): string => `Question ${i}: summarise the change in one line.`;
  await gateway.generate({ modelId, messages: [{ role: "user", content: "warm" }], sampling: { maxTokens: 2 } });
  try {
    for (let i = 0; i < reps; i++) {
      let t0 = performance.now();
      let first = 0;
      await chat.generateResponse([{ type: "user", text: prompt(i) }, { type: "model", response: [] }], { maxTokens: 4, temperature: 0.2, topP: 0.95, onTextChunk: () => (first ||= performance.now()) });
      if (first) direct.push(first - t0);
      t0 = performance.now();
      first = 0;
      await gateway.generate({ modelId, messages: [{ role: "user", content: prompt(i) }], sampling: { maxTokens: 4 }, onToken: () => (first ||= performance.now()) });
      if (first) viaGateway.push(first - t0);
    }
  } finally {
    await llama.dispose();
  }
  return { directMs: median(direct), gatewayMs: median(viaGateway) };
}
