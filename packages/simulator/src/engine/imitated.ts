/**
 * The request engine of the imitated endpoints: one function from a request to the
 * upstream's answer, with the checks in the upstream's order (wire-format.md,
 * Decisions §3), quota, journal and usage-pattern detection. Transport-free: the
 * node:http fast path, the Express app and the MSW handlers all call it.
 */
import { performance } from "node:perf_hooks";
import {
  buildEnvelope,
  buildFamilyFailure,
  buildFamilySuccess,
  buildLookupFailure,
  buildLookupSuccess,
  buildVerifyFailure,
  buildVerifySuccess,
  createUsagePatternDetector,
  jakartaDay,
  type LookupRequest,
  lookupRequestSchema,
  parseJsonLossless,
  parseNik,
  type ResponseCode,
  responseCodeRow,
  stringifyLossless,
  type UsagePatternDetector,
  type UsagePatternFinding,
  type UsagePatternOptions,
  type VerifyRequest,
  verifyRequestSchema,
  type WireEnvelope,
  type WireRecord,
  writePersonRecord,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import type { Resident } from "../population/types.js";
import type { Institution, JournalEntry, NewJournalEntry, UserAccount } from "../state/types.js";
import { addressAllowed, insideAccessHours, normaliseAddress } from "./access.js";
import { handleDataBalikan } from "./data-balikan.js";
import type { EngineDeps } from "./deps.js";
import { journalLatency, outcomeFreeRow } from "./journal-rows.js";
import { readPreferredCode } from "./prefer.js";
import { DATA_BALIKAN_PATH, type ImitatedEndpoint, parseImitatedPath } from "./routing.js";
import { scoreVerify } from "./scoring.js";

/** A request as every transport hands it to the engine. */
export interface ImitatedRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** The connecting address (socket), not a header. */
  readonly remoteAddress: string;
}

/** The answer to write. */
export interface ImitatedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly journalId: number | null;
}

/**
 * The text the simulator answers when an institution's pattern policy is `block` and the
 * user's input was sequential, patterned or bursty (Juknis II.E.1). Sandbox-only: the real
 * service has no such answer; it exists so an agency can rehearse being cut off.
 *
 * @example
 * ```ts
 * import type { WireEnvelope } from "@dukcapil-sandbox/core";
 * import { PATTERN_BLOCK_TEXT } from "@dukcapil-sandbox/simulator";
 * declare const answer: WireEnvelope<{ RESPON?: string }>; // a lookup answer
 * const blocked = answer.content[0]?.RESPON === PATTERN_BLOCK_TEXT;
 * ```
 */
export const PATTERN_BLOCK_TEXT =
  "Akses diblokir (sandbox): input NIK berurutan, berpola atau berdekatan waktunya (Juknis II.E.1)";

/**
 * The code of the sandbox-only block answer in verify's `RESPONSE_CODE`.
 *
 * @example
 * ```ts
 * import type { VerifyErrorRecord } from "@dukcapil-sandbox/core";
 * import { PATTERN_BLOCK_CODE } from "@dukcapil-sandbox/simulator";
 * declare const record: VerifyErrorRecord; // the record of a verify answer
 * const blocked = record.RESPONSE_CODE === PATTERN_BLOCK_CODE;
 * ```
 */
export const PATTERN_BLOCK_CODE = "99";

/**
 * TRESHOLD used when a verify request sends none (clients always send one; documented default).
 *
 * @example
 * ```ts
 * import { verifyRequestSchema } from "@dukcapil-sandbox/core";
 * import { DEFAULT_VERIFY_THRESHOLD } from "@dukcapil-sandbox/simulator";
 * declare const body: unknown; // a verify request body
 * const threshold = verifyRequestSchema.parse(body).threshold ?? DEFAULT_VERIFY_THRESHOLD;
 * ```
 */
export const DEFAULT_VERIFY_THRESHOLD = 80;

const JSON_TYPE = "application/json;charset=UTF-8";

/** An outcome the checks decided, with what its answer and journal row need. */
interface Decision {
  readonly code: ResponseCode | typeof PATTERN_BLOCK_CODE;
  readonly user?: UserAccount;
  /** The user ID a refused login tried (journaled so `?user=` finds failed logins). */
  readonly attemptedUserId?: string;
  readonly nik?: string | null;
  readonly hitsLeft?: number | null;
  readonly resident?: Resident;
  readonly findings?: readonly UsagePatternFinding[];
  readonly note?: string | null;
  /** Set when the row was journaled with the quota hit. */
  readonly journalId?: number;
}

