/**
 * The embedded inference process: one per loaded model. Owns node-llama-cpp so a llama.cpp abort on a
 * bad file kills only this process. Started with UV_THREADPOOL_SIZE=1 so each decode stays on one libuv
 * thread: letting decodes hop between pool threads halves generation speed at 2 threads (docs/models.md; the
 * "~0.96× of llama-bench" DESIGN.md quotes was measured at 1 thread).
 * Imports nothing from the engine but message types.
 */
import { getLlama, GgufInsights, LlamaChat, readGgufFileInfo, type ChatHistoryItem, type Llama, type LlamaContext, type LlamaEmbeddingContext, type LlamaGrammar, type LlamaModel } from "node-llama-cpp";
import { ChunkBatcher } from "./ChunkBatcher.js";
import type { FromWorker, ToWorker, WorkerDone, WorkerEmbeddings, WorkerEstimate, WorkerLoaded, WorkerReady } from "./protocol.js";

let llama: Llama | undefined;
let model: LlamaModel | undefined;
let context: LlamaContext | undefined;
let chat: LlamaChat | undefined;
let embedding: Promise<LlamaEmbeddingContext> | undefined;
let loadedThreads = 0;
const running = new Map<number, AbortController>();
const grammars = new Map<string, LlamaGrammar>();

// Under Electron the worker is a utilityProcess (messages on process.parentPort); under Node a forked child.
const parentPort = (process as unknown as { parentPort?: { on(e: "message", fn: (ev: { data: ToWorker }) => void): void; postMessage(m: unknown): void } }).parentPort;
const send = (m: FromWorker): void => (parentPort ? parentPort.postMessage(m) : void process.send?.(m));

async function init(gpu: Extract<ToWorker, { type: "init" }>["gpu"]): Promise<WorkerReady> {
  llama = await getLlama({ build: "never", gpu, logLevel: "error" as never, progressLogs: false, skipDownload: true } as never);
  return { gpu: llama.gpu === false ? "cpu" : llama.gpu, cpuMathCores: llama.cpuMathCores, binary: llama.buildType };
}

async function estimate(path: string, contextSize: number): Promise<WorkerEstimate> {
  const info = await readGgufFileInfo(path, { logWarnings: false });
  const insights = await GgufInsights.from(info, need(llama, "init"));
  const resolved = await insights.configurationResolver.resolveAndScoreConfig({ targetContextSize: contextSize });
  const r = resolved.resolvedValues;
  return { ramBytes: r.totalRamUsage, vramBytes: r.totalVramUsage, gpuLayers: r.gpuLayers };
}

async function load(m: Extract<ToWorker, { type: "load" }>): Promise<WorkerLoaded> {
  const t0 = performance.now();
  model = await need(llama, "init").loadModel({ modelPath: m.path, gpuLayers: "auto" });
  context = await model.createContext({ contextSize: Math.min(m.contextSize, model.trainContextSize), threads: m.threads, batchSize: m.batchSize });
  chat = new LlamaChat({ contextSequence: context.getSequence() });
  loadedThreads = m.threads;
  return { contextSize: context.contextSize, threads: m.threads, gpuLayers: model.gpuLayers, loadMs: performance.now() - t0 };
}

function toHistory(messages: Extract<ToWorker, { type: "generate" }>["messages"]): ChatHistoryItem[] {
  const out: ChatHistoryItem[] = messages.map((msg) =>
    msg.role === "system" ? { type: "system", text: msg.content } : msg.role === "user" ? { type: "user", text: msg.content } : { type: "model", response: [msg.content] },
  );
  // The model answers after the last user turn; a trailing assistant turn is continued instead.
  if (out.at(-1)?.type !== "model") out.push({ type: "model", response: [] });
  return out;
}

async function generate(m: Extract<ToWorker, { type: "generate" }>): Promise<WorkerDone> {
  const c = need(chat, "load");
  const ctx = need(context, "load");
  const history = toHistory(m.messages);
  const prompt = c.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(need(model, "load").tokenizer);
  if (prompt.length >= ctx.contextSize - 1) return { stopReason: "contextFull", promptTokens: prompt.length, completionTokens: 0 };
  const controller = new AbortController();
  running.set(m.id, controller);
  const out = new ChunkBatcher((text) => send({ type: "token", id: m.id, text }));
  let completion = 0;
  try {
    const grammar = m.jsonSchema ? await jsonGrammar(m.jsonSchema) : undefined;
    const r = await c.generateResponse(history, {
      signal: controller.signal,
      stopOnAbortSignal: true,
      maxTokens: Math.min(m.maxTokens, ctx.contextSize - prompt.length - 1),
      temperature: m.temperature,
      topP: m.topP,
      ...(m.seed !== undefined ? { seed: m.seed } : {}),
      ...(m.stop?.length ? { customStopTriggers: m.stop } : {}),
      ...(grammar ? { grammar } : {}),
      // Off, as in llama.cpp (repeat_penalty 1.0) and the OpenAI-compatible servers, so one request samples
      // alike on every backend; node-llama-cpp's default (1.1 over the last 64 tokens) also costs ~0.1 ms a token.
      repeatPenalty: false,
      onToken: (tokens) => void (completion += tokens.length),
      onTextChunk: (text) => out.push(text),
    });
    return { stopReason: r.metadata.stopReason, promptTokens: prompt.length, completionTokens: completion };
  } finally {
    out.flush();
    running.delete(m.id);
  }
}

/** Embeddings for the pattern library's retrieval: a second, small context on the loaded model, made on first use. */
async function embed(texts: string[]): Promise<WorkerEmbeddings> {
  const m = need(model, "load");
  embedding ??= m.createEmbeddingContext({ contextSize: Math.min(512, m.trainContextSize), threads: loadedThreads });
  const ctx = await embedding;
  const vectors: number[][] = [];
  // Longer texts are cut to the context (a task description's head says what it is about).
  for (const t of texts) vectors.push([...(await ctx.getEmbeddingFor(m.detokenize(m.tokenize(t).slice(0, 480)))).vector]);
  return { vectors };
}

async function jsonGrammar(schema: Record<string, unknown>): Promise<LlamaGrammar> {
  const key = JSON.stringify(schema);
  let g = grammars.get(key);
  if (!g) {
    try {
      g = await need(llama, "init").createGrammarForJsonSchema(schema as never);
    } catch (err) {
      throw Object.assign(new Error(`JSON schema not supported by the grammar converter: ${(err as Error).message}`), { code: "invalid_input" });
    }
    grammars.set(key, g);
  }
  return g;
}

function need<T>(v: T | undefined, step: string): T {
  if (v === undefined) throw Object.assign(new Error(`worker not ready: send "${step}" first`), { code: "internal" });
  return v;
}

const onRequest = (raw: ToWorker): void => {
  if (raw.type === "cancel") return void running.get(raw.id)?.abort();
  const work =
    raw.type === "init"
      ? init(raw.gpu)
      : raw.type === "estimate"
        ? estimate(raw.path, raw.contextSize)
        : raw.type === "load"
          ? load(raw)
          : raw.type === "embed"
            ? embed(raw.texts)
            : generate(raw);
  work.then(
    (value) => send({ type: "result", id: raw.id, value }),
    (err: unknown) => send({ type: "error", id: raw.id, code: (err as { code?: string }).code ?? "internal", message: (err as Error).message ?? String(err) }),
  );
};
if (parentPort) parentPort.on("message", (ev) => onRequest(ev.data));
else process.on("message", onRequest);

// The parent went away: leave at once (the OS frees the model).
process.on("disconnect", () => process.exit(0));
