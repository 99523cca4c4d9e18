/**
 * Benchmark of `parseNik`: operations per second with `regions: "none" | "strict" | "legacy"`
 * over a fixed, seeded mix of valid and invalid NIKs, and the heap held by the region tables.
 *
 * Run: `npm run bench -w @dukcapil-sandbox/core` (or, for an exact heap figure,
 * `npx tsx --expose-gc packages/core/bench/parse-nik.bench.ts`; without the flag the script
 * enables `gc` itself through `v8.setFlagsFromString`, which works on Node 20).
 *
 * @example
 * ```sh
 * npx tsx --expose-gc packages/core/bench/parse-nik.bench.ts
 * ```
 */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { makeNik } from "../src/nik/make.js";
import { parseNik } from "../src/nik/parse.js";
import {
  CURRENT_DISTRICT_LINES,
  CURRENT_PROVINCE_LINES,
  CURRENT_REGENCY_LINES,
} from "../src/regions/current.generated.js";
import {
  LEGACY_DISTRICT_LINES,
  LEGACY_PROVINCE_LINES,
  LEGACY_REGENCY_LINES,
} from "../src/regions/legacy.generated.js";
import { listDistricts, regionCounts, regionTablesLoaded } from "../src/regions/table.js";

const SET_SIZE = 2_000;
const RUN_MS = 1_500;
const WARMUP_MS = 300;
const REFERENCE_DATE = Date.parse("2026-11-22T00:00:00Z");

function getGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function settledHeap(gc: () => void): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Deterministic PRNG (mulberry32), so every run measures the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildInputs(): { inputs: string[]; kinds: Map<string, number> } {
  const random = prng(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const current = listDistricts().map((d) => d.code);
  const retired = listDistricts("legacy")
    .filter((d) => d.legacy)
    .map((d) => d.code);
  const birthDate = () => {
    const ms = Date.UTC(1940, 0, 1) + Math.floor(random() * 80 * 365) * 86_400_000;
    return new Date(ms).toISOString().slice(0, 10);
  };
  const valid = (district: string) =>
    makeNik({
      district,
      birthDate: birthDate(),
      sex: random() < 0.5 ? "M" : "F",
      serial: 1 + Math.floor(random() * 300),
    });
  const makers: [kind: string, weight: number, make: () => string][] = [
    ["valid, current region", 60, () => valid(pick(current))],
    [
      "valid, grouped with spaces",
      5,
      () => valid(pick(current)).replace(/^(\d{4})(\d{2})(\d{6})/, "$1 $2 $3 "),
    ],
    ["retired Papua region", 5, () => valid(pick(retired))],
    ["unknown district", 5, () => `${pick(current).slice(0, 4)}99${valid(pick(current)).slice(6)}`],
    [
      "impossible date (31 Feb)",
      8,
      () => `${pick(current)}310290${valid(pick(current)).slice(12)}`,
    ],
    ["serial 0000", 4, () => `${valid(pick(current)).slice(0, 12)}0000`],
    ["15 digits", 7, () => valid(pick(current)).slice(1)],
    ["letter O for zero", 6, () => valid(pick(current)).replace("0", "O")],
  ];
  const total = makers.reduce((sum, [, weight]) => sum + weight, 0);
  const inputs: string[] = [];
  const kinds = new Map<string, number>();
  for (let i = 0; i < SET_SIZE; i++) {
    let roll = random() * total;
    for (const [kind, weight, make] of makers) {
      roll -= weight;
      if (roll < 0) {
        inputs.push(make());
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        break;
      }
    }
  }
  return { inputs, kinds };
}

function measure(inputs: readonly string[], regions: "none" | "strict" | "legacy") {
  const options = { regions, referenceDate: REFERENCE_DATE };
  let valid = 0;
  for (const input of inputs) if (parseNik(input, options).ok) valid++;
  const warmupEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmupEnd) for (const input of inputs) parseNik(input, options);
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) if (parseNik(input, options).ok) sink++;
    ops += inputs.length;
    elapsed = performance.now() - start;
  } while (elapsed < RUN_MS);
  return {
    regions,
    opsPerSecond: (ops / elapsed) * 1000,
    nsPerOp: (elapsed * 1e6) / ops,
    valid,
    sink,
  };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [
    line(rows[0] ?? []),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}

function main(): void {
  const gc = getGc();
  const out: string[] = [];

  // 1. Heap held by the parsed region tables: measured before anything loads them.
  if (regionTablesLoaded())
    throw new Error("region tables were loaded before the heap measurement");
  const before = settledHeap(gc);
  const loadStart = performance.now();
  const counts = regionCounts();
  const loadMs = performance.now() - loadStart;
  const after = settledHeap(gc);
  const sourceChars = [
    CURRENT_PROVINCE_LINES,
    CURRENT_REGENCY_LINES,
    CURRENT_DISTRICT_LINES,
    LEGACY_PROVINCE_LINES,
    LEGACY_REGENCY_LINES,
    LEGACY_DISTRICT_LINES,
  ].reduce((sum, s) => sum + s.length, 0);

  out.push("Region tables");
  out.push(
    table([
      ["measure", "value"],
      [
        "rows (current / retired)",
        `${counts.current.provinces + counts.current.regencies + counts.current.districts} / ${counts.legacy.provinces + counts.legacy.regencies + counts.legacy.districts}`,
      ],
      ["encoded strings (always in the bundle)", `${(sourceChars / 1024).toFixed(0)} KiB of text`],
      ["first lookup: parse into maps", `${loadMs.toFixed(1)} ms`],
      ["heap held by the parsed maps", `${((after - before) / 1024 / 1024).toFixed(2)} MiB`],
    ]),
  );

  // 2. Throughput over a fixed mix of inputs.
  const { inputs, kinds } = buildInputs();
  out.push("");
  out.push(`Input set: ${inputs.length} NIKs (seeded), reference date 2026-11-22`);
  out.push(
    table([
      ["kind", "count"],
      ...[...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => [kind, String(n)]),
    ]),
  );

  const results = (["none", "strict", "legacy"] as const).map((mode) => measure(inputs, mode));
  out.push("");
  out.push(
    `parseNik throughput (Node ${process.version}, ${RUN_MS} ms per mode after ${WARMUP_MS} ms warm-up)`,
  );
  out.push(
    table([
      ["regions", "ops/s", "ns/op", "valid in set"],
      ...results.map((r) => [
        r.regions,
        Math.round(r.opsPerSecond).toLocaleString("en-US"),
        r.nsPerOp.toFixed(0),
        `${r.valid} / ${inputs.length}`,
      ]),
    ]),
  );
  if (results.some((r) => r.sink === 0)) out.push("(no valid results: check the input set)");
  process.stdout.write(`${out.join("\n")}\n`);
}

main();
