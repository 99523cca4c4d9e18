// Every catalogue row on every imitated endpoint, produced by a real cause and by
// `Prefer: code=NN`: exact texts, HTTP 200, envelope key order byte for byte.
import {
  type ResponseCode,
  requestCheckOrder,
  responseCodes,
  WEB_PORTAL_GRANT,
} from "@dukcapil-sandbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  type Account,
  adminOk,
  CAUSES,
  callImitated,
  createAccount,
  credentials,
  defaultAccount,
  ENDPOINTS,
  type Endpoint,
  envelopeTail,
  hitsUsed,
  lookupFailureText,
  magic,
  type RawAnswer,
  requestFor,
  row,
  sendRequest,
  startTestSimulator,
  verifyFailureRecord,
  withCauses,
} from "./imitated-fixtures.js";

const LARGE_QUOTA = 100_000;
const PROBLEM = /^application\/problem\+json/;

let sim: RunningSimulator;
let account: Account;
/** The account whose registration the registry causes change (and undo). */
let registry: Account;

beforeAll(async () => {
  sim = await startTestSimulator();
  account = defaultAccount(sim);
  // Hundreds of data outcomes below: lift the PoC quota of the shared user ID.
  await adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, {
    dailyQuota: LARGE_QUOTA,
  });
  registry = await createAccount(sim);
});
afterAll(() => sim.close());

const checkIndex = (code: ResponseCode) =>
  requestCheckOrder.findIndex((check) => check.failsWith.includes(code));

/** Codes answered after the user ID and password were accepted carry the user's remaining quota. */
const authenticated = (code: ResponseCode) => code === "01" || checkIndex(code) > checkIndex("03");

async function remainingHits(user: Account): Promise<number> {
  const view = (await adminOk(sim, "GET", `/sandbox/admin/users/${user.userId}`)) as {
    effectiveDailyQuota: number;
  };
  return view.effectiveDailyQuota - (await hitsUsed(sim, user.userId));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What every imitated answer shares: HTTP 200, JSON, the code in the diagnostic header. */
function expectImitated(answer: RawAnswer, code: ResponseCode): void {
  expect(answer.status).toBe(200);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.headers["x-sandbox-code"]).toBe(code);
}

/** The exact body of a code on an endpoint (`quotaLimiter`: the verify answer's, when expected). */
async function expectBody(
  answer: RawAnswer,
  endpoint: Endpoint,
  code: ResponseCode,
  user: Account,
  quota: "exact" | "optional" = "exact",
): Promise<void> {
  const rowOf = row(code);
  if (code !== "01") {
    if (endpoint !== "verify") {
      expect(answer.text).toBe(lookupFailureText(code));
      expect(rowOf.lookupText).not.toBeNull();
      return;
    }
    const prefix = `{"content":[${verifyFailureRecord(code)}`;
    expect(answer.text.startsWith(prefix)).toBe(true);
    const tail = answer.text.slice(prefix.length);
    if (quota === "optional") {
      expect(tail).toMatch(
        new RegExp(`^${escapeRegExp(envelopeTail(1).slice(0, -1))}(,"quotaLimiter":\\d+)?\\}$`),
      );
    } else if (authenticated(code)) {
      expect(tail).toBe(envelopeTail(1, await remainingHits(user)));
    } else {
      expect(tail).toBe(envelopeTail(1));
    }
    return;
  }
  if (endpoint === "verify") {
    expect(answer.text).toMatch(
      new RegExp(
        `^\\{"content":\\[\\{"NIK":"Sesuai","NAMA_LGKP":"Tidak Sesuai \\(\\d{1,2}\\)"\\}${escapeRegExp(envelopeTail(1, await remainingHits(user)))}$`,
      ),
    );
    expect(answer.text).not.toContain("RESPONSE_CODE");
    return;
  }
  // lookup and family of the found resident (who lives alone): one record of the grant.
  expect(answer.text.startsWith('{"content":[{"NO_KK":')).toBe(true);
  expect(answer.text.endsWith(envelopeTail(1))).toBe(true);
  const body = JSON.parse(answer.text) as { content: Record<string, unknown>[] };
  expect(Object.keys(body.content[0] ?? {})).toEqual([...WEB_PORTAL_GRANT]);
  expect(answer.text).not.toContain("RESPON");
}

describe("the causes of the catalogue", () => {
  it("has a real cause for every code of the catalogue", () => {
    expect(Object.keys(CAUSES).sort()).toEqual(responseCodes.map((r) => r.code).sort());
  });
});

describe.each(responseCodes.map((r) => ({ code: r.code, outcome: r.outcome })))(
  "code $code ($outcome)",
  ({ code }) => {
    const cause = CAUSES[code];
    it.each(ENDPOINTS)(`answers it on $method when ${cause.description}`, async ({ endpoint }) => {
      const user = cause.kind === "registry" ? registry : account;
      await withCauses(sim, user, [cause], async () => {
        const answer = await sendRequest(sim, user, endpoint, requestFor(sim, user, [cause]));
        expectImitated(answer, code);
        await expectBody(answer, endpoint, code, user);
      });
    });
  },
);

