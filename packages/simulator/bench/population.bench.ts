/**
 * Benchmark of the fake population: for 10 thousand, 1 million and 280 million residents,
 * the start-up time of `createPopulation`, heap and RSS after start-up, the cost of the
 * first record (villages and region tables load lazily then), residents generated per
 * second (`residentAt`) and lookups per second (`findByNik`, hits and misses).
 *
 * Each size runs in a fresh child process (`node --expose-gc --import tsx`), so memory
 * figures are not polluted by the previous size.
 *
 * Run: `npx tsx --conditions=@dukcapil-sandbox/source packages/simulator/bench/population.bench.ts`
 *
 * @example
 * ```sh
 * npx tsx --conditions=@dukcapil-sandbox/source packages/simulator/bench/population.bench.ts
 * ```
 */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [10_000, 1_000_000, 280_000_000] as const;
const MEASURE_MS = 1500;
const MB = 1024 * 1024;

interface ChildReport {
  readonly size: number;
  readonly importMs: number;
  readonly createMs: number;
  readonly heapAfterCreateMb: number;
  readonly rssAfterCreateMb: number;
  readonly heapGrowthCreateMb: number;
  readonly firstRecordMs: number;
  readonly villagesLoadMs: number;
  readonly magicTableMs: number;
  readonly heapAfterFirstRecordMb: number;
  readonly residentsPerSecondRandom: number;
  readonly residentsPerSecondSequential: number;
  readonly findByNikHitsPerSecond: number;
  readonly findByNikMissesPerSecond: number;
  readonly heapAfterRunMb: number;
  readonly rssAfterRunMb: number;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect !== undefined) collect();
}

/** A small LCG so that the indices are the same on every run (no Math.random). */
function indices(count: number, size: number): number[] {
  let state = 12345;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 4294967296) * size);
  });
}

/** Calls `step` in rounds until `MEASURE_MS` have passed; returns calls per second. */
function rate(step: (i: number) => void): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let k = 0; k < 1000; k++) step(calls++);
    elapsed = performance.now() - start;
  }
  return Math.round(calls / (elapsed / 1000));
}

async function child(size: number): Promise<ChildReport> {
  const importStart = performance.now();
  const { createPopulation } = await import("../src/population/population.js");
  const { villages } = await import("../src/population/geography.js");
  const importMs = performance.now() - importStart;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;

  const createStart = performance.now();
  const population = createPopulation({ seed: "bench", size });
  const createMs = performance.now() - createStart;
  gc();
  const afterCreate = process.memoryUsage();

  const firstStart = performance.now();
  population.residentAt(0);
  const firstRecordMs = performance.now() - firstStart;
  const magicStart = performance.now();
  const magicRows = population.magic.length;
  const magicTableMs = performance.now() - magicStart;
  gc();
  const afterFirst = process.memoryUsage();

  const random = indices(100_000, size);
  const residentsPerSecondRandom = rate((i) => {
    population.residentAt(random[i % random.length] as number);
  });
  const residentsPerSecondSequential = rate((i) => {
    population.residentAt(i % size);
  });
  const hits = random.slice(0, 20_000).map((i) => population.residentAt(i).nik);
  const findByNikHitsPerSecond = rate((i) => {
    population.findByNik(hits[i % hits.length] as string);
  });
  // Well-formed NIKs of the same districts and dates with another serial: almost all misses.
  const misses = hits.map(
    (nik) =>
      `${nik.slice(0, 12)}${String(1 + ((Number(nik.slice(12)) + 50) % 113)).padStart(4, "0")}`,
  );
  const findByNikMissesPerSecond = rate((i) => {
    population.findByNik(misses[i % misses.length] as string);
  });
  gc();
  const afterRun = process.memoryUsage();
  if (magicRows < 8) throw new Error("magic table incomplete");

  return {
    size,
    importMs,
    createMs,
    heapAfterCreateMb: afterCreate.heapUsed / MB,
    rssAfterCreateMb: afterCreate.rss / MB,
    heapGrowthCreateMb: (afterCreate.heapUsed - heapBefore) / MB,
    firstRecordMs,
    villagesLoadMs: villages().loadMs,
    magicTableMs,
    heapAfterFirstRecordMb: afterFirst.heapUsed / MB,
    residentsPerSecondRandom,
    residentsPerSecondSequential,
    findByNikHitsPerSecond,
    findByNikMissesPerSecond,
    heapAfterRunMb: afterRun.heapUsed / MB,
    rssAfterRunMb: afterRun.rss / MB,
  };
}

function parent(): void {
  const file = fileURLToPath(import.meta.url);
  const root = resolve(dirname(file), "../../..");
  const reports: ChildReport[] = [];
  for (const size of SIZES) {
    const run = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--import",
        "tsx",
        "--conditions=@dukcapil-sandbox/source",
        file,
        "--child",
        String(size),
      ],
      { cwd: root, encoding: "utf8" },
    );
    if (run.status !== 0) {
      process.stderr.write(run.stderr);
      throw new Error(`benchmark child for size ${size} failed with status ${run.status}`);
    }
    const line = run.stdout.trim().split("\n").pop() ?? "";
    reports.push(JSON.parse(line) as ChildReport);
  }

  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  const int = (n: number) => Math.round(n).toLocaleString("en-US");
  const rows: [string, (r: ChildReport) => string][] = [
    ["module import (ms)", (r) => fmt(r.importMs)],
    ["createPopulation (ms)", (r) => fmt(r.createMs, 2)],
    ["heap growth by createPopulation (MB)", (r) => fmt(r.heapGrowthCreateMb, 2)],
    ["heap after start-up (MB)", (r) => fmt(r.heapAfterCreateMb)],
    ["RSS after start-up (MB)", (r) => fmt(r.rssAfterCreateMb)],
    ["first record, lazy villages + regions (ms)", (r) => fmt(r.firstRecordMs)],
    ["  of which villages.csv parse (ms)", (r) => fmt(r.villagesLoadMs)],
    ["magic table, first use (ms)", (r) => fmt(r.magicTableMs)],
    ["heap after first record (MB)", (r) => fmt(r.heapAfterFirstRecordMb)],
    ["residentAt / s, random indices", (r) => int(r.residentsPerSecondRandom)],
    ["residentAt / s, sequential", (r) => int(r.residentsPerSecondSequential)],
    ["findByNik / s, found", (r) => int(r.findByNikHitsPerSecond)],
    ["findByNik / s, not found", (r) => int(r.findByNikMissesPerSecond)],
    ["heap after the run (MB)", (r) => fmt(r.heapAfterRunMb)],
    ["RSS after the run (MB)", (r) => fmt(r.rssAfterRunMb)],
  ];
  const header = ["", ...reports.map((r) => `${int(r.size)} residents`)];
  const table = [header, ...rows.map(([label, cell]) => [label, ...reports.map(cell)])];
  const widths = header.map((_, c) => Math.max(...table.map((row) => (row[c] ?? "").length)));
  const lines = table.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  "),
  );
  process.stdout.write(`Population benchmark (Node ${process.version}, ${process.platform})\n`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[2] === "--child") {
  const report = await child(Number(process.argv[3]));
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  parent();
}
