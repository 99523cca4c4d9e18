import { describe, expect, it } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import { createQuotaLedger } from "../src/quota/ledger.js";
import { createMemoryQuotaStore } from "../src/quota/memory-store.js";
import { type QuotaPolicy, quotaPolicyFor } from "../src/quota/policy.js";
import type { QuotaStore } from "../src/quota/store.js";
import { createManualClock } from "../src/time.js";

const poc: QuotaPolicy = { kind: "daily", hitsPerDay: 200 };
const unlimited: QuotaPolicy = { kind: "unlimited" };
const morning = Date.parse("2026-03-02T09:00:00+07:00");

function setup(startMs = morning, store: QuotaStore = createMemoryQuotaStore()) {
  const clock = createManualClock(startMs);
  return { clock, store, ledger: createQuotaLedger({ store, clock }) };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("quota ledger: concurrency", () => {
  it("grants exactly 200 of 1,000 concurrent hits against a limit of 200", async () => {
    const { ledger } = setup();
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => ledger.consume("user-1", poc)),
    );
    expect(results.filter((result) => result.granted)).toHaveLength(200);
    expect(results.filter((result) => !result.granted)).toHaveLength(800);
    expect(await ledger.status("user-1", poc)).toMatchObject({ used: 200, remaining: 0 });
  });

  it("grants exactly 200 even when every store call resolves after a random delay", async () => {
    const memory = createMemoryQuotaStore();
    const slow: QuotaStore = {
      ...memory,
      async consume(key, day, limit) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        return memory.consume(key, day, limit);
      },
    };
    const { ledger } = setup(morning, slow);
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => ledger.consume("user-1", poc)),
    );
    expect(results.filter((result) => result.granted)).toHaveLength(200);
    expect(await memory.peek("user-1", "2026-03-02")).toBe(200);
  });

  it("counts a hit with one atomic store call and never reads before writing", async () => {
    const memory = createMemoryQuotaStore();
    const calls: string[] = [];
    const spy: QuotaStore = {
      ...memory,
      consume: (key, day, limit) => {
        calls.push(`consume ${key} ${day} ${String(limit)}`);
        return memory.consume(key, day, limit);
      },
      peek: (key, day) => {
        calls.push("peek");
        return memory.peek(key, day);
      },
    };
    const { ledger } = setup(morning, spy);
    await ledger.consume("user-1", poc);
    await ledger.consume("user-1", unlimited);
    expect(calls).toEqual(["consume user-1 2026-03-02 200", "consume user-1 2026-03-02 null"]);
  });
});

describe("quota ledger: results", () => {
  it("reports used, remaining, limit, day and the next Jakarta midnight", async () => {
    const { ledger } = setup();
    const result = await ledger.consume("user-1", quotaPolicyFor("pks-karanganyar"));
    expect(result).toEqual({
      kind: "daily",
      granted: true,
      key: "user-1",
      day: "2026-03-02",
      used: 1,
      limit: 1000,
      remaining: 999,
      resetsAt: Date.parse("2026-03-03T00:00:00+07:00"),
    });
  });

  it("does not count a refused hit", async () => {
    const { ledger } = setup();
    const small: QuotaPolicy = { kind: "daily", hitsPerDay: 2 };
    await ledger.consume("user-1", small);
    await ledger.consume("user-1", small);
    const refused = await ledger.consume("user-1", small);
    expect(refused).toMatchObject({ granted: false, used: 2, remaining: 0, limit: 2 });
    expect(await ledger.remaining("user-1", small)).toBe(0);
  });

  it("refuses every hit under a limit of zero", async () => {
    const { ledger } = setup();
    const result = await ledger.consume("user-1", { kind: "daily", hitsPerDay: 0 });
    expect(result).toMatchObject({ granted: false, used: 0, remaining: 0 });
  });

  it("counts each key separately", async () => {
    const { ledger } = setup();
    await ledger.consume("user-1", poc);
    await ledger.consume("user-1", poc);
    await ledger.consume("user-2", poc);
    expect(await ledger.remaining("user-1", poc)).toBe(198);
    expect(await ledger.remaining("user-2", poc)).toBe(199);
  });

  it("applies the policy given at each call, so a passed PoC lifts the limit the same day", async () => {
    const { ledger } = setup();
    const tiny: QuotaPolicy = { kind: "daily", hitsPerDay: 1 };
    await ledger.consume("user-1", tiny);
    expect((await ledger.consume("user-1", tiny)).granted).toBe(false);
    const after = await ledger.consume("user-1", quotaPolicyFor("production"));
    expect(after).toMatchObject({ granted: true, used: 2 });
  });

  it("forgets one key or every key on reset", async () => {
    const { ledger } = setup();
    await ledger.consume("user-1", poc);
    await ledger.consume("user-2", poc);
    await ledger.reset("user-1");
    expect(await ledger.remaining("user-1", poc)).toBe(200);
    expect(await ledger.remaining("user-2", poc)).toBe(199);
    await ledger.reset();
    expect(await ledger.remaining("user-2", poc)).toBe(200);
  });
});

