// Concurrency (issue 7): bursts of concurrent lookups over real HTTP against the daily
// quota, and bursts of concurrent admin changes with lookups; afterwards the answers, the
// journal, the quota counters, the admin API and the database file all agree.
import { Agent } from "node:http";
import { join } from "node:path";
import {
  jakartaDay,
  responseCodes,
  type TokenRecord,
  tokenRecordSchema,
} from "@dukcapil-sandbox/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import type { Institution, TokenView, UserAccount } from "../src/state/types.js";
import {
  inspectDatabaseFile,
  lookupVia,
  readDatabaseFile,
  seededRandom,
  sendVia,
  shuffled,
} from "./concurrency-fixtures.js";
import {
  type Account,
  ADMIN_AUTH,
  adminOk,
  CLOCK_START_MS,
  createAccount,
  hitsUsed,
  lookupFailureText,
  type RawAnswer,
  readJournal,
  startTestSimulator,
} from "./imitated-fixtures.js";
import { OFFICER, tempDir } from "./state-fixtures.js";

/** The codes that answer with data and use one hit (01, 11–15), from core's catalogue. */
const HIT_CODES = new Set<string>(
  responseCodes.filter((row) => row.consumesQuota).map((row) => row.code),
);
/** The exact lookup answer of an exhausted quota (catalogue code 05). */
const QUOTA_EXHAUSTED = lookupFailureText("05");
const DAY = jakartaDay(CLOCK_START_MS);
const BURST = 1000;
const POC_QUOTA = 200;

/** `count` distinct NIKs of the population, from resident `from` on. */
function residentNiks(sim: RunningSimulator, from: number, count: number): string[] {
  const niks = new Set<string>();
  for (let index = from; niks.size < count; index += 1) {
    niks.add(sim.runtime.population.residentAt(index).nik);
  }
  return [...niks];
}

/** A keep-alive agent with many sockets: a burst really runs over many connections. */
function manySockets(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 128 });
}

const afterEachCleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of afterEachCleanups.splice(0)) cleanup();
});

/** Counts the connections a simulator accepts from now on (until the test ends). */
function countConnections(sim: RunningSimulator): { readonly count: () => number } {
  let count = 0;
  const onConnection = () => {
    count += 1;
  };
  sim.server.on("connection", onConnection);
  afterEachCleanups.push(() => sim.server.off("connection", onConnection));
  return { count: () => count };
}

interface Sent {
  readonly account: Account;
  readonly nik: string;
  readonly answer: RawAnswer;
}

/** Fires every lookup at once through `agent` and returns the answers in request order. */
async function burst(
  sim: RunningSimulator,
  agent: Agent,
  requests: readonly { readonly account: Account; readonly nik: string }[],
): Promise<Sent[]> {
  const answers = await Promise.all(
    requests.map((request) => lookupVia(agent, sim.url, request.account, request.nik)),
  );
  return answers.map((answer, i) => ({ ...(requests[i] as (typeof requests)[number]), answer }));
}

/**
 * Checks one user ID's answers of a burst against the journal and the quota counter:
 * exactly `served` data answers (each a distinct hit, hits left `limit-1 … 0`), the rest
 * the catalogue's quota-exhausted text; one journal row per answer with its code and NIK.
 */
