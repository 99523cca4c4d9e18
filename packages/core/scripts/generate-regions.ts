/**
 * Generates the region tables of core from pinned npm data packages.
 *
 * - `src/regions/current.generated.ts`: provinces, regencies and districts of
 *   `idn-area-data@4.0.1` (Kepmendagri 300.2.2-2138/2025; data under ODbL 1.0).
 * - `src/regions/legacy.generated.ts`: codes that are in the older table bundled in
 *   `nik-parser@1.0.1` (MIT) but no longer in idn-area-data, with their old names and,
 *   for the 2022 Papua split, their successor codes.
 *
 * Run with `npm run generate:regions -w @dukcapil-sandbox/core`. The output is
 * deterministic (sorted, no timestamps), and a test regenerates it in memory and
 * compares it with the committed files so they cannot drift.
 *
 * @example
 * ```ts
 * import { generateRegionModules, readRegionInputs } from "../scripts/generate-regions.js";
 * const { current, legacy } = generateRegionModules(readRegionInputs());
 * ```
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The data package versions this generator is written for; anything else fails loudly.
 *
 * @example
 * ```ts
 * PINNED_VERSIONS["idn-area-data"]; // "4.0.1"
 * ```
 */
export const PINNED_VERSIONS = { "idn-area-data": "4.0.1", "nik-parser": "1.0.1" } as const;

/**
 * Successor regencies of the 2022 Papua split (shared/spec/nik.md §1.3): old code → new code.
 *
 * @example
 * ```ts
 * PAPUA_2022_SUCCESSORS["9101"]; // "9301" (Kabupaten Merauke, now in Papua Selatan)
 * ```
 */
export const PAPUA_2022_SUCCESSORS: Readonly<Record<string, string>> = Object.freeze({
  // 93 Papua Selatan
  "9101": "9301",
  "9116": "9302",
  "9117": "9303",
  "9118": "9304",
  // 94 Papua Tengah
  "9104": "9401",
  "9107": "9402",
  "9108": "9403",
  "9109": "9404",
  "9125": "9405",
  "9126": "9406",
  "9127": "9407",
  "9128": "9408",
  // 95 Papua Pegunungan
  "9102": "9501",
  "9112": "9502",
  "9113": "9503",
  "9114": "9504",
  "9121": "9505",
  "9122": "9506",
  "9123": "9507",
  "9124": "9508",
  // 96 Papua Barat Daya
  "9201": "9601",
  "9204": "9602",
  "9205": "9603",
  "9209": "9604",
  "9210": "9605",
  "9271": "9671",
});

/**
 * Raw inputs of the generator: file contents, so the transformation stays pure.
 *
 * @example
 * ```ts
 * const inputs: RegionInputs = { ...readRegionInputs(), idnAreaDataVersion: "4.0.1" };
 * ```
 */
export interface RegionInputs {
  idnAreaDataVersion: string;
  nikParserVersion: string;
  provincesCsv: string;
  regenciesCsv: string;
  districtsCsv: string;
  /** Parsed `nik-parser/dist/wilayah.json`. */
  oldWilayah: unknown;
}

/**
 * The two generated module texts.
 *
 * @example
 * ```ts
 * const modules: RegionModules = generateRegionModules(readRegionInputs());
 * ```
 */
export interface RegionModules {
  current: string;
  legacy: string;
}

type Level = "province" | "regency" | "district";
const LEVELS: readonly Level[] = ["province", "regency", "district"];
const CODE_LENGTH: Record<Level, number> = { province: 2, regency: 4, district: 6 };

function fail(reason: string): never {
  throw new Error(`Failed to generate region tables: ${reason}.`);
}

/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF line ends).
 *
 * @example
 * ```ts
 * parseCsv('code,name\n35.29.22,"Ra""as"\n'); // [["code","name"],["35.29.22","Ra\"as"]]
 * ```
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          fail(`CSV has text after a closing quote at offset ${i}`);
        }
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (field !== "") fail(`CSV has a quote inside an unquoted field at offset ${i}`);
      quoted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 1;
    } else if (ch === "\n") {
      endRow();
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) fail("CSV ends inside a quoted field");
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

interface Area {
  code: string;
  name: string;
  successor?: string;
}

function checkName(name: string, where: string): string {
  if (name === "" || name !== name.trim()) fail(`${where} has an empty or untrimmed name`);
  if (/[|\r\n]/.test(name)) fail(`${where} has a name with "|" or a line break`);
  return name;
}

