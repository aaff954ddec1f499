import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../../../src/engine/config/loadConfig.js";
import { createEngine, type Engine } from "../../../src/engine/createEngine.js";
import { inertPorts } from "../../../src/engine/ports.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import { writeHostileGguf, writeTinyLlamaGguf, type HostileGguf } from "../../support/gguf/index.js";

// A folder of hostile model files behind web mode: models.list must answer (not crash the server), list each
// file as unavailable with a reason, and still list the good model.

const hostile: HostileGguf[] = [
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12].map((t): HostileGguf => ({ kind: "hugeArray", elementType: t })),
  { kind: "hugeArray", elementType: 4, count: 2n ** 32n - 1n },
  { kind: "hugeKeyLength" },
  { kind: "hugeStringValue" },
  { kind: "stringPastEof" },
  { kind: "kvCountPastEof" },
  { kind: "tensorCountHuge" },
  { kind: "tensorDimsHuge" },
  { kind: "nestedArrayBomb" },
];
let dataDir: string;
let modelDir: string;
let engine: Engine;
let web: WebServer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-hostile-web-"));
  modelDir = path.join(dataDir, "hostile-models");
  fs.mkdirSync(modelDir);
  hostile.forEach((h, i) => writeHostileGguf(path.join(modelDir, `hostile-${i}.gguf`), h, 491 * 1024));
  writeTinyLlamaGguf(path.join(modelDir, "good.gguf"), { type: "F32" });
  fs.writeFileSync(path.join(dataDir, "config.yaml"), `models:\n  dirs: [${modelDir}]\n  discovery: false\n  backends: [embedded]\n  gpu: cpu\n  health: { intervalMs: 0 }\n`);
  engine = await createEngine(loadConfig(dataDir, {}), inertPorts(dataDir, "web"), { logger: pino({ enabled: false }) });
  web = await startWebServer({ rpc: engine.createRpcServer(), staticDir: "/nonexistent" });
});

afterAll(async () => {
  await web?.close();
  await engine?.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One models.list call over web mode's WebSocket, signed in like a browser (token → cookie). */
async function listOverWebSocket(): Promise<{ models: Array<{ id: string; name: string; status: string; problem?: string }> }> {
  const res = await fetch(web.url, { redirect: "manual" });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/rpc`, { headers: { Cookie: cookie, Origin: web.origin } });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  try {
    const reply = new Promise<{ t: string; output?: unknown }>((resolve) => ws.on("message", (d) => resolve(JSON.parse(d.toString()) as { t: string })));
    ws.send(JSON.stringify({ t: "call", id: 1, method: "models.list", input: { refresh: true } }));
    const frame = await reply;
    if (frame.t !== "ok") throw new Error(`models.list failed: ${JSON.stringify(frame)}`);
    return frame.output as never;
  } finally {
    ws.close();
  }
}

describe("hostile model files in web mode", () => {
  it("models.list over the WebSocket lists every hostile file as unavailable with a reason and keeps the good one", async () => {
    const { models } = await listOverWebSocket();
    const byName = new Map(models.map((m) => [m.name, m]));
    for (let i = 0; i < hostile.length; i++) {
      const m = [...byName.values()].find((x) => x.id.includes(`hostile-${i}`));
      expect(m, `hostile-${i}`).toBeDefined();
      expect(m!.status).toBe("unavailable");
      expect(m!.problem).toMatch(/hostile or corrupt GGUF header/);
    }
    expect(models.find((m) => m.id.includes("good"))?.status).toBe("available");
    // The server survived and answers again (a crash would close the socket instead).
    expect((await listOverWebSocket()).models.length).toBe(models.length);
  });
});