async function expectUserBurst(
  sim: RunningSimulator,
  sent: readonly Sent[],
  expected: { readonly served: number; readonly limit: number | null },
): Promise<void> {
  const userId = sent[0]?.account.userId ?? "";
  expect(sent.every((s) => s.account.userId === userId)).toBe(true);
  for (const { answer } of sent) expect(answer.status).toBe(200);
  const served = sent.filter((s) => HIT_CODES.has(String(s.answer.headers["x-sandbox-code"])));
  const refused = sent.filter((s) => s.answer.headers["x-sandbox-code"] === "05");
  expect(served).toHaveLength(expected.served);
  expect(refused).toHaveLength(sent.length - expected.served);
  for (const { answer } of refused) expect(answer.text).toBe(QUOTA_EXHAUSTED);
  for (const { answer } of served) expect(answer.text).not.toBe(QUOTA_EXHAUSTED);

  const journal = await readJournal(sim, { user: userId, limit: "1000" });
  expect(journal.total).toBe(sent.length);
  expect(journal.byCode["05"] ?? 0).toBe(refused.length);
  const rows = new Map(journal.entries.map((entry) => [entry.id, entry]));
  const journalIds = sent.map((s) => Number(s.answer.headers["x-sandbox-journal-id"]));
  expect(new Set(journalIds).size).toBe(sent.length);
  for (const [i, { answer, nik }] of sent.entries()) {
    const entry = rows.get(journalIds[i] as number);
    expect(entry?.code).toBe(answer.headers["x-sandbox-code"]);
    expect(entry?.nik).toBe(nik);
  }
  // Every granted hit saw its own counter value: no hit was granted twice.
  const hitsLeft = served
    .map((s) => rows.get(Number(s.answer.headers["x-sandbox-journal-id"]))?.hitsLeft ?? null)
    .sort((a, b) => (a ?? 0) - (b ?? 0));
  const { limit } = expected;
  expect(hitsLeft).toEqual(
    limit === null
      ? served.map(() => null)
      : Array.from({ length: expected.served }, (_, i) => limit - expected.served + i),
  );
  expect(await hitsUsed(sim, userId)).toBe(expected.served);
}

/** The usage report's hit total of an institution (journal rows that counted a hit). */
async function reportedHits(sim: RunningSimulator, institutionId: string): Promise<number> {
  const report = (await adminOk(
    sim,
    "GET",
    `/sandbox/admin/reports/usage?semester=2026-1&institution=${institutionId}`,
  )) as { institutions: { totals: { hits: number } }[] };
  return report.institutions[0]?.totals.hits ?? -1;
}

describe.each(["memory", "file"] as const)("%s state: 1,000 concurrent lookups", (kind) => {
  let sim: RunningSimulator | undefined;
  let agent: Agent | undefined;
  const temp = tempDir();
  const file = join(temp.dir, "concurrency.db");
  const simulator = () => sim as RunningSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator(kind === "file" ? { db: file } : {});
  });
  afterEach(() => {
    agent?.destroy();
    agent = undefined;
  });
  afterAll(async () => {
    await sim?.close();
    temp.cleanup();
  });

  /** The file's integrity, and every quota counter equal to its journal rows. */
  function expectFileConsistent(): void {
    if (kind !== "file") return;
    const inspection = inspectDatabaseFile(file);
    expect(inspection.integrity).toEqual(["ok"]);
    expect(inspection.foreignKeyViolations).toBe(0);
    expect(inspection.counters).toEqual(inspection.journaledHits);
  }

  it("by one user ID of a PoC institution (quota 200): exactly 200 served, 800 refused with the catalogue's text", async () => {
    const sim = simulator();
    const account = await createAccount(sim);
    const view = (await adminOk(sim, "GET", `/sandbox/admin/users/${account.userId}`)) as {
      effectiveDailyQuota: number | null;
    };
    expect(view.effectiveDailyQuota).toBe(POC_QUOTA);
    agent = manySockets();
    const connections = countConnections(sim);
    const sent = await burst(
      sim,
      agent,
      residentNiks(sim, 0, BURST).map((nik) => ({ account, nik })),
    );
    // The burst ran over many connections at once (the agent opens up to 128).
    expect(connections.count()).toBeGreaterThanOrEqual(100);
    await expectUserBurst(sim, sent, { served: POC_QUOTA, limit: POC_QUOTA });
    expect(await reportedHits(sim, account.institutionId)).toBe(POC_QUOTA);
    expectFileConsistent();
  });

  it("by two user IDs of one PoC institution: the quota is per user ID, 200 each", async () => {
    const sim = simulator();
    const first = await createAccount(sim);
    const second: Account = { ...first, userId: `${first.institutionId}.second` };
    await adminOk(sim, "POST", `/sandbox/admin/institutions/${first.institutionId}/users`, {
      userId: second.userId,
      password: second.password,
      ipUser: second.ipUser,
      officer: { ...OFFICER },
    });
    agent = manySockets();
    const sent = await burst(
      sim,
      agent,
      residentNiks(sim, 1000, BURST).map((nik, i) => ({
        account: i % 2 === 0 ? first : second,
        nik,
      })),
    );
    for (const account of [first, second]) {
      await expectUserBurst(
        sim,
        sent.filter((s) => s.account === account),
        { served: POC_QUOTA, limit: POC_QUOTA },
      );
    }
    expect(await reportedHits(sim, first.institutionId)).toBe(2 * POC_QUOTA);
    expectFileConsistent();
  });

  it("by one user ID of a production institution: the quota is lifted, all 1,000 served and counted", async () => {
    const sim = simulator();
    const account = await createAccount(sim, { institution: { stage: "production" } });
    agent = manySockets();
    const sent = await burst(
      sim,
      agent,
      residentNiks(sim, 2000, BURST).map((nik) => ({ account, nik })),
    );
    await expectUserBurst(sim, sent, { served: BURST, limit: null });
    expect(await reportedHits(sim, account.institutionId)).toBe(BURST);
    expectFileConsistent();
  });
});

