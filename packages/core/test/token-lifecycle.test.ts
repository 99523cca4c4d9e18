import { describe, expect, it } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import { createManualClock, DAY_MS } from "../src/time.js";
import { issueToken, reapplyToken, revokeToken, rotateToken } from "../src/token/issue.js";
import { verifyToken } from "../src/token/verify.js";

const approvedAt = Date.parse("2026-01-05T09:00:00+07:00");
const base = {
  applicationId: "sipeda-dinsos",
  institution: "Dinas Sosial Kabupaten Bandung",
  registeredAddresses: ["10.32.4.15"],
  approvedAt,
};

function expectCode(run: () => unknown, code: string, state?: string): void {
  try {
    run();
    expect.unreachable();
  } catch (error) {
    expect(isDukcapilCoreError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    if (state !== undefined) {
      expect((error as { details: { state: string } }).details.state).toBe(state);
    }
  }
}

async function expectRejection(promise: Promise<unknown>, code: string, state: string) {
  await expect(promise).rejects.toMatchObject({ code, details: { state } });
}

describe("reapplyToken", () => {
  it("after expiry gives a different working token while the old one stays refused", async () => {
    const clock = createManualClock(approvedAt);
    const old = await issueToken(base);
    clock.set(approvedAt + 365 * DAY_MS);

    const renewed = await reapplyToken(old.record, { clock });
    expect(renewed.token).not.toBe(old.token);
    expect(renewed.record.id).not.toBe(old.record.id);
    expect(renewed.record).toMatchObject({
      applicationId: old.record.applicationId,
      institution: old.record.institution,
      registeredAddresses: old.record.registeredAddresses,
      approvedAt: clock.now(),
      expiresAt: clock.now() + 365 * DAY_MS,
      replaces: old.record.id,
      revocation: null,
    });

    expect(await verifyToken(renewed.token, renewed.record, { clock })).toMatchObject({
      ok: true,
      state: "active",
    });
    expect(await verifyToken(old.token, old.record, { clock })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await verifyToken(old.token, renewed.record, { clock })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("takes new registered addresses and validity", async () => {
    const clock = createManualClock(approvedAt + 400 * DAY_MS);
    const old = await issueToken(base);
    const renewed = await reapplyToken(old.record, {
      clock,
      registeredAddresses: ["10.32.4.16"],
      validityDays: 180,
    });
    expect(renewed.record.registeredAddresses).toEqual(["10.32.4.16"]);
    expect(renewed.record.expiresAt - renewed.record.approvedAt).toBe(180 * DAY_MS);
  });

  it("is refused with DKS_CORE_TOKEN_INVALID before expiry", async () => {
    const { record } = await issueToken(base);
    const clock = createManualClock(approvedAt + 365 * DAY_MS - 1);
    await expectRejection(reapplyToken(record, { clock }), "DKS_CORE_TOKEN_INVALID", "active");
  });

  it("is refused with DKS_CORE_TOKEN_INVALID for a revoked token", async () => {
    const clock = createManualClock(approvedAt);
    const { record } = await issueToken(base);
    const revoked = revokeToken(record, { reason: "misuse", clock });
    clock.set(approvedAt + 400 * DAY_MS);
    await expectRejection(reapplyToken(revoked, { clock }), "DKS_CORE_TOKEN_INVALID", "revoked");
  });
});

describe("rotateToken", () => {
  it("issues a new working token and revokes the old one with reason 'rotated'", async () => {
    const clock = createManualClock(approvedAt + 100 * DAY_MS);
    const old = await issueToken(base);
    const rotated = await rotateToken(old.record, { clock });

    expect(rotated.token).not.toBe(old.token);
    expect(rotated.record).toMatchObject({
      replaces: old.record.id,
      approvedAt: clock.now(),
      expiresAt: clock.now() + 365 * DAY_MS,
    });
    expect(rotated.previous.id).toBe(old.record.id);
    expect(rotated.previous.revocation).toEqual({ at: clock.now(), reason: "rotated" });

    expect(await verifyToken(rotated.token, rotated.record, { clock })).toMatchObject({ ok: true });
    expect(await verifyToken(old.token, rotated.previous, { clock })).toEqual({
      ok: false,
      reason: "revoked",
    });
  });

  it("rotates a token inside the expiring-soon window", async () => {
    const clock = createManualClock(approvedAt + 360 * DAY_MS);
    const old = await issueToken(base);
    const rotated = await rotateToken(old.record, { clock });
    expect(rotated.record.expiresAt).toBe(clock.now() + 365 * DAY_MS);
  });

  it("is refused with DKS_CORE_TOKEN_INVALID for an expired token", async () => {
    const { record } = await issueToken(base);
    const clock = createManualClock(approvedAt + 365 * DAY_MS);
    await expectRejection(rotateToken(record, { clock }), "DKS_CORE_TOKEN_INVALID", "expired");
  });

  it("is refused with DKS_CORE_TOKEN_INVALID for a revoked token", async () => {
    const clock = createManualClock(approvedAt);
    const { record } = await issueToken(base);
    const { previous } = await rotateToken(record, { clock });
    await expectRejection(rotateToken(previous, { clock }), "DKS_CORE_TOKEN_INVALID", "revoked");
  });
});

describe("revokeToken", () => {
  it("records the reason and time in a new record and leaves the old value alone", async () => {
    const clock = createManualClock(approvedAt + 10 * DAY_MS);
    const { record } = await issueToken(base);
    const revoked = revokeToken(record, { reason: "misuse", clock });
    expect(revoked.revocation).toEqual({ at: approvedAt + 10 * DAY_MS, reason: "misuse" });
    expect(record.revocation).toBeNull();
    expect(Object.isFrozen(revoked)).toBe(true);
  });

  it("throws DKS_CORE_TOKEN_INVALID when revoking a revoked token", async () => {
    const { record } = await issueToken(base);
    const revoked = revokeToken(record, { reason: "misuse" });
    expectCode(
      () => revokeToken(revoked, { reason: "terminated" }),
      "DKS_CORE_TOKEN_INVALID",
      "revoked",
    );
  });

  it("revokes an expired token", async () => {
    const clock = createManualClock(approvedAt + 400 * DAY_MS);
    const { record } = await issueToken(base);
    expect(revokeToken(record, { reason: "terminated", clock }).revocation?.reason).toBe(
      "terminated",
    );
  });

  it("throws DKS_CORE_INVALID_OPTIONS without a reason", async () => {
    const { record } = await issueToken(base);
    expectCode(() => revokeToken(record, { reason: "" }), "DKS_CORE_INVALID_OPTIONS");
  });
});