interface Parsed {
  readonly endpoint: ImitatedEndpoint;
  readonly request: LookupRequest | VerifyRequest;
}

/** A login attempt on the Web Portal's form (`/portal`): the operator's user ID and password. */
export interface PortalLoginRequest {
  readonly userId: string;
  readonly password: string;
  /** The connecting address (socket), not a header. */
  readonly remoteAddress: string;
  /** The portal path the form was posted to (journaled). */
  readonly path: string;
}

/** The answer to a portal login: the account, or the catalogue code of the refusal (journaled). */
export type PortalLoginResult =
  | { readonly ok: true; readonly user: UserAccount; readonly institution: Institution }
  | {
      readonly ok: false;
      /** 09 (empty), 03 (unknown user ID or wrong password), 10 (address), 17, 16. */
      readonly code: ResponseCode;
      readonly journalId: number;
    };

/** A NIK lookup on the Web Portal by the operator of an authenticated session. */
export interface PortalLookupRequest {
  /** The user ID the session was opened for (its password was checked at login). */
  readonly userId: string;
  /** The NIK as typed (surrounding spaces removed by the portal). */
  readonly nik: string;
  readonly remoteAddress: string;
  /** The portal path of the search form (journaled, e.g. `/portal/cari`). */
  readonly path: string;
}

/** What a portal lookup answered: the same outcome, quota hit and journal row as an API lookup. */
export interface PortalLookupResult {
  readonly code: ResponseCode | typeof PATTERN_BLOCK_CODE;
  /** The granted elements of the record, in grant order (code 01 only), else `null`. */
  readonly record: WireRecord | null;
  /** Hits left today after this lookup; `null` when unknown (refused before the account checks) or unlimited. */
  readonly hitsLeft: number | null;
  readonly findings: readonly UsagePatternFinding[];
  readonly journalId: number;
}

/** The engine: `handle` answers one imitated request (or returns `undefined` when the path is not imitated). */
export interface ImitatedEngine {
  handle(request: ImitatedRequest): Promise<ImitatedResponse | undefined>;
  /**
   * The Web Portal's login: the account checks of an imitated request in the same order
   * (address 10, credentials 09/03, user 17, institution 16), without using quota. A
   * refusal is journaled (endpoint `portal`).
   */
  portalLogin(request: PortalLoginRequest): Promise<PortalLoginResult>;
  /**
   * A Web Portal lookup: the same checks after login, pattern rules, quota hit, registry
   * answer and journal row as `CALL_NIK` (endpoint `portal`); the grant limits the record.
   */
  portalLookup(request: PortalLookupRequest): Promise<PortalLookupResult>;
  /** The findings raised so far for a user ID. */
  findings(userId: string): readonly UsagePatternFinding[];
  /** Forgets detectors and blocks (test isolation, `/sandbox/reset`). */
  resetPatterns(): void;
}

/**
 * Creates the engine over its dependencies.
 *
 * @example
 * ```ts
 * import { createImitatedEngine, type EngineDeps } from "@dukcapil-sandbox/simulator";
 * declare const deps: EngineDeps;
 * const engine = createImitatedEngine(deps);
 * const answer = await engine.handle({ method: "POST", path: "/dukcapil/get_json/DINKES/CALL_NIK",
 *   headers: {}, body: '{"nik":"3204055502900001"}', remoteAddress: "127.0.0.1" });
 * ```
 * @internal
 */
