import { describe, expect, it } from "vitest";
import { createManualClock, DAY_MS } from "../src/time.js";
import { issueToken, reapplyToken, revokeToken, rotateToken } from "../src/token/issue.js";
import { tokenState } from "../src/token/state.js";
import { verifyToken } from "../src/token/verify.js";

const approvedAt = Date.parse("2026-01-05T09:00:00+07:00");
const expiresAt = approvedAt + 365 * DAY_MS;
const base = {
  applicationId: "sipeda-dinsos",
  institution: "Dinas Sosial Kabupaten Bandung",
  registeredAddresses: ["10.32.4.15"],
  approvedAt,
};

function at(ms: number) {
  return createManualClock(ms);
}

describe("tokenState", () => {
  it("is active right after approval", async () => {
    const { record } = await issueToken(base);
    expect(tokenState(record, { clock: at(approvedAt) })).toBe("active");
  });

  it("is expired at exactly 365 days and not 1 ms before", async () => {
    const { record } = await issueToken(base);
    expect(record.expiresAt).toBe(expiresAt);
    expect(tokenState(record, { clock: at(expiresAt - 1) })).not.toBe("expired");
    expect(tokenState(record, { clock: at(expiresAt) })).toBe("expired");
    expect(tokenState(record, { clock: at(expiresAt + 1) })).toBe("expired");
  });

  it("is active at 365 days minus 1 ms when the warning window is off", async () => {
    const { record } = await issueToken(base);
    expect(tokenState(record, { clock: at(expiresAt - 1), warningDays: 0 })).toBe("active");
  });

  it("enters expiring-soon exactly 30 days before expiry by default", async () => {
    const { record } = await issueToken(base);
    const windowStart = expiresAt - 30 * DAY_MS;
    expect(tokenState(record, { clock: at(windowStart - 1) })).toBe("active");
    expect(tokenState(record, { clock: at(windowStart) })).toBe("expiring-soon");
    expect(tokenState(record, { clock: at(expiresAt - 1) })).toBe("expiring-soon");
  });

  it("takes the warning window length from warningDays", async () => {
    const { record } = await issueToken(base);
    const windowStart = expiresAt - 7 * DAY_MS;
    expect(tokenState(record, { clock: at(windowStart - 1), warningDays: 7 })).toBe("active");
    expect(tokenState(record, { clock: at(windowStart), warningDays: 7 })).toBe("expiring-soon");
  });

  it("is revoked once revoked, before and after expiry", async () => {
    const { record } = await issueToken(base);
    const revoked = revokeToken(record, { reason: "terminated", clock: at(approvedAt + DAY_MS) });
    expect(tokenState(revoked, { clock: at(approvedAt + DAY_MS) })).toBe("revoked");
    expect(tokenState(revoked, { clock: at(expiresAt + DAY_MS) })).toBe("revoked");
  });

  it("rejects a negative or fractional warningDays", async () => {
    const { record } = await issueToken(base);
    for (const warningDays of [-1, 0.5]) {
      expect(() => tokenState(record, { clock: at(approvedAt), warningDays })).toThrow(
        expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
      );
    }
  });
});

describe("regressions: a broken clock fails with a coded error (review finding 7)", () => {
  it("refuses a clock whose now() returns NaN in every token function", async () => {
    const clock = { now: () => Number.NaN };
    const { token, record } = await issueToken(base);
    const failsWithClockError = expect.objectContaining({ code: "DKS_CORE_CLOCK_INVALID" });
    expect(() => tokenState(record, { clock })).toThrow(failsWithClockError);
    await expect(verifyToken(token, record, { clock })).rejects.toEqual(failsWithClockError);
    await expect(
      issueToken({
        applicationId: "a",
        institution: "b",
        registeredAddresses: ["10.0.0.1"],
        clock,
      }),
    ).rejects.toEqual(failsWithClockError);
    expect(() => revokeToken(record, { reason: "misuse", clock })).toThrow(failsWithClockError);
    await expect(rotateToken(record, { clock })).rejects.toEqual(failsWithClockError);
    await expect(reapplyToken(record, { clock })).rejects.toEqual(failsWithClockError);
  });
});
