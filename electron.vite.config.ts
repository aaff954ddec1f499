import react from "@vitejs/plugin-react";
import { defineConfig, externalizeDepsPlugin } from "electron-vite";
import { resolve } from "node:path";

// Main and preload are bundled for Electron; npm dependencies (native addons among them) stay external
// and are unpacked from the asar by electron-builder (build/electron-builder.yml).
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, "src/main/index.ts"),
          // Embedded inference runs in its own process (crash-survivable); see resolveWorkerEntry.ts.
          inferenceWorker: resolve(__dirname, "src/engine/inference/embedded/inferenceWorker.ts"),
          // Parser worker threads of project analysis (ExtractorPool resolves ./extractWorker.js next to itself).
          extractWorker: resolve(__dirname, "src/engine/project/scan/extractWorker.ts"),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require npm modules: bundle everything, emit CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, "src/preload/index.ts") },
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, "src/renderer"),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(__dirname, "src/renderer/index.html") } } },
  },
});
