/**
 * Ed25519 signatures of PoC reports (node:crypto): the signing key file, signing, and offline
 * verification.
 *
 * What is signed: the RFC 8785 canonical JSON (`canonicalize`) of the report without its
 * `signature` member, as UTF-8. Verification canonicalizes the JSON value it is given (not a
 * re-parsed copy), so any change to the file's content, an added member included, breaks it.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import canonicalize from "canonicalize";
import type * as z from "zod";
import { ReportError, type ReportErrorCode } from "./errors.js";
import { type PocReport, pocReportSchema, type signatureSchema } from "./schema.js";
import { checkReportConsistency, describeIssues, issuesClause, parseReport } from "./validate.js";

/**
 * The `signature` member of a signed report.
 *
 * @example
 * ```ts
 * import type { ReportSignature } from "@dukcapil-sandbox/conformance";
 * declare const signature: ReportSignature;
 * signature.keyFingerprint; // 64 hex digits
 * ```
 */
export type ReportSignature = z.infer<typeof signatureSchema>;

/**
 * A report with its signature.
 *
 * @example
 * ```ts
 * import type { SignedPocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: SignedPocReport;
 * report.signature.algorithm; // "Ed25519"
 * ```
 */
export type SignedPocReport = PocReport & { signature: ReportSignature };

/**
 * A signing key loaded (or created) by {@link loadOrCreateSigningKey}.
 *
 * @example
 * ```ts
 * import { loadOrCreateSigningKey, type SigningKey } from "@dukcapil-sandbox/conformance";
 * const key: SigningKey = await loadOrCreateSigningKey(".dukcapil-sandbox/poc-signing-key.pem");
 * if (key.created) console.log(`New signing key ${key.fingerprint}; publish:\n${key.publicKeyPem}`);
 * ```
 */
export interface SigningKey {
  /** The key file. */
  path: string;
  /** The private key, PEM PKCS#8. Keep it secret. */
  privateKeyPem: string;
  /** The public key, PEM SPKI: hand it to whoever verifies reports. */
  publicKeyPem: string;
  /** SHA-256 of the DER SPKI public key, hex. */
  fingerprint: string;
  /** True when the file did not exist and was created by this call. */
  created: boolean;
  /** Things to fix that do not stop signing (a key file readable by others). */
  warnings: string[];
}

/**
 * The failure codes of {@link verifyReport}.
 *
 * @example
 * ```ts
 * import type { ReportVerificationCode } from "@dukcapil-sandbox/conformance";
 * const code: ReportVerificationCode = "DKS_POC_SIGNATURE_INVALID";
 * ```
 */
export type ReportVerificationCode = Extract<
  ReportErrorCode,
  | "DKS_POC_REPORT_INVALID"
  | "DKS_POC_REPORT_INCONSISTENT"
  | "DKS_POC_SIGNATURE_MISSING"
  | "DKS_POC_SIGNATURE_INVALID"
  | "DKS_POC_KEY_MISMATCH"
  | "DKS_POC_PUBLIC_KEY_INVALID"
>;

/**
 * What {@link verifyReport} found. On success, `keyChecked` says whether the signer was compared
 * with a given public key (else only the report's own embedded key was used).
 *
 * @example
 * ```ts
 * import { type ReportVerification, verifyReport } from "@dukcapil-sandbox/conformance";
 * declare const json: unknown;
 * const result: ReportVerification = verifyReport(json);
 * if (!result.ok) console.error(result.code, result.message);
 * ```
 */
export type ReportVerification =
  | {
      ok: true;
      fingerprint: string;
      verdict: PocReport["verdict"];
      keyChecked: boolean;
      report: SignedPocReport;
    }
  | {
      ok: false;
      code: ReportVerificationCode;
      message: string;
      details: Readonly<Record<string, unknown>>;
    };

