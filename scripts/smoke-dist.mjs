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

// The conformance package, built: a one-criterion PoC on an inline app (ESM), its report
// signed with the CJS build, then checked by the built CLI's `verify` (and refused once tampered).
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
const { spawnSync } = await import("node:child_process");
const esmConformance = await import("@dukcapil-sandbox/conformance");
const cjsConformance = require("@dukcapil-sandbox/conformance");
const notice = "Layanan ini menggunakan API Dukcapil";
const report = await esmConformance.runPoc({
  app: {
    name: "smoke",
    createPocApp: () => ({
      lookup: async () => ({ status: 200, body: `NIK tidak valid. ${notice}` }),
      close: async () => undefined,
    }),
  },
  plan: {
    ...esmConformance.standardPlan,
    criteria: esmConformance.standardPlan.criteria.filter((c) => c.id === "POC-DATA-06"),
  },
  config: { population: 1000 },
});
if (report.verdict !== "passed") {
  console.error(`conformance: expected the one-criterion PoC to pass, got ${report.verdict}`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "smoke-poc-"));
const { privateKeyPem } = await cjsConformance.loadOrCreateSigningKey(join(dir, "key.pem"));
const signed = cjsConformance.signReport(report, privateKeyPem);
const file = join(dir, "report.json");
writeFileSync(file, JSON.stringify(signed));
const cliPath = require
  .resolve("@dukcapil-sandbox/simulator/package.json")
  .replace("package.json", "dist/cli.js");
const good = spawnSync(process.execPath, [cliPath, "verify", file], { encoding: "utf8" });
const tampered = JSON.parse(readFileSync(file, "utf8"));
tampered.manifest.simulator.seed = "tampered";
writeFileSync(file, JSON.stringify(tampered));
const bad = spawnSync(process.execPath, [cliPath, "verify", file], { encoding: "utf8" });
rmSync(dir, { recursive: true, force: true });
if (good.status !== 0 || bad.status !== 1) {
  console.error(
    `conformance CLI verify: exit ${good.status} (want 0) and ${bad.status} (want 1)\n${good.stdout}${good.stderr}${bad.stdout}${bad.stderr}`,
  );
  process.exit(1);
}
console.log(
  `conformance: one-criterion PoC ${report.verdict}; built CLI verify accepts it and refuses it tampered`,
);
