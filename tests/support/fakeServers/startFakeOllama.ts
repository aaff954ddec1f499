import { replyText, roughTokens } from "./replyText.js";
import { sendJson, startHttp } from "./startHttp.js";
import { splitReply, streamWithFault, type StreamCounters } from "./streamWithFault.js";
import type { FakeFault, FakeModel, FakeServer, FakeServerOptions } from "./types.js";

const DIGEST = "sha256:" + "ab".repeat(32);

function details(m: FakeModel): Record<string, unknown> {
  return {
    parent_model: "",
    format: "gguf",
    family: m.family ?? "llama",
    families: [m.family ?? "llama"],
    parameter_size: m.parameterSize ?? "1B",
    quantization_level: m.quantization ?? "Q4_0",
  };
}

function tagEntry(m: FakeModel): Record<string, unknown> {
  return { name: m.name, model: m.name, modified_at: "2025-01-01T00:00:00Z", size: m.sizeBytes ?? 1_000_000, digest: DIGEST, details: details(m) };
}

/**
 * A protocol-faithful Ollama on 127.0.0.1 (github.com/ollama/ollama/blob/main/docs/api.md):
 * GET /api/version, /api/tags, /api/ps; POST /api/show, /api/chat (NDJSON stream or one JSON object;
 * `format` "json" or a JSON schema; `options.num_ctx` honoured for `prompt_eval_count`).
 */
export async function startFakeOllama(options: FakeServerOptions = {}): Promise<FakeServer> {
  let models = options.models ?? [{ name: "fake-llama:7b" }];
  let fault: FakeFault | null = options.fault ?? null;
  let reply = options.reply;
  const counters: StreamCounters = { active: 0, aborted: 0 };
  const find = (name: unknown): FakeModel | undefined =>
    models.find((m) => m.name === name || m.name === `${String(name)}:latest` || m.name.replace(/:latest$/, "") === name);

  const http = await startHttp(async (req, res, rawBody) => {
    const body = (rawBody ?? {}) as Record<string, unknown>;
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/") return void res.end("Ollama is running");
    if (req.method === "GET" && path === "/api/version") return sendJson(res, 200, { version: "0.6.0" });
    if (req.method === "GET" && path === "/api/tags") return sendJson(res, 200, { models: models.map(tagEntry) });
    if (req.method === "GET" && path === "/api/ps") {
      const loaded = models.filter((m) => m.loaded).map((m) => ({ ...tagEntry(m), expires_at: "2099-01-01T00:00:00Z", size_vram: 0 }));
      return sendJson(res, 200, { models: loaded });
    }
    if (req.method === "POST" && path === "/api/show") {
      const m = find(body.model ?? body.name);
      if (!m) return sendJson(res, 404, { error: `model '${String(body.model ?? body.name)}' not found` });
      return sendJson(res, 200, {
        modelfile: `FROM ${m.name}`,
        parameters: "",
        template: "{{ .Prompt }}",
        details: details(m),
        model_info: {
          "general.architecture": m.family ?? "llama",
          "general.parameter_count": 1_000_000_000,
          [`${m.family ?? "llama"}.context_length`]: m.contextLength ?? 4096,
        },
        capabilities: ["completion"],
      });
    }
    if (req.method === "POST" && path === "/api/chat") return chat(res, body);
    sendJson(res, 404, { error: "404 page not found" });
  }, () => options.latencyMs ?? 0);

  async function chat(res: import("node:http").ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (fault?.kind === "status") return sendJson(res, fault.status, { error: fault.message ?? `fake status ${fault.status}` });
    const m = find(body.model);
    if (!m) return sendJson(res, 404, { error: `model '${String(body.model)}' not found, try pulling it first` });
    const opts = (body.options ?? {}) as Record<string, unknown>;
    const numCtx = typeof opts.num_ctx === "number" ? opts.num_ctx : 2048;
    const messages = (body.messages ?? []) as Array<{ content?: string }>;
    const promptTokens = Math.min(numCtx, roughTokens(messages.map((x) => x.content ?? "").join("\n")));
    const schema = body.format && typeof body.format === "object" ? body.format : body.format === "json" ? { type: "object" } : null;
    const text = replyText(reply, body, schema);
    const created = (): string => new Date().toISOString();
    const line = (content: string): string => JSON.stringify({ model: m.name, created_at: created(), message: { role: "assistant", content }, done: false }) + "\n";
    const final = (reason: "stop" | "length"): Record<string, unknown> => ({
      model: m.name,
      created_at: created(),
      message: { role: "assistant", content: "" },
      done_reason: reason,
      done: true,
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: promptTokens,
      prompt_eval_duration: 1000,
      eval_count: roughTokens(text),
      eval_duration: 1000,
    });
    if (body.stream === false) {
      if (fault?.kind === "slowHeaders" || fault?.kind === "slowFirstToken") await new Promise((r) => setTimeout(r, fault && "delayMs" in fault ? fault.delayMs : 0));
      return sendJson(res, 200, { ...final(fault?.kind === "length" ? "length" : "stop"), message: { role: "assistant", content: text } });
    }
    await streamWithFault(
      res,
      {
        contentType: "application/x-ndjson",
        content: splitReply(text, options.chunkChars ?? 4).map(line),
        terminal: (reason) => JSON.stringify(final(reason)) + "\n",
        garbage: '{"model":"broken","message":{"content": oops\n',
        filler: line("la "),
      },
      fault,
      options.chunkDelayMs ?? 0,
      counters,
    );
  }

  return {
    url: http.url,
    baseUrl: http.url,
    requests: http.requests,
    get abortedStreams() {
      return counters.aborted;
    },
    get activeStreams() {
      return counters.active;
    },
    setFault: (f) => void (fault = f),
    setReply: (r) => void (reply = r),
    setModels: (ms) => void (models = ms),
    close: http.close,
  };
}
