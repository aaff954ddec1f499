// Lint config. The import restrictions below are the dependency rule of docs/architecture.md
// (also enforced by dependency-cruiser, see .dependency-cruiser.cjs).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electron = { name: "electron", message: "Only src/main, src/preload and src/platform/electron may import electron." };

export default tseslint.config(
  { ignores: [".tmp*", "**/.tmp*", "out/**", "dist/**", "node_modules/**", "test-artifacts/**", "bench/results/**", ".cache/**", "tests/fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    // House size limits (DESIGN.md): warnings, so today's sizes stay and growth shows up in review.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "max-lines": ["warn", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["warn", { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.mjs", "*.js", "*.cjs", "build/**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", module: "writable", exports: "writable", require: "readonly", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/engine/**", "src/server/**", "src/cli/**", "src/platform/node/**", "src/platform/common/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [electron], patterns: [{ group: ["**/renderer/**", "**/main/**", "**/preload/**"], message: "The engine and Node shells never import UI or Electron-shell code." }] }],
    },
  },
  {
    files: ["src/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [electron, { name: "react", message: "The engine is UI-free." }],
          patterns: [{ group: ["**/platform/**", "**/server/**", "**/cli/**", "**/main/**", "**/renderer/**", "**/preload/**"], message: "The engine reaches the outside only through ports (src/engine/ports.ts)." }],
        },
      ],
    },
  },
  {
    files: ["src/shared/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [electron, ...nodeBuiltins.map((name) => ({ name, message: "src/shared runs in the renderer too: zod only." }))],
          patterns: [{ group: ["**/engine/**", "**/platform/**", "**/server/**", "**/cli/**", "**/main/**", "**/renderer/**", "react", "react-*"], message: "src/shared depends on nothing but zod." }],
        },
      ],
    },
  },
  {
    files: ["src/renderer/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [electron, ...nodeBuiltins.map((name) => ({ name, message: "The renderer runs in a browser sandbox: no Node built-ins." }))],
          patterns: [{ group: ["**/engine/**", "**/main/**", "**/server/**", "**/platform/**", "**/cli/**", "**/preload/**"], message: "The renderer talks to the engine only through the contract (src/shared) and the bridge/WebSocket." }],
        },
      ],
    },
  },
);
