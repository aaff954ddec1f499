/** The dependency rule (docs/architecture.md), checked on the real import graph, plus no cycles. */
const areas = {
  shared: "^src/shared/",
  engine: "^src/engine/",
  platformNode: "^src/platform/node/",
  platformCommon: "^src/platform/common/",
  platformElectron: "^src/platform/electron/",
  main: "^src/main/",
  preload: "^src/preload/",
  server: "^src/server/",
  cli: "^src/cli/",
  renderer: "^src/renderer/",
};
const forbid = (name, from, to, comment) => ({ name, severity: "error", comment, from: { path: from }, to: to });

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Import cycles make load order fragile (type-only cycles, as in zustand slices, are harmless).", from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } } },
    forbid("electron-only-in-electron-shell", "^src/(shared|engine|platform/node|platform/common|server|cli|renderer)/", { path: "^electron$|node_modules/electron/" }, "Only main, preload and platform/electron may import electron."),
    forbid("shared-is-zod-only", areas.shared, { dependencyTypes: ["core"] }, "src/shared runs in the renderer: no Node built-ins."),
    forbid("shared-imports-nothing-of-ours", areas.shared, { path: "^src/(?!shared/)" }, "src/shared depends on nothing else of ours."),
    forbid("engine-independent-of-shells", areas.engine, { path: "^src/(platform|main|preload|server|cli|renderer)/" }, "The engine reaches the outside only through ports."),
    forbid("renderer-only-contract", areas.renderer, { path: "^src/(engine|platform|main|preload|server|cli)/" }, "The renderer talks to the engine only through the contract."),
    forbid("renderer-no-node", areas.renderer, { dependencyTypes: ["core"] }, "The renderer runs in a browser: no Node built-ins."),
    forbid("platform-node-no-shells", areas.platformNode, { path: "^src/(platform/electron|main|server|cli|renderer)/" }, "Node adapters implement engine ports only."),
    // platform/common holds Node-only OS code both adapters use (the clipboard-event watcher, capped reads):
    // the Electron main process is Node too, and one watcher beats two that drift apart.
    forbid("platform-common-below-adapters", areas.platformCommon, { path: "^src/(platform/(node|electron)|main|preload|server|cli|renderer)/" }, "Shared platform code depends on engine ports (and the clipboard gate beside them), shared and node:* only."),
    forbid("platform-electron-not-node-adapters", areas.platformElectron, { path: "^src/platform/node/" }, "Electron adapters share code with the Node adapters through platform/common, not by importing them."),
    forbid("platform-electron-no-shells", areas.platformElectron, { path: "^src/(main|server|cli|renderer)/" }, "Electron adapters implement engine ports only."),
    forbid("main-not-web-or-cli", areas.main, { path: "^src/(renderer|cli|server)/" }, "The Electron shell does not depend on web mode, the CLI or renderer code (shared constants live in src/shared)."),
    forbid("server-cli-not-electron-shell", "^src/(server|cli)/", { path: "^src/(main|preload|platform/electron|renderer)/" }, "Node shells never pull in Electron-shell or renderer code."),
    forbid("preload-bridge-only", areas.preload, { path: "^src/(?!shared/bridge)" }, "The preload exposes the bridge and nothing else."),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.test\\.tsx?$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.node.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
