import fs from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

/**
 * Serve a file from `root` for a URL path. Paths that escape root (after decoding and normalizing) are
 * refused; unknown paths fall back to index.html (single-page app).
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400, headers).end("Bad path");
    return;
  }
  if (decoded.includes("\0")) {
    res.writeHead(400, headers).end("Bad path");
    return;
  }
  const rootResolved = path.resolve(root);
  let file = path.resolve(rootResolved, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== rootResolved && !file.startsWith(rootResolved + path.sep)) {
    res.writeHead(403, headers).end("Forbidden");
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rootResolved, "index.html");
  if (!fs.existsSync(file)) {
    res.writeHead(503, { ...headers, "Content-Type": "text/plain; charset=utf-8" }).end(
      "The UI is not built yet. Run `npm run build` (or `npm start`, which builds it) and reload.",
    );
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    ...headers,
    "Content-Type": TYPES[ext] ?? "application/octet-stream",
    "Cache-Control": ext === ".html" ? "no-store" : "public, max-age=3600",
  });
  fs.createReadStream(file).pipe(res);
}
