#!/usr/bin/env node
// Dependency audit for CI: `npm audit --audit-level=high --json` over every dependency (dev
// included: the tests, the build and the PoC run them), judged here so that an unreachable
// advisory endpoint is told apart from a clean or a failed audit.
//
//   node scripts/audit.mjs                 run npm audit and judge it
//   node scripts/audit.mjs --from a.json   judge a saved `npm audit --json` output instead
//
// Exit 0: no high or critical advisory. Exit 1: high or critical advisories (listed), or npm
// audit could not run for a reason of this project (e.g. no lockfile). When the advisory
// endpoint is unreachable or refuses (a registry mirror that answers 405 to the bulk
// advisory POST, no network), prints "dependency audit NOT checked: <reason>" and exits 0,
// or 1 when AUDIT_REQUIRED=1.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Severities that fail the audit. */
export const FAILING_SEVERITIES = Object.freeze(["high", "critical"]);

/** Error codes of npm (and its fetch layer) that mean "the endpoint could not be asked". */
const UNREACHABLE_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EPROTO",
  "ERR_SOCKET_TIMEOUT",
  "FETCH_ERROR",
  "ECONNABORTED",
  "ENOAUDIT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
]);

function oneLine(text) {
  return String(text).replace(/\s+/g, " ").trim();
}

/** The advisories of one vulnerable package, as short text. */
function describeVia(via) {
  const advisories = via.filter((item) => typeof item === "object" && item !== null);
  const names = via.filter((item) => typeof item === "string");
  const parts = advisories.map(
    (item) => `${oneLine(item.title ?? "advisory")}${item.url ? ` <${item.url}>` : ""}`,
  );
  if (names.length > 0) parts.push(`via ${names.join(", ")}`);
  return parts.join("; ");
}

function describeFix(fix) {
  if (fix === true) return "fix: npm audit fix";
  if (fix && typeof fix === "object") {
    return `fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? " (semver-major)" : ""}`;
  }
  return "no fix available";
}

/**
 * Judges the standard output of `npm audit --json`.
 *
 * @param {string} stdout the JSON npm printed (an audit report or an error object)
 * @param {{ required?: boolean, exitCode?: number | null, stderr?: string }} [options]
 * @returns {{ status: "clean" | "vulnerable" | "not-checked" | "error", exitCode: 0 | 1, lines: string[], packages: { name: string, severity: string }[] }}
 */