/**
 * The SHA-256 fingerprint (hex) of a public key: the hash of its DER SPKI encoding. Accepts a
 * PEM public key, or a PEM private key (its public half is used).
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { publicKeyFingerprint } from "@dukcapil-sandbox/conformance";
 * publicKeyFingerprint(readFileSync("signer.pub.pem", "utf8")); // "9b1c…" (64 hex digits)
 * ```
 */
export function publicKeyFingerprint(pem: string): string {
  return fingerprintOf(createPublicKey(pem));
}

function fingerprintOf(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** The bytes that are signed: canonical JSON of everything but `signature`. */
function signedBytes(report: Record<string, unknown>): Buffer {
  const { signature: _signature, ...unsigned } = report;
  const text = canonicalize(unsigned);
  if (text === undefined) throw new TypeError("The report has no JSON representation.");
  return Buffer.from(text, "utf8");
}

function parsePrivateKey(pem: string, path: string | undefined): KeyObject {
  const where = path === undefined ? "the signing key" : `the signing key ${path}`;
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new ReportError(
      "DKS_POC_SIGNING_KEY_INVALID",
      `Failed to load ${where}: it is not a PEM private key (${(error as Error).message}). Pass a PKCS#8 Ed25519 key ("-----BEGIN PRIVATE KEY-----"), or move the file away so that a new key is created.`,
      { path },
      { cause: error },
    );
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new ReportError(
      "DKS_POC_SIGNING_KEY_INVALID",
      `Failed to load ${where}: it is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519. Use an Ed25519 key (openssl genpkey -algorithm ed25519), or move the file away so that a new key is created.`,
      { path, type: key.asymmetricKeyType },
    );
  }
  return key;
}

/**
 * Loads the Ed25519 signing key at `path` (PEM PKCS#8), or creates it when the file does not
 * exist: parent directories are created, and the file is written with mode 0600 (never
 * overwritten: when two runs race, both use the key that won). Throws a `ReportError`
 * (`DKS_POC_SIGNING_KEY_INVALID`) when the file cannot be read or is not an Ed25519 private key.
 *
 * @example
 * ```ts
 * import { loadOrCreateSigningKey, signReport, type PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const key = await loadOrCreateSigningKey(".dukcapil-sandbox/poc-signing-key.pem");
 * const signed = signReport(report, key.privateKeyPem);
 * signed.signature.keyFingerprint === key.fingerprint; // true
 * ```
 */
export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  let created = false;
  let pem: string;
  try {
    pem = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw unreadable(path, error);
    const { privateKey } = generateKeyPairSync("ed25519");
    const fresh = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, fresh, { mode: 0o600, flag: "wx" });
      // The mode of a new file is masked by the umask, which can only remove bits; chmod makes
      // the intent explicit on systems with unusual defaults.
      await chmod(path, 0o600);
      pem = fresh;
      created = true;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new ReportError(
          "DKS_POC_SIGNING_KEY_INVALID",
          `Failed to create the signing key ${path}: ${(writeError as Error).message}. Check that its directory is writable, or pass another --signing-key path.`,
          { path },
          { cause: writeError },
        );
      }
      try {
        pem = await readFile(path, "utf8");
      } catch (readError) {
        throw unreadable(path, readError);
      }
    }
  }
  const privateKey = parsePrivateKey(pem, path);
  const publicKey = createPublicKey(privateKey);
  const warnings: string[] = [];
  if (process.platform !== "win32") {
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      warnings.push(
        `The signing key ${path} can be read by other users (mode ${mode.toString(8).padStart(4, "0")}); run chmod 600 ${path}.`,
      );
    }
  }
  return {
    path,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: fingerprintOf(publicKey),
    created,
    warnings,
  };
}

function unreadable(path: string, error: unknown): ReportError {
  return new ReportError(
    "DKS_POC_SIGNING_KEY_INVALID",
    `Failed to read the signing key ${path}: ${(error as Error).message}. Check the path and its permissions.`,
    { path },
    { cause: error },
  );
}

