import type {
  IssuedToken,
  QuotaStore,
  RecordElement,
  ResponseCode,
  RotatedToken,
  SemesterId,
  TokenRecord,
  TokenState,
  UsagePatternCode,
  UsagePatternFinding,
} from "@dukcapil-sandbox/core";
import type { z } from "zod";
import type {
  institutionCreateSchema,
  institutionPatchSchema,
  onboardingDataSchema,
  tokenIssueSchema,
  tokenReapplySchema,
  tokenRotateSchema,
  userCreateSchema,
  userPatchSchema,
} from "./schemas.js";

/**
 * Onboarding → PoC → production (Juknis II.B: production lifts the daily quota).
 *
 * @example
 * ```ts
 * import { effectiveDailyQuota, type Stage } from "@dukcapil-sandbox/simulator";
 * const stage: Stage = "poc";
 * effectiveDailyQuota({ dailyQuota: null }, stage); // 200
 * ```
 */
export type Stage = "onboarding" | "poc" | "production";

/**
 * What the live usage-pattern detector does on a finding (per institution).
 *
 * @example
 * ```ts
 * import type { PatternPolicy, SimulatorStore } from "@dukcapil-sandbox/simulator";
 * declare const store: SimulatorStore;
 * // A finding blocks the user ID until the end of the Jakarta day.
 * const policy: PatternPolicy = "block";
 * store.institutions.update("dinsos-3204", { patternPolicy: policy });
 * ```
 */
export type PatternPolicy = "record" | "warn" | "block";

/**
 * Per-institution variants of the upstream wire format (wire-format.md, Decisions).
 *
 * @example
 * ```ts
 * import { DEFAULT_DIALECT, type Dialect } from "@dukcapil-sandbox/simulator";
 * const dialect: Dialect = {
 *   ...DEFAULT_DIALECT,
 *   numbers: "string",
 *   texts: { "05": "Kuota akses hari ini telah habis" },
 * };
 * ```
 */
export interface Dialect {
  /** Response text overrides per code, e.g. `{ "05": "Kuota akses hari ini telah habis" }`. */
  readonly texts: Readonly<Partial<Record<ResponseCode, string>>>;
  /** `bare` numbers (the real service) or digit `string`s. */
  readonly numbers: "bare" | "string";
  /** Whether lookup envelopes carry `quotaLimiter` (verify always does). */
  readonly lookupQuotaLimiter: boolean;
}

/**
 * An agency registered with the simulator: its path, allowlist, grant, dialect, stage and policies.
 *
 * @example
 * ```ts
 * import type { Institution, SimulatorStore } from "@dukcapil-sandbox/simulator";
 * declare const store: SimulatorStore;
 * const institution: Institution | undefined = store.institutions.findByPath("DINSOS_3204");
 * institution?.stage; // "poc" for the seeded institution
 * ```
 */
export interface Institution {
  readonly id: string;
  readonly name: string;
  /** The registered path segments before the METHOD, e.g. `DINKES_3204` or `32-04/dinkes`. */
  readonly path: string;
  /** Extra METHOD names registered for this institution that behave as lookup (`dinkes`, `adm_desa`). */
  readonly aliases: readonly string[];
  readonly status: "active" | "inactive";
  /** Connecting addresses allowed (exact IPv4/IPv6 or CIDR). */
  readonly allowlist: readonly string[];
  readonly grant: readonly RecordElement[];
  readonly dialect: Dialect;
  readonly stage: Stage;
  readonly patternPolicy: PatternPolicy;
  /** Permitted access hours in WIB, e.g. `{ from: "07:00", to: "17:00" }`; `null` = always. */
  readonly accessHours: { readonly from: string; readonly to: string } | null;
  readonly createdAt: number;
}

/**
 * A user ID with the fields of the Juknis (II.A.3.a). The password is stored as a scrypt hash only.
 *
 * @example
 * ```ts
 * import type { SimulatorStore, UserAccount } from "@dukcapil-sandbox/simulator";
 * declare const store: SimulatorStore;
 * const user: UserAccount | undefined = store.users.get("dinsos3204.operator");
 * user?.ipUser; // "10.32.4.15", the address it must send in `ip_user`
 * ```
 */
