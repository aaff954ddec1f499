import type http from "node:http";
import { replyText, roughTokens } from "./replyText.js";
import { sendJson, startHttp } from "./startHttp.js";
import { splitReply, streamWithFault, type StreamCounters } from "./streamWithFault.js";
import type { FakeFault, FakeModel, FakeServer, FakeServerOptions } from "./types.js";

/** Which OpenAI-compatible server to imitate; each adds its own extra endpoints. */
export type OpenAIFlavor = "generic" | "lmstudio" | "vllm" | "llamacpp";

export interface FakeOpenAIOptions extends FakeServerOptions {
  /** Defaults to `"generic"`. */
  flavor?: OpenAIFlavor;
  /** When set, requests need `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

function errorBody(message: string, code: string, type = "invalid_request_error"): Record<string, unknown> {
  return { error: { message, type, param: null, code } };
}

function modelEntry(m: FakeModel, flavor: OpenAIFlavor): Record<string, unknown> {
  const base = { id: m.name, object: "model", created: 1_700_000_000, owned_by: flavor === "llamacpp" ? "llamacpp" : "organization_owner" };
  if (flavor === "vllm") return { ...base, root: m.name, max_model_len: m.contextLength ?? 4096 };
  if (flavor === "llamacpp") return { ...base, meta: { n_ctx_train: m.contextLength ?? 4096, n_params: 1_000_000_000, size: m.sizeBytes ?? 1_000_000 } };
  return base;
}

function lmstudioV1(m: FakeModel): Record<string, unknown> {
  return {
    type: "llm",
    publisher: "fake",
    key: m.name,
    display_name: m.name,
    architecture: m.family ?? "llama",
    quantization: { name: m.quantization ?? "Q4_0", bits_per_weight: 4 },
    size_bytes: m.sizeBytes ?? 1_000_000,
    params_string: m.parameterSize ?? "1B",
    loaded_instances: m.loaded ? [{ id: m.name, config: { context_length: m.contextLength ?? 4096 } }] : [],
    max_context_length: m.contextLength ?? 4096,
    format: "gguf",
    capabilities: { vision: false, trained_for_tool_use: false },
  };
}

/**
 * A protocol-faithful OpenAI-compatible server on 127.0.0.1: GET /v1/models, POST /v1/chat/completions
 * (SSE `data:` chunks ending in `data: [DONE]`, or one JSON object; `response_format` json_schema/json_object;
 * `stream_options.include_usage`). Flavours add LM Studio's /api/v1/models and /api/v0/models, vLLM's
 * `max_model_len`, llama.cpp server's /health and model `meta`.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeServer> {
  const flavor = options.flavor ?? "generic";
  let models = options.models ?? [{ name: "fake-coder-7b" }];
  let fault: FakeFault | null = options.fault ?? null;
  let reply = options.reply;
  const counters: StreamCounters = { active: 0, aborted: 0 };

  const handle = await startHttp(async (req, res, rawBody) => {
    const body = (rawBody ?? {}) as Record<string, unknown>;
    const path = (req.url ?? "/").split("?")[0];
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorBody("Incorrect API key provided", "invalid_api_key"));
    }
    if (req.method === "GET" && path === "/v1/models") return sendJson(res, 200, { object: "list", data: models.map((m) => modelEntry(m, flavor)) });
    if (flavor === "llamacpp" && req.method === "GET" && path === "/health") return sendJson(res, 200, { status: "ok" });
    if (flavor === "lmstudio" && req.method === "GET" && path === "/api/v1/models") return sendJson(res, 200, { models: models.map(lmstudioV1) });
    if (flavor === "lmstudio" && req.method === "GET" && path === "/api/v0/models") {
      const data = models.map((m) => ({ id: m.name, object: "model", type: "llm", publisher: "fake", arch: m.family ?? "llama", compatibility_type: "gguf", quantization: m.quantization ?? "Q4_0", state: m.loaded ? "loaded" : "not-loaded", max_context_length: m.contextLength ?? 4096 }));
      return sendJson(res, 200, { object: "list", data });
    }
    if (req.method === "POST" && path === "/v1/chat/completions") return chat(res, body);
    sendJson(res, 404, errorBody(`Unexpected endpoint or method. (${req.method} ${path})`, "not_found"));
  }, () => options.latencyMs ?? 0);

  async function chat(res: http.ServerResponse, body: Record<string, unknown>): Promise<void> {
    if (fault?.kind === "status") return sendJson(res, fault.status, errorBody(fault.message ?? `fake status ${fault.status}`, "server_error", "server_error"));
    const m = models.find((x) => x.name === body.model);
    if (!m) return sendJson(res, 404, errorBody(`The model \`${String(body.model)}\` does not exist`, "model_not_found"));
    const rf = (body.response_format ?? null) as { type?: string; json_schema?: { schema?: unknown } } | null;
    const schema = rf?.type === "json_schema" ? rf.json_schema?.schema : rf?.type === "json_object" ? { type: "object" } : null;
    const text = replyText(reply, body, schema);
    const messages = (body.messages ?? []) as Array<{ content?: string }>;
    const usage = { prompt_tokens: roughTokens(messages.map((x) => x.content ?? "").join("\n")), completion_tokens: roughTokens(text), total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
    const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: m.name, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    if (body.stream !== true) {
      if (fault?.kind === "slowHeaders" || fault?.kind === "slowFirstToken") await new Promise((r) => setTimeout(r, fault && "delayMs" in fault ? fault.delayMs : 0));
      return sendJson(res, 200, {
        id,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: m.name,
        choices: [{ index: 0, message: { role: "assistant", content: text }, logprobs: null, finish_reason: fault?.kind === "length" ? "length" : "stop" }],
        usage,
      });
    }
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const pieces = splitReply(text, options.chunkChars ?? 4);
    await streamWithFault(
      res,
      {
        contentType: "text/event-stream",
        content: [chunk({ role: "assistant", content: "" }, null), ...pieces.map((p) => chunk({ content: p }, null))],
        terminal: (reason) =>
          chunk({}, reason) +
          (includeUsage ? `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model: m.name, choices: [], usage })}\n\n` : "") +
          "data: [DONE]\n\n",
        garbage: "data: {\"id\": broken json\n\n",
        filler: chunk({ content: "la " }, null),
      },
      fault,
      options.chunkDelayMs ?? 0,
      counters,
    );
  }

  return {
    url: handle.url,
    baseUrl: `${handle.url}/v1`,
    requests: handle.requests,
    get abortedStreams() {
      return counters.aborted;
    },
    get activeStreams() {
      return counters.active;
    },
    setFault: (f) => void (fault = f),
    setReply: (r) => void (reply = r),
    setModels: (ms) => void (models = ms),
    close: handle.close,
  };
}
