import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { SeenRequest } from "./types.js";

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => Promise<void> | void;

export interface HttpHandle {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1:<free port> that records requests, parses JSON bodies and closes hard. */
export async function startHttp(route: Route, latencyMs: () => number): Promise<HttpHandle> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        let body: unknown = undefined;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = raw;
        }
        requests.push({ method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0]!, headers: req.headers, body });
        const delay = latencyMs();
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        try {
          await route(req, res, body);
        } catch (e) {
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: (e as Error).message }));
        }
      })();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })),
  };
}

/** Send JSON with a status. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