export interface UserAccount {
  readonly userId: string;
  readonly institutionId: string;
  /** The address this user ID must send in `ip_user`. */
  readonly ipUser: string;
  readonly status: "active" | "inactive";
  /** Hits per day; `null` = from the institution's stage (PoC 200, production unlimited). */
  readonly dailyQuota: number | null;
  readonly officer: {
    readonly nik: string;
    readonly fullName: string;
    readonly nip: string;
    readonly employmentStatus: string;
    readonly position: string;
    readonly officeRegionCode: string;
    readonly officeName: string;
    readonly officeAddress: string;
    readonly localUserId: string;
  };
  readonly createdAt: number;
}

/**
 * One row of the request journal: the one place that keeps full request data.
 *
 * @example
 * ```ts
 * import type { JournalEntry, SimulatorStore } from "@dukcapil-sandbox/simulator";
 * declare const store: SimulatorStore;
 * const outOfQuota: readonly JournalEntry[] = store.journal.query({ code: "05", limit: 20 });
 * outOfQuota.map((entry) => `${entry.userId} ${new Date(entry.at).toISOString()}`);
 * ```
 */
export interface JournalEntry {
  readonly id: number;
  readonly at: number;
  readonly remoteAddress: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly endpoint: "lookup" | "verify" | "family" | "data-balikan" | "portal" | "unknown";
  readonly institutionId: string | null;
  readonly userId: string | null;
  readonly nik: string | null;
  /** Catalogue code, or `null` when the request never reached an outcome (e.g. a fault). */
  readonly code: ResponseCode | null;
  readonly httpStatus: number;
  readonly hitsLeft: number | null;
  readonly latencyMs: number;
  readonly findings: readonly UsagePatternFinding["code"][];
  /** A short note: the fault injected, the Prefer override, why a near miss failed. */
  readonly note: string | null;
}

export type NewJournalEntry = Omit<JournalEntry, "id">;

export interface JournalFilter {
  readonly institutionId?: string;
  readonly userId?: string;
  readonly code?: ResponseCode;
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
  readonly offset?: number;
}

/** A data-balikan item received (Juknis III; PKS data balikan). */
export interface DataBalikanItem {
  readonly id: number;
  readonly institutionId: string;
  readonly nik: string;
  /** The `param` objects as sent, canonical JSON. */
  readonly params: string;
  readonly receivedAt: number;
}

export interface StoredToken {
  readonly record: TokenRecord;
  readonly institutionId: string;
}

/** Input of {@link InstitutionRepository.create} (defaults as in `institutionCreateSchema`). */
export type InstitutionInput = z.input<typeof institutionCreateSchema>;
/** Input of {@link InstitutionRepository.update}: any subset of the mutable fields; `dialect` merges. */
export type InstitutionPatch = z.input<typeof institutionPatchSchema>;
/** Input of {@link UserRepository.create}. */
export type UserInput = z.input<typeof userCreateSchema>;
/** Input of {@link UserRepository.update}: officer fields merge. */
export type UserPatch = z.input<typeof userPatchSchema>;
/** Input of {@link TokenRepository.issue}. */
export type TokenIssueInput = z.input<typeof tokenIssueSchema>;
/** Input of {@link TokenRepository.rotate}. */
export type TokenRotateInput = z.input<typeof tokenRotateSchema>;
/** Input of {@link TokenRepository.reapply}. */
export type TokenReapplyInput = z.input<typeof tokenReapplySchema>;
/** What an applicant sends with an onboarding ticket (every field optional until the check). */
export type OnboardingData = z.output<typeof onboardingDataSchema>;

/** Institutions: the registry of agencies (path, allowlist, grant, dialect, stage, policies). */
export interface InstitutionRepository {
  /** Creates an institution; `DKS_SIM_CONFLICT` when the id or path is taken. */
  create(input: InstitutionInput): Institution;
  get(id: string): Institution | undefined;
  /** The institution registered at `path` (compared case-insensitively), or `undefined`. */
  findByPath(path: string): Institution | undefined;
  /** Every institution, by id. */
  list(): readonly Institution[];
  /** Changes fields; `DKS_SIM_NOT_FOUND` / `DKS_SIM_CONFLICT` (path taken). */
  update(id: string, patch: InstitutionPatch): Institution;
  /** Deletes the institution with its users, tokens and data balikan (the journal keeps its rows). */
  delete(id: string): void;
}

/** A user ID as created, with the password when the store generated it (shown once). */
export interface CreatedUser {
  readonly user: UserAccount;
  /** The generated password, or `null` when the caller chose one. Never stored in clear. */
  readonly generatedPassword: string | null;
}