/**
 * Signs a report with an Ed25519 private key (PEM PKCS#8): returns the report (validated, members
 * in schema order, any old signature replaced) with `signature` = { algorithm, publicKeyPem
 * (SPKI), keyFingerprint (SHA-256 hex of the DER SPKI), value (base64) } over the RFC 8785
 * canonical JSON of the report without `signature`. Throws a `ReportError`:
 * `DKS_POC_REPORT_INVALID` (schema), `DKS_POC_REPORT_INCONSISTENT` (the verdict, counts, rules
 * or production specification do not follow from the criteria: such a report is never signed),
 * `DKS_POC_SIGNING_KEY_INVALID` (the key).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { loadOrCreateSigningKey, renderJson, signReport, type PocReport } from "@dukcapil-sandbox/conformance";
 * declare const report: PocReport;
 * const { privateKeyPem } = await loadOrCreateSigningKey(".dukcapil-sandbox/poc-signing-key.pem");
 * writeFileSync("report.json", renderJson(signReport(report, privateKeyPem)));
 * ```
 */
export function signReport(report: PocReport, privateKeyPem: string): SignedPocReport {
  const { signature: _old, ...parsed } = parseReport(report);
  const problems = checkReportConsistency(parsed);
  if (problems.length > 0) {
    throw new ReportError(
      "DKS_POC_REPORT_INCONSISTENT",
      `Failed to sign the PoC report: ${problems.join(" ")} Build the report from the criteria with the runner; an inconsistent verdict is never signed.`,
      { problems },
    );
  }
  const privateKey = parsePrivateKey(privateKeyPem, undefined);
  const publicKey = createPublicKey(privateKey);
  const value = sign(null, signedBytes(parsed), privateKey).toString("base64");
  return {
    ...parsed,
    signature: {
      algorithm: "Ed25519",
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      keyFingerprint: fingerprintOf(publicKey),
      value,
    },
  };
}

