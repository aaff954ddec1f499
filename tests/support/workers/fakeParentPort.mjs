/* global process */
// Preloaded into a forked model worker: gives it Electron's utilityProcess message API (process.parentPort)
// on top of Node's IPC channel, so the worker's utilityProcess branch runs under plain Node in tests. Messages
// travel wrapped ({ viaParentPort }) so a worker that ignored parentPort and used process.send would fail.
// Only the worker itself gets it (node-llama-cpp's own helper processes inherit execArgv, not this flag).
if (process.env.CC_FAKE_PARENT_PORT === "1") {
  delete process.env.CC_FAKE_PARENT_PORT;
  process.parentPort = {
    on: (event, fn) => void process.on(event, (raw) => raw && raw.viaParentPort && fn({ data: raw.viaParentPort })),
    postMessage: (m) => void process.send({ viaParentPort: m }),
  };
}
