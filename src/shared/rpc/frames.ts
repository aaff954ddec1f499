import { z } from "zod";

/** Client → server frames. `id` is chosen by the client, unique per connection. */
export const ClientFrame = z.discriminatedUnion("t", [
  z.object({ t: z.literal("call"), id: z.number().int(), method: z.string(), input: z.unknown() }),
  z.object({ t: z.literal("cancel"), id: z.number().int() }),
  /** `key` narrows a topic to one stream (e.g. one runId). */
  z.object({ t: z.literal("sub"), id: z.number().int(), topic: z.string(), key: z.string().optional() }),
  z.object({ t: z.literal("unsub"), id: z.number().int() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const WireErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

/** Server → client frames. `event.id` is the subscription id. */
export const ServerFrame = z.discriminatedUnion("t", [
  z.object({ t: z.literal("ok"), id: z.number().int(), output: z.unknown() }),
  z.object({ t: z.literal("err"), id: z.number().int(), error: WireErrorSchema }),
  z.object({ t: z.literal("event"), id: z.number().int(), topic: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
