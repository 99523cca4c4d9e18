import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests and sibling packages run from src/ without a build (see decisions/001).
    conditions: ["@dukcapil-sandbox/source"],
  },
  ssr: {
    resolve: {
      conditions: ["@dukcapil-sandbox/source"],
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    setupFiles: ["./scripts/vitest-fail-on-console.ts"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