export function judgeAudit(stdout, options = {}) {
  const required = options.required === true;
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    const stderr = oneLine(options.stderr ?? "").slice(0, 300);
    return {
      status: "error",
      exitCode: 1,
      lines: [
        `dependency audit failed to run: npm audit printed no JSON (exit code ${options.exitCode ?? "unknown"})${stderr ? `: ${stderr}` : ""}. Run npm audit --json by hand to see why.`,
      ],
      packages: [],
    };
  }
  if (report === null || typeof report !== "object" || Array.isArray(report)) {
    return {
      status: "error",
      exitCode: 1,
      lines: ["dependency audit failed to run: npm audit printed JSON that is not an object."],
      packages: [],
    };
  }

  // An error object: the endpoint's HTTP answer, or an error code.
  const statusCode = typeof report.statusCode === "number" ? report.statusCode : undefined;
  const code = typeof report.error?.code === "string" ? report.error.code : undefined;
  if (report.vulnerabilities === undefined && (statusCode !== undefined || report.error)) {
    const summary = oneLine(report.error?.summary || report.message || "");
    const unreachable =
      statusCode !== undefined ||
      (code !== undefined && (UNREACHABLE_CODES.has(code) || /^E\d{3}$/.test(code)));
    if (unreachable) {
      const reason =
        statusCode !== undefined
          ? `the advisory endpoint answered ${oneLine(report.message ?? `HTTP ${statusCode}`)}`
          : `the advisory endpoint could not be reached (${code}${summary ? `: ${summary}` : ""})`;
      const lines = [`dependency audit NOT checked: ${reason}`];
      if (required) {
        lines.push("AUDIT_REQUIRED=1: an audit that was not checked fails the build.");
      }
      return { status: "not-checked", exitCode: required ? 1 : 0, lines, packages: [] };
    }
    return {
      status: "error",
      exitCode: 1,
      lines: [
        `dependency audit failed to run: ${code ?? "error"}${summary ? `: ${summary}` : ""}${report.error?.detail ? ` (${oneLine(report.error.detail)})` : ""}`,
      ],
      packages: [],
    };
  }

  const vulnerabilities = report.vulnerabilities;
  const counts = report.metadata?.vulnerabilities;
  if (vulnerabilities === null || typeof vulnerabilities !== "object" || counts === undefined) {
    return {
      status: "error",
      exitCode: 1,
      lines: [
        "dependency audit failed to run: npm audit printed an unknown report format (expected auditReportVersion 2 with vulnerabilities and metadata).",
      ],
      packages: [],
    };
  }
  const failing = Object.values(vulnerabilities)
    .filter((entry) => FAILING_SEVERITIES.includes(entry?.severity))
    .sort((a, b) =>
      a.severity === b.severity
        ? String(a.name).localeCompare(String(b.name))
        : a.severity === "critical"
          ? -1
          : 1,
    );
  const deps = report.metadata?.dependencies;
  const total = typeof deps === "object" && deps !== null ? deps.total : undefined;
  const tally = ["critical", "high", "moderate", "low"]
    .map((severity) => `${severity} ${counts[severity] ?? 0}`)
    .join(", ");
  const checked = `${total === undefined ? "all" : total} dependencies checked, dev included`;
  if (failing.length === 0) {
    return {
      status: "clean",
      exitCode: 0,
      lines: [`dependency audit passed: no high or critical advisory (${checked}; ${tally}).`],
      packages: [],
    };
  }
  return {
    status: "vulnerable",
    exitCode: 1,
    lines: [
      `dependency audit FAILED: ${failing.length} package(s) with high or critical advisories (${checked}; ${tally}):`,
      ...failing.map(
        (entry) =>
          `  - ${entry.name} (${entry.severity}${entry.isDirect ? ", direct" : ""}) ${entry.range ?? ""}: ${describeVia(Array.isArray(entry.via) ? entry.via : [])}; ${describeFix(entry.fixAvailable)}`,
      ),
      "Update or replace them (npm audit for details), then run this again.",
    ],
    packages: failing.map((entry) => ({ name: entry.name, severity: entry.severity })),
  };
}

/** Runs npm audit (or reads --from) and returns the exit code. */
export function main(argv = process.argv.slice(2), env = process.env) {
  const required = env.AUDIT_REQUIRED === "1";
  let stdout;
  let exitCode = null;
  let stderr = "";
  if (argv[0] === "--from" && argv[1] !== undefined) {
    stdout = readFileSync(argv[1], "utf8");
  } else if (argv.length > 0) {
    process.stderr.write(
      "Usage: node scripts/audit.mjs [--from <npm audit --json output>]\nSet AUDIT_REQUIRED=1 to fail when the audit cannot be checked.\n",
    );
    return 2;
  } else {
    const result = spawnSync("npm", ["audit", "--audit-level=high", "--json"], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      shell: process.platform === "win32",
    });
    if (result.error !== undefined) {
      const judged = judgeAudit(
        JSON.stringify({ error: { code: "ENOSPAWN", summary: result.error.message } }),
        { required },
      );
      for (const line of judged.lines) process.stderr.write(`${line}\n`);
      return judged.exitCode;
    }
    stdout = result.stdout;
    stderr = result.stderr;
    exitCode = result.status;
  }
  const judged = judgeAudit(stdout, { required, exitCode, stderr });
  const out = judged.exitCode === 0 ? process.stdout : process.stderr;
  for (const line of judged.lines) out.write(`${line}\n`);
  return judged.exitCode;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main();
}
