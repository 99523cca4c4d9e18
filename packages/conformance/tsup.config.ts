import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    shims: true,
    external: ["better-sqlite3", "playwright-core"],
    // canonicalize ships ESM only: bundled, so the CJS build does not require() an ES module.
    noExternal: ["canonicalize"],
  },
  {
    entry: { cli: "src/cli.ts", load: "src/load/index.ts" },
    format: ["esm"],
    dts: true,
    sourcemap: true,
    target: "node20",
    external: ["better-sqlite3", "playwright-core"],
    // canonicalize ships ESM only: bundled, so the CJS build does not require() an ES module.
    noExternal: ["canonicalize"],
  },
]);
