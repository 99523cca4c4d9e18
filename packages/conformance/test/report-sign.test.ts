import { createHash, sign as cryptoSign, generateKeyPairSync } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import canonicalize from "canonicalize";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isReportError } from "../src/report/errors.js";
import { renderJson } from "../src/report/json.js";
import {
  loadOrCreateSigningKey,
  publicKeyFingerprint,
  type SignedPocReport,
  signReport,
  verifyReport,
} from "../src/report/sign.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { otherKeyPair, testKeyPair } from "./fixtures/report-keys.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "dks-report-sign-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The signed report as a verifier reads it: written with renderJson, parsed back. */
function asFile(report: SignedPocReport): Record<string, unknown> {
  return JSON.parse(renderJson(report));
}

/** Every path to a leaf value (string, number, boolean, null) outside `signature`. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => leafPaths(item, [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value)
      .filter(([key]) => !(path.length === 0 && key === "signature"))
      .flatMap(([key, member]) => leafPaths(member, [...path, key]));
  }
  return [path];
}

/** A changed copy of a leaf: strings get a character, numbers +1, booleans flipped. */
function tampered(json: Record<string, unknown>, path: (string | number)[]): unknown {
  const copy = structuredClone(json);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path.at(-1)!;
  const value = parent[key];
  parent[key] =
    typeof value === "string"
      ? `${value}x`
      : typeof value === "number"
        ? value + 1
        : typeof value === "boolean"
          ? !value
          : "changed";
  return copy;
}

describe("loadOrCreateSigningKey", () => {
  it("creates a PKCS#8 Ed25519 key with mode 0600 and its parent directories", async () => {
    const path = join(dir, "nested", "deeper", "poc-signing-key.pem");
    const key = await loadOrCreateSigningKey(path);
    expect(key.created).toBe(true);
    expect(key.path).toBe(path);
    expect(key.warnings).toEqual([]);
    const text = await readFile(path, "utf8");
    expect(text).toBe(key.privateKeyPem);
    expect(text).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(key.fingerprint).toBe(publicKeyFingerprint(key.publicKeyPem));
    if (process.platform !== "win32") {
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    }
  });

  it("loads the same key on the next call", async () => {
    const path = join(dir, "key.pem");
    const first = await loadOrCreateSigningKey(path);
    const second = await loadOrCreateSigningKey(path);
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.privateKeyPem).toBe(first.privateKeyPem);
  });

  it("uses one key when two runs create it at the same time", async () => {
    const path = join(dir, "race", "key.pem");
    const keys = await Promise.all([loadOrCreateSigningKey(path), loadOrCreateSigningKey(path)]);
    expect(keys[0].fingerprint).toBe(keys[1].fingerprint);
    expect(keys.filter((key) => key.created)).toHaveLength(1);
  });

  it("warns when the key file can be read by others", async () => {
    if (process.platform === "win32") return;
    const path = join(dir, "open.pem");
    await loadOrCreateSigningKey(path);
    await chmod(path, 0o644);
    const key = await loadOrCreateSigningKey(path);
    expect(key.warnings).toEqual([
      `The signing key ${path} can be read by other users (mode 0644); run chmod 600 ${path}.`,
    ]);
  });

  it("refuses a file that is not a PEM private key, or not Ed25519", async () => {
    const garbage = join(dir, "garbage.pem");
    await writeFile(garbage, "not a key");
    await expect(loadOrCreateSigningKey(garbage)).rejects.toSatisfy(
      (error) =>
        isReportError(error, "DKS_POC_SIGNING_KEY_INVALID") && error.details.path === garbage,
    );
    const rsa = join(dir, "rsa.pem");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    await writeFile(rsa, privateKey.export({ type: "pkcs8", format: "pem" }));
    await expect(loadOrCreateSigningKey(rsa)).rejects.toThrow(/it is a rsa key, not Ed25519/);
  });

  it("refuses a directory where the key should be", async () => {
    await expect(loadOrCreateSigningKey(dir)).rejects.toSatisfy((error) =>
      isReportError(error, "DKS_POC_SIGNING_KEY_INVALID"),
    );
  });
});