export function createImitatedEngine(
  deps: EngineDeps,
  options: { readonly patterns?: UsagePatternOptions } = {},
): ImitatedEngine {
  const detectors = new Map<string, UsagePatternDetector>();
  /** userId → Jakarta day until whose end the user is blocked. */
  const blocked = new Map<string, string>();

  function detectorFor(userId: string): UsagePatternDetector {
    let detector = detectors.get(userId);
    if (detector === undefined) {
      detector = createUsagePatternDetector(options.patterns);
      detectors.set(userId, detector);
    }
    return detector;
  }

  async function handle(request: ImitatedRequest): Promise<ImitatedResponse | undefined> {
    if (request.path === DATA_BALIKAN_PATH) return handleDataBalikan(deps, request);
    const target = parseImitatedPath(request.path);
    if (target === undefined) return undefined;
    const started = performance.now();
    const now = deps.clock.now();
    const remoteAddress = normaliseAddress(request.remoteAddress);

    /** Journals a near miss (no outcome) and returns the error to throw. */
    const miss = (
      status: number,
      note: string,
      error: SimulatorError,
      routed?: { readonly endpoint: ImitatedEndpoint; readonly institution: Institution },
    ): SimulatorError => {
      deps.appendJournal(
        outcomeFreeRow({
          at: now,
          remoteAddress,
          httpMethod: request.method,
          path: request.path,
          httpStatus: status,
          note,
          latencyMs: performance.now() - started,
          endpoint: routed?.endpoint,
          institutionId: routed?.institution.id,
        }),
      );
      return error;
    };

    const institution = deps.findInstitutionByPath(target.registeredPath);
    if (institution === undefined) {
      throw miss(
        404,
        `no institution is registered at path "${target.registeredPath}"`,
        new SimulatorError(
          "DKS_SIM_ROUTE_NOT_FOUND",
          `Failed to route ${request.path}: no institution is registered at path "${target.registeredPath}". Register it (POST /sandbox/admin/institutions) or use the path npm start printed.`,
          { registeredPath: target.registeredPath },
        ),
      );
    }
    const upperMethod = target.method.toUpperCase();
    const endpoint =
      target.endpoint ??
      (institution.aliases.some((alias) => alias.toUpperCase() === upperMethod)
        ? "lookup"
        : undefined);
    if (endpoint === undefined) {
      throw miss(
        404,
        `"${target.method}" is neither an upstream method nor an alias of ${institution.id}`,
        new SimulatorError(
          "DKS_SIM_ROUTE_NOT_FOUND",
          `Failed to route ${request.path}: "${target.method}" is not an upstream method (CALL_NIK, BYNIK, GET_NIK, CALL_VERIFY_BY_ELEMEN, KONEKSITAS_VERIFBY_ELEMEN, CALL_NIK_GET_KK) nor an alias registered for ${institution.id}. Register the alias or fix the URL.`,
          { method: target.method },
        ),
      );
    }
    const routed = { endpoint, institution };
    if (request.method !== "POST") {
      const message = `Failed to handle ${request.method} ${request.path}: the upstream accepts POST only. Send a POST with a JSON body.`;
      throw miss(405, message, new SimulatorError("DKS_SIM_METHOD_NOT_ALLOWED", message), routed);
    }
    let preferred: ResponseCode | undefined;
    try {
      preferred = readPreferredCode(request.headers.prefer);
    } catch (error) {
      if (!(error instanceof SimulatorError)) throw error;
      throw miss(400, error.message, error, routed);
    }

    // The institution as the answer sees it (its grant, dialect, pattern policy): read
    // again after the password check, which may wait for scrypt.
    let served: Institution = institution;
    // Everything below answers in the upstream's wire format.
    const answer = (
      code: ResponseCode | typeof PATTERN_BLOCK_CODE,
      extra: {
        user?: UserAccount;
        /** The user ID a refused login tried (journaled so `?user=` finds failed logins). */
        attemptedUserId?: string;
        nik?: string | null;
        hitsLeft?: number | null;
        resident?: Resident;
        verify?: VerifyRequest;
        findings?: readonly UsagePatternFinding[];
        note?: string | null;
        journalId?: number;
      } = {},
    ): ImitatedResponse => {
      const envelope = buildAnswer(deps, endpoint, served, code, extra);
      const latencyMs = performance.now() - started;
      const journalId =
        extra.journalId ??
        deps.appendJournal(
          journalEntry(request, {
            at: now,
            remoteAddress,
            endpoint,
            institution: served,
            userId: extra.user?.userId ?? extra.attemptedUserId ?? null,
            nik: extra.nik ?? null,
            code: code === PATTERN_BLOCK_CODE ? null : code,
            hitsLeft: extra.hitsLeft ?? null,
            latencyMs,
            findings: extra.findings ?? [],
            note: extra.note ?? null,
          }),
        );
      const headers: Record<string, string> = {
        "content-type": JSON_TYPE,
        "x-sandbox-code": code,
        "x-sandbox-journal-id": String(journalId),
      };
      const raised = extra.findings ?? [];
      if (raised.length > 0 && served.patternPolicy !== "record") {
        headers["x-sandbox-pattern"] = raised.map((finding) => finding.code).join(", ");
      }
      return { status: 200, headers, body: stringifyLossless(envelope), journalId };
    };

    // 1. Body parseable and NIK present (07).
    const parsed = parseRequest(endpoint, request.body);
    if (parsed === undefined) return answer("07", { note: "body is not JSON or has no NIK" });
    const { nik, userId, password, ipUser } = parsed.request;
    if (preferred !== undefined && responseCodeRow(preferred)?.category === "parameter") {
      return answer(preferred, { nik, note: `Prefer: code=${preferred}` });
    }
    // 2. Connecting address in the institution's allowlist (10).
    if (!addressAllowed(institution.allowlist, remoteAddress)) {
      return answer("10", {
        nik,
        note: `connecting address ${remoteAddress} is not in the allowlist`,
      });
    }
    // 3. User ID and password (09 empty, 03 wrong).
    if (userId.trim() === "" || password === "" || ipUser.trim() === "") {
      return answer("09", { nik });
    }
    const claimed = deps.findUser(userId);
    if (
      claimed === undefined ||
      claimed.institutionId !== institution.id ||
      !(await deps.verifyPassword(userId, password))
    ) {
      return answer("03", {
        nik,
        attemptedUserId: userId.trim(),
        note: claimed === undefined ? "unknown user ID" : "wrong password or institution",
      });
    }
    // The password check may have waited for scrypt: a change made meanwhile (user or
    // institution deactivated, quota or ip_user changed) applies to this request.
    const user = deps.findUser(userId) ?? claimed;
    served = deps.findInstitution(institution.id) ?? institution;
    const day = jakartaDay(now);
    const limit = deps.dailyLimit(user, served);
    // Once the password is accepted the user's quota is known: verify answers always carry
    // it (Decisions §5: "Verify responses carry quotaLimiter"), refusals included.
    const hitsLeftNow = () => hitsLeftToday(user, limit, day);
    // 4. ip_user equals the registered address (04).
    if (ipUser.trim() !== user.ipUser) {
      return answer("04", {
        nik,
        user,
        hitsLeft: await hitsLeftNow(),
        note: `ip_user ${ipUser} differs from the registered ${user.ipUser}`,
      });
    }
    // 5–10. The same for every surface (API and Web Portal).
    const decided = await afterCredentials({
      journal: { method: request.method, path: request.path, endpoint },
      institution: served,
      user,
      nik,
      now,
      day,
      limit,
      started,
      remoteAddress,
      preferred,
    });
    return answer(decided.code, {
      ...decided,
      ...(endpoint === "verify" ? { verify: parsed.request as VerifyRequest } : {}),
    });
  }

  /** Hits the user has left today (`null`: unlimited), without using one. */
  async function hitsLeftToday(
    user: UserAccount,
    limit: number | null,
    day: string,
  ): Promise<number | null> {
    return limit === null ? null : Math.max(0, limit - (await deps.hitsUsed(user.userId, day)));
  }

  /**
   * Checks 5–10 of a request whose credentials were accepted (by password for the API, by
   * the login of the session for the Web Portal): user active (17), institution active
   * (16), access hours (06), input patterns (Juknis II.E.1), daily quota (05), then one hit
   * with the NIK format (15) and the registry's answer (01, 11–14) journaled in the same
   * transaction. Refusals carry no journal id: the caller journals them.
   */
  async function afterCredentials(attempt: {
    readonly journal: {
      readonly method: string;
      readonly path: string;
      readonly endpoint: JournalEntry["endpoint"];
    };
    readonly institution: Institution;
    readonly user: UserAccount;
    readonly nik: string;
    readonly now: number;
    readonly day: string;
    readonly limit: number | null;
    readonly started: number;
    readonly remoteAddress: string;
    readonly preferred: ResponseCode | undefined;
  }): Promise<Decision> {
    const { institution, user, nik, now, day, limit, preferred } = attempt;
    const hitsLeftNow = () => hitsLeftToday(user, limit, day);
    // 5–7. User active (17), institution active (16), access hours (06).
    if (user.status !== "active") {
      return { code: "17", nik, user, hitsLeft: await hitsLeftNow() };
    }
    if (institution.status !== "active") {
      return { code: "16", nik, user, hitsLeft: await hitsLeftNow() };
    }
    if (!insideAccessHours(institution.accessHours, now) || preferred === "06") {
      return {
        code: "06",
        nik,
        user,
        hitsLeft: await hitsLeftNow(),
        note: preferred === "06" ? "Prefer: code=06" : null,
      };
    }

    // Input patterns (Juknis II.E.1): every authenticated attempt is an input event.
    const findings = detectorFor(user.userId).observe({ at: now, nik });
    if (institution.patternPolicy === "block") {
      if (findings.length > 0) blocked.set(user.userId, day);
      if (blocked.get(user.userId) === day) {
        return {
          code: PATTERN_BLOCK_CODE,
          nik,
          user,
          findings,
          hitsLeft: await hitsLeftNow(),
          note: "blocked by the institution's pattern policy",
        };
      }
    }
    // 8. Daily quota (05).
    if (preferred === "05") {
      return {
        code: "05",
        nik,
        user,
        findings,
        hitsLeft: await hitsLeftNow(),
        note: "Prefer: code=05",
      };
    }
    let outcome: { code: ResponseCode; resident?: Resident; note: string | null } = {
      code: "05",
      note: null,
    };
    const hit = await deps.recordHit(user.userId, day, limit, (h) => {
      if (h.granted) outcome = resolveData(deps, nik, now, preferred);
      return journalEntry(attempt.journal, {
        at: now,
        remoteAddress: attempt.remoteAddress,
        endpoint: attempt.journal.endpoint,
        institution,
        userId: user.userId,
        nik,
        code: outcome.code,
        hitsLeft: h.remaining,
        latencyMs: performance.now() - attempt.started,
        findings,
        note: outcome.note,
      });
    });
    return {
      code: outcome.code,
      nik,
      user,
      findings,
      hitsLeft: hit.remaining,
      ...(outcome.resident === undefined ? {} : { resident: outcome.resident }),
      journalId: hit.journalId,
    };
  }

  /** Journals a portal decision that has no row yet (a refusal); returns its journal id. */
  function journalPortal(
    request: { readonly method: string; readonly path: string },
    fields: {
      readonly at: number;
      readonly started: number;
      readonly remoteAddress: string;
      readonly institution: Institution | undefined;
      readonly decision: Decision;
    },
  ): number {
    const { decision } = fields;
    return (
      decision.journalId ??
      deps.appendJournal(
        journalEntry(request, {
          at: fields.at,
          remoteAddress: fields.remoteAddress,
          endpoint: "portal",
          institution: fields.institution,
          userId: decision.user?.userId ?? decision.attemptedUserId ?? null,
          nik: decision.nik ?? null,
          code: decision.code === PATTERN_BLOCK_CODE ? null : decision.code,
          hitsLeft: decision.hitsLeft ?? null,
          latencyMs: performance.now() - fields.started,
          findings: decision.findings ?? [],
          note: decision.note ?? null,
        }),
      )
    );
  }

  async function portalLogin(request: PortalLoginRequest): Promise<PortalLoginResult> {
    const started = performance.now();
    const now = deps.clock.now();
    const remoteAddress = normaliseAddress(request.remoteAddress);
    const userId = request.userId.trim();
    const journal = { method: "POST", path: request.path };
    const refuse = (decision: Decision, institution?: Institution): PortalLoginResult => ({
      ok: false,
      code: decision.code as ResponseCode,
      journalId: journalPortal(journal, { at: now, started, remoteAddress, institution, decision }),
    });
    // The portal has no registered path: the user ID names the institution, so an unknown
    // user ID is refused before the address can be checked (the wire answer is the same, 03).
    if (userId === "") return refuse({ code: "09", note: "portal login: empty user ID" });
    const user = deps.findUser(userId);
    const institution = user === undefined ? undefined : deps.findInstitution(user.institutionId);
    if (user === undefined || institution === undefined) {
      return refuse({
        code: request.password === "" ? "09" : "03",
        attemptedUserId: userId,
        note: "portal login: unknown user ID",
      });
    }
    // 2. Connecting address in the institution's allowlist (10).
    if (!addressAllowed(institution.allowlist, remoteAddress)) {
      return refuse(
        {
          code: "10",
          attemptedUserId: userId,
          note: `portal login: connecting address ${remoteAddress} is not in the allowlist`,
        },
        institution,
      );
    }
    // 3. Password (09 empty, 03 wrong). 4. ip_user is a field of API requests only.
    if (request.password === "") {
      return refuse({ code: "09", attemptedUserId: userId, note: "portal login" }, institution);
    }
    if (!(await deps.verifyPassword(userId, request.password))) {
      return refuse(
        { code: "03", attemptedUserId: userId, note: "portal login: wrong password" },
        institution,
      );
    }
    // The password check may have waited for scrypt: a change made meanwhile applies.
    const account = deps.findUser(userId) ?? user;
    const current = deps.findInstitution(institution.id) ?? institution;
    // 5–6. User active (17), institution active (16).
    if (account.status !== "active") {
      return refuse({ code: "17", user: account, note: "portal login" }, current);
    }
    if (current.status !== "active") {
      return refuse({ code: "16", user: account, note: "portal login" }, current);
    }
    return { ok: true, user: account, institution: current };
  }

  async function portalLookup(request: PortalLookupRequest): Promise<PortalLookupResult> {
    const started = performance.now();
    const now = deps.clock.now();
    const remoteAddress = normaliseAddress(request.remoteAddress);
    const journal = { method: "POST", path: request.path };
    const nik = request.nik;
    const user = deps.findUser(request.userId);
    const institution = user === undefined ? undefined : deps.findInstitution(user.institutionId);
    const finish = (decision: Decision): PortalLookupResult => ({
      code: decision.code,
      record:
        decision.code === "01" && decision.resident !== undefined && institution !== undefined
          ? writePersonRecord(decision.resident.record, {
              elements: institution.grant,
              numbers: "string",
            })
          : null,
      hitsLeft: decision.hitsLeft ?? null,
      findings: decision.findings ?? [],
      journalId: journalPortal(journal, { at: now, started, remoteAddress, institution, decision }),
    });
    // 1. NIK present (07).
    if (nik === "")
      return finish({ code: "07", attemptedUserId: request.userId, note: "portal: no NIK" });
    // The session's user ID was removed (or moved) since login: its credentials no longer hold.
    if (user === undefined || institution === undefined) {
      return finish({
        code: "03",
        nik,
        attemptedUserId: request.userId,
        note: "portal: the session's user ID no longer exists",
      });
    }
    // 2. Connecting address in the institution's allowlist (10).
    if (!addressAllowed(institution.allowlist, remoteAddress)) {
      return finish({
        code: "10",
        nik,
        attemptedUserId: user.userId,
        note: `connecting address ${remoteAddress} is not in the allowlist`,
      });
    }
    // 3. Credentials: the session stands for the password checked at login. 4. ip_user is
    // a field of API requests; the portal has the allowlist of the connecting address.
    const day = jakartaDay(now);
    return finish(
      await afterCredentials({
        journal: { ...journal, endpoint: "portal" },
        institution,
        user,
        nik,
        now,
        day,
        limit: deps.dailyLimit(user, institution),
        started,
        remoteAddress,
        preferred: undefined,
      }),
    );
  }

  return {
    handle,
    portalLogin,
    portalLookup,
    findings: (userId) => detectors.get(userId)?.findings() ?? [],
    resetPatterns: () => {
      detectors.clear();
      blocked.clear();
    },
  };
}