/** One admin or lookup request of the mixed burst, and what it may answer. */
interface Operation {
  readonly kind: string;
  readonly send: () => Promise<RawAnswer>;
  /** Statuses this request may answer (a 5xx never is). */
  readonly allowed: readonly number[];
  readonly tag?: string;
  /**
   * Requests contesting one thing (a user ID created twice, one token, one application's
   * token) are sent next to each other, so that their handlers overlap in the server.
   */
  readonly contest?: string;
}

/** The burst's order: shuffled, with the requests of one contest kept together. */
function burstOrder(operations: readonly Operation[], random: () => number): Operation[] {
  const groups = new Map<string, Operation[]>();
  for (const [i, operation] of operations.entries()) {
    const key = operation.contest ?? `single ${i}`;
    groups.set(key, [...(groups.get(key) ?? []), operation]);
  }
  return shuffled([...groups.values()], random).flatMap((group) => shuffled(group, random));
}

describe("concurrent admin changes with lookups (database file)", () => {
  let sim: RunningSimulator | undefined;
  let agent: Agent | undefined;
  const temp = tempDir();
  const file = join(temp.dir, "admin-concurrency.db");

  beforeAll(async () => {
    sim = await startTestSimulator({ db: file });
  });
  afterAll(async () => {
    agent?.destroy();
    await sim?.close();
    temp.cleanup();
  });

  it("200 concurrent admin calls and lookups leave a consistent state", async () => {
    const s = sim as RunningSimulator;
    agent = manySockets();
    const api = agent;
    const adminCall = (method: string, path: string, body?: unknown) =>
      sendVia(api, s.url, {
        method,
        path: `/sandbox/admin${path}`,
        headers: {
          ...ADMIN_AUTH,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    // --- Arrange: a lookup account, an institution with 10 user IDs and 10 tokens, another. ---
    const lookup = await createAccount(s);
    const a = await createAccount(s);
    const b = await createAccount(s);
    const patched = Array.from({ length: 10 }, (_, i) => `${a.institutionId}.u${i}`);
    for (const userId of patched) {
      await adminOk(s, "POST", `/sandbox/admin/institutions/${a.institutionId}/users`, {
        userId,
        password: "rahasia-sandbox-1",
        ipUser: "10.32.4.15",
        officer: { ...OFFICER },
      });
    }
    const tokens: TokenView[] = [];
    for (let i = 0; i < 10; i += 1) {
      const issued = (await adminOk(
        s,
        "POST",
        `/sandbox/admin/institutions/${a.institutionId}/tokens`,
        {
          applicationId: `app-${i}`,
        },
      )) as { record: TokenView };
      tokens.push(issued.record);
    }

    // --- The burst: 200 requests, shuffled (contests kept together), all at once. ---
    const operations: Operation[] = [];
    const created = new Map<string, string[]>(); // user ID → institutions its creations asked for
    for (let i = 0; i < 40; i += 1) {
      const n = i < 30 ? i : i - 30; // new-00 … new-09 are created twice, in either institution
      const userId = `new-${String(n).padStart(2, "0")}`;
      const institutionId = i < 30 === (n % 2 === 0) ? a.institutionId : b.institutionId;
      created.set(userId, [...(created.get(userId) ?? []), institutionId]);
      operations.push({
        kind: "create-user",
        tag: `${userId} ${institutionId}`,
        contest: `user ${userId}`,
        allowed: n < 10 ? [201, 409] : [201],
        send: () =>
          adminCall("POST", `/institutions/${institutionId}/users`, {
            userId,
            password: `rahasia-${userId}`,
            ipUser: "10.32.4.16",
            officer: { ...OFFICER, localUserId: userId },
          }),
      });
    }
    const statuses = new Map<string, Set<string>>();
    const quotas = new Map<string, Set<number>>();
    const positions = new Map<string, string>();
    for (let i = 0; i < 25; i += 1) {
      const userId = patched[i % 10] as string;
      const status = i % 3 === 0 ? "inactive" : "active";
      statuses.set(userId, (statuses.get(userId) ?? new Set()).add(status));
      operations.push({
        kind: "user-status",
        allowed: [200],
        send: () => adminCall("PATCH", `/users/${userId}`, { status }),
      });
      const dailyQuota = 100 + i;
      quotas.set(userId, (quotas.get(userId) ?? new Set()).add(dailyQuota));
      operations.push({
        kind: "user-quota",
        allowed: [200],
        send: () => adminCall("PATCH", `/users/${userId}`, { dailyQuota }),
      });
    }
    for (const [i, userId] of patched.entries()) {
      const position = `Jabatan ${i}`;
      positions.set(userId, position);
      operations.push({
        kind: "user-officer",
        allowed: [200],
        send: () => adminCall("PATCH", `/users/${userId}`, { officer: { position } }),
      });
    }
    const passwords = new Map<string, string>();
    for (const userId of patched.slice(5)) {
      const password = `sandi-baru-${userId}`;
      passwords.set(userId, password);
      operations.push({
        kind: "user-password",
        allowed: [200],
        send: () => adminCall("POST", `/users/${userId}/password`, { password }),
      });
    }
    for (let i = 0; i < 10; i += 1) {
      operations.push({
        kind: "token-issue-new",
        contest: "app-new",
        allowed: [201, 409],
        send: () =>
          adminCall("POST", `/institutions/${a.institutionId}/tokens`, {
            applicationId: "app-new",
          }),
      });
    }
    for (const token of tokens.slice(0, 5)) {
      operations.push({
        kind: "token-issue-existing",
        contest: token.id,
        allowed: [409],
        send: () =>
          adminCall("POST", `/institutions/${a.institutionId}/tokens`, {
            applicationId: token.applicationId,
          }),
      });
      for (let k = 0; k < 3; k += 1) {
        operations.push({
          kind: "token-change",
          tag: token.id,
          contest: token.id,
          allowed: [201, 409],
          send: () => adminCall("POST", `/tokens/${token.id}/rotate`, {}),
        });
      }
    }
    for (const token of tokens.slice(5)) {
      operations.push({
        kind: "token-change",
        tag: token.id,
        contest: token.id,
        allowed: [201, 409],
        send: () => adminCall("POST", `/tokens/${token.id}/rotate`, {}),
      });
      for (let k = 0; k < 2; k += 1) {
        operations.push({
          kind: "token-change",
          tag: token.id,
          contest: token.id,
          allowed: [200, 409],
          send: () => adminCall("POST", `/tokens/${token.id}/revoke`, { reason: "misuse" }),
        });
      }
    }
    // The lookup institution is changed while it answers lookups (fields a lookup reads).
    const institutionPatches: { name: string; aliases: string[]; patternPolicy: string }[] = [];
    for (let i = 0; i < 15; i += 1) {
      const patch = {
        name: `Instansi uji versi ${i}`,
        aliases: [`alias${i}`],
        patternPolicy: i % 2 === 0 ? "record" : "warn",
      };
      institutionPatches.push(patch);
      operations.push({
        kind: "institution-update",
        allowed: [200],
        send: () => adminCall("PATCH", `/institutions/${lookup.institutionId}`, patch),
      });
    }
    const lookupNiks = residentNiks(s, 5000, 30);
    for (const nik of lookupNiks) {
      operations.push({
        kind: "lookup",
        tag: nik,
        allowed: [200],
        send: () => lookupVia(api, s.url, lookup, nik),
      });
    }
    for (const path of [
      "/institutions",
      `/institutions/${a.institutionId}/users`,
      `/institutions/${b.institutionId}/users`,
      `/institutions/${a.institutionId}/tokens`,
      `/users/${patched[0]}`,
    ]) {
      operations.push({ kind: "read", allowed: [200], send: () => adminCall("GET", path) });
    }
    expect(operations).toHaveLength(200);

    const order = burstOrder(operations, seededRandom(7));
    const answers = await Promise.all(order.map((operation) => operation.send()));
    const results = order.map((operation, i) => ({ operation, answer: answers[i] as RawAnswer }));
    for (const { operation, answer } of results) {
      expect(
        operation.allowed,
        `${operation.kind} ${operation.tag ?? ""} answered ${answer.status}: ${answer.text}`,
      ).toContain(answer.status);
    }

    // --- Users: every created user ID exists exactly once, where its winning request put it. ---
    const institutions = (
      (await adminOk(s, "GET", "/sandbox/admin/institutions")) as { items: Institution[] }
    ).items;
    const listed: UserAccount[] = [];
    for (const institution of institutions) {
      const page = (await adminOk(
        s,
        "GET",
        `/sandbox/admin/institutions/${institution.id}/users`,
      )) as { items: UserAccount[] };
      listed.push(...page.items);
    }
    const listedIds = listed.map((user) => user.userId);
    expect(new Set(listedIds).size).toBe(listedIds.length);
    for (const [userId, asked] of created) {
      const wins = results.filter(
        (r) =>
          r.operation.kind === "create-user" &&
          r.operation.tag?.startsWith(`${userId} `) &&
          r.answer.status === 201,
      );
      expect(wins, userId).toHaveLength(1);
      expect(
        listed.filter((user) => user.userId === userId),
        userId,
      ).toHaveLength(1);
      const winner = (JSON.parse(wins[0]?.answer.text ?? "{}") as { user: UserAccount }).user;
      expect(asked).toContain(winner.institutionId);
      expect(listed.find((user) => user.userId === userId)?.institutionId).toBe(
        winner.institutionId,
      );
    }
    // Last writer wins per field, and no field's write is lost to another field's.
    for (const userId of patched) {
      const user = listed.find((u) => u.userId === userId);
      expect([...(statuses.get(userId) ?? [])]).toContain(user?.status);
      expect([...(quotas.get(userId) ?? [])]).toContain(user?.dailyQuota);
      expect(user?.officer).toEqual({ ...OFFICER, position: positions.get(userId) });
    }
    for (const [userId, password] of passwords) {
      expect(s.runtime.store.users.verifyPassword(userId, password), userId).toBe(true);
    }
    const lookupInstitution = institutions.find((i) => i.id === lookup.institutionId);
    expect(institutionPatches).toContainEqual({
      name: lookupInstitution?.name,
      aliases: lookupInstitution?.aliases,
      patternPolicy: lookupInstitution?.patternPolicy,
    });

    // --- Tokens: one success per contested token, one valid token per application. ---
    const tokenChanges = results.filter((r) => r.operation.kind === "token-change");
    for (const token of tokens) {
      const successes = tokenChanges.filter(
        (r) => r.operation.tag === token.id && r.answer.status < 300,
      );
      expect(successes, token.applicationId).toHaveLength(1);
    }
    expect(
      results.filter((r) => r.operation.kind === "token-issue-new" && r.answer.status === 201),
    ).toHaveLength(1);
    const tokenViews = (
      (await adminOk(s, "GET", `/sandbox/admin/institutions/${a.institutionId}/tokens`)) as {
        items: TokenView[];
      }
    ).items;
    const viewIds = tokenViews.map((view) => view.id);
    expect(new Set(viewIds).size).toBe(viewIds.length);
    for (const view of tokenViews) {
      expect(["active", "expiring-soon", "expired", "revoked"]).toContain(view.state);
      if (view.replaces !== null) expect(viewIds).toContain(view.replaces);
    }
    const byApplication = (applicationId: string) =>
      tokenViews.filter((view) => view.applicationId === applicationId);
    const isValid = (view: TokenView) => view.state === "active" || view.state === "expiring-soon";
    for (const applicationId of new Set(tokenViews.map((view) => view.applicationId))) {
      expect(
        byApplication(applicationId).filter(isValid).length,
        applicationId,
      ).toBeLessThanOrEqual(1);
    }
    expect(byApplication("app-new").map((view) => view.state)).toEqual(["active"]);
    for (const [i, token] of tokens.entries()) {
      const chain = byApplication(token.applicationId);
      const original = chain.find((view) => view.id === token.id);
      if (i < 5 || original?.revocation?.reason === "rotated") {
        // Rotated once: the original revoked as "rotated", its one successor active.
        expect(original?.revocation?.reason, token.applicationId).toBe("rotated");
        expect(chain, token.applicationId).toHaveLength(2);
        const successor = chain.find((view) => view.id !== token.id);
        expect(successor?.replaces).toBe(token.id);
        expect(successor?.state).toBe("active");
      } else {
        // Revoked once before any rotation: nothing else was issued.
        expect(original?.revocation?.reason, token.applicationId).toBe("misuse");
        expect(chain, token.applicationId).toHaveLength(1);
      }
    }
    // No token was rotated twice: each is replaced by at most one successor.
    const replaced = tokenViews.flatMap((view) => (view.replaces === null ? [] : [view.replaces]));
    expect(new Set(replaced).size).toBe(replaced.length);

    // --- Lookups: all answered with data, journaled, counted. ---
    const lookups = results.filter((r) => r.operation.kind === "lookup");
    for (const { answer } of lookups) {
      expect(HIT_CODES).toContain(answer.headers["x-sandbox-code"]);
    }
    expect(await hitsUsed(s, lookup.userId)).toBe(lookups.length);
    const journal = await readJournal(s, { user: lookup.userId, limit: "1000" });
    expect(journal.entries.map((entry) => entry.id).sort((x, y) => x - y)).toEqual(
      lookups.map((r) => Number(r.answer.headers["x-sandbox-journal-id"])).sort((x, y) => x - y),
    );

    // --- The database file: sound, and what the admin API lists. ---
    const inspection = inspectDatabaseFile(file);
    expect(inspection.integrity).toEqual(["ok"]);
    expect(inspection.foreignKeyViolations).toBe(0);
    expect(inspection.counters).toEqual(inspection.journaledHits);
    expect(inspection.counters.get(`${lookup.userId} ${DAY}`)).toBe(lookups.length);
    const stored = readDatabaseFile(file, (db) => ({
      institutions: db.prepare("SELECT id, name, aliases FROM institutions ORDER BY id").all(),
      users: db
        .prepare(
          "SELECT user_id, institution_id, status, daily_quota, officer FROM users ORDER BY user_id",
        )
        .all() as {
        user_id: string;
        institution_id: string;
        status: string;
        daily_quota: number | null;
        officer: string;
      }[],
      tokens: db
        .prepare("SELECT id, institution_id, application_id, record FROM tokens ORDER BY id")
        .all() as { id: string; institution_id: string; application_id: string; record: string }[],
    }));
    expect(stored.institutions).toEqual(
      institutions
        .map((i) => ({ id: i.id, name: i.name, aliases: JSON.stringify(i.aliases) }))
        .sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
    expect(
      stored.users.map((row) => ({
        userId: row.user_id,
        institutionId: row.institution_id,
        status: row.status,
        dailyQuota: row.daily_quota,
        officer: JSON.parse(row.officer) as unknown,
      })),
    ).toEqual(
      listed
        .map((user) => ({
          userId: user.userId,
          institutionId: user.institutionId,
          status: user.status,
          dailyQuota: user.dailyQuota,
          officer: user.officer,
        }))
        .sort((x, y) => (x.userId < y.userId ? -1 : 1)),
    );
    const storedA = stored.tokens.filter((row) => row.institution_id === a.institutionId);
    expect(storedA.map((row) => row.id)).toEqual([...viewIds].sort());
    for (const row of storedA) {
      const record: TokenRecord = tokenRecordSchema.parse(JSON.parse(row.record));
      expect(record.id).toBe(row.id);
      expect(record.applicationId).toBe(row.application_id);
    }
  });
});
