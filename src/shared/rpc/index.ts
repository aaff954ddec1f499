export * from "./frames.js";
export * from "./Connection.js";
export * from "./RpcServer.js";
export * from "./RpcClient.js";
export * from "./createMemoryPair.js";
export * from "./types.js";
export * from "./runToCompletion.js";
