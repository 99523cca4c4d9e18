import { afterEach, describe, expect, it, vi } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import { createManualClock, DAY_MS } from "../src/time.js";
import { issueToken } from "../src/token/issue.js";
import { tokenIdOf, tokenRecordSchema } from "../src/token/record.js";

const approvedAt = Date.parse("2026-01-05T09:00:00+07:00");
const base = {
  applicationId: "sipeda-dinsos",
  institution: "Dinas Sosial Kabupaten Bandung",
  registeredAddresses: ["10.32.4.15"],
};

function secretOf(token: string): string {
  return token.split("_").slice(2).join("_");
}

function base64UrlBytes(text: string): number {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return binary.length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("issueToken: entropy", () => {
  it("puts 32 bytes from crypto.getRandomValues into the secret", async () => {
    const requested: number[] = [];
    const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation(((array: Uint8Array) => {
      requested.push(array.byteLength);
      return original(array);
    }) as typeof globalThis.crypto.getRandomValues);

    const { token } = await issueToken(base);
    expect(requested).toContain(32);
    expect(token).toMatch(/^dks_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(base64UrlBytes(secretOf(token))).toBe(32);
  });

  it("issues 1,000 distinct tokens, ids and hashes", async () => {
    const issued = await Promise.all(Array.from({ length: 1000 }, () => issueToken(base)));
    expect(new Set(issued.map((item) => item.token)).size).toBe(1000);
    expect(new Set(issued.map((item) => item.record.id)).size).toBe(1000);
    expect(new Set(issued.map((item) => item.record.hash)).size).toBe(1000);
  });
});

describe("issueToken: the stored record", () => {
  it("never contains the token or its secret", async () => {
    const { token, record } = await issueToken(base);
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(secretOf(token));
  });

  it("keeps the SHA-256 of the token text, the id and a display prefix", async () => {
    const { token, record } = await issueToken(base);
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)),
    );
    const hex = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    expect(record.hash).toBe(hex);
    expect(record.hashAlgorithm).toBe("SHA-256");
    expect(record.id).toBe(tokenIdOf(token));
    expect(record.prefix).toBe(`dks_${record.id}`);
    expect(token.startsWith(`${record.prefix}_`)).toBe(true);
    expect(tokenRecordSchema.safeParse(record).success).toBe(true);
  });

  it("expires 365 days after approval by default", async () => {
    const { record } = await issueToken({ ...base, approvedAt });
    expect(record).toMatchObject({
      applicationId: "sipeda-dinsos",
      institution: "Dinas Sosial Kabupaten Bandung",
      approvedAt,
      expiresAt: approvedAt + 365 * DAY_MS,
      registeredAddresses: ["10.32.4.15"],
      revocation: null,
      replaces: null,
    });
  });

  it("takes validityDays and defaults approvedAt to the clock", async () => {
    const clock = createManualClock(approvedAt);
    const { record } = await issueToken({ ...base, clock, validityDays: 90 });
    expect(record.approvedAt).toBe(approvedAt);
    expect(record.expiresAt).toBe(approvedAt + 90 * DAY_MS);
  });

  it("is frozen", async () => {
    const { record } = await issueToken(base);
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.registeredAddresses)).toBe(true);
  });
});

describe("issueToken: options", () => {
  it.each([
    ["no registered address", { ...base, registeredAddresses: [] }],
    ["an empty application id", { ...base, applicationId: " " }],
    ["zero validity days", { ...base, validityDays: 0 }],
    ["fractional validity days", { ...base, validityDays: 1.5 }],
    ["an unknown option", { ...base, ttl: 5 }],
    ["a clock without now()", { ...base, clock: {} }],
  ])("rejects %s with DKS_CORE_INVALID_OPTIONS", async (_label, options) => {
    try {
      await issueToken(options as never);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
      expect((error as Error).message).toMatch(/^Failed to issue token: .+\. .+\.$/);
      expect((error as { details: { issues: unknown[] } }).details.issues.length).toBeGreaterThan(
        0,
      );
    }
  });
});

describe("tokenIdOf", () => {
  it("reads the id of a well-formed token and null otherwise", () => {
    const secret = "A".repeat(43);
    expect(tokenIdOf(`dks_0123456789abcdef_${secret}`)).toBe("0123456789abcdef");
    expect(tokenIdOf(`dks_0123456789ABCDEF_${secret}`)).toBeNull();
    expect(tokenIdOf(`xyz_0123456789abcdef_${secret}`)).toBeNull();
    expect(tokenIdOf(`dks_0123456789abcdef_${secret}A`)).toBeNull();
    expect(tokenIdOf(undefined)).toBeNull();
  });
});
