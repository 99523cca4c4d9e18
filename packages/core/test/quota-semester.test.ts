import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import { createQuotaLedger } from "../src/quota/ledger.js";
import { createMemoryQuotaStore } from "../src/quota/memory-store.js";
import type { QuotaPolicy } from "../src/quota/policy.js";
import { semesterOf, semesterRange } from "../src/quota/semester.js";
import { createManualClock } from "../src/time.js";

const unlimited: QuotaPolicy = { kind: "unlimited" };

describe("semesterOf", () => {
  it("puts 30 June 23:59 WIB in semester 1 and 1 July 00:00 WIB in semester 2", () => {
    expect(semesterOf(Date.parse("2026-06-30T23:59:00+07:00"))).toBe("2026-1");
    expect(semesterOf(Date.parse("2026-06-30T23:59:59.999+07:00"))).toBe("2026-1");
    expect(semesterOf(Date.parse("2026-07-01T00:00:00+07:00"))).toBe("2026-2");
    // 1 July 00:00 WIB is still 30 June in UTC.
    expect(semesterOf(Date.parse("2026-06-30T17:00:00Z"))).toBe("2026-2");
  });

  it("puts 31 December 23:59 WIB in semester 2 and 1 January 00:00 WIB in the next year's semester 1", () => {
    expect(semesterOf(Date.parse("2026-12-31T23:59:59.999+07:00"))).toBe("2026-2");
    expect(semesterOf(Date.parse("2027-01-01T00:00:00+07:00"))).toBe("2027-1");
    expect(semesterOf(Date.parse("2026-12-31T17:00:00Z"))).toBe("2027-1");
  });

  it("rejects an instant that is not a finite number", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => semesterOf(value)).toThrow(
        expect.objectContaining({ code: "DKS_CORE_INVALID_SEMESTER" }),
      );
    }
  });

  it("always returns a semester whose range contains the instant", () => {
    const from = Date.parse("1970-01-01T00:00:00+07:00");
    const to = Date.parse("2200-01-01T00:00:00+07:00");
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (instant) => {
        const range = semesterRange(semesterOf(instant));
        expect(range.startsAt).toBeLessThanOrEqual(instant);
        expect(instant).toBeLessThan(range.endsAt);
      }),
    );
  });
});

describe("semesterRange", () => {
  it("gives January–June for semester 1, from 00:00 WIB on 1 January to 00:00 WIB on 1 July", () => {
    expect(semesterRange("2026-1")).toEqual({
      semester: "2026-1",
      year: 2026,
      half: 1,
      fromDay: "2026-01-01",
      toDay: "2026-06-30",
      startsAt: Date.parse("2026-01-01T00:00:00+07:00"),
      endsAt: Date.parse("2026-07-01T00:00:00+07:00"),
    });
  });

  it("gives July–December for semester 2, ending at 00:00 WIB on 1 January", () => {
    expect(semesterRange("2026-2")).toMatchObject({
      half: 2,
      fromDay: "2026-07-01",
      toDay: "2026-12-31",
      startsAt: Date.parse("2026-07-01T00:00:00+07:00"),
      endsAt: Date.parse("2027-01-01T00:00:00+07:00"),
    });
  });

  it.each([
    "2026-3",
    "2026-0",
    "2026-01",
    "26-1",
    "2026/1",
    "2026-1 ",
    " 2026-1",
    "2026-S1",
    "",
    "1969-2",
  ])("rejects %j with DKS_CORE_INVALID_SEMESTER", (semester) => {
    try {
      semesterRange(semester);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_SEMESTER")).toBe(true);
      expect((error as { details: { semester: unknown } }).details.semester).toBe(semester);
      expect((error as Error).message).toMatch(/^Failed to read semester: .+\. .+\.$/);
    }
  });

  it("rejects a value that is not a string", () => {
    expect(() => semesterRange(20261 as never)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_SEMESTER" }),
    );
  });
});

describe("quota ledger: semester totals", () => {
  it("counts hits of 30 June 23:59 WIB in semester 1 and of 1 July 00:00 WIB in semester 2", async () => {
    const clock = createManualClock(Date.parse("2026-06-30T23:59:00+07:00"));
    const ledger = createQuotaLedger({ store: createMemoryQuotaStore(), clock });
    await ledger.consume("user-1", unlimited);
    await ledger.consume("user-1", unlimited);
    clock.set(Date.parse("2026-07-01T00:00:00+07:00"));
    await ledger.consume("user-1", unlimited);

    expect(await ledger.semesterTotals("user-1", "2026-1")).toEqual({
      key: "user-1",
      semester: "2026-1",
      fromDay: "2026-01-01",
      toDay: "2026-06-30",
      total: 2,
      days: [{ day: "2026-06-30", used: 2 }],
    });
    expect(await ledger.semesterTotals("user-1", "2026-2")).toMatchObject({
      total: 1,
      days: [{ day: "2026-07-01", used: 1 }],
    });
  });

  it("counts hits of 31 December in semester 2 and of 1 January in the next year's semester 1", async () => {
    const clock = createManualClock(Date.parse("2026-12-31T23:59:59+07:00"));
    const ledger = createQuotaLedger({ store: createMemoryQuotaStore(), clock });
    await ledger.consume("user-1", { kind: "daily", hitsPerDay: 1000 });
    clock.set(Date.parse("2026-12-31T17:00:00Z"));
    await ledger.consume("user-1", { kind: "daily", hitsPerDay: 1000 });

    expect(await ledger.semesterTotals("user-1", "2026-2")).toMatchObject({
      total: 1,
      days: [{ day: "2026-12-31", used: 1 }],
    });
    expect(await ledger.semesterTotals("user-1", "2027-1")).toMatchObject({
      total: 1,
      days: [{ day: "2027-01-01", used: 1 }],
    });
  });

  it("lists each day with hits in order and sums them, leaving out other keys", async () => {
    const clock = createManualClock(Date.parse("2026-02-10T08:00:00+07:00"));
    const ledger = createQuotaLedger({ store: createMemoryQuotaStore(), clock });
    for (const [isoDay, hits] of [
      ["2026-03-05", 3],
      ["2026-02-10", 2],
      ["2026-06-30", 1],
    ] as const) {
      clock.set(Date.parse(`${isoDay}T08:00:00+07:00`));
      for (let hit = 0; hit < hits; hit += 1) await ledger.consume("user-1", unlimited);
    }
    await ledger.consume("user-2", unlimited);

    const totals = await ledger.semesterTotals("user-1", "2026-1");
    expect(totals.total).toBe(6);
    expect(totals.days).toEqual([
      { day: "2026-02-10", used: 2 },
      { day: "2026-03-05", used: 3 },
      { day: "2026-06-30", used: 1 },
    ]);
  });

  it("rejects an invalid semester with DKS_CORE_INVALID_SEMESTER", async () => {
    const ledger = createQuotaLedger({ store: createMemoryQuotaStore() });
    await expect(ledger.semesterTotals("user-1", "2026-3")).rejects.toMatchObject({
      code: "DKS_CORE_INVALID_SEMESTER",
    });
  });
});
