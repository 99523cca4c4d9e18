import { describe, expect, it } from "vitest";
import { normaliseAddress } from "../src/internal/address.js";
import { createManualClock, DAY_MS } from "../src/time.js";
import { issueToken } from "../src/token/issue.js";
import { createTokenUsageMonitor } from "../src/token/monitor.js";
import { verifyToken } from "../src/token/verify.js";

const start = Date.parse("2026-03-02T09:00:00+07:00");
const tokenId = "0123456789abcdef";

describe("token usage monitor", () => {
  it("flags a token used from 2 addresses when 1 is registered", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.32.4.15"];
    expect(
      monitor.record({ tokenId, address: "10.32.4.15", at: start, registeredAddresses }),
    ).toBeNull();
    const finding = monitor.record({
      tokenId,
      address: "172.16.0.9",
      at: start + 60_000,
      registeredAddresses,
    });
    expect(finding).toEqual({
      code: "TOKEN_SHARED",
      tokenId,
      addresses: ["10.32.4.15", "172.16.0.9"],
      registered: ["10.32.4.15"],
      unregistered: ["172.16.0.9"],
      detectedAt: start + 60_000,
    });
    expect(monitor.findings()).toEqual([finding]);
  });

  it("does not flag repeated use from the registered address", () => {
    const monitor = createTokenUsageMonitor();
    for (let use = 0; use < 100; use += 1) {
      const finding = monitor.record({
        tokenId,
        address: "10.32.4.15",
        at: start + use * 1000,
        registeredAddresses: ["10.32.4.15"],
      });
      expect(finding).toBeNull();
    }
    expect(monitor.findings()).toEqual([]);
    expect(monitor.sightings(tokenId)).toEqual([
      { address: "10.32.4.15", firstSeenAt: start, lastSeenAt: start + 99_000, uses: 100 },
    ]);
  });

  it("allows as many addresses as are registered and flags one more", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.0.0.1", "10.0.0.2"];
    const use = (address: string) =>
      monitor.record({ tokenId, address, at: start, registeredAddresses });
    expect(use("10.0.0.1")).toBeNull();
    expect(use("10.0.0.2")).toBeNull();
    expect(use("10.0.0.3")?.addresses).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
  });

  it("forgets addresses not seen within the window", () => {
    const monitor = createTokenUsageMonitor({ windowDays: 7 });
    const registeredAddresses = ["10.0.0.1"];
    monitor.record({ tokenId, address: "10.0.0.9", at: start, registeredAddresses });
    const later = monitor.record({
      tokenId,
      address: "10.0.0.1",
      at: start + 7 * DAY_MS,
      registeredAddresses,
    });
    expect(later).toBeNull();
    expect(monitor.sightings(tokenId).map((seen) => seen.address)).toEqual(["10.0.0.1"]);
  });

  it("keeps tokens apart and forgets them on reset", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.0.0.1"];
    monitor.record({ tokenId, address: "10.0.0.1", at: start, registeredAddresses });
    monitor.record({
      tokenId: "fedcba9876543210",
      address: "10.0.0.2",
      at: start,
      registeredAddresses: ["10.0.0.2"],
    });
    expect(monitor.findings()).toEqual([]);
    monitor.record({ tokenId, address: "10.0.0.3", at: start, registeredAddresses });
    expect(monitor.findings().map((finding) => finding.tokenId)).toEqual([tokenId]);
    monitor.reset(tokenId);
    expect(monitor.findings()).toEqual([]);
  });

  it("rejects invalid options and uses with DKS_CORE_INVALID_OPTIONS", () => {
    expect(() => createTokenUsageMonitor({ windowDays: 0 })).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
    const monitor = createTokenUsageMonitor();
    expect(() =>
      monitor.record({ tokenId, address: "", at: start, registeredAddresses: [] }),
    ).toThrow(expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }));
  });
});