/** User IDs with the Juknis fields; passwords are kept as scrypt hashes only. */
export interface UserRepository {
  /** Creates a user ID of an institution; `DKS_SIM_NOT_FOUND` (institution), `DKS_SIM_CONFLICT` (user ID taken). */
  create(institutionId: string, input: UserInput): CreatedUser;
  get(userId: string): UserAccount | undefined;
  listByInstitution(institutionId: string): readonly UserAccount[];
  update(userId: string, patch: UserPatch): UserAccount;
  /** Sets a new password (generated when omitted; returned once). */
  setPassword(userId: string, password?: string): { readonly generatedPassword: string | null };
  /**
   * Whether `password` is the user's password (`false` for an unknown user ID). Successful
   * checks are cached in memory for a short time, so repeated requests skip scrypt.
   */
  verifyPassword(userId: string, password: string): boolean;
  /** {@link verifyPassword} with scrypt off the event loop on a cache miss. */
  verifyPasswordAsync(userId: string, password: string): Promise<boolean>;
}

/** A stored token as the admin API shows it: no hash, no secret, with its computed state. */
export interface TokenView {
  readonly id: string;
  readonly prefix: string;
  readonly institutionId: string;
  readonly applicationId: string;
  readonly approvedAt: number;
  readonly expiresAt: number;
  readonly registeredAddresses: readonly string[];
  readonly revocation: TokenRecord["revocation"];
  readonly replaces: string | null;
  readonly state: TokenState;
  /** Whole days until expiry (negative once expired). */
  readonly daysLeft: number;
  /** A warning text when the token is `expiring-soon` or `expired`, else `null`. */
  readonly warning: string | null;
}

/** Data-balikan tokens, through core's token rules (issue, rotate, reapply, revoke). */
export interface TokenRepository {
  /** Issues a token for an application of the institution; `DKS_SIM_CONFLICT` when the application already has a valid one. */
  issue(institutionId: string, input: TokenIssueInput): Promise<IssuedToken>;
  /** Replaces a valid token (core's `rotateToken`); stores the new record and the revoked old one together. */
  rotate(tokenId: string, input?: TokenRotateInput): Promise<RotatedToken>;
  /** Issues the token of a reapplication after expiry (core's `reapplyToken`). */
  reapply(tokenId: string, input?: TokenReapplyInput): Promise<IssuedToken>;
  /** Revokes a token (core's `revokeToken`) and returns the new record. */
  revoke(tokenId: string, reason: string): TokenRecord;
  get(tokenId: string): StoredToken | undefined;
  /** The stored token a presented bearer text names (core's `tokenIdOf`); does NOT verify it: call `verifyToken`. */
  findByToken(presented: string): StoredToken | undefined;
  listByInstitution(institutionId: string): readonly StoredToken[];
  /** The admin view of a stored token at the store's clock (core's `tokenState`). */
  view(stored: StoredToken): TokenView;
}

/** One data-balikan item to receive: the NIK and its `param` objects as sent. */
export interface DataBalikanInput {
  readonly nik: string;
  readonly params: unknown;
}

/** The outcome of {@link DataBalikanRepository.receive}: all items stored, or none. */
export type DataBalikanReceipt =
  | { readonly ok: true; readonly stored: readonly DataBalikanItem[] }
  | {
      readonly ok: false;
      /** Items already received from the institution (or repeated in the batch), by index in the batch. */
      readonly duplicates: readonly { readonly index: number; readonly nik: string }[];
    };

/** Filter of data-balikan listings; `from` inclusive, `to` exclusive (epoch ms). */
export interface DataBalikanFilter {
  readonly institutionId?: string;
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
  readonly offset?: number;
}

/** Data balikan received (Juknis III, PKS): duplicate detection per institution + NIK + canonical params. */
export interface DataBalikanRepository {
  /**
   * Stores a batch atomically. When any item was already received from the institution
   * with the same canonical params (or repeats inside the batch), nothing is stored and
   * the duplicates are returned (wire: `400 {"message":"Data sudah pernah dikirim"}`).
   */
  receive(
    institutionId: string,
    items: readonly DataBalikanInput[],
    options?: { readonly at?: number; readonly tokenId?: string },
  ): DataBalikanReceipt;
  isDuplicate(institutionId: string, nik: string, params: unknown): boolean;
  /** Items, newest first. */
  list(filter?: DataBalikanFilter): readonly DataBalikanItem[];
  count(filter?: Omit<DataBalikanFilter, "limit" | "offset">): number;
}

