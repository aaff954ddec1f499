import type { MethodInput, MethodName, MethodOutput } from "../contract/methods.js";
import type { TopicName, TopicPayload } from "../contract/topics.js";

export interface CallContext {
  /** Fires on `cancel` frames and when the caller's connection closes. */
  signal: AbortSignal;
  /** Stable id of the calling connection (for run ownership). */
  connectionId: string;
}

export type Handler<M extends MethodName> = (input: MethodOutputSafe<M>, ctx: CallContext) => Promise<MethodOutput<M>>;
// Handlers see the parsed (output-side) type of the input schema.
type MethodOutputSafe<M extends MethodName> = import("zod").z.output<import("../contract/methods.js").Methods[M]["input"]>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** Where the RPC server gets events from. Returns an unsubscribe function. */
export interface TopicSource {
  subscribe<T extends TopicName>(topic: T, key: string | undefined, listener: (payload: TopicPayload<T>) => void): () => void;
}

export type { MethodInput, MethodName, MethodOutput, TopicName, TopicPayload };
