import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", msw: "src/msw.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    shims: true,
    external: ["better-sqlite3", "msw"],
  },
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    // The conformance package is an optional peer: loaded at run time by `poc` and `verify`.
    external: [
      "better-sqlite3",
      "@dukcapil-sandbox/conformance",
      "@dukcapil-sandbox/conformance/cli",
    ],
  },
]);