describe("quota ledger: the day is the Jakarta calendar day", () => {
  it("refuses at 23:59:59 WIB and grants again at 00:00 WIB (17:00Z)", async () => {
    const lastSecond = Date.parse("2026-03-02T23:59:59+07:00");
    const { ledger, clock } = setup(lastSecond);
    const small: QuotaPolicy = { kind: "daily", hitsPerDay: 3 };
    for (let hit = 0; hit < 3; hit += 1) await ledger.consume("user-1", small);

    clock.set(Date.parse("2026-03-02T23:59:59.999+07:00"));
    const refused = await ledger.consume("user-1", small);
    expect(refused).toMatchObject({ granted: false, day: "2026-03-02", used: 3 });
    expect(refused.resetsAt).toBe(Date.parse("2026-03-02T17:00:00Z"));

    clock.set(Date.parse("2026-03-02T17:00:00Z"));
    const granted = await ledger.consume("user-1", small);
    expect(granted).toMatchObject({ granted: true, day: "2026-03-03", used: 1, remaining: 2 });
    expect(granted.resetsAt).toBe(Date.parse("2026-03-03T17:00:00Z"));
  });

  it("keeps one day across UTC midnight, which is 07:00 WIB", async () => {
    const { ledger, clock } = setup(Date.parse("2026-03-02T23:30:00Z"));
    await ledger.consume("user-1", poc);
    clock.set(Date.parse("2026-03-03T00:30:00Z"));
    expect(await ledger.consume("user-1", poc)).toMatchObject({ day: "2026-03-03", used: 2 });
  });
});

describe("quota ledger: unlimited policy", () => {
  it("never refuses and still counts every hit", async () => {
    const { ledger } = setup();
    const results = await Promise.all(
      Array.from({ length: 5000 }, () => ledger.consume("user-1", unlimited)),
    );
    expect(results.every((result) => result.granted)).toBe(true);
    const status = await ledger.status("user-1", unlimited);
    expect(status).toMatchObject({ kind: "unlimited", used: 5000, limit: null, remaining: null });
    expect(await ledger.remaining("user-1", unlimited)).toBeNull();
  });
});