function parseRequest(endpoint: ImitatedEndpoint, body: string): Parsed | undefined {
  let json: unknown;
  try {
    json = parseJsonLossless(body);
  } catch {
    return undefined;
  }
  const schema = endpoint === "verify" ? verifyRequestSchema : lookupRequestSchema;
  const result = schema.safeParse(json);
  return result.success ? { endpoint, request: result.data } : undefined;
}

/** 9–10. NIK format (15) and the registry's answer (01, 11, 12, 13, 14), or the preferred code. */
function resolveData(
  deps: EngineDeps,
  nik: string,
  now: number,
  preferred: ResponseCode | undefined,
): { code: ResponseCode; resident?: Resident; note: string | null } {
  const parsed = parseNik(nik, { regions: "legacy", referenceDate: now, normalize: false });
  const resident = parsed.ok ? deps.population.findByNik(parsed.nik) : undefined;
  if (preferred !== undefined) {
    if (preferred === "01" && resident === undefined) {
      return parsed.ok
        ? { code: "13", note: "Prefer: code=01 ignored: the NIK is not in the population" }
        : { code: "15", note: `Prefer: code=01 ignored: NIK ${parsed.reason}` };
    }
    return {
      code: preferred,
      ...(resident === undefined ? {} : { resident }),
      note: `Prefer: code=${preferred}`,
    };
  }
  if (!parsed.ok) return { code: "15", note: `NIK ${parsed.reason}` };
  if (resident === undefined) return { code: "13", note: null };
  const code: ResponseCode =
    resident.status === "deceased"
      ? "11"
      : resident.status === "duplicate"
        ? "12"
        : resident.status === "inactive"
          ? "14"
          : "01";
  return { code, resident, note: null };
}

