// Check order (wire-format.md, Decisions §3, core's `requestCheckOrder`): a request that
// fails two checks answers the earlier one; and which outcomes cost a hit (Decisions §5,
// the catalogue's `consumesQuota`).
import { type ResponseCode, requestCheckOrder, responseCodes } from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  adminOk,
  CAUSES,
  type Cause,
  createAccount,
  defaultAccount,
  ENDPOINTS,
  hitsUsed,
  readJournal,
  requestFor,
  sendRequest,
  startTestSimulator,
  withCauses,
} from "./imitated-fixtures.js";

let sim: RunningSimulator;
let shared: Account;
/** The account whose registration the registry causes change (and undo). */
let registry: Account;

beforeAll(async () => {
  sim = await startTestSimulator();
  shared = defaultAccount(sim);
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${shared.userId}`, { dailyQuota: 100_000 });
  registry = await createAccount(sim);
});
afterAll(() => sim.close());

const checkOf = (code: ResponseCode) =>
  requestCheckOrder.findIndex((check) => check.failsWith.includes(code));

/** One cause per check (the last code it fails with), in check order. */
const representatives: readonly Cause[] = requestCheckOrder.map((check) => {
  const code = check.failsWith[check.failsWith.length - 1] as ResponseCode;
  return CAUSES[code];
});

const pairs = representatives.flatMap((earlier, i) =>
  representatives.slice(i + 1).map((later) => ({
    earlier: earlier.code,
    later: later.code,
    causes: [earlier, later] as const,
  })),
);

/** Two NIK causes (15 and a lookup outcome) cannot be in one request: one NIK. */
const combinable = ({ causes }: (typeof pairs)[number]) =>
  !(causes[0].code === "15" && checkOf(causes[1].code) === checkOf("11"));

async function answerTo(causes: readonly Cause[], endpoint: "lookup" | "verify" | "family") {
  const account = causes.some((cause) => cause.kind === "registry") ? registry : shared;
  return withCauses(sim, account, causes, () =>
    sendRequest(sim, account, endpoint, requestFor(sim, account, causes)),
  );
}

describe("two failing checks", () => {
  it("has one representative cause per check of requestCheckOrder", () => {
    expect(representatives.map((cause) => checkOf(cause.code))).toEqual(
      requestCheckOrder.map((_, index) => index),
    );
  });

  it.each(pairs.filter(combinable))(
    "answers $earlier, not $later, when both causes are present",
    async ({ earlier, causes }) => {
      const answer = await answerTo(causes, "lookup");
      expect(answer.status).toBe(200);
      expect(answer.headers["x-sandbox-code"]).toBe(earlier);
    },
  );

  it("answers 10 for a wrong password from an unregistered address on every endpoint", async () => {
    for (const { endpoint } of ENDPOINTS) {
      const answer = await answerTo([CAUSES["03"], CAUSES["10"]], endpoint);
      expect(answer.headers["x-sandbox-code"]).toBe("10");
    }
  });

  it("answers 17 for an inactive user ID whose quota is used up", async () => {
    for (const { endpoint } of ENDPOINTS) {
      const answer = await answerTo([CAUSES["05"], CAUSES["17"]], endpoint);
      expect(answer.headers["x-sandbox-code"]).toBe("17");
    }
  });

  it("answers 05 for a malformed NIK once the quota is used up", async () => {
    for (const { endpoint } of ENDPOINTS) {
      const answer = await answerTo([CAUSES["05"], CAUSES["15"]], endpoint);
      expect(answer.headers["x-sandbox-code"]).toBe("05");
    }
  });

  it("answers 09 rather than 03 when the password is empty", async () => {
    const emptyPassword: Cause = {
      code: "09",
      description: "the password is empty",
      kind: "request",
      request: (request) => ({ ...request, password: "" }),
    };
    const answer = await answerTo([emptyPassword], "lookup");
    expect(answer.headers["x-sandbox-code"]).toBe("09");
  });
});

describe("every check failing at once", () => {
  it("answers each check in requestCheckOrder as the earlier causes are removed one by one", async () => {
    const causes = [...representatives];
    const account = registry;
    const seen: string[] = [];
    await withCauses(sim, account, causes, async () => {
      for (let i = 0; i < causes.length; i++) {
        // One NIK field: while the malformed NIK (15) is present it wins over the lookup cause.
        const present = causes.slice(i);
        const ordered = [
          ...present.filter((cause) => cause.code !== "15"),
          ...present.filter((cause) => cause.code === "15"),
        ];
        const request = requestFor(sim, account, ordered);
        const answer = await sendRequest(sim, account, "verify", request);
        seen.push(String(answer.headers["x-sandbox-code"]));
        await causes[i]?.undo?.(sim, account);
      }
    });
    expect(seen).toEqual(causes.map((cause) => cause.code));
  });
});

describe("quota", () => {
  it.each(responseCodes.map((r) => ({ code: r.code, consumes: r.consumesQuota })))(
    "counts a hit for $code exactly when the catalogue says it consumes quota ($consumes)",
    async ({ code, consumes }) => {
      const cause = CAUSES[code];
      const account = cause.kind === "registry" ? registry : shared;
      await withCauses(sim, account, [cause], async () => {
        const before = await hitsUsed(sim, account.userId);
        const request = requestFor(sim, account, [cause]);
        const answer = await sendRequest(sim, account, "lookup", request);
        expect(answer.headers["x-sandbox-code"]).toBe(code);
        expect((await hitsUsed(sim, account.userId)) - before).toBe(consumes ? 1 : 0);
      });
    },
  );

  it.each(responseCodes.map((r) => ({ code: r.code, consumes: r.consumesQuota })))(
    "counts a hit for Prefer: code=$code exactly when the catalogue says ($consumes)",
    async ({ code, consumes }) => {
      const before = await hitsUsed(sim, shared.userId);
      const found = requestFor(sim, shared, [CAUSES["01"]]);
      const answer = await sendRequest(sim, shared, "verify", found, { prefer: `code=${code}` });
      expect(answer.headers["x-sandbox-code"]).toBe(code);
      expect((await hitsUsed(sim, shared.userId)) - before).toBe(consumes ? 1 : 0);
    },
  );

  it("never grants more hits than the daily quota to concurrent requests", async () => {
    const account = await createAccount(sim, { user: { dailyQuota: 5 } });
    const found = requestFor(sim, account, [CAUSES["01"]]);
    // The first request verifies the password (scrypt); the rest race for the hits.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sendRequest(sim, account, "lookup", found)),
    );
    const codes = answers.map((answer) => answer.headers["x-sandbox-code"]);
    expect(codes.filter((code) => code === "01")).toHaveLength(5);
    expect(codes.filter((code) => code === "05")).toHaveLength(15);
    expect(await hitsUsed(sim, account.userId)).toBe(5);
  });

  it("reports the hits left in the journal and in quotaLimiter, unchanged by refusals", async () => {
    const account = await createAccount(sim, { user: { dailyQuota: 5 } });
    const send = async (causes: readonly Cause[]) => {
      const answer = await sendRequest(sim, account, "verify", requestFor(sim, account, causes));
      const quotaLimiter = (JSON.parse(answer.text) as { quotaLimiter?: number }).quotaLimiter;
      return { code: answer.headers["x-sandbox-code"], quotaLimiter };
    };
    expect(await send([CAUSES["01"]])).toEqual({ code: "01", quotaLimiter: 4 });
    expect(await send([CAUSES["03"]])).toEqual({ code: "03", quotaLimiter: undefined });
    expect(await send([CAUSES["04"]])).toEqual({ code: "04", quotaLimiter: 4 });
    expect(await send([CAUSES["15"]])).toEqual({ code: "15", quotaLimiter: 3 });
    expect(await send([CAUSES["13"]])).toEqual({ code: "13", quotaLimiter: 2 });
    expect(await send([CAUSES["11"]])).toEqual({ code: "11", quotaLimiter: 1 });
    expect(await send([CAUSES["14"]])).toEqual({ code: "14", quotaLimiter: 0 });
    expect(await send([CAUSES["12"]])).toEqual({ code: "05", quotaLimiter: 0 });

    // A failed login is journaled without a user ID: filter by institution.
    const journal = await readJournal(sim, { institution: account.institutionId });
    const rows = [...journal.entries].reverse();
    expect(rows.map((entry) => [entry.code, entry.hitsLeft])).toEqual([
      ["01", 4],
      ["03", null],
      ["04", 4],
      ["15", 3],
      ["13", 2],
      ["11", 1],
      ["14", 0],
      ["05", 0],
    ]);
  });

  it("does not count a refused request against a PoC user ID after a malformed NIK used the last hit", async () => {
    const account = await createAccount(sim, { user: { dailyQuota: 1 } });
    const malformed = requestFor(sim, account, [CAUSES["15"]]);
    const first = await sendRequest(sim, account, "lookup", malformed);
    expect(first.headers["x-sandbox-code"]).toBe("15");
    const second = await sendRequest(sim, account, "lookup", malformed);
    expect(second.headers["x-sandbox-code"]).toBe("05");
    expect(await hitsUsed(sim, account.userId)).toBe(1);
  });
});