describe("signReport and verifyReport", () => {
  it("round-trip: a signed report verifies with its fingerprint and verdict", () => {
    const { privateKeyPem, publicKeyPem } = testKeyPair();
    for (const report of [passedReport(), failedReport()]) {
      const signed = signReport(report, privateKeyPem);
      expect(signed.signature.algorithm).toBe("Ed25519");
      expect(signed.signature.publicKeyPem).toBe(publicKeyPem);
      expect(signed.signature.keyFingerprint).toBe(publicKeyFingerprint(publicKeyPem));
      expect(Buffer.from(signed.signature.value, "base64")).toHaveLength(64);
      const result = verifyReport(asFile(signed));
      expect(result).toMatchObject({
        ok: true,
        fingerprint: signed.signature.keyFingerprint,
        verdict: report.verdict,
        keyChecked: false,
      });
      expect(verifyReport(signed).ok).toBe(true);
      expect(verifyReport(renderJson(signed)).ok).toBe(true);
    }
  });

  it("signs the RFC 8785 canonical JSON of the report without its signature", () => {
    const { privateKeyPem } = testKeyPair();
    const signed = signReport(passedReport(), privateKeyPem);
    const { signature, ...unsigned } = signed;
    const expected = cryptoSign(
      null,
      Buffer.from(canonicalize(unsigned)!, "utf8"),
      privateKeyPem,
    ).toString("base64");
    expect(signature.value).toBe(expected);
    expect(signature.keyFingerprint).toBe(
      createHash("sha256")
        .update(Buffer.from(signature.publicKeyPem.replace(/-----[^-]+-----|\s/g, ""), "base64"))
        .digest("hex"),
    );
  });

  it("replaces an old signature when signing again", () => {
    const once = signReport(passedReport(), testKeyPair().privateKeyPem);
    const twice = signReport(once, otherKeyPair().privateKeyPem);
    expect(twice.signature.publicKeyPem).toBe(otherKeyPair().publicKeyPem);
    expect(verifyReport(asFile(twice)).ok).toBe(true);
  });

  it("fails when any field of the report is changed after signing", () => {
    const signed = asFile(signReport(failedReport(), testKeyPair().privateKeyPem));
    const paths = leafPaths(signed);
    expect(paths.length).toBeGreaterThan(300);
    for (const path of paths) {
      const result = verifyReport(tampered(signed, path));
      expect(result.ok, path.join(".")).toBe(false);
    }
  });

  it("reports a flipped verdict as DKS_POC_SIGNATURE_INVALID with what to do", () => {
    const signed = asFile(signReport(failedReport(), testKeyPair().privateKeyPem));
    const result = verifyReport({ ...signed, verdict: "passed" });
    expect(result).toMatchObject({ ok: false, code: "DKS_POC_SIGNATURE_INVALID" });
    expect(!result.ok && result.message).toMatch(
      /^Failed to verify the PoC report: the Ed25519 signature does not match its content .*do not trust its verdict/,
    );
  });

  it("fails when a member is added or a criterion removed", () => {
    const signed = asFile(signReport(passedReport(), testKeyPair().privateKeyPem));
    expect(verifyReport({ ...signed, comment: "looks fine" })).toMatchObject({
      ok: false,
      code: "DKS_POC_SIGNATURE_INVALID",
    });
    const fewer = structuredClone(signed) as ReturnType<typeof passedReport>;
    fewer.criteria.pop();
    expect(verifyReport(fewer)).toMatchObject({ ok: false, code: "DKS_POC_SIGNATURE_INVALID" });
  });

  it("fails when the signature member itself is changed", () => {
    const signed = asFile(
      signReport(passedReport(), testKeyPair().privateKeyPem),
    ) as unknown as SignedPocReport;
    const withSignature = (change: Partial<SignedPocReport["signature"]>) => ({
      ...signed,
      signature: { ...signed.signature, ...change },
    });
    const other = otherKeyPair();
    const cases = [
      withSignature({ value: Buffer.alloc(64).toString("base64") }),
      withSignature({ value: `${signed.signature.value.slice(0, -4)}AAA=` }),
      withSignature({ value: "not base64!" }),
      withSignature({ keyFingerprint: "0".repeat(64) }),
      withSignature({ publicKeyPem: "garbage" }),
      // Another key with its own correct fingerprint: the signature does not match it.
      withSignature({
        publicKeyPem: other.publicKeyPem,
        keyFingerprint: publicKeyFingerprint(other.publicKeyPem),
      }),
    ];
    for (const report of cases) {
      expect(verifyReport(report)).toMatchObject({ ok: false, code: "DKS_POC_SIGNATURE_INVALID" });
    }
  });

  it("checks the signer against a given public key (or the signing key file itself)", () => {
    const mine = testKeyPair();
    const signed = asFile(signReport(passedReport(), mine.privateKeyPem));
    expect(verifyReport(signed, { publicKeyPem: mine.publicKeyPem })).toMatchObject({
      ok: true,
      keyChecked: true,
    });
    expect(verifyReport(signed, { publicKeyPem: mine.privateKeyPem })).toMatchObject({
      ok: true,
      keyChecked: true,
    });
  });

  it("reports a report signed by another key as DKS_POC_KEY_MISMATCH", () => {
    const signed = asFile(signReport(passedReport(), otherKeyPair().privateKeyPem));
    const result = verifyReport(signed, { publicKeyPem: testKeyPair().publicKeyPem });
    expect(result).toMatchObject({
      ok: false,
      code: "DKS_POC_KEY_MISMATCH",
      details: {
        reportFingerprint: publicKeyFingerprint(otherKeyPair().publicKeyPem),
        expectedFingerprint: publicKeyFingerprint(testKeyPair().publicKeyPem),
      },
    });
    expect(!result.ok && result.message).toMatch(
      /signed correctly, but by the key [0-9a-f]{64}, not by the given key/,
    );
  });

  it("reports an unreadable or non-Ed25519 given key as DKS_POC_PUBLIC_KEY_INVALID", () => {
    const signed = asFile(signReport(passedReport(), testKeyPair().privateKeyPem));
    expect(verifyReport(signed, { publicKeyPem: "nope" })).toMatchObject({
      ok: false,
      code: "DKS_POC_PUBLIC_KEY_INVALID",
    });
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ec = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(verifyReport(signed, { publicKeyPem: ec })).toMatchObject({
      ok: false,
      code: "DKS_POC_PUBLIC_KEY_INVALID",
    });
  });

  it("reports an unsigned report as DKS_POC_SIGNATURE_MISSING", () => {
    const result = verifyReport(JSON.parse(renderJson(passedReport())));
    expect(result).toMatchObject({ ok: false, code: "DKS_POC_SIGNATURE_MISSING" });
    expect(!result.ok && result.message).toMatch(/run the PoC again/);
  });

  it("reports a value that is not a report as DKS_POC_REPORT_INVALID", () => {
    for (const value of [null, 42, [], {}, "not json", '{"schemaVersion":1}']) {
      expect(verifyReport(value)).toMatchObject({ ok: false, code: "DKS_POC_REPORT_INVALID" });
    }
    const result = verifyReport({ ...passedReport(), verdict: "maybe" });
    expect(!result.ok && result.details.issues).toEqual([
      'verdict: Invalid option: expected one of "passed"|"failed"',
    ]);
  });

  it("never signs an inconsistent report", () => {
    const report = passedReport();
    report.criteria[0]!.status = "failed";
    expect(() => signReport(report, testKeyPair().privateKeyPem)).toThrow(
      expect.objectContaining({ code: "DKS_POC_REPORT_INCONSISTENT" }),
    );
  });

  it("reports a validly signed but inconsistent report as DKS_POC_REPORT_INCONSISTENT", () => {
    // Signed by hand, as a buggy or hostile runner could.
    const report = passedReport();
    report.criteria[0]!.status = "failed";
    const { privateKeyPem, publicKeyPem } = testKeyPair();
    const value = cryptoSign(null, Buffer.from(canonicalize(report)!, "utf8"), privateKeyPem);
    const signed = {
      ...report,
      signature: {
        algorithm: "Ed25519",
        publicKeyPem,
        keyFingerprint: publicKeyFingerprint(publicKeyPem),
        value: value.toString("base64"),
      },
    };
    const result = verifyReport(signed);
    expect(result).toMatchObject({ ok: false, code: "DKS_POC_REPORT_INCONSISTENT" });
    expect(!result.ok && result.message).toContain("the signature is valid, but");
  });

  it("refuses a signing key that is not Ed25519", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => signReport(passedReport(), pem)).toThrow(
      expect.objectContaining({ code: "DKS_POC_SIGNING_KEY_INVALID" }),
    );
    expect(() => signReport(passedReport(), "garbage")).toThrow(
      expect.objectContaining({ code: "DKS_POC_SIGNING_KEY_INVALID" }),
    );
  });
});
