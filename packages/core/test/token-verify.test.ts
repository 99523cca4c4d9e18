import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import { createManualClock, DAY_MS } from "../src/time.js";
import * as bytes from "../src/token/bytes.js";
import { constantTimeEqual } from "../src/token/bytes.js";
import { issueToken, revokeToken } from "../src/token/issue.js";
import { verifyToken } from "../src/token/verify.js";

const approvedAt = Date.parse("2026-01-05T09:00:00+07:00");
const base = {
  applicationId: "sipeda-dinsos",
  institution: "Dinas Sosial Kabupaten Bandung",
  registeredAddresses: ["10.32.4.15"],
  approvedAt,
};
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Replaces the character at `index` by a different base64url character (every token character is one). */
function changeOneCharacter(token: string, index: number, shift: number): string {
  const position = ALPHABET.indexOf(token[index]!);
  const replacement = ALPHABET[(position + 1 + (shift % (ALPHABET.length - 1))) % ALPHABET.length]!;
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe("verifyToken", () => {
  it("accepts the issued token", async () => {
    const clock = createManualClock(approvedAt + DAY_MS);
    const { token, record } = await issueToken(base);
    expect(await verifyToken(token, record, { clock })).toEqual({
      ok: true,
      state: "active",
      tokenId: record.id,
      expiresAt: record.expiresAt,
      addressRegistered: null,
      misuse: null,
    });
  });

  it("refuses the token with one character of the secret changed", async () => {
    const clock = createManualClock(approvedAt);
    const { token, record } = await issueToken(base);
    const last = token.length - 1;
    const changed = changeOneCharacter(token, last, 0);
    expect(changed).not.toBe(token);
    expect(changed).toHaveLength(token.length);
    expect(await verifyToken(changed, record, { clock })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("refuses every one-character change anywhere in the token", async () => {
    const clock = createManualClock(approvedAt);
    const { token, record } = await issueToken(base);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.nat(),
        async (index, shift) => {
          const changed = changeOneCharacter(token, index, shift);
          fc.pre(changed !== token);
          const result = await verifyToken(changed, record, { clock });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses another application's token as a mismatch", async () => {
    const clock = createManualClock(approvedAt);
    const mine = await issueToken(base);
    const theirs = await issueToken({ ...base, applicationId: "other" });
    expect(await verifyToken(theirs.token, mine.record, { clock })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it.each([
    ["an empty string", ""],
    ["undefined", undefined],
    ["null", null],
    [
      "a Bearer header value",
      "Bearer dks_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
    ["a truncated token", "dks_0123456789abcdef_AAAA"],
    ["a token without prefix", "0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses %s as malformed", async (_label, presented) => {
    const { record } = await issueToken(base);
    expect(await verifyToken(presented, record)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses the right token once revoked", async () => {
    const clock = createManualClock(approvedAt);
    const { token, record } = await issueToken(base);
    const revoked = revokeToken(record, { reason: "misuse", clock });
    expect(await verifyToken(token, revoked, { clock })).toEqual({ ok: false, reason: "revoked" });
  });

  it("refuses the right token at exactly 365 days and accepts it 1 ms before", async () => {
    const { token, record } = await issueToken(base);
    const before = createManualClock(approvedAt + 365 * DAY_MS - 1);
    const at = createManualClock(approvedAt + 365 * DAY_MS);
    expect(await verifyToken(token, record, { clock: before })).toMatchObject({
      ok: true,
      state: "expiring-soon",
    });
    expect(await verifyToken(token, record, { clock: at })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("answers mismatch, not expired, to a wrong token against an expired record", async () => {
    const clock = createManualClock(approvedAt + 400 * DAY_MS);
    const mine = await issueToken(base);
    const theirs = await issueToken(base);
    expect(await verifyToken(theirs.token, mine.record, { clock })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("says whether the presenting address is registered without refusing", async () => {
    const clock = createManualClock(approvedAt);
    const { token, record } = await issueToken(base);
    expect(await verifyToken(token, record, { clock, address: "10.32.4.15" })).toMatchObject({
      ok: true,
      addressRegistered: true,
    });
    expect(await verifyToken(token, record, { clock, address: "192.168.1.9" })).toMatchObject({
      ok: true,
      addressRegistered: false,
    });
  });

  it("throws DKS_CORE_TOKEN_RECORD_INVALID for a tampered record", async () => {
    const { token, record } = await issueToken(base);
    try {
      await verifyToken(token, { ...record, hash: "not-hex" });
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_TOKEN_RECORD_INVALID")).toBe(true);
      expect((error as Error).message).toMatch(/^Failed to verify token: .+\. .+\.$/);
    }
  });

  it("throws DKS_CORE_INVALID_OPTIONS for an unknown option", async () => {
    const { token, record } = await issueToken(base);
    await expect(verifyToken(token, record, { ip: "10.0.0.1" } as never)).rejects.toMatchObject({
      code: "DKS_CORE_INVALID_OPTIONS",
    });
  });
});

describe("constantTimeEqual", () => {
  it("is true for equal bytes and false for any difference or length change", () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3, 4]))).toBe(true);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3, 5]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([0, 2, 3, 4]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3, 4, 0]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });

  it("agrees with element-wise equality on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const expected = a.length === b.length && a.every((byte, index) => byte === b[index]);
        expect(constantTimeEqual(a, b)).toBe(expected);
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });
});

describe("regressions: verification goes through the constant-time comparison (review finding 8a)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("compares the SHA-256 digests with constantTimeEqual, once per verification", async () => {
    const compare = vi.spyOn(bytes, "constantTimeEqual");
    const { token, record } = await issueToken(base);
    const other = await issueToken(base);
    expect((await verifyToken(token, record)).ok).toBe(true);
    expect((await verifyToken(other.token, record)).ok).toBe(false);
    expect(compare).toHaveBeenCalledTimes(2);
    for (const [presented, stored] of compare.mock.calls) {
      expect(presented).toBeInstanceOf(Uint8Array);
      expect(presented).toHaveLength(32);
      expect(Buffer.from(stored).toString("hex")).toBe(record.hash);
    }
  });

  it("lets that comparison alone decide between the token and a mismatch", async () => {
    const { token, record } = await issueToken(base);
    vi.spyOn(bytes, "constantTimeEqual").mockReturnValueOnce(false);
    expect(await verifyToken(token, record)).toEqual({ ok: false, reason: "mismatch" });
    const other = await issueToken(base);
    vi.spyOn(bytes, "constantTimeEqual").mockReturnValueOnce(true);
    expect((await verifyToken(other.token, record)).ok).toBe(true);
  });

  it("reads every byte of both digests even when the first byte differs (no early exit)", () => {
    const reads = { a: 0, b: 0 };
    const counting = (array: Uint8Array, side: "a" | "b") =>
      new Proxy(array, {
        get(target, key) {
          if (typeof key === "string" && /^[0-9]+$/.test(key)) reads[side] += 1;
          const value = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(constantTimeEqual(counting(a, "a"), counting(b, "b"))).toBe(false);
    expect(reads).toEqual({ a: 32, b: 32 });
  });
});
