// scripts/audit.mjs (issue 7, Security): the CI dependency audit. It judges the JSON of
// `npm audit --audit-level=high --json`: clean, high or critical advisories found (exit 1,
// listed), or the advisory endpoint unreachable or refusing ("NOT checked", exit 0 unless
// AUDIT_REQUIRED=1). The fixtures are real npm 11 output shapes; no test calls the registry.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { judgeAudit } from "../../../scripts/audit.mjs";

const script = fileURLToPath(new URL("../../../scripts/audit.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "dks-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const metadata = (counts: Partial<Record<string, number>>) => ({
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts },
  dependencies: { prod: 41, dev: 402, optional: 37, peer: 2, peerOptional: 0, total: 451 },
});

const CLEAN = { auditReportVersion: 2, vulnerabilities: {}, metadata: metadata({}) };

const MODERATE_ONLY = {
  auditReportVersion: 2,
  vulnerabilities: {
    esbuild: {
      name: "esbuild",
      severity: "moderate",
      isDirect: false,
      via: [
        {
          source: 1102341,
          name: "esbuild",
          dependency: "esbuild",
          title: "esbuild enables any website to send any requests to the development server",
          url: "https://github.com/advisories/GHSA-67mh-4wv8-2f99",
          severity: "moderate",
          range: "<=0.24.2",
        },
      ],
      effects: ["vite"],
      range: "<=0.24.2",
      nodes: ["node_modules/esbuild"],
      fixAvailable: true,
    },
  },
  metadata: metadata({ moderate: 1, total: 1 }),
};

const HIGH_FOUND = {
  auditReportVersion: 2,
  vulnerabilities: {
    "cross-spawn": {
      name: "cross-spawn",
      severity: "high",
      isDirect: false,
      via: [
        {
          source: 1100563,
          name: "cross-spawn",
          dependency: "cross-spawn",
          title: "Regular Expression Denial of Service (ReDoS) in cross-spawn",
          url: "https://github.com/advisories/GHSA-3xgq-45jj-v275",
          severity: "high",
          cwe: ["CWE-1333"],
          cvss: { score: 7.5, vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" },
          range: ">=7.0.0 <7.0.5",
        },
      ],
      effects: [],
      range: "7.0.0 - 7.0.4",
      nodes: ["node_modules/cross-spawn"],
      fixAvailable: true,
    },
    "form-data": {
      name: "form-data",
      severity: "critical",
      isDirect: false,
      via: [
        {
          source: 1106509,
          name: "form-data",
          dependency: "form-data",
          title: "form-data uses unsafe random function for choosing boundary",
          url: "https://github.com/advisories/GHSA-fjxv-7rqg-78g4",
          severity: "critical",
          range: ">=4.0.0 <4.0.4",
        },
      ],
      effects: ["superagent"],
      range: "4.0.0 - 4.0.3",
      nodes: ["node_modules/form-data"],
      fixAvailable: { name: "supertest", version: "7.1.4", isSemVerMajor: false },
    },
    superagent: {
      name: "superagent",
      severity: "critical",
      isDirect: false,
      via: ["form-data"],
      effects: ["supertest"],
      range: "10.0.0 - 10.2.2",
      nodes: ["node_modules/superagent"],
      fixAvailable: false,
    },
    esbuild: MODERATE_ONLY.vulnerabilities.esbuild,
  },
  metadata: metadata({ moderate: 1, high: 1, critical: 2, total: 4 }),
};

/** What npm 11 prints when the registry answers 405 to the bulk advisory POST (this machine). */
const ENDPOINT_405 = {
  message:
    "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  headers: { allow: ["GET,HEAD"], "content-length": ["0"] },
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
};

/** No network. */
const ENDPOINT_UNREACHABLE = {
  error: {
    code: "ENOTFOUND",
    summary:
      "request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org",
    detail: "",
  },
};

/** A project error, not the endpoint's: no lockfile. */
const NO_LOCKFILE = {
  error: {
    code: "ENOLOCK",
    summary: "This command requires an existing lockfile.",
    detail:
      "Try creating one first with: npm i --package-lock-only\nOriginal error: loadVirtual requires existing shrinkwrap file",
  },
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("judgeAudit", () => {
  it("passes a clean report and one with moderate advisories only", () => {
    expect(judgeAudit(json(CLEAN))).toEqual({
      status: "clean",
      exitCode: 0,
      lines: [
        "dependency audit passed: no high or critical advisory (451 dependencies checked, dev included; critical 0, high 0, moderate 0, low 0).",
      ],
      packages: [],
    });
    expect(judgeAudit(json(MODERATE_ONLY))).toMatchObject({ status: "clean", exitCode: 0 });
    expect(judgeAudit(json(MODERATE_ONLY)).lines[0]).toContain("moderate 1");
  });

  it("fails on high and critical advisories and lists every such package, critical first", () => {
    const judged = judgeAudit(json(HIGH_FOUND));
    expect(judged.status).toBe("vulnerable");
    expect(judged.exitCode).toBe(1);
    expect(judged.packages).toEqual([
      { name: "form-data", severity: "critical" },
      { name: "superagent", severity: "critical" },
      { name: "cross-spawn", severity: "high" },
    ]);
    expect(judged.lines[0]).toBe(
      "dependency audit FAILED: 3 package(s) with high or critical advisories (451 dependencies checked, dev included; critical 2, high 1, moderate 1, low 0):",
    );
    expect(judged.lines[1]).toBe(
      "  - form-data (critical) 4.0.0 - 4.0.3: form-data uses unsafe random function for choosing boundary <https://github.com/advisories/GHSA-fjxv-7rqg-78g4>; fix: supertest@7.1.4",
    );
    expect(judged.lines[2]).toBe(
      "  - superagent (critical) 10.0.0 - 10.2.2: via form-data; no fix available",
    );
    expect(judged.lines[3]).toContain("cross-spawn (high) 7.0.0 - 7.0.4: Regular Expression");
    expect(judged.lines.join("\n")).not.toContain("esbuild");
  });

  it("says NOT checked when the endpoint refuses or cannot be reached, and fails only when required", () => {
    expect(judgeAudit(json(ENDPOINT_405))).toEqual({
      status: "not-checked",
      exitCode: 0,
      lines: [
        "dependency audit NOT checked: the advisory endpoint answered 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      ],
      packages: [],
    });
    const unreachable = judgeAudit(json(ENDPOINT_UNREACHABLE));
    expect(unreachable).toMatchObject({ status: "not-checked", exitCode: 0 });
    expect(unreachable.lines[0]).toMatch(
      /^dependency audit NOT checked: the advisory endpoint could not be reached \(ENOTFOUND: /,
    );
    for (const output of [ENDPOINT_405, ENDPOINT_UNREACHABLE]) {
      const required = judgeAudit(json(output), { required: true });
      expect(required).toMatchObject({ status: "not-checked", exitCode: 1 });
      expect(required.lines[1]).toMatch(/AUDIT_REQUIRED=1/);
    }
  });

  it("fails when npm audit cannot run for a reason of the project, or prints no JSON", () => {
    expect(judgeAudit(json(NO_LOCKFILE))).toMatchObject({ status: "error", exitCode: 1 });
    expect(judgeAudit(json(NO_LOCKFILE)).lines[0]).toMatch(
      /^dependency audit failed to run: ENOLOCK: This command requires an existing lockfile\./,
    );
    const garbage = judgeAudit("npm error something broke", { exitCode: 1, stderr: "boom" });
    expect(garbage).toMatchObject({ status: "error", exitCode: 1 });
    expect(garbage.lines[0]).toContain("printed no JSON (exit code 1): boom");
    expect(judgeAudit(json({ auditReportVersion: 1, advisories: {} }))).toMatchObject({
      status: "error",
      exitCode: 1,
    });
  });
});

describe("node scripts/audit.mjs --from <file>", () => {
  const cases: readonly [string, unknown, Record<string, string>, number, RegExp][] = [
    ["clean", CLEAN, {}, 0, /^dependency audit passed/],
    ["high found", HIGH_FOUND, {}, 1, /^dependency audit FAILED: 3 package/],
    ["endpoint 405", ENDPOINT_405, {}, 0, /^dependency audit NOT checked: .*405/],
    ["endpoint 405, required", ENDPOINT_405, { AUDIT_REQUIRED: "1" }, 1, /NOT checked/],
  ];
  it.each(cases)("%s: exit code and first line", (name, output, env, exitCode, pattern) => {
    const file = join(dir, `${name.replaceAll(/\W+/g, "-")}.json`);
    writeFileSync(file, json(output));
    const result = spawnSync(process.execPath, [script, "--from", file], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    expect(result.status).toBe(exitCode);
    expect(`${result.stdout}${result.stderr}`).toMatch(pattern);
  });
});
