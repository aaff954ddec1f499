import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./fixtureProjects.js";

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return max;
}

/**
 * A built renderer that contains the current verify UI: the app's own `out/renderer` when it is newer than the
 * verify sources (CI builds it before the tests), else a fresh vite build into a temp folder (removed by the caller).
 */
export async function rendererWithVerifyPanel(): Promise<{ dir: string; dispose(): void }> {
  const out = path.join(REPO_ROOT, "out", "renderer");
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, "src/renderer/src/features/verify")), fs.statSync(path.join(REPO_ROOT, "src/renderer/src/store/slices/verifySlice.ts")).mtimeMs);
  const index = path.join(out, "index.html");
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return { dir: out, dispose: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-renderer-"));
  const { build } = await import("vite");
  const react = (await import("@vitejs/plugin-react")).default;
  await build({ root: path.join(REPO_ROOT, "src/renderer"), plugins: [react()], logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
