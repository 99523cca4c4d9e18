// Shared fixtures of the imitated-endpoint tests (not a test file itself).
import { type Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import {
  jakartaDay,
  type ResponseCode,
  type ResponseCodeRow,
  responseCodeRow,
} from "@dukcapil-sandbox/core";
import type { MagicNik } from "../src/population/types.js";
import { type RunningSimulator, startSimulator } from "../src/server.js";
import { OFFICER } from "./state-fixtures.js";

export const ADMIN_TOKEN = "test-admin-token-123456";
export const ADMIN_AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` } as const;

/** 09:00 WIB on Monday 2 March 2026: every imitated test runs on a frozen clock. */
export const CLOCK_START = "2026-03-02T09:00:00+07:00";
export const CLOCK_START_MS = Date.parse(CLOCK_START);

/** The loopback addresses a test request connects from. */
export const LOOPBACK = ["127.0.0.1", "::1", "::ffff:127.0.0.1"] as const;

/** Starts a small simulator on port 0 with a frozen clock (close it in afterAll/afterEach). */
export function startTestSimulator(
  config: Record<string, unknown> = {},
): Promise<RunningSimulator> {
  return startSimulator({
    population: 10_000,
    seed: "test",
    adminToken: ADMIN_TOKEN,
    clockStartAt: CLOCK_START,
    clockFrozen: true,
    ...config,
  });
}

/** An HTTP answer as it came over the wire. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body text, byte for byte (UTF-8). */
  readonly text: string;
}

/**
 * Sends one request with node:http and nothing added: no default Content-Type, no
 * Accept, a fresh connection (`agent: false`) unless an agent is given (keep-alive, many
 * sockets: a burst really runs over many connections), so headers are exactly as given.
 * Rejects on a socket error or a response cut short: no complete HTTP answer arrived.
 */
export function send(
  baseUrl: string,
  options: {
    readonly method?: string;
    readonly path: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly agent?: Agent;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(options.path, baseUrl);
    const body = options.body === undefined ? undefined : Buffer.from(options.body, "utf8");
    const req = httpRequest(
      url,
      {
        method: options.method ?? "POST",
        agent: options.agent ?? false,
        headers: {
          ...(body === undefined ? {} : { "content-length": String(body.length) }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (!res.complete) {
            reject(new Error("incomplete response"));
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
        res.on("error", reject);
        res.on("aborted", () => reject(new Error("response aborted")));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The three imitated endpoints and the METHOD the typed client calls each with. */
export const ENDPOINTS = [
  { endpoint: "lookup", method: "CALL_NIK" },
  { endpoint: "verify", method: "CALL_VERIFY_BY_ELEMEN" },
  { endpoint: "family", method: "CALL_NIK_GET_KK" },
] as const;
export type Endpoint = (typeof ENDPOINTS)[number]["endpoint"];

/** One institution path + user ID with its credentials. */
export interface Account {
  readonly institutionId: string;
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
}

/** The seeded PoC institution and user of a simulator. */
export function defaultAccount(sim: RunningSimulator): Account {
  const defaults = sim.runtime.defaults;
  if (defaults === null || defaults.password === null) throw new Error("no seeded defaults");
  return {
    institutionId: defaults.institution.id,
    path: defaults.institution.path,
    userId: defaults.user.userId,
    password: defaults.password,
    ipUser: defaults.user.ipUser,
  };
}

/** The request keys most clients send (`nik`, `user_id`, `password`, `ip_user`). */
export function credentials(account: Account): Record<string, string> {
  return { user_id: account.userId, password: account.password, ip_user: account.ipUser };
}

/** A JSON request to the admin API or the sandbox controls, with the admin token. */
export async function admin(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawAnswer & { readonly json: unknown }> {
  const answer = await send(sim.url, {
    method,
    path,
    headers: {
      ...ADMIN_AUTH,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = answer.text === "" ? null : JSON.parse(answer.text);
  return { ...answer, json };
}

/** Like {@link admin}, but fails the test unless the status is 2xx. */
export async function adminOk(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const answer = await admin(sim, method, path, body);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
  }
  return answer.json;
}

let accountCounter = 0;

/**
 * Registers a fresh institution (loopback allowlist, PoC stage, pattern policy `record`)
 * and one user ID through the admin API. `institution` and `user` override body fields.
 */
export async function createAccount(
  sim: RunningSimulator,
  options: {
    readonly institution?: Readonly<Record<string, unknown>>;
    readonly user?: Readonly<Record<string, unknown>>;
  } = {},
): Promise<Account> {
  accountCounter += 1;
  const id = `inst-${accountCounter}`;
  const institution = (await adminOk(sim, "POST", "/sandbox/admin/institutions", {
    id,
    name: `Instansi uji ${accountCounter}`,
    path: `INSTANSI_${accountCounter}`,
    allowlist: [...LOOPBACK],
    stage: "poc",
    patternPolicy: "record",
    ...options.institution,
  })) as { id: string; path: string };
  const userId = `${id}.operator`;
  const password = "rahasia-sandbox-1";
  const ipUser = "10.32.4.15";
  await adminOk(sim, "POST", `/sandbox/admin/institutions/${institution.id}/users`, {
    userId,
    password,
    ipUser,
    officer: { ...OFFICER },
    ...options.user,
  });
  return { institutionId: institution.id, path: institution.path, userId, password, ipUser };
}

/** POSTs a JSON body (or a raw text) to `/dukcapil/get_json/<path>/<method>`. */
export function callImitated(
  sim: RunningSimulator,
  path: string,
  method: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawAnswer> {
  return send(sim.url, {
    path: `/dukcapil/get_json/${path}/${method}`,
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The magic NIK of a kind (found, deceased, …, big-nik, family). */
export function magic(sim: RunningSimulator, kind: MagicNik["kind"]): string {
  const row = sim.runtime.population.magic.find((m) => m.kind === kind);
  if (row === undefined) throw new Error(`no magic NIK of kind ${kind}`);
  return row.nik;
}

/** The catalogue row of a code (fails the test for an unknown code). */
export function row(code: ResponseCode): ResponseCodeRow {
  const found = responseCodeRow(code);
  if (found === undefined) throw new Error(`no catalogue row ${code}`);
  return found;
}

/**
 * The exact text of a page envelope around already-serialised records (wire-format.md
 * §2.1, §2.3): keys in the upstream order, `quotaLimiter` appended after `size`.
 */
export function envelopeText(records: string, count: number, quotaLimiter?: number): string {
  const quota = quotaLimiter === undefined ? "" : `,"quotaLimiter":${quotaLimiter}`;
  return `{"content":[${records}],"lastPage":true,"numberOfElements":${count},"sort":null,"totalElements":${count},"firstPage":true,"number":0,"size":${count}${quota}}`;
}

/** The text of the envelope after the records. */
export function envelopeTail(count: number, quotaLimiter?: number): string {
  const quota = quotaLimiter === undefined ? "" : `,"quotaLimiter":${quotaLimiter}`;
  return `],"lastPage":true,"numberOfElements":${count},"sort":null,"totalElements":${count},"firstPage":true,"number":0,"size":${count}${quota}}`;
}

/** The exact lookup (and family) failure text of a code: `{ RESPON }` only. */
export function lookupFailureText(code: ResponseCode, text = row(code).lookupText): string {
  return envelopeText(JSON.stringify({ RESPON: text }), 1);
}

/** The verify failure record of a code: RESPONSE_CODE, RESPONSE, RESPONSE_DESC, RESPON, in that order. */
export function verifyFailureRecord(code: ResponseCode, text = row(code).verifyText): string {
  return JSON.stringify({ RESPONSE_CODE: code, RESPONSE: text, RESPONSE_DESC: text, RESPON: text });
}

/** The Jakarta day of the simulator's clock. */
export function today(sim: RunningSimulator): string {
  return jakartaDay(sim.runtime.clock.now());
}

/** Hits the user ID has used today, read from the quota counters. */
export function hitsUsed(sim: RunningSimulator, userId: string): Promise<number> {
  return sim.runtime.store.quota.peek(userId, today(sim));
}

/** A JSON journal page as `GET /sandbox/journal` returns it. */
export interface JournalPage {
  readonly total: number;
  readonly byCode: Record<string, number>;
  readonly entries: readonly {
    readonly id: number;
    readonly at: number;
    readonly remoteAddress: string;
    readonly path: string;
    readonly httpMethod: string;
    readonly endpoint: string;
    readonly institutionId: string | null;
    readonly userId: string | null;
    readonly nik: string | null;
    readonly code: string | null;
    readonly httpStatus: number;
    readonly hitsLeft: number | null;
    readonly latencyMs: number;
    readonly findings: readonly string[];
    readonly note: string | null;
  }[];
}

/** Reads the journal through `GET /sandbox/journal?<query>`. */
export async function readJournal(
  sim: RunningSimulator,
  query: Readonly<Record<string, string>> = {},
): Promise<JournalPage> {
  const search = new URLSearchParams(query).toString();
  return (await adminOk(
    sim,
    "GET",
    `/sandbox/journal${search === "" ? "" : `?${search}`}`,
  )) as JournalPage;
}

/** A request before it is written in an endpoint's key spelling. */
export interface LogicalRequest {
  readonly nik: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
}

/** The name the verify requests of the fixtures send (scored, never equal to a resident's). */
export const VERIFY_NAME_SENT = "NAMA UJI SANDBOX";

/**
 * A request body as the clients of each endpoint write it: lookup and family with the
 * lower-case keys of most PHP clients, verify with the upper-case keys of BPS and a
 * `TRESHOLD` and one element.
 */
export function renderBody(endpoint: Endpoint, request: LogicalRequest): Record<string, unknown> {
  if (endpoint === "verify") {
    return {
      NIK: request.nik,
      USER_ID: request.userId,
      PASSWORD: request.password,
      IP_USER: request.ipUser,
      TRESHOLD: "80",
      NAMA_LGKP: VERIFY_NAME_SENT,
    };
  }
  return {
    nik: request.nik,
    user_id: request.userId,
    password: request.password,
    ip_user: request.ipUser,
  };
}

/** Something wrong with a request or its registration that makes the upstream answer one code. */
export interface Cause {
  readonly code: ResponseCode;
  /** How the test names it: "answers 03 when …". */
  readonly description: string;
  /** Whether it changes the registry (needs a fresh account) or only the request. */
  readonly kind: "registry" | "request";
  /** Changes the registry (or uses hits up); runs in the order of {@link arrangeOrder}. */
  readonly arrange?: (sim: RunningSimulator, account: Account) => Promise<void>;
  /** Undoes `arrange` (the quota cause also forgets the day's hits). */
  readonly undo?: (sim: RunningSimulator, account: Account) => Promise<void>;
  /** Changes the request: a new logical request, or a raw body text. */
  readonly request?: (request: LogicalRequest, sim: RunningSimulator) => LogicalRequest | string;
}

/** The permitted access hours that exclude the frozen clock's 09:00 WIB. */
export const CLOSED_ACCESS_HOURS = { from: "13:00", to: "14:00" } as const;
/** An allowlist the loopback test client is not in. */
export const FOREIGN_ALLOWLIST = ["10.0.0.0/8"] as const;

const patchInstitution =
  (patch: Readonly<Record<string, unknown>>) => async (sim: RunningSimulator, account: Account) => {
    await adminOk(sim, "PATCH", `/sandbox/admin/institutions/${account.institutionId}`, patch);
  };
const patchUser =
  (patch: Readonly<Record<string, unknown>>) => async (sim: RunningSimulator, account: Account) => {
    await adminOk(sim, "PATCH", `/sandbox/admin/users/${account.userId}`, patch);
  };
const withNik =
  (kind: MagicNik["kind"]) =>
  (request: LogicalRequest, sim: RunningSimulator): LogicalRequest => ({
    ...request,
    nik: magic(sim, kind),
  });

/**
 * A real cause of every code of the catalogue (the test of the causes fails when a code
 * is added to the catalogue without one here).
 */
export const CAUSES: Readonly<Record<ResponseCode, Cause>> = {
  "01": {
    code: "01",
    description: "the NIK is the magic found resident",
    kind: "request",
    request: withNik("found"),
  },
  "03": {
    code: "03",
    description: "the password is wrong",
    kind: "request",
    request: (request) => ({ ...request, password: "salah-sandbox-9" }),
  },
  "04": {
    code: "04",
    description: "ip_user differs from the address registered for the user ID",
    kind: "request",
    request: (request) => ({ ...request, ipUser: "10.99.99.99" }),
  },
  "05": {
    code: "05",
    description: "the user ID's daily quota of 1 is used up",
    kind: "registry",
    arrange: async (sim, account) => {
      await patchUser({ dailyQuota: 1 })(sim, account);
      const answer = await callImitated(sim, account.path, "CALL_NIK", {
        nik: magic(sim, "found"),
        ...credentials(account),
      });
      if (answer.headers["x-sandbox-code"] !== "01") throw new Error(`arrange 05: ${answer.text}`);
    },
    undo: async (sim, account) => {
      await patchUser({ dailyQuota: null })(sim, account);
      await sim.runtime.store.quota.reset(account.userId);
    },
  },
  "06": {
    code: "06",
    description: "the request comes outside the institution's access hours",
    kind: "registry",
    arrange: patchInstitution({ accessHours: CLOSED_ACCESS_HOURS }),
    undo: patchInstitution({ accessHours: null }),
  },
  "07": {
    code: "07",
    description: "the body is not JSON",
    kind: "request",
    request: () => '{"nik": "3319041307949001", user_id',
  },
  "09": {
    code: "09",
    description: "the user ID is empty",
    kind: "request",
    request: (request) => ({ ...request, userId: "" }),
  },
  "10": {
    code: "10",
    description: "the connecting address is not in the institution's allowlist",
    kind: "registry",
    arrange: patchInstitution({ allowlist: FOREIGN_ALLOWLIST }),
    undo: patchInstitution({ allowlist: LOOPBACK }),
  },
  "11": {
    code: "11",
    description: "the NIK is the magic deceased resident",
    kind: "request",
    request: withNik("deceased"),
  },
  "12": {
    code: "12",
    description: "the NIK is the magic duplicate record",
    kind: "request",
    request: withNik("duplicate"),
  },
  "13": {
    code: "13",
    description: "the NIK is the magic NIK that is in no population",
    kind: "request",
    request: withNik("not-found"),
  },
  "14": {
    code: "14",
    description: "the NIK is the magic inactive record",
    kind: "request",
    request: withNik("inactive"),
  },
  "15": {
    code: "15",
    description: "the NIK is malformed (born 31 February)",
    kind: "request",
    request: withNik("malformed-nik"),
  },
  "16": {
    code: "16",
    description: "the institution is inactive",
    kind: "registry",
    arrange: patchInstitution({ status: "inactive" }),
    undo: patchInstitution({ status: "active" }),
  },
  "17": {
    code: "17",
    description: "the user ID is inactive",
    kind: "registry",
    arrange: patchUser({ status: "inactive" }),
    undo: patchUser({ status: "active" }),
  },
};

/** Arranges the causes: the quota is used up first (that needs an answering account), then the rest. */
export async function arrangeCauses(
  sim: RunningSimulator,
  account: Account,
  causes: readonly Cause[],
): Promise<void> {
  const ordered = [...causes].sort((a, b) => Number(b.code === "05") - Number(a.code === "05"));
  for (const cause of ordered) await cause.arrange?.(sim, account);
}

/**
 * Runs `test` with the causes arranged on `account`, then undoes them (also when the
 * test fails), so one registered account serves many tests.
 */
export async function withCauses<T>(
  sim: RunningSimulator,
  account: Account,
  causes: readonly Cause[],
  test: () => Promise<T>,
): Promise<T> {
  try {
    await arrangeCauses(sim, account, causes);
    return await test();
  } finally {
    for (const cause of causes) await cause.undo?.(sim, account);
  }
}

/** The logical request the causes produce from a clean one (a raw text when a cause makes one). */
export function requestFor(
  sim: RunningSimulator,
  account: Account,
  causes: readonly Cause[],
): LogicalRequest | string {
  let request: LogicalRequest | string = {
    nik: magic(sim, "found"),
    userId: account.userId,
    password: account.password,
    ipUser: account.ipUser,
  };
  for (const cause of causes) {
    if (cause.request === undefined) continue;
    request = typeof request === "string" ? request : cause.request(request, sim);
  }
  return request;
}

/** Sends a logical request (or raw text) to an endpoint of the account's institution. */
export function sendRequest(
  sim: RunningSimulator,
  account: Account,
  endpoint: Endpoint,
  request: LogicalRequest | string,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawAnswer> {
  const method = ENDPOINTS.find((e) => e.endpoint === endpoint)?.method ?? "CALL_NIK";
  return callImitated(
    sim,
    account.path,
    method,
    typeof request === "string" ? request : renderBody(endpoint, request),
    headers,
  );
}
