import { Worker } from "node:worker_threads";

const SPIN = `
const { parentPort } = require("node:worker_threads");
const t = performance.now();
let x = 0;
for (let i = 0; i < 4e7; i++) x += i % 7;
parentPort.postMessage([performance.now() - t, x]);
`;

function spin(threads: number): Promise<number> {
  return Promise.all(
    Array.from({ length: threads }, () => new Promise<number>((resolve, reject) => {
      const w = new Worker(SPIN, { eval: true });
      w.once("message", (m: [number, number]) => void w.terminate().then(() => resolve(m[0])));
      w.once("error", reject);
    })),
  ).then((ts) => Math.max(...ts));
}

/**
 * How many cores are really free right now: a fixed busy loop on one thread, then on two at once. On an
 * idle 2-core machine both take about as long (ratio ≈ 1); when other processes hold a core the pair
 * takes about twice as long (≈ 2). Parallel parsing can only help as much as this allows.
 */
export async function cpuProbe(): Promise<{ freeCores: number; ratio: number }> {
  await spin(1); // warm-up: thread start, JIT
  const one = await spin(1);
  const two = await spin(2);
  const ratio = two / one;
  return { ratio, freeCores: Math.round((2 / ratio) * 10) / 10 };
}