/** Counts of journal rows matching a filter. */
export interface JournalCounts {
  readonly total: number;
  /** Rows per outcome code; rows without an outcome are counted under `"none"`. */
  readonly byCode: Readonly<Record<string, number>>;
}

/** The request journal: the one place that keeps full request data (full NIKs). */
export interface JournalRepository {
  /** Appends a row (no quota hit); returns its id. Same as `store.appendJournal`. */
  append(entry: NewJournalEntry): number;
  get(id: number): JournalEntry | undefined;
  /**
   * Rows matching the filter, newest first (by `at`, then id). `from` is inclusive and
   * `to` exclusive (epoch ms); `limit` defaults to 100 (at most 10,000), `offset` to 0.
   */
  query(filter?: JournalFilter): readonly JournalEntry[];
  count(filter?: Omit<JournalFilter, "limit" | "offset">): JournalCounts;
  /** Deletes every row, or the rows of one institution; returns how many. */
  reset(institutionId?: string): number;
}

/** The states of an onboarding ticket (BMKG SOP, then the Juknis PoC steps). */
export type OnboardingState =
  | "submitted"
  | "checking"
  | "returned"
  | "account-created"
  | "poc-requested"
  | "poc-scheduled"
  | "poc-passed"
  | "poc-failed"
  | "production";

/** One recorded transition of a ticket. */
export interface OnboardingHistoryEntry {
  readonly from: OnboardingState | null;
  readonly to: OnboardingState;
  readonly at: number;
  readonly note: string | null;
}

/** An onboarding ticket with its history. */
export interface OnboardingTicket {
  readonly id: string;
  readonly state: OnboardingState;
  /** Closed once the account is created (BMKG SOP step 3); the PoC steps continue on the same record. */
  readonly closed: boolean;
  readonly data: OnboardingData;
  /** What the completeness check would find missing now (paths such as `user.officer.nip`). */
  readonly missing: readonly string[];
  /** The states this ticket may move to next. */
  readonly allowed: readonly OnboardingState[];
  /** When the current step should be done, from the SOP's time standard; `null` when none applies. */
  readonly dueAt: number | null;
  readonly institutionId: string | null;
  readonly userId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly history: readonly OnboardingHistoryEntry[];
}

/** What a transition to `account-created` created: the password is shown once. */
export interface CreatedAccount {
  readonly institutionId: string;
  readonly userId: string;
  readonly password: string;
}

/** Onboarding tickets and their transitions (a data table: see `onboardingTransitions`). */
export interface OnboardingRepository {
  submit(data: unknown): OnboardingTicket;
  get(id: string): OnboardingTicket | undefined;
  list(filter?: { readonly state?: OnboardingState }): readonly OnboardingTicket[];
  /** Changes the applicant's data while the ticket is `submitted` or `returned`. */
  amend(id: string, data: unknown): OnboardingTicket;
  /**
   * Moves a ticket along an allowed transition and records it; `DKS_SIM_INVALID_TRANSITION`
   * (with `allowed`) otherwise. `account-created` needs complete data and creates the
   * institution and user ID; `poc-requested` and `production` set the institution's stage.
   */
  transition(
    id: string,
    to: string,
    note?: string,
  ): { readonly ticket: OnboardingTicket; readonly account: CreatedAccount | null };
}

