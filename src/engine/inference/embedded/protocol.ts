/** Messages between the engine and its inference worker process (Node IPC, JSON). Every request has an `id`. */
import type { ChatMessage } from "../types.js";

export type GpuChoice = "auto" | false | "cuda" | "vulkan" | "metal";

export type ToWorker =
  | { type: "init"; id: number; gpu: GpuChoice }
  | { type: "estimate"; id: number; path: string; contextSize: number }
  | { type: "load"; id: number; path: string; contextSize: number; threads: number; batchSize: number }
  | {
      type: "generate";
      id: number;
      messages: ChatMessage[];
      temperature: number;
      topP: number;
      maxTokens: number;
      seed?: number;
      stop?: string[];
      jsonSchema?: Record<string, unknown>;
    }
  | { type: "embed"; id: number; texts: string[] }
  | { type: "cancel"; id: number };

export interface WorkerReady {
  /** "cuda" | "vulkan" | "metal" | "cpu". */
  gpu: string;
  cpuMathCores: number;
  /** node-llama-cpp's `buildType`: a local build (`codeconductor models build`) or its prebuilt binary. */
  binary: "localBuild" | "prebuilt";
}

export interface WorkerEstimate {
  ramBytes: number;
  vramBytes: number;
  gpuLayers: number;
}

export interface WorkerLoaded {
  contextSize: number;
  threads: number;
  gpuLayers: number;
  loadMs: number;
}

export interface WorkerDone {
  stopReason: "eogToken" | "stopGenerationTrigger" | "customStopTrigger" | "maxTokens" | "abort" | "functionCalls" | "contextFull";
  promptTokens: number;
  completionTokens: number;
}

/** One embedding per text, in order (the model's embedding width). */
export interface WorkerEmbeddings {
  vectors: number[][];
}

export type FromWorker =
  | { type: "result"; id: number; value: unknown }
  | { type: "token"; id: number; text: string }
  | { type: "error"; id: number; code: string; message: string };
