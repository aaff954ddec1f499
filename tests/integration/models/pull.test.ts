import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullModel } from "../../../src/engine/models/pull/pullModel.js";
import { resolvePullSource } from "../../../src/engine/models/pull/resolvePullSource.js";
import { writeTinyLlamaGguf } from "../../support/gguf/index.js";
import { createTestEngine } from "../../support/createTestEngine.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pull-"));
const model = writeTinyLlamaGguf(path.join(work, "src", "Tiny-Q8_0.gguf"), { type: "Q8_0", seed: 5 });
const bytes = fs.readFileSync(model.file);
const sha = createHash("sha256").update(bytes).digest("hex");
/** Requests seen, and a switch to cut the body after N bytes (a dropped connection). */
const state = { ranges: [] as Array<string | undefined>, cutAfter: 0 };
let server: http.Server;
let base: string;

beforeAll(async () => {
  // A Hugging Face look-alike: the tree API and resolve URLs with Range support.
  server = http.createServer((req, res) => {
    const url = req.url ?? "";
    if (url.startsWith("/api/models/someone/tiny-GGUF/tree/main")) {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify([
        { type: "file", path: "README.md", size: 10 },
        { type: "file", path: "Tiny-Q4_K_M.gguf", size: 123, lfs: { oid: "0".repeat(64), size: 123 } },
        { type: "file", path: "Tiny-Q8_0.gguf", size: bytes.length, lfs: { oid: sha, size: bytes.length } },
      ]));
    }
    if (url.startsWith("/api/models/")) return (res.statusCode = 404), res.end("{}");
    if (url === "/someone/tiny-GGUF/resolve/main/Tiny-Q8_0.gguf" || url === "/files/plain.gguf") {
      state.ranges.push(req.headers.range);
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      const start = m ? Number(m[1]) : 0;
      const body = bytes.subarray(start);
      res.writeHead(m ? 206 : 200, { "content-length": body.length, ...(m ? { "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}) });
      if (state.cutAfter > 0) {
        res.write(body.subarray(0, state.cutAfter));
        state.cutAfter = 0;
        return setTimeout(() => res.socket?.destroy(), 30);
      }
      return res.end(body);
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(work, { recursive: true, force: true });
});

describe("models pull", () => {
  it("resolves hf:user/repo:QUANT to a file with size and sha256; unknown quants list what exists", async () => {
    const t = await resolvePullSource("hf:someone/tiny-GGUF:q8_0", base);
    expect(t).toEqual({ url: `${base}/someone/tiny-GGUF/resolve/main/Tiny-Q8_0.gguf`, fileName: "Tiny-Q8_0.gguf", sizeBytes: bytes.length, sha256: sha });
    await expect(resolvePullSource("hf:someone/tiny-GGUF:Q2_K", base)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("Tiny-Q4_K_M.gguf") });
    await expect(resolvePullSource("hf:nobody/none:Q4", base)).rejects.toMatchObject({ code: "not_found" });
    await expect(resolvePullSource("ftp://x/y.gguf", base)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(resolvePullSource("http://example.com/m.gguf", base)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("resumes an interrupted download with a Range request and verifies the result", async () => {
    const dir = path.join(work, "resume");
    const target = await resolvePullSource("hf:someone/tiny-GGUF:Q8_0", base);
    state.cutAfter = 40_000;
    state.ranges = [];
    await expect(pullModel(target, dir)).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/resume/) });
    const partSize = fs.statSync(path.join(dir, "Tiny-Q8_0.gguf.part")).size;
    expect(partSize).toBe(40_000);
    const fractions: number[] = [];
    const r = await pullModel(target, dir, { onProgress: (p) => fractions.push(p.fraction) });
    expect(state.ranges).toEqual([undefined, "bytes=40000-"]);
    expect(r).toEqual({ path: path.join(dir, "Tiny-Q8_0.gguf"), bytes: bytes.length, sha256: sha, resumedFrom: 40_000 });
    expect(fs.readFileSync(r.path).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${r.path}.part`)).toBe(false);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it("a sha256 mismatch deletes the download; an unreachable host gives a clear offline error", async () => {
    const dir = path.join(work, "bad");
    await expect(pullModel({ url: `${base}/files/plain.gguf`, fileName: "plain.gguf", sha256: "f".repeat(64) }, dir)).rejects.toMatchObject({ code: "corrupt", message: expect.stringMatching(/sha256 mismatch/) });
    expect(fs.readdirSync(dir)).toEqual([]);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(pullModel({ url: `http://127.0.0.1:${port}/m.gguf`, fileName: "m.gguf" }, dir)).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/Cannot reach 127\.0\.0\.1:\d+: connection refused/) });
    await expect(resolvePullSource("hf:someone/tiny-GGUF:Q8_0", `http://127.0.0.1:${port}`)).rejects.toMatchObject({ code: "unavailable" });
  });

  it("the models.pull run downloads into the models folder, reports progress, and the model is listed", async () => {
    const te = await createTestEngine({ configYaml: `models:\n  discovery: false\n  backends: [embedded]\n  hfEndpoint: "${base}"\n  health: { intervalMs: 0 }\n` });
    try {
      const events: string[] = [];
      const off = await te.client.subscribe("run.event", (e) => events.push(e.type));
      const { runId } = await te.client.call("runs.start", { kind: "models.pull", input: { source: "hf:someone/tiny-GGUF:Q8_0" } });
      await te.engine.ctx.runs.wait(runId);
      off();
      const run = await te.client.call("runs.get", { runId });
      expect(run.run.status).toBe("succeeded");
      expect(run.result).toMatchObject({ path: path.join(te.dataDir, "models", "Tiny-Q8_0.gguf"), sha256: sha });
      expect(events).toContain("progress");
      const { models } = await te.client.call("models.list", {});
      expect(models.find((m) => m.id === "embedded:local/Tiny-Q8_0")).toMatchObject({ status: "available", quantization: "Q8_0" });
    } finally {
      await te.dispose();
    }
  });
});
