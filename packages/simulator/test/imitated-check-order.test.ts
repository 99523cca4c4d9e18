// Check order (wire-format.md, Decisions §3, core's `requestCheckOrder`): a request that
// fails two checks answers the earlier one; and which outcomes cost a hit (Decisions §5,
// the catalogue's `consumesQuota`).
import { type ResponseCode, requestCheckOrder, responseCodes } from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  accountFor,
  adminOk,
  arrangeCauses,
  CAUSES,
  type Cause,
  createAccount,
  defaultAccount,
  ENDPOINTS,
  hitsUsed,
  magic,
  readJournal,
  requestFor,
  sendRequest,
  startTestSimulator,
} from "./imitated-fixtures.js";

let sim: RunningSimulator;
let shared: Account;

beforeAll(async () => {
  sim = await startTestSimulator();
  shared = defaultAccount(sim);
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${shared.userId}`, { dailyQuota: 100_000 });
});
afterAll(() => sim.close());

const checkOf = (code: ResponseCode) =>
  requestCheckOrder.findIndex((check) => check.failsWith.includes(code));

/** One cause per check, the first code of the check that is not "found", in check order. */
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
  const registry = causes.some((cause) => cause.kind === "registry");
  const account = registry ? await accountFor(sim, causes) : shared;
  await arrangeCauses(sim, account, causes);
  return sendRequest(sim, account, endpoint, requestFor(sim, account, causes));
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
    const request = { ...requestFor(sim, shared, []), password: "" };
    const answer = await sendRequest(sim, shared, "lookup", request as never);
    expect(answer.headers["x-sandbox-code"]).toBe("09");
  });
});

describe("every check failing at once", () => {
  it("answers each check in requestCheckOrder as the earlier causes are removed one by one", async () => {
    const causes = [...representatives];
    const account = await accountFor(sim, causes);
    await arrangeCauses(sim, account, causes);
    const seen: string[] = [];
    // NIK causes share one field: the malformed NIK goes first, the lookup outcome after.
    const nikCauses = causes.filter((cause) => cause.code === "15" || checkOf(cause.code) === 9);
    for (let i = 0; i < causes.length; i++) {
      const present = causes.slice(i).filter((cause) => {
        if (!nikCauses.includes(cause)) return true;
        return nikCauses.find((nik) => causes.slice(i).includes(nik)) === cause;
      });
      const answer = await sendRequest(sim, account, "verify", requestFor(sim, account, present));
      seen.push(String(answer.headers["x-sandbox-code"]));
      await causes[i]?.undo?.(sim, account);
    }
    expect(seen).toEqual(causes.map((cause) => cause.code));
  });
});

describe("quota", () => {
  it.each(responseCodes.map((r) => ({ code: r.code, consumes: r.consumesQuota })))(
    "counts a hit for $code exactly when the catalogue says it consumes quota ($consumes)",
    async ({ code, consumes }) => {
      const cause = CAUSES[code];
      const account = await accountFor(sim, [cause]);
      await arrangeCauses(sim, account, [cause]);
      const before = await hitsUsed(sim, account.userId);
      const answer = await sendRequest(sim, account, "lookup", requestFor(sim, account, [cause]));
      expect(answer.headers["x-sandbox-code"]).toBe(code);
      expect((await hitsUsed(sim, account.userId)) - before).toBe(consumes ? 1 : 0);
    },
  );

  it("reports the hits left in the journal and in quotaLimiter, unchanged by refusals", async () => {
    const account = await createAccount(sim, { user: { dailyQuota: 5 } });
    const found = requestFor(sim, account, [CAUSES["01"]]);
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
    expect(typeof found).toBe("object");

    const journal = await readJournal(sim, { user: account.userId });
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
    const malformed = { ...requestFor(sim, account, []), nik: magic(sim, "malformed-nik") };
    const first = await sendRequest(sim, account, "lookup", malformed as never);
    expect(first.headers["x-sandbox-code"]).toBe("15");
    const second = await sendRequest(sim, account, "lookup", malformed as never);
    expect(second.headers["x-sandbox-code"]).toBe("05");
    expect(await hitsUsed(sim, account.userId)).toBe(1);
  });
});
