import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createEngine, type Engine } from "../../src/engine/createEngine.js";
import { loadConfig } from "../../src/engine/config/loadConfig.js";
import { inertPorts, type Ports } from "../../src/engine/ports.js";
import { RpcClient, createMemoryPair, type RpcServer } from "../../src/shared/rpc/index.js";

export interface TestEngine {
  engine: Engine;
  client: RpcClient;
  server: RpcServer;
  dataDir: string;
  /** Open another client connection to the same engine. */
  connect(): RpcClient;
  dispose(): Promise<void>;
}

/**
 * A real engine in a temp data dir (real SQLite), reached over the in-memory transport.
 * `configYaml` is written as config.yaml first; `env` replaces process.env for config overrides.
 */
export async function createTestEngine(
  options: { configYaml?: string; env?: NodeJS.ProcessEnv; ports?: Partial<Ports>; orphanGraceMs?: number; dataDir?: string } = {},
): Promise<TestEngine> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cc-engine-"));
  if (options.configYaml !== undefined) fs.writeFileSync(path.join(dataDir, "config.yaml"), options.configYaml);
  const config = loadConfig(dataDir, options.env ?? {});
  const engine = await createEngine(config, { ...inertPorts(dataDir), ...options.ports }, {
    logger: pino({ enabled: false }),
    orphanGraceMs: options.orphanGraceMs ?? 50,
  });
  const server = engine.createRpcServer();
  const connect = (): RpcClient => {
    const pair = createMemoryPair();
    server.accept(pair.server);
    return new RpcClient(pair.client);
  };
  const client = connect();
  return {
    engine,
    client,
    server,
    dataDir,
    connect,
    dispose: async () => {
      client.close();
      server.dispose();
      await engine.dispose();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