function failure(
  code: ReportVerificationCode,
  message: string,
  details: Record<string, unknown> = {},
): ReportVerification {
  return { ok: false, code, message, details: Object.freeze({ ...details }) };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks a report offline. `json` is the parsed content of a report.json (or its text). In
 * order: the shape (`DKS_POC_REPORT_INVALID`), the presence of a signature
 * (`DKS_POC_SIGNATURE_MISSING`), the Ed25519 signature with the embedded public key and the
 * embedded fingerprint (`DKS_POC_SIGNATURE_INVALID`: the report was changed after signing), the
 * signer against `options.publicKeyPem` when given (`DKS_POC_KEY_MISMATCH`;
 * `DKS_POC_PUBLIC_KEY_INVALID` when that key is unreadable), and that the verdict follows the
 * verdict rules (`DKS_POC_REPORT_INCONSISTENT`). Never throws; every failure message says what to
 * do.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { verifyReport } from "@dukcapil-sandbox/conformance";
 * const result = verifyReport(JSON.parse(readFileSync("poc-report/report.json", "utf8")), {
 *   publicKeyPem: readFileSync("disdukcapil-poc.pub.pem", "utf8"),
 * });
 * if (result.ok) console.log(result.verdict, result.fingerprint);
 * else console.error(`${result.code}: ${result.message}`);
 * ```
 */
export function verifyReport(
  json: unknown,
  options: { publicKeyPem?: string } = {},
): ReportVerification {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return failure(
        "DKS_POC_REPORT_INVALID",
        `Failed to verify the PoC report: it is not JSON (${(error as Error).message}). Pass the content of the report.json written by dukcapil-sandbox poc.`,
      );
    }
  }

  const parsed = pocReportSchema.safeParse(value);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues);
    return failure(
      "DKS_POC_REPORT_INVALID",
      `Failed to verify the PoC report: it does not match the report schema (${issuesClause(issues)}). Pass the unedited report.json written by dukcapil-sandbox poc; report.schema.json next to it describes the shape.`,
      { issues },
    );
  }
  const report = parsed.data;
  const signature = report.signature;
  if (signature === undefined) {
    return failure(
      "DKS_POC_SIGNATURE_MISSING",
      "Failed to verify the PoC report: it has no signature, so its verdict cannot be trusted. Ask for the signed report.json (dukcapil-sandbox poc signs every report), or run the PoC again.",
    );
  }

  let embeddedKey: KeyObject;
  try {
    embeddedKey = createPublicKey(signature.publicKeyPem);
  } catch (error) {
    return failure(
      "DKS_POC_SIGNATURE_INVALID",
      `Failed to verify the PoC report: its embedded public key is not a PEM key (${(error as Error).message}). The report was changed after signing; do not trust its verdict and ask for the original report.json.`,
    );
  }
  if (embeddedKey.asymmetricKeyType !== "ed25519") {
    return failure(
      "DKS_POC_SIGNATURE_INVALID",
      `Failed to verify the PoC report: its embedded public key is ${embeddedKey.asymmetricKeyType ?? "unknown"}, not Ed25519. The report was changed after signing; do not trust its verdict and ask for the original report.json.`,
    );
  }
  const embeddedFingerprint = fingerprintOf(embeddedKey);
  if (embeddedFingerprint !== signature.keyFingerprint) {
    return failure(
      "DKS_POC_SIGNATURE_INVALID",
      `Failed to verify the PoC report: signature.keyFingerprint (${signature.keyFingerprint}) is not the fingerprint of the embedded public key (${embeddedFingerprint}). The report was changed after signing; do not trust its verdict and ask for the original report.json.`,
      { keyFingerprint: signature.keyFingerprint, embeddedFingerprint },
    );
  }

  const signatureBytes = BASE64.test(signature.value)
    ? Buffer.from(signature.value, "base64")
    : Buffer.alloc(0);
  let valid = false;
  if (signatureBytes.length === 64) {
    try {
      valid = verify(
        null,
        signedBytes(value as Record<string, unknown>),
        embeddedKey,
        signatureBytes,
      );
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    return failure(
      "DKS_POC_SIGNATURE_INVALID",
      `Failed to verify the PoC report: the Ed25519 signature does not match its content (key ${embeddedFingerprint}). The report was changed after it was signed; do not trust its verdict. Ask for the original report.json, or run the PoC again.`,
      { fingerprint: embeddedFingerprint },
    );
  }

  let keyChecked = false;
  if (options.publicKeyPem !== undefined) {
    let expected: string;
    try {
      const key = createPublicKey(options.publicKeyPem);
      if (key.asymmetricKeyType !== "ed25519") {
        return failure(
          "DKS_POC_PUBLIC_KEY_INVALID",
          `Failed to verify the PoC report: the given public key is ${key.asymmetricKeyType ?? "unknown"}, not Ed25519. Pass the signer's Ed25519 public key (SPKI PEM).`,
        );
      }
      expected = fingerprintOf(key);
    } catch (error) {
      return failure(
        "DKS_POC_PUBLIC_KEY_INVALID",
        `Failed to verify the PoC report: the given public key is not a PEM key (${(error as Error).message}). Pass the signer's public key ("-----BEGIN PUBLIC KEY-----") or the signing key file.`,
      );
    }
    if (expected !== embeddedFingerprint) {
      return failure(
        "DKS_POC_KEY_MISMATCH",
        `Failed to verify the PoC report: it is signed correctly, but by the key ${embeddedFingerprint}, not by the given key ${expected}. Check that you have the public key of the party that ran the PoC; a report signed by anyone else proves nothing.`,
        { reportFingerprint: embeddedFingerprint, expectedFingerprint: expected },
      );
    }
    keyChecked = true;
  }

  const problems = checkReportConsistency(report);
  if (problems.length > 0) {
    return failure(
      "DKS_POC_REPORT_INCONSISTENT",
      `Failed to verify the PoC report: the signature is valid, but ${problems.join(" ")} Do not trust this verdict; run the PoC again with an unmodified runner.`,
      { problems },
    );
  }

  return {
    ok: true,
    fingerprint: embeddedFingerprint,
    verdict: report.verdict,
    keyChecked,
    report: { ...report, signature },
  };
}
