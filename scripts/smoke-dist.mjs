// After `npm run build`: the published entry points work as a consumer sees them.
// ESM and CJS builds of the simulator start; core's built client (ESM and CJS) looks a
// magic NIK up; the CLI binary starts and prints its URL. Run: node scripts/smoke-dist.mjs
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const esmSimulator = await import("@dukcapil-sandbox/simulator");
const esmCore = await import("@dukcapil-sandbox/core");
const cjsSimulator = require("@dukcapil-sandbox/simulator");
const cjsCore = require("@dukcapil-sandbox/core");

async function lookup(simulatorModule, coreModule, label) {
  const simulator = await simulatorModule.startSimulator({ population: 1000, seed: "smoke" });
  try {
    const { defaults, population } = simulator.runtime;
    const client = coreModule.createDukcapilClient({
      baseUrl: simulator.url,
      path: defaults.institution.path,
      userId: defaults.user.userId,
      password: defaults.password,
      ipUser: defaults.user.ipUser,
    });
    const big = population.magic.find((row) => row.kind === "big-nik");
    const outcome = await client.lookup(big.nik);
    if (outcome.code !== "01" || outcome.record.NIK !== big.nik) {
      throw new Error(
        `${label}: expected the big NIK digit-exact, got ${JSON.stringify(outcome.code)}`,
      );
    }
    console.log(`${label}: lookup of a NIK above 2^53 answered 01 digit-exact`);
  } finally {
    await simulator.close();
  }
}

await lookup(esmSimulator, esmCore, "ESM");
await lookup(cjsSimulator, cjsCore, "CJS");

const cli = spawn(process.execPath, [
  require
    .resolve("@dukcapil-sandbox/simulator/package.json")
    .replace("package.json", "dist/cli.js"),
  "start",
  "--port",
  "0",
  "--db",
  ":memory:",
  "--population",
  "1000",
]);
let out = "";
cli.stdout.on("data", (chunk) => {
  out += chunk;
});
const ok = await new Promise((resolve) => {
  const timer = setTimeout(() => resolve(false), 15_000);
  cli.stdout.on("data", () => {
    if (out.includes("Press Ctrl+C")) {
      clearTimeout(timer);
      resolve(true);
    }
  });
});
cli.kill("SIGTERM");
if (!ok) {
  console.error(`CLI: did not start:\n${out}`);
  process.exit(1);
}
console.log(`CLI: ${out.split("\n")[0]}`);
