/**
 * `npm run bench -w @dukcapil-sandbox/conformance`: how long the full standard PoC takes on
 * these machines — the issue's target is "well under a minute" without the load step; both the
 * whole run and the run without POC-LOAD-01 (the advisory load step) are printed.
 *
 * Runs the standard plan `BENCH_POC_ROUNDS` times (default 2) on the example PATEN desk
 * (examples/paten-kecamatan, the app an agency would copy, module driver, its own 5 s
 * timeout) and on the package's reference test app (appTimeoutMs 2000). Prints the wall time,
 * the time the plan must spend waiting by design (the two criteria that wait out the app's own
 * timeout: a 10 s upstream delay and no answer), the ratio of the two, and the slowest
 * criteria. Writes `bench/poc.json` at the repository root. A benchmark reports; it does not
 * gate: only a run that cannot complete exits non-zero.
 *
 * @example
 * ```sh
 * BENCH_POC_ROUNDS=1 npm run bench -w @dukcapil-sandbox/conformance
 * ```
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runPoc } from "../src/runner/run.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const ROUNDS = Math.max(1, Number(process.env.BENCH_POC_ROUNDS ?? 2));
const OUT = process.env.BENCH_OUT ?? resolve(ROOT, "bench/poc.json");

const targets = [
  {
    name: "examples/paten-kecamatan (5 s app timeout)",
    app: resolve(ROOT, "examples/paten-kecamatan/src/poc.ts"),
    config: {},
    timeoutMs: 5_000,
  },
  {
    name: "reference test app (2 s app timeout)",
    app: resolve(ROOT, "packages/conformance/test/fixtures/reference-app.ts"),
    config: { appTimeoutMs: 2_000 },
    timeoutMs: 2_000,
  },
] as const;

interface Figures {
  target: string;
  roundsMs: number[];
  /** Each round without the load step (POC-LOAD-01's own duration subtracted). */
  withoutLoadMs: number[];
  verdicts: string[];
  waitFloorMs: number;
  slowest: { id: string; ms: number }[];
}

const results: Figures[] = [];
for (const target of targets) {
  const figures: Figures = {
    target: target.name,
    roundsMs: [],
    withoutLoadMs: [],
    verdicts: [],
    // RESIL-02 (10 s delay) and RESIL-06 (no answer) end only when the app gives up.
    waitFloorMs: 2 * target.timeoutMs,
    slowest: [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    process.stderr.write(`PoC on ${target.name}, round ${round + 1}/${ROUNDS}...\n`);
    const started = performance.now();
    const report = await runPoc({ app: target.app, config: target.config });
    const elapsed = performance.now() - started;
    figures.roundsMs.push(elapsed);
    const load = report.criteria.find((criterion) => criterion.id === "POC-LOAD-01");
    figures.withoutLoadMs.push(elapsed - (load?.durationMs ?? 0));
    figures.verdicts.push(report.verdict);
    figures.slowest = report.criteria
      .map((criterion) => ({ id: criterion.id, ms: Math.round(criterion.durationMs) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
  }
  results.push(figures);
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const lines = [
  "",
  `Standard PoC duration — ${new Date().toISOString()}`,
  `Machine: ${os.cpus()[0]?.model.split(" ").slice(0, 2).join(" ") ?? "?"}, ${os.cpus().length} cores, Node ${process.version}; load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
  "",
];
for (const figures of results) {
  const seconds = mean(figures.withoutLoadMs) / 1000;
  lines.push(
    `${figures.target}: whole run ${(mean(figures.roundsMs) / 1000).toFixed(1)} s mean of ${figures.roundsMs.length} (${figures.roundsMs.map((ms) => (ms / 1000).toFixed(1)).join(", ")} s), verdicts ${figures.verdicts.join(", ")}`,
    `  without the load step: ${seconds.toFixed(1)} s (the issue's measure)`,
    `  waiting by design ${(figures.waitFloorMs / 1000).toFixed(1)} s; total / waiting = ${(mean(figures.roundsMs) / figures.waitFloorMs).toFixed(2)}; target < 60 s: ${seconds < 60 ? "met" : "MISSED"}`,
    `  slowest criteria: ${figures.slowest.map((c) => `${c.id} ${(c.ms / 1000).toFixed(1)} s`).join(", ")}`,
  );
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify({ generatedAt: new Date().toISOString(), rounds: ROUNDS, results }, null, 2)}\n`,
);
lines.push(`Results written to ${OUT}`, "");
process.stdout.write(lines.join("\n"));
