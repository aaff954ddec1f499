// Worker bootstrap in plain JS: when the engine runs from TypeScript sources (tsx, vitest), the worker has
// no loader yet, so register tsx first; bundled builds pass a .js module and skip that.
import { workerData } from "node:worker_threads";

if (workerData.registerTsx) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.module);