describe("outcomes with a second cause", () => {
  it("answers 07 when the NIK is missing, blank or null", async () => {
    for (const body of [
      { ...credentials(account) },
      { nik: "", ...credentials(account) },
      { nik: "   ", NIK: "", ...credentials(account) },
      { nik: null, ...credentials(account) },
      [{ nik: magic(sim, "found"), ...credentials(account) }],
      "",
    ]) {
      for (const { method } of ENDPOINTS) {
        const answer = await callImitated(sim, account.path, method, body);
        expectImitated(answer, "07");
      }
    }
  });

  it("answers 09 when the password or ip_user is empty or missing", async () => {
    const { password: _password, ...withoutPassword } = credentials(account);
    const { ip_user: _ipUser, ...withoutIp } = credentials(account);
    for (const body of [
      { ...credentials(account), password: "" },
      { ...credentials(account), ip_user: " " },
      withoutPassword,
      withoutIp,
    ]) {
      const answer = await callImitated(sim, account.path, "CALL_NIK", {
        nik: magic(sim, "found"),
        ...body,
      });
      expectImitated(answer, "09");
      expect(answer.text).toBe(lookupFailureText("09"));
    }
  });

  it("answers 03 for an unknown user ID and for a user ID of another institution", async () => {
    const other = registry;
    for (const body of [
      { ...credentials(account), user_id: "tidak.terdaftar" },
      { ...credentials(other) },
    ]) {
      const answer = await callImitated(sim, account.path, "CALL_NIK", {
        nik: magic(sim, "found"),
        ...body,
      });
      expectImitated(answer, "03");
      expect(answer.text).toBe(lookupFailureText("03"));
    }
  });

  it("answers 05 once a PoC user ID has used its 200 hits of the day", async () => {
    const poc = await createAccount(sim);
    const body = { nik: magic(sim, "not-found"), ...credentials(poc) };
    for (let i = 0; i < 200; i++) {
      const answer = await callImitated(sim, poc.path, "CALL_NIK", body);
      expect(answer.headers["x-sandbox-code"]).toBe("13");
    }
    const refused = await callImitated(sim, poc.path, "CALL_NIK", body);
    expectImitated(refused, "05");
    expect(refused.text).toBe(lookupFailureText("05"));
  });
});

describe("Prefer: code=NN", () => {
  describe.each(responseCodes.map((r) => ({ code: r.code, outcome: r.outcome })))(
    "code $code ($outcome)",
    ({ code }) => {
      it.each(ENDPOINTS)("forces it on $method for the found resident", async ({ endpoint }) => {
        const answer = await sendRequest(
          sim,
          account,
          endpoint,
          requestFor(sim, account, [CAUSES["01"]]),
          { prefer: `code=${code}` },
        );
        expectImitated(answer, code);
        await expectBody(answer, endpoint, code, account, "optional");
      });
    },
  );

  it("reads the code among other preferences and quoted", async () => {
    for (const prefer of ['code="11"', "respond-async, code=11", "wait=5; code=11"]) {
      const answer = await sendRequest(
        sim,
        account,
        "lookup",
        requestFor(sim, account, [CAUSES["01"]]),
        { prefer },
      );
      expectImitated(answer, "11");
    }
  });

  it("answers 400 problem+json DKS_SIM_PREFER_INVALID for a value that is not a catalogue code", async () => {
    const before = await hitsUsed(sim, account.userId);
    for (const value of ["02", "08", "99", "5", "1", "abc", "", "code=01, code=13"]) {
      for (const { endpoint } of ENDPOINTS) {
        const answer = await sendRequest(
          sim,
          account,
          endpoint,
          requestFor(sim, account, [CAUSES["01"]]),
          { prefer: value.startsWith("code=") ? value : `code=${value}` },
        );
        expect(answer.status).toBe(400);
        expect(answer.headers["content-type"]).toMatch(PROBLEM);
        expect(JSON.parse(answer.text)).toMatchObject({
          code: "DKS_SIM_PREFER_INVALID",
          status: 400,
        });
        expect(answer.text).not.toContain("RESPON");
      }
    }
    expect(await hitsUsed(sim, account.userId)).toBe(before);
  });

  it("answers 13 instead of a record when 01 is forced for a NIK in no population", async () => {
    const answer = await sendRequest(
      sim,
      account,
      "lookup",
      requestFor(sim, account, [CAUSES["13"]]),
      { prefer: "code=01" },
    );
    expectImitated(answer, "13");
    expect(answer.text).toBe(lookupFailureText("13"));
  });
});