describe("quota ledger: store failures", () => {
  it("surfaces DKS_CORE_QUOTA_STORE_FAILED with the cause when consume rejects, and counts nothing", async () => {
    const memory = createMemoryQuotaStore();
    const cause = new Error("database is down");
    let failing = true;
    const flaky: QuotaStore = {
      ...memory,
      consume: (key, day, limit) =>
        failing ? Promise.reject(cause) : memory.consume(key, day, limit),
    };
    const { ledger } = setup(morning, flaky);

    const error = await caught(ledger.consume("user-1", poc));
    expect(isDukcapilCoreError(error, "DKS_CORE_QUOTA_STORE_FAILED")).toBe(true);
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toMatch(/^Failed to consume quota hit: .*\. .*\.$/);
    expect(await ledger.status("user-1", poc)).toMatchObject({ used: 0, remaining: 200 });

    failing = false;
    expect(await ledger.consume("user-1", poc)).toMatchObject({ granted: true, used: 1 });
  });

  it("surfaces DKS_CORE_QUOTA_STORE_FAILED when consume throws synchronously", async () => {
    const store: QuotaStore = {
      ...createMemoryQuotaStore(),
      consume: () => {
        throw new TypeError("not connected");
      },
    };
    const { ledger } = setup(morning, store);
    const error = await caught(ledger.consume("user-1", poc));
    expect(isDukcapilCoreError(error, "DKS_CORE_QUOTA_STORE_FAILED")).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("surfaces DKS_CORE_QUOTA_STORE_FAILED when reading the quota fails", async () => {
    const store: QuotaStore = {
      ...createMemoryQuotaStore(),
      peek: () => Promise.reject(new Error("timeout")),
      list: () => Promise.reject(new Error("timeout")),
    };
    const { ledger } = setup(morning, store);
    expect(
      isDukcapilCoreError(
        await caught(ledger.status("user-1", poc)),
        "DKS_CORE_QUOTA_STORE_FAILED",
      ),
    ).toBe(true);
    expect(
      isDukcapilCoreError(
        await caught(ledger.semesterTotals("user-1", "2026-1")),
        "DKS_CORE_QUOTA_STORE_FAILED",
      ),
    ).toBe(true);
  });

  it("rejects a store answer that breaks the contract", async () => {
    const store: QuotaStore = {
      ...createMemoryQuotaStore(),
      consume: async () => ({ granted: true, used: -1, remaining: 0 }),
    };
    const { ledger } = setup(morning, store);
    const error = await caught(ledger.consume("user-1", poc));
    expect(isDukcapilCoreError(error, "DKS_CORE_QUOTA_STORE_FAILED")).toBe(true);
  });
});

describe("quota ledger: usage errors", () => {
  it("rejects options without a store, or with unknown keys", () => {
    expect(() => createQuotaLedger({} as never)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
    try {
      createQuotaLedger({ store: createMemoryQuotaStore(), quotaPerDay: 5 } as never);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
      expect((error as Error).message).toMatch(/^Failed to create quota ledger: .+\. .+\.$/);
      expect((error as { details: { issues: unknown[] } }).details.issues).not.toHaveLength(0);
    }
  });

  it("rejects a policy with a negative, fractional or missing hitsPerDay", async () => {
    const { ledger } = setup();
    for (const policy of [
      { kind: "daily", hitsPerDay: -1 },
      { kind: "daily", hitsPerDay: 1.5 },
      { kind: "daily" },
      { kind: "weekly", hitsPerDay: 5 },
    ]) {
      const error = await caught(ledger.consume("user-1", policy as never));
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
    }
  });

  it("rejects an empty key", async () => {
    const { ledger } = setup();
    const error = await caught(ledger.consume("", poc));
    expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
  });
});

describe("regressions: a broken clock fails with a coded error (review finding 7)", () => {
  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a fraction", 1.5],
    ["a negative time", -1],
    ["a string", "2026-03-02"],
  ])("refuses a clock whose now() returns %s with DKS_CORE_CLOCK_INVALID", async (_name, value) => {
    const ledger = createQuotaLedger({
      store: createMemoryQuotaStore(),
      clock: { now: () => value as number },
    });
    for (const call of [() => ledger.consume("user-1", poc), () => ledger.status("user-1", poc)]) {
      await expect(call()).rejects.toSatisfy((error) =>
        isDukcapilCoreError(error, "DKS_CORE_CLOCK_INVALID"),
      );
    }
  });

  it("refuses a clock whose now() throws, with its error as the cause", async () => {
    const failure = new Error("clock service down");
    const ledger = createQuotaLedger({
      store: createMemoryQuotaStore(),
      clock: {
        now: () => {
          throw failure;
        },
      },
    });
    await expect(ledger.consume("user-1", poc)).rejects.toMatchObject({
      code: "DKS_CORE_CLOCK_INVALID",
      cause: failure,
    });
  });
});
