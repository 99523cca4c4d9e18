// "No path traversal" (issue 7, Security), conformance side. The PoC and load runners write
// files only under the directory the operator names (--report-dir, --out), with fixed file
// names: nothing of the plan, the app or the simulator's answers becomes a path. The storage
// scan reads the app's storage without following symbolic links out of it. The simulator's
// routes are tested in packages/simulator/test/security-traversal.test.ts.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanStorage } from "../src/criteria/storage.js";
import { LOAD_REPORT_FILES } from "../src/load/report.js";
import { REPORT_FILES, writeReports } from "../src/report/write.js";
import { passedReport } from "./fixtures/report-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "dks-poc-traversal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = [
  "../../../../evil",
  "..\\..\\..\\evil",
  "/etc/passwd",
  "%2e%2e%2fevil",
  "evil\u0000.json",
  `${dir}/outside`,
];

/** Every file under a folder, relative, sorted. */
function tree(folder: string, prefix = ""): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? tree(join(folder, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    )
    .sort();
}

describe("report and load file names", () => {
  it("are fixed base names: no separator, no dot segment, no NUL", () => {
    for (const name of [...REPORT_FILES, ...LOAD_REPORT_FILES]) {
      expect(name).toBe(basename(name));
      expect(name).toMatch(/^[a-z][a-z0-9.-]*$/);
      expect(name.includes("..")).toBe(false);
    }
  });

  it("writes exactly the five report files inside --report-dir, whatever the report's names say", async () => {
    const base = passedReport();
    const hostile = {
      ...base,
      manifest: {
        ...base.manifest,
        plan: { ...base.manifest.plan, id: HOSTILE[0] as string, title: HOSTILE[1] as string },
        app: { ...base.manifest.app, name: HOSTILE[2] as string, target: HOSTILE[5] as string },
        institution: {
          id: HOSTILE[3] as string,
          path: HOSTILE[0] as string,
          name: HOSTILE[4] as string,
        },
        runId: HOSTILE[0] as string,
      },
    };
    const root = join(dir, "run-1");
    const reportDir = join(root, "reports");
    mkdirSync(root);
    const paths = await writeReports(hostile, reportDir);
    expect(paths).toEqual(REPORT_FILES.map((name) => join(reportDir, name)));
    for (const path of paths) expect(dirname(resolve(path))).toBe(resolve(reportDir));
    // Nothing beside the report directory, nothing but the five files in it.
    expect(tree(root)).toEqual(REPORT_FILES.map((name) => `reports/${name}`).sort());
    expect(readdirSync(dir).sort()).toEqual(["run-1"]);
  });
});

describe("the storage scan (POC-STORAGE-01)", () => {
  it("scans the app's files but never follows a symbolic link out of its storage", async () => {
    const canary = { nik: "3319041307949036", noKk: "3319041107200036", name: "SITI CANARY" };
    const storage = join(dir, "storage");
    const outside = join(dir, `outside-${randomBytes(4).toString("hex")}`);
    mkdirSync(storage);
    mkdirSync(outside);
    writeFileSync(join(outside, "elsewhere.log"), `lookup ${canary.nik}\n`);
    symlinkSync(join(outside, "elsewhere.log"), join(storage, "linked-file.log"));
    symlinkSync(outside, join(storage, "linked-dir"));
    symlinkSync("../../../../../../../../etc/passwd", join(storage, "passwd"));

    const clean = await scanStorage([storage], [canary]);
    expect(clean.hits).toEqual([]);
    expect(clean.scanned).toBe(0);

    // Control: the same value in a file of the storage itself is found.
    writeFileSync(join(storage, "app.log"), `lookup ${canary.nik}\n`);
    const found = await scanStorage([storage], [canary]);
    expect(found.hits).toEqual([{ path: join(storage, "app.log"), canary: 0, what: "NIK" }]);
    expect(found.scanned).toBe(1);
    expect(found.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining("linked-dir is a symbolic link: not followed"),
      ]),
    );
  });

  it("follows a declared storage root that is itself a symbolic link, so the scan is not empty", async () => {
    const canary = { nik: "3319041307949037", noKk: "3319041107200037", name: "SITI ROOTLINK" };
    const target = join(dir, `data-${randomBytes(4).toString("hex")}`);
    mkdirSync(target);
    writeFileSync(join(target, "cache.json"), `{"nik":"${canary.nik}"}`);
    const declared = join(dir, `declared-${randomBytes(4).toString("hex")}`);
    symlinkSync(target, declared);

    const result = await scanStorage([declared], [canary]);
    expect(result.scanned).toBe(1);
    expect(result.hits).toEqual([{ path: join(declared, "cache.json"), canary: 0, what: "NIK" }]);
  });
});