function readLevel(
  csv: string,
  level: Level,
  header: readonly string[],
  parents: ReadonlyMap<string, Area> | undefined,
): Map<string, Area> {
  const [head, ...rows] = parseCsv(csv);
  if (head?.join(",") !== header.join(",")) {
    fail(`${level} CSV header is ${JSON.stringify(head)}, expected ${header.join(",")}`);
  }
  const dotted = [/^\d{2}$/, /^\d{2}\.\d{2}$/, /^\d{2}\.\d{2}\.\d{2}$/][
    LEVELS.indexOf(level)
  ] as RegExp;
  const out = new Map<string, Area>();
  for (const cells of rows) {
    if (cells.length !== header.length)
      fail(`${level} row ${JSON.stringify(cells)} has wrong width`);
    const code = cells[0] as string;
    if (!dotted.test(code)) fail(`${level} code ${JSON.stringify(code)} is malformed`);
    const undotted = code.replaceAll(".", "");
    if (parents !== undefined) {
      const parent = (cells[1] as string).replaceAll(".", "");
      if (!undotted.startsWith(parent) || !parents.has(parent)) {
        fail(`${level} ${code} names parent ${cells[1]} that is not its prefix or not known`);
      }
    }
    if (out.has(undotted)) fail(`${level} ${code} appears twice`);
    const name = checkName(cells[header.length - 1] as string, `${level} ${code}`);
    out.set(undotted, { code: undotted, name });
  }
  return out;
}

function readOldLevel(wilayah: unknown, key: string, level: Level): Map<string, Area> {
  const table = (wilayah as Record<string, unknown> | null)?.[key];
  if (typeof table !== "object" || table === null) fail(`old table has no "${key}" object`);
  const out = new Map<string, Area>();
  for (const [code, value] of Object.entries(table as Record<string, unknown>)) {
    if (code.length !== CODE_LENGTH[level] || !/^\d+$/.test(code)) {
      fail(`old ${level} code ${JSON.stringify(code)} is malformed`);
    }
    if (typeof value !== "string") fail(`old ${level} ${code} has no name`);
    let name = value;
    if (level === "district") {
      const cut = value.indexOf(" -- ");
      if (cut < 0)
        fail(`old district ${code} (${JSON.stringify(value)}) has no " -- " postal part`);
      name = value.slice(0, cut);
    }
    out.set(code, { code, name: checkName(name.trim(), `old ${level} ${code}`) });
  }
  return out;
}

/** Uppercase letters and digits only, with regency prefixes dropped: for name matching. */
function nameKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/^(KABUPATEN|KAB\.?)\s+/, "")
    .replace(/[^A-Z0-9]/g, "");
}

function escapeTemplate(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("`", "\\`").replaceAll("${", "\\${");
}