/** One Jakarta day of an institution in the usage report. */
export interface UsageReportDay {
  readonly day: string;
  /** Hits counted against the quota on this day. */
  readonly hits: number;
  /** Journal rows per outcome code (`"none"`: no outcome, e.g. a fault). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly patternFindings: Readonly<Partial<Record<UsagePatternCode, number>>>;
  readonly dataBalikanItems: number;
}

/** One institution in the usage report. */
export interface UsageReportInstitution {
  readonly institutionId: string;
  readonly name: string;
  readonly stage: Stage;
  readonly totals: Omit<UsageReportDay, "day"> & { readonly requests: number };
  /** Days with any activity, ascending. */
  readonly days: readonly UsageReportDay[];
}

/** The semester usage report (Juknis V; PKS Karanganyar Pasal 9). */
export interface UsageReport {
  readonly semester: SemesterId;
  readonly fromDay: string;
  readonly toDay: string;
  readonly generatedAt: number;
  readonly institutions: readonly UsageReportInstitution[];
}

/** Usage reports built from the journal and the data-balikan table. */
export interface ReportRepository {
  /** The report of a semester (`DKS_SIM_VALIDATION` for a bad semester, `DKS_SIM_NOT_FOUND` for an unknown institution). */
  usage(options: { readonly semester: string; readonly institutionId?: string }): UsageReport;
}

/** A Web Portal session as stored (the id itself is only in the operator's cookie). */
export interface PortalSession {
  /** The user ID logged in, or `null` for the anonymous session of the login form. */
  readonly userId: string | null;
  /** The CSRF token of every form of this session. */
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

/** Failed portal logins of a user ID within the lockout window. */
export interface PortalLockState {
  readonly failures: number;
  /** Failed logins left before the user ID is locked. */
  readonly attemptsLeft: number;
  /** Epoch ms (simulator clock) when a login may be tried again, or `null` when not locked. */
  readonly lockedUntil: number | null;
}

/** Web Portal sessions and the login lockout, by the simulator clock. */
export interface PortalRepository {
  /** Opens a session (anonymous when `userId` is `null`); the id is returned once and stored hashed. */
  openSession(userId: string | null): { readonly id: string; readonly session: PortalSession };
  /** The live session of a cookie's id, its idle expiry extended; `undefined` when unknown or expired. */
  session(id: string): PortalSession | undefined;
  closeSession(id: string): void;
  lockState(userId: string): PortalLockState;
  /** Records a failed login (wrong password or unknown user ID) and returns the new state. */
  recordLoginFailure(userId: string): PortalLockState;
  clearLoginFailures(userId: string): void;
}

/**
 * Everything the simulator keeps. Implementations: SQLite file (default) and in-memory
 * SQLite (tests). Every method is synchronous: the engine records a hit and its journal
 * row before it answers, so an acknowledged request survives `kill -9`. (Token issuing is
 * asynchronous because core's token functions are.)
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import { createStore, type SimulatorStore } from "@dukcapil-sandbox/simulator";
 * const store: SimulatorStore = createStore({ file: "./sandbox.db", clock: systemClock });
 * store.institutions.list().map((institution) => institution.path);
 * const snapshot = store.digest(); // equal digests, equal state
 * store.close();
 * ```
 */
export interface SimulatorStore {
  readonly kind: "file" | "memory";
  readonly location: string;
  readonly quota: QuotaStore;
  /** Consumes one hit and appends the journal row in ONE transaction. */
  recordHit(
    key: string,
    day: string,
    limit: number | null,
    entry: (hit: { granted: boolean; used: number; remaining: number | null }) => NewJournalEntry,
  ): { granted: boolean; used: number; remaining: number | null; journalId: number };
  /**
   * `recordHit` with group commit, for the request path: on a database file, the hits
   * queued during one event-loop turn are committed in ONE transaction (each hit in its own
   * savepoint, so one failing hit rolls back only itself), and every promise settles after
   * that commit — an answer sent after it resolves survives `kill -9` as before, while the
   * WAL pages are written once per batch instead of once per hit. In memory, it commits at
   * once (nothing to amortise).
   */
  recordHitGrouped(
    key: string,
    day: string,
    limit: number | null,
    entry: (hit: { granted: boolean; used: number; remaining: number | null }) => NewJournalEntry,
  ): Promise<{ granted: boolean; used: number; remaining: number | null; journalId: number }>;
  appendJournal(entry: NewJournalEntry): number;
  readonly journal: JournalRepository;
  readonly institutions: InstitutionRepository;
  readonly users: UserRepository;
  readonly tokens: TokenRepository;
  readonly dataBalikan: DataBalikanRepository;
  readonly onboarding: OnboardingRepository;
  readonly reports: ReportRepository;
  /** Web Portal sessions and failed logins. */
  readonly portal: PortalRepository;
  /**
   * Admin console sessions (`userId` is `"admin"` once signed in, `null` before) and failed
   * admin logins, keyed by the connecting address.
   */
  readonly adminConsole: PortalRepository;
  /** SHA-256 (hex) of a canonical dump of every table: equal digests, equal state. */
  digest(): string;
  /** Deletes all state (every table) and forgets cached password checks. */
  reset(): void;
  close(): void;
}
