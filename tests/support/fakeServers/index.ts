export { startFakeOllama } from "./startFakeOllama.js";
export { startFakeOpenAI, type FakeOpenAIOptions, type OpenAIFlavor } from "./startFakeOpenAI.js";
export { sampleFromSchema } from "./sampleFromSchema.js";
export type { FakeFault, FakeModel, FakeServer, FakeServerOptions, SeenRequest } from "./types.js";