function buildAnswer(
  deps: EngineDeps,
  endpoint: ImitatedEndpoint,
  institution: Institution,
  code: ResponseCode | typeof PATTERN_BLOCK_CODE,
  extra: {
    hitsLeft?: number | null;
    resident?: Resident;
    verify?: VerifyRequest;
    nik?: string | null;
  },
): WireEnvelope<unknown> {
  const { dialect, grant } = institution;
  const texts = dialect.texts;
  const remaining = extra.hitsLeft ?? undefined;
  if (endpoint === "verify") {
    const quotaLimiter = remaining ?? undefined;
    if (code === PATTERN_BLOCK_CODE) {
      const text = PATTERN_BLOCK_TEXT;
      return buildEnvelope(
        [{ RESPONSE_CODE: PATTERN_BLOCK_CODE, RESPONSE: text, RESPONSE_DESC: text, RESPON: text }],
        { quotaLimiter },
      );
    }
    if (code === "01" && extra.resident !== undefined && extra.verify !== undefined) {
      const results = scoreVerify(
        extra.verify.nik,
        extra.verify.elements,
        extra.verify.threshold ?? DEFAULT_VERIFY_THRESHOLD,
        extra.resident.record,
        grant, // an ungranted element answers null (decisions/005, "Verify and grants")
      );
      return buildVerifySuccess(results, { quotaLimiter });
    }
    return buildVerifyFailure(code === "01" ? "13" : code, { quotaLimiter, texts });
  }
  const quotaLimiter = dialect.lookupQuotaLimiter ? remaining : undefined;
  if (code === PATTERN_BLOCK_CODE) {
    return buildEnvelope([{ RESPON: PATTERN_BLOCK_TEXT }], { quotaLimiter });
  }
  if (code === "01" && extra.resident !== undefined) {
    const options = { numbers: dialect.numbers, elements: grant, quotaLimiter };
    if (endpoint === "family") {
      const members = deps.population.familyOf(extra.resident.nik) ?? [extra.resident];
      return buildFamilySuccess(
        members.map((member) => member.record),
        options,
      );
    }
    return buildLookupSuccess(extra.resident.record, options);
  }
  const failure = code === "01" ? "13" : code;
  return endpoint === "family"
    ? buildFamilyFailure(failure, { quotaLimiter, texts })
    : buildLookupFailure(failure, { quotaLimiter, texts });
}

function journalEntry(
  request: { readonly method: string; readonly path: string },
  fields: {
    at: number;
    remoteAddress: string;
    endpoint: JournalEntry["endpoint"];
    institution: Institution | undefined;
    userId: string | null;
    nik: string | null;
    code: ResponseCode | null;
    hitsLeft: number | null;
    latencyMs: number;
    findings: readonly UsagePatternFinding[];
    note: string | null;
  },
): NewJournalEntry {
  return {
    at: fields.at,
    remoteAddress: fields.remoteAddress,
    httpMethod: request.method,
    path: request.path,
    endpoint: fields.endpoint,
    institutionId: fields.institution?.id ?? null,
    userId: fields.userId,
    nik: fields.nik,
    code: fields.code,
    httpStatus: 200,
    hitsLeft: fields.hitsLeft,
    latencyMs: journalLatency(fields.latencyMs),
    findings: fields.findings.map((finding) => finding.code),
    note: fields.note,
  };
}
