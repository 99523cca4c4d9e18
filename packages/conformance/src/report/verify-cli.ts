/**
 * `dukcapil-sandbox verify <report.json> [--public-key <pem>]`: checks a PoC report offline.
 * The CLI only parses flags, reads files and calls `verifyReport`; it writes through the given
 * `io` and returns the exit code (0 valid, 1 invalid, 2 usage error).
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import * as z from "zod";
import { maskDigits } from "../runner/evidence.js";
import { verifyReport } from "./sign.js";

/** The help text of `dukcapil-sandbox verify`. */
export const VERIFY_USAGE = `Usage: dukcapil-sandbox verify <report.json> [--public-key <pem>]

Checks a PoC report offline: its shape, its Ed25519 signature over the canonical JSON
(RFC 8785) of the report without "signature", and that its verdict follows the verdict
rules. With --public-key, also that it was signed by that key; without it, anyone could
have signed the report.

Options:
  --public-key <pem>  PEM file of the key the report must be signed with: the signer's
                      public key (SPKI), or the signing key file itself
  -h, --help          show this help

Exit codes: 0 valid, 1 not valid (changed after signing, unsigned, signed by another key,
inconsistent verdict), 2 usage error (missing file, unreadable JSON or key).

Examples:
  dukcapil-sandbox verify poc-report/report.json
  dukcapil-sandbox verify poc-report/report.json --public-key disdukcapil-poc.pub.pem`;

const PARSE_CONFIG = {
  allowPositionals: true,
  strict: true,
  options: { "public-key": { type: "string" }, help: { type: "boolean", short: "h" } },
} as const;

const flagsSchema = z
  .object({
    "public-key": z.string().min(1, "needs a file name").optional(),
    help: z.boolean().optional(),
  })
  .strict();

/**
 * Where the verify CLI writes: one line per call, without the newline.
 *
 * @example
 * ```ts
 * import type { VerifyCliIo } from "@dukcapil-sandbox/conformance";
 * const lines: string[] = [];
 * const io: VerifyCliIo = { stdout: (line) => lines.push(line), stderr: (line) => lines.push(line) };
 * ```
 */
export interface VerifyCliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

async function readText(path: string, what: string): Promise<string | { error: string }> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    return { error: `Failed to read ${what} ${path}: ${reason}. Check the path.` };
  }
}

/**
 * Runs `dukcapil-sandbox verify` with the arguments after `verify` (a leading `"verify"` is
 * ignored) and resolves to its exit code: 0 when the report is valid, 1 when it is not (changed
 * after signing, unsigned, signed by another key than `--public-key`, inconsistent verdict), 2 on
 * a usage error (no or several files, a missing file, JSON or key that cannot be read). Prints the
 * verdict, the key fingerprint and whether the signer was checked against `--public-key`.
 *
 * @example
 * ```ts
 * import { runVerifyCli } from "@dukcapil-sandbox/conformance";
 * const code = await runVerifyCli(["poc-report/report.json", "--public-key", "signer.pub.pem"], {
 *   stdout: (line) => process.stdout.write(`${line}\n`),
 *   stderr: (line) => process.stderr.write(`${line}\n`),
 * });
 * process.exitCode = code;
 * ```
 */
export async function runVerifyCli(argv: readonly string[], io: VerifyCliIo): Promise<number> {
  // Paths and arguments are the operator's, but a NIK typed into one must not reach a log.
  const usageError = (message: string): number => {
    io.stderr(maskDigits(message));
    io.stderr("");
    io.stderr(VERIFY_USAGE);
    return 2;
  };

  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ ...PARSE_CONFIG, args: [...argv] });
  } catch (error) {
    return usageError(`Failed to read the options: ${(error as Error).message}.`);
  }
  const flags = flagsSchema.safeParse(parsed.values);
  if (!flags.success) {
    return usageError(
      `Failed to read the options: ${flags.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}.`,
    );
  }
  if (flags.data.help === true) {
    io.stdout(VERIFY_USAGE);
    return 0;
  }
  const positionals =
    parsed.positionals[0] === "verify" ? parsed.positionals.slice(1) : parsed.positionals;
  if (positionals.length !== 1) {
    return usageError(
      positionals.length === 0
        ? "Failed to verify: no report given. Name the report.json to check."
        : `Failed to verify: ${positionals.length} files given (${positionals.join(", ")}). Check one report at a time.`,
    );
  }
  const reportPath = positionals[0]!;
  const shownPath = maskDigits(reportPath);

  const text = await readText(reportPath, "the report");
  if (typeof text !== "string") return usageError(text.error);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return usageError(
      `Failed to read the report ${reportPath}: it is not JSON (${(error as Error).message}). Pass the report.json written by dukcapil-sandbox poc.`,
    );
  }

  const keyPath = flags.data["public-key"];
  let publicKeyPem: string | undefined;
  if (keyPath !== undefined) {
    const key = await readText(keyPath, "the public key");
    if (typeof key !== "string") return usageError(key.error);
    publicKeyPem = key;
  }

  const result = verifyReport(json, publicKeyPem === undefined ? {} : { publicKeyPem });
  if (!result.ok) {
    if (result.code === "DKS_POC_PUBLIC_KEY_INVALID") {
      return usageError(`${result.code}: ${result.message}`);
    }
    io.stderr(`INVALID ${shownPath}`);
    io.stderr(`  ${result.code}: ${result.message}`);
    return 1;
  }

  const { report } = result;
  const { counts, manifest } = report;
  io.stdout(`VALID ${shownPath}`);
  io.stdout(
    `  verdict          ${result.verdict === "passed" ? "PASSED (LULUS)" : "FAILED (TIDAK LULUS)"}: ${report.criteria.length} criteria, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.error} error`,
  );
  io.stdout(`  application      ${manifest.app.name} of ${manifest.institution.name}`);
  io.stdout(`  run              ${manifest.runId}, finished ${manifest.finishedAt}`);
  io.stdout(`  plan             ${manifest.plan.id} (sha256 ${manifest.plan.sha256})`);
  io.stdout(`  signature        Ed25519, key fingerprint ${result.fingerprint}`);
  io.stdout(
    result.keyChecked
      ? `  signed by key    yes: the key in ${keyPath}`
      : "  signed by key    not checked: pass --public-key <pem> to check who signed the report",
  );
  return 0;
}
