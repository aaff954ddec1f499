import { topics, type TopicName, type TopicPayload } from "../../shared/contract/topics.js";
import type { TopicSource } from "../../shared/rpc/types.js";

type Listener = { key: string | undefined; fn: (payload: unknown) => void };

/**
 * In-process pub/sub for contract topics. `key` lets a subscriber follow one stream (e.g. one run);
 * subscribers without a key get every event of the topic.
 */
export class EventBus implements TopicSource {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe<T extends TopicName>(topic: T, key: string | undefined, listener: (payload: TopicPayload<T>) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    const entry: Listener = { key, fn: listener as (p: unknown) => void };
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Publish an event; the payload is checked against the topic's schema so drift is caught at the source. */
  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>, key?: string): void {
    const schema = topics[topic];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new Error(`Event on ${topic} breaks the contract: ${parsed.error.message}`);
    const set = this.listeners.get(topic);
    if (!set) return;
    for (const l of [...set]) {
      if (l.key !== undefined && l.key !== key) continue;
      try {
        l.fn(parsed.data);
      } catch {
        // A faulty listener must not break the publisher or other listeners.
      }
    }
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
