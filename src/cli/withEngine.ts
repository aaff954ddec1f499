import { loadConfig } from "../engine/config/loadConfig.js";
import { resolveDataDir } from "../engine/config/resolveDataDir.js";
import type { Engine } from "../engine/createEngine.js";
import { RpcClient, createMemoryPair } from "../shared/rpc/index.js";
import { terminalSafe } from "./terminalSafe.js";

export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
  dataDir?: string;
}

/**
 * Build the engine for one CLI command and talk to it through the same contract the UI uses
 * (in-memory transport). Ctrl+C aborts `signal`; the engine is disposed afterwards.
 */
export async function withEngine<T>(
  opts: GlobalOptions,
  fn: (client: RpcClient, engine: Engine, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const dataDir = opts.dataDir ?? resolveDataDir();
  // Imported here, not at the top: commands that need no engine (and `serve`, which listens first) start
  // without compiling it.
  const [{ createEngine }, { createNodePorts }] = await Promise.all([import("../engine/createEngine.js"), import("../platform/node/createNodePorts.js")]);
  const engine = await createEngine(loadConfig(dataDir), createNodePorts(dataDir, "cli"), { verbose: opts.verbose });
  const server = engine.createRpcServer();
  const pair = createMemoryPair();
  server.accept(pair.server);
  const client = new RpcClient(pair.client);
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(terminalSafe("\nCancelling… (Ctrl+C again to force)\n"));
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    return await fn(client, engine, controller.signal);
  } finally {
    process.off("SIGINT", onSigint);
    client.close();
    server.dispose();
    await engine.dispose();
  }
}

/** Print for humans, or JSON when `--json` was given. */
export function output(opts: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(terminalSafe(opts.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`));
}
