import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies?: Record<string, string>;
  sideEffects?: boolean;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("core package boundaries", () => {
  it("keeps every export of src/index.ts under the comment of its area (review finding 11)", () => {
    const areas: Record<string, string> = {
      NIK: "./nik/",
      Regions: "./regions/",
      "Response codes": "./catalogue/",
      Quota: "./quota/",
      Time: "./time.js",
      Token: "./token/",
      "Usage patterns": "./patterns/",
      "Wire format": "./wire/",
      Client: "./client/",
      Errors: "./errors.js",
    };
    const text = readFileSync(join(srcDir, "index.ts"), "utf8");
    let area: string | undefined;
    const seen: string[] = [];
    const misplaced: string[] = [];
    for (const match of text.matchAll(/^\/\/ --- (.+) ---$|from "(\.[^"]+)";$/gm)) {
      if (match[1] !== undefined) {
        area = match[1];
        seen.push(area);
      } else if (area === undefined || !match[2]?.startsWith(areas[area] ?? "\0")) {
        misplaced.push(`${match[2]} under ${area ?? "no area"}`);
      }
    }
    expect(misplaced).toEqual([]);
    expect(seen).toEqual(Object.keys(areas));
  });

  it("throws every code of the error registry somewhere, and no error without a code", async () => {
    const { coreErrorRegistry } = await import("../src/errors.js");
    const files = sourceFiles(srcDir).filter(
      (file) => !file.endsWith(`${join("src", "errors.ts")}`),
    );
    const code = files
      .map((file) => readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""))
      .join("\n");
    const unused = Object.keys(coreErrorRegistry).filter((name) => !code.includes(`"${name}"`));
    expect(unused).toEqual([]);
    expect(code).not.toMatch(/throw new (Type|Range|Syntax)?Error\(/);
  });

  it("depends at run time on zod only (region data is generated into the package)", () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(["zod"]);
    expect(pkg.sideEffects).toBe(false);
  });

  it("does no I/O: no Node built-ins, no process, no file system in any source file", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      if (/from\s+["'](node:|fs|path|os|http|https|net|child_process)["']/.test(code)) {
        offenders.push(`${file}: imports a Node built-in`);
      }
      if (/\bprocess\.|\brequire\(/.test(code)) offenders.push(`${file}: uses process or require`);
    }
    expect(offenders).toEqual([]);
  });

  it("imports only zod and its own files", () => {
    const external = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      for (const match of code.matchAll(/from\s+["']([^."'][^"']*)["']/g)) {
        external.add(match[1] as string);
      }
    }
    expect([...external]).toEqual(["zod"]);
  });

  it("importing the whole package and checking a NIK's format does not build the region tables", async () => {
    vi.resetModules();
    const core = await import("../src/index.js");
    expect(core.regionTablesLoaded()).toBe(false);
    expect(
      core.parseNik("3204055502900001", { regions: "none", referenceDate: "2026-11-24" }).ok,
    ).toBe(true);
    expect(core.regionTablesLoaded()).toBe(false);
    core.parseNik("3204055502900001", { referenceDate: "2026-11-24" });
    expect(core.regionTablesLoaded()).toBe(true);
  });
});