function sorted(areas: Iterable<Area>): Area[] {
  return [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function linesOf(areas: Iterable<Area>, withSuccessor: boolean): string {
  return sorted(areas)
    .map((a) =>
      withSuccessor ? `${a.code}|${a.name}|${a.successor ?? ""}` : `${a.code}|${a.name}`,
    )
    .join("\n");
}

function constant(name: string, summary: string, example: string, lines: string): string {
  return [
    `/**`,
    ` * ${summary}`,
    ` *`,
    ` * @example`,
    " * ```ts",
    ` * ${example}`,
    " * ```",
    ` */`,
    `export const ${name}: string = \`${escapeTemplate(lines)}\`;`,
    "",
  ].join("\n");
}

const LEVEL_PLURAL: Record<Level, string> = {
  province: "PROVINCE",
  regency: "REGENCY",
  district: "DISTRICT",
};

/**
 * Builds the text of `current.generated.ts` and `legacy.generated.ts` from the raw inputs.
 *
 * @example
 * ```ts
 * const { current, legacy } = generateRegionModules(readRegionInputs());
 * ```
 */
export function generateRegionModules(inputs: RegionInputs): RegionModules {
  if (inputs.idnAreaDataVersion !== PINNED_VERSIONS["idn-area-data"]) {
    fail(
      `idn-area-data is ${inputs.idnAreaDataVersion}, expected ${PINNED_VERSIONS["idn-area-data"]}`,
    );
  }
  if (inputs.nikParserVersion !== PINNED_VERSIONS["nik-parser"]) {
    fail(`nik-parser is ${inputs.nikParserVersion}, expected ${PINNED_VERSIONS["nik-parser"]}`);
  }
  const provinces = readLevel(inputs.provincesCsv, "province", ["code", "name"], undefined);
  const regencies = readLevel(
    inputs.regenciesCsv,
    "regency",
    ["code", "province_code", "name"],
    provinces,
  );
  const districts = readLevel(
    inputs.districtsCsv,
    "district",
    ["code", "regency_code", "name"],
    regencies,
  );
  const current: Record<Level, Map<string, Area>> = {
    province: provinces,
    regency: regencies,
    district: districts,
  };

  const old: Record<Level, Map<string, Area>> = {
    province: readOldLevel(inputs.oldWilayah, "provinsi", "province"),
    regency: readOldLevel(inputs.oldWilayah, "kabkot", "regency"),
    district: readOldLevel(inputs.oldWilayah, "kecamatan", "district"),
  };
  // Retired codes: in the old table, absent from the current one, at every level.
  const legacy: Record<Level, Map<string, Area>> = {
    province: new Map(),
    regency: new Map(),
    district: new Map(),
  };
  for (const level of LEVELS) {
    for (const [code, area] of old[level]) {
      if (!current[level].has(code)) legacy[level].set(code, { ...area });
    }
  }
  // Every retired district must hang below a known (current or retired) regency and province.
  for (const code of legacy.district.keys()) {
    for (const [level, prefix] of [
      ["regency", code.slice(0, 4)],
      ["province", code.slice(0, 2)],
    ] as const) {
      if (!current[level].has(prefix) && !legacy[level].has(prefix)) {
        fail(`retired district ${code} has no ${level} ${prefix} in either table`);
      }
    }
  }

  // Successors: regencies from the §1.3 table, districts by the same name in the successor regency.
  for (const [oldCode, newCode] of Object.entries(PAPUA_2022_SUCCESSORS)) {
    const before = legacy.regency.get(oldCode);
    const after = current.regency.get(newCode);
    if (before === undefined) fail(`Papua successor table names ${oldCode}, which is not retired`);
    if (after === undefined) fail(`Papua successor table names ${newCode}, which is not current`);
    if (nameKey(before.name) !== nameKey(after.name)) {
      fail(
        `Papua successor ${oldCode} "${before.name}" → ${newCode} "${after.name}" differ in name`,
      );
    }
    before.successor = newCode;
  }
  for (const district of legacy.district.values()) {
    const regency = district.code.slice(0, 4);
    const successorRegency = legacy.regency.get(regency)?.successor;
    if (successorRegency === undefined) continue;
    const key = nameKey(district.name);
    const matches = [...current.district.values()].filter(
      (d) => d.code.startsWith(successorRegency) && nameKey(d.name) === key,
    );
    if (matches.length === 1) district.successor = (matches[0] as Area).code;
  }

  const counts = (table: Record<Level, Map<string, Area>>) =>
    LEVELS.map((l) => `${table[l].size} ${l === "regency" ? "regencies" : `${l}s`}`).join(", ");

  const currentText = [
    "// GENERATED by packages/core/scripts/generate-regions.ts. Do not edit by hand:",
    "// run `npm run generate:regions -w @dukcapil-sandbox/core`.",
    "//",
    `// Source: npm package idn-area-data@${inputs.idnAreaDataVersion}`,
    "// (https://github.com/fityannugroho/idn-area-data), data/provinces.csv,",
    "// data/regencies.csv and data/districts.csv (villages are not included).",
    "// Regulation: Kepmendagri No. 300.2.2-2138 Tahun 2025 tentang Pemberian dan Pemutakhiran",
    '// Kode, Data Wilayah Administrasi Pemerintahan, dan Pulau (written "300.2.2-2L38" in the',
    "// source's docs/references.md).",
    "//",
    "// Licence: the data is made available under the Open Database License (ODbL) 1.0,",
    "// https://opendatacommons.org/licenses/odbl/1-0/ (see the package's data/LICENSE.md).",
    "// This file is a derived database: the same rows, with undotted codes, in another format.",
    "// Any public use must keep this notice; a modified copy must be offered under ODbL 1.0.",
    "//",
    `// Contents: ${counts(current)}. Format: one string per level,`,
    '// one "code|name" line per area, codes undotted, sorted by code, names as in the source.',
    "",
    "/**",
    " * Where the current region tables come from, for attribution.",
    " *",
    " * @example",
    " * ```ts",
    ' * CURRENT_REGION_SOURCE.licence; // "ODbL-1.0"',
    " * ```",
    " */",
    "export const CURRENT_REGION_SOURCE = {",
    '  package: "idn-area-data",',
    `  version: "${inputs.idnAreaDataVersion}",`,
    '  regulation: "Kepmendagri No. 300.2.2-2138 Tahun 2025",',
    '  licence: "ODbL-1.0",',
    '  licenceUrl: "https://opendatacommons.org/licenses/odbl/1-0/",',
    "} as const;",
    "",
    ...LEVELS.map((level) =>
      constant(
        `CURRENT_${LEVEL_PLURAL[level]}_LINES`,
        `Current ${level} codes and names, one "code|name" line each.`,
        `CURRENT_${LEVEL_PLURAL[level]}_LINES.split("\\n")[0]; // "${linesOf(current[level].values(), false).split("\n")[0]}"`,
        linesOf(current[level].values(), false),
      ),
    ),
  ].join("\n");

  const legacyText = [
    "// GENERATED by packages/core/scripts/generate-regions.ts. Do not edit by hand:",
    "// run `npm run generate:regions -w @dukcapil-sandbox/core`.",
    "//",
    "// Retired region codes: the diff of two datasets. A row is a code present in the older",
    `// table bundled in npm nik-parser@${inputs.nikParserVersion} (dist/wilayah.json; MIT licence,`,
    '// "Copyright (c) 2018 Ican Bachors" per its LICENSE file; https://github.com/mul14/nik_parser.ts)',
    `// but absent from idn-area-data@${inputs.idnAreaDataVersion} (ODbL 1.0), with its old name`,
    "// as nik-parser has it (upper case, district postal codes removed).",
    "//",
    "// Successors: for the 2022 Papua split (UU 14, 15, 16 and 29/2022; Kepmendagri",
    "// 100.1.1-6117/2022) the successor regency comes from shared/spec/nik.md §1.3, and a",
    "// district's successor is the district of the same name in the successor regency",
    "// (no successor when no single district has that name).",
    "//",
    "// Licence: the successor codes and the choice of rows derive from idn-area-data, so this",
    "// file is also offered under ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/);",
    "// the old names are from nik-parser (MIT).",
    "//",
    `// Contents: ${counts(legacy)}. Format: one string per level,`,
    '// one "code|old name|successor code" line per area (successor empty when unknown).',
    "",
    "/**",
    " * Where the retired-code tables come from, for attribution.",
    " *",
    " * @example",
    " * ```ts",
    ' * LEGACY_REGION_SOURCE.package; // "nik-parser"',
    " * ```",
    " */",
    "export const LEGACY_REGION_SOURCE = {",
    '  package: "nik-parser",',
    `  version: "${inputs.nikParserVersion}",`,
    '  licence: "MIT",',
    `  diffedAgainst: "idn-area-data@${inputs.idnAreaDataVersion}",`,
    "} as const;",
    "",
    ...LEVELS.map((level) => {
      const lines = linesOf(legacy[level].values(), true);
      const first = lines === "" ? "" : lines.split("\n")[0];
      return constant(
        `LEGACY_${LEVEL_PLURAL[level]}_LINES`,
        `Retired ${level} codes, one "code|old name|successor" line each.`,
        `LEGACY_${LEVEL_PLURAL[level]}_LINES.split("\\n")[0]; // "${first}"`,
        lines,
      );
    }),
  ].join("\n");

  return { current: currentText, legacy: legacyText };
}

function findPackageDir(name: string, from: string): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) fail(`package ${name} is not installed (npm ci first)`);
    dir = parent;
  }
}

