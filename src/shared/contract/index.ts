export * from "./errors.js";
export * from "./methods.js";
export * from "./topics.js";
export * from "./defineContract.js";
export * from "./system.js";
export * from "./config.js";
export * from "./runs.js";
export * from "./conductor.js";
