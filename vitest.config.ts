import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
    // Native addons (better-sqlite3, node-llama-cpp) are safest in forked processes.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only thrash.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