describe("regressions: addresses as Node reports them, and unregistered addresses (review finding 6)", () => {
  it("reads an IPv4 client reported as ::ffff:10.32.4.100 as the registered 10.32.4.100", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.32.4.100"];
    for (const address of ["::ffff:10.32.4.100", "10.32.4.100", "::FFFF:0a20:0464"]) {
      expect(monitor.record({ tokenId, address, at: start, registeredAddresses })).toBeNull();
    }
    expect(monitor.sightings(tokenId)).toEqual([
      { address: "10.32.4.100", firstSeenAt: start, lastSeenAt: start, uses: 3 },
    ]);
  });

  it("normalises the registered addresses too", () => {
    const monitor = createTokenUsageMonitor();
    const use = monitor.record({
      tokenId,
      address: "2001:db8::1",
      at: start,
      registeredAddresses: ["::ffff:10.0.0.1", "2001:0DB8:0000::0001"],
    });
    expect(use).toBeNull();
  });

  it("flags one registered and one unregistered address when two are registered", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.0.0.1", "10.0.0.2"];
    expect(
      monitor.record({ tokenId, address: "10.0.0.1", at: start, registeredAddresses }),
    ).toBeNull();
    const finding = monitor.record({
      tokenId,
      address: "::ffff:172.16.0.9",
      at: start + 1000,
      registeredAddresses,
    });
    expect(finding).toEqual({
      code: "TOKEN_UNREGISTERED_ADDRESS",
      tokenId,
      addresses: ["10.0.0.1", "172.16.0.9"],
      registered: ["10.0.0.1", "10.0.0.2"],
      unregistered: ["172.16.0.9"],
      detectedAt: start + 1000,
    });
    expect(monitor.findings()).toEqual([finding]);
  });

  it("flags a token used only from one unregistered address", () => {
    const monitor = createTokenUsageMonitor();
    expect(
      monitor.record({ tokenId, address: "10.9.9.9", at: start, registeredAddresses: ["10.0.0.1"] })
        ?.code,
    ).toBe("TOKEN_UNREGISTERED_ADDRESS");
  });

  it("prefers TOKEN_SHARED when the count is exceeded as well", () => {
    const monitor = createTokenUsageMonitor();
    const registeredAddresses = ["10.0.0.1", "10.0.0.2"];
    for (const address of ["10.0.0.1", "10.0.0.2"]) {
      monitor.record({ tokenId, address, at: start, registeredAddresses });
    }
    expect(
      monitor.record({ tokenId, address: "10.0.0.3", at: start, registeredAddresses })?.code,
    ).toBe("TOKEN_SHARED");
  });

  it("tells verifyToken that ::ffff:10.32.4.15 is the registered 10.32.4.15", async () => {
    const clock = createManualClock(start);
    const monitor = createTokenUsageMonitor();
    const { token, record } = await issueToken({
      applicationId: "sipeda-dinsos",
      institution: "Dinas Sosial Kabupaten Bandung",
      registeredAddresses: ["10.32.4.15", "10.32.4.16"],
      clock,
    });
    const mapped = await verifyToken(token, record, {
      clock,
      monitor,
      address: "::ffff:10.32.4.15",
    });
    expect(mapped).toMatchObject({ ok: true, addressRegistered: true, misuse: null });
    const other = await verifyToken(token, record, { clock, monitor, address: "10.99.0.1" });
    expect(other).toMatchObject({
      ok: true,
      addressRegistered: false,
      misuse: { code: "TOKEN_UNREGISTERED_ADDRESS", unregistered: ["10.99.0.1"] },
    });
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["10.32.4.100", "10.32.4.100"],
    [" ::ffff:10.32.4.100 ", "10.32.4.100"],
    ["::FFFF:10.32.4.100", "10.32.4.100"],
    ["0:0:0:0:0:ffff:10.32.4.100", "10.32.4.100"],
    ["::ffff:a20:464", "10.32.4.100"],
    ["[::ffff:10.32.4.100]", "10.32.4.100"],
    ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["::1", "::1"],
    ["fe80::1%eth0", "fe80::1%eth0"],
    ["::10.0.0.1", "::a00:1"],
    ["Gateway.Local", "gateway.local"],
    ["1::2::3", "1::2::3"],
  ])("reads %j as %j", (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });
});

describe("verifyToken with a usage monitor", () => {
  it("reports TOKEN_SHARED when the valid token comes from a second address", async () => {
    const clock = createManualClock(start);
    const monitor = createTokenUsageMonitor();
    const { token, record } = await issueToken({
      applicationId: "sipeda-dinsos",
      institution: "Dinas Sosial Kabupaten Bandung",
      registeredAddresses: ["10.32.4.15"],
      clock,
    });
    const first = await verifyToken(token, record, { clock, monitor, address: "10.32.4.15" });
    expect(first).toMatchObject({ ok: true, misuse: null });

    clock.advance(60_000);
    const second = await verifyToken(token, record, { clock, monitor, address: "172.16.0.9" });
    expect(second).toMatchObject({
      ok: true,
      addressRegistered: false,
      misuse: { code: "TOKEN_SHARED", tokenId: record.id, registered: ["10.32.4.15"] },
    });
  });

  it("does not record a token that failed verification", async () => {
    const clock = createManualClock(start);
    const monitor = createTokenUsageMonitor();
    const mine = await issueToken({
      applicationId: "a",
      institution: "b",
      registeredAddresses: ["10.32.4.15"],
      clock,
    });
    const theirs = await issueToken({
      applicationId: "c",
      institution: "d",
      registeredAddresses: ["10.32.4.15"],
      clock,
    });
    await verifyToken(theirs.token, mine.record, { clock, monitor, address: "172.16.0.9" });
    expect(monitor.sightings(mine.record.id)).toEqual([]);
  });
});
