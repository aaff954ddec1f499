import type { MethodInput, MethodName, MethodOutput } from "../../../shared/contract/methods.js";
import { RpcClient } from "../../../shared/rpc/RpcClient.js";
import { useAppStore } from "../store/useAppStore.js";
import { connect } from "./connect.js";

let current: RpcClient | null = null;
const waiters: Array<(c: RpcClient) => void> = [];

/** The live client; resolves once connected (after reconnects too). */
export function getClient(): Promise<RpcClient> {
  if (current && !current.closed) return Promise.resolve(current);
  return new Promise((r) => waiters.push(r));
}

/** Call a contract method on the live client (waits for a connection): the one way features talk to the engine. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>, options: { signal?: AbortSignal } = {}): Promise<MethodOutput<M>> {
  return (await getClient()).call(method, input, options);
}

/**
 * Connect, let `onConnected` feed engine events into the store (main.tsx passes attachEngineEvents; taking it
 * as a parameter keeps features that import getClient out of an import cycle), reconnect with backoff.
 */
export async function startConnection(onConnected: (client: RpcClient) => Promise<void>): Promise<void> {
  const set = useAppStore.getState().setConnection;
  let delay = 500;
  for (;;) {
    set("connecting");
    try {
      const conn = await connect();
      const client = new RpcClient(conn);
      current = client;
      await onConnected(client);
      set("connected");
      delay = 500;
      for (const w of waiters.splice(0)) w(client);
      await new Promise<void>((resolve) => conn.onClose(resolve));
      current = null;
      set("disconnected");
    } catch {
      set("disconnected");
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 8000);
  }
}