const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * Where the generated modules are written.
 *
 * @example
 * ```ts
 * readFileSync(GENERATED_PATHS.current, "utf8");
 * ```
 */
export const GENERATED_PATHS = {
  current: resolve(SCRIPT_DIR, "../src/regions/current.generated.ts"),
  legacy: resolve(SCRIPT_DIR, "../src/regions/legacy.generated.ts"),
} as const;

/**
 * Reads the generator's inputs from the installed packages.
 *
 * @example
 * ```ts
 * const inputs = readRegionInputs();
 * ```
 */
export function readRegionInputs(): RegionInputs {
  const idn = findPackageDir("idn-area-data", SCRIPT_DIR);
  const nikParser = findPackageDir("nik-parser", SCRIPT_DIR);
  const read = (path: string) => readFileSync(path, "utf8");
  const versionOf = (dir: string) =>
    (JSON.parse(read(join(dir, "package.json"))) as { version: string }).version;
  return {
    idnAreaDataVersion: versionOf(idn),
    nikParserVersion: versionOf(nikParser),
    provincesCsv: read(join(idn, "data", "provinces.csv")),
    regenciesCsv: read(join(idn, "data", "regencies.csv")),
    districtsCsv: read(join(idn, "data", "districts.csv")),
    oldWilayah: JSON.parse(read(join(nikParser, "dist", "wilayah.json"))),
  };
}

function main(): void {
  const modules = generateRegionModules(readRegionInputs());
  writeFileSync(GENERATED_PATHS.current, modules.current);
  writeFileSync(GENERATED_PATHS.legacy, modules.legacy);
  process.stdout.write(
    `Wrote ${GENERATED_PATHS.current} (${modules.current.length} chars)\n` +
      `Wrote ${GENERATED_PATHS.legacy} (${modules.legacy.length} chars)\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
