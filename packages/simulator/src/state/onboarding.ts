/**
 * Onboarding tickets: the BMKG SOP for API data-exchange requests (seed 003: ticket →
 * completeness check, returned when incomplete → account created, ticket closed), then
 * the Juknis PoC steps (seed 002 II.D: requested → scheduled → result → production
 * access, II.B.2). States and transitions are DATA: the rows below are the only place
 * that says what may follow what.
 */
import type { Clock } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { onboardingCompleteSchema, onboardingDataSchema, parseInput } from "./schemas.js";
import { readJson, type SqliteDatabase } from "./sqlite.js";
import type {
  CreatedAccount,
  InstitutionRepository,
  OnboardingData,
  OnboardingHistoryEntry,
  OnboardingRepository,
  OnboardingState,
  OnboardingTicket,
  UserRepository,
} from "./types.js";

const SOP = "003_e65191b19219c344.txt";
const JUKNIS = "002_f37622d7202cca36.txt";

/**
 * One state of a ticket.
 *
 * @example
 * ```ts
 * import { onboardingStates } from "@dukcapil-sandbox/simulator";
 * const open = onboardingStates.filter((row) => !row.closed);
 * ```
 */
export interface OnboardingStateRow {
  readonly state: OnboardingState;
  /** Whether the ticket is closed in this state (the SOP closes it when the account is created). */
  readonly closed: boolean;
  /** Who acts next. */
  readonly nextActor: "applicant" | "service desk" | "officer" | "Disdukcapil" | null;
  /** The SOP's time standard ("Mutu Baku: Waktu") for leaving this state, in minutes; `null` when none. */
  readonly standardMinutes: number | null;
  readonly description: string;
}

/**
 * The states of an onboarding ticket, in process order.
 *
 * @example
 * ```ts
 * import { onboardingStates } from "@dukcapil-sandbox/simulator";
 * onboardingStates.map((row) => row.state); // ["submitted", "checking", "returned", …, "production"]
 * ```
 */
export const onboardingStates: readonly OnboardingStateRow[] = Object.freeze([
  {
    state: "submitted",
    closed: false,
    nextActor: "service desk",
    standardMinutes: 15,
    description:
      "Ticket filed with the request letter and the service form (SOP step 1); the service desk picks it up within 15 minutes.",
  },
  {
    state: "checking",
    closed: false,
    nextActor: "officer",
    standardMinutes: 60,
    description:
      "The service desk checks completeness (SOP step 2): incomplete tickets go back to the applicant; complete ones go to the officer, who creates the account within 1 hour (SOP step 3).",
  },
  {
    state: "returned",
    closed: false,
    nextActor: "applicant",
    standardMinutes: null,
    description:
      "Returned to the applicant to complete (SOP step 2, 'mengembalikan kepada pemohon untuk disesuaikan').",
  },
  {
    state: "account-created",
    closed: true,
    nextActor: "applicant",
    standardMinutes: null,
    description:
      "Account created and ticket closed (SOP step 3, BAB II.4); 200 NIK hits per day until the PoC is passed (Juknis II.B.1).",
  },
  {
    state: "poc-requested",
    closed: true,
    nextActor: "Disdukcapil",
    standardMinutes: null,
    description: "The agency has asked for a Proof of Concept by letter (Juknis II.D.2.a).",
  },
  {
    state: "poc-scheduled",
    closed: true,
    nextActor: "Disdukcapil",
    standardMinutes: null,
    description: "Disdukcapil has confirmed the PoC schedule (Juknis II.D.2.b).",
  },
  {
    state: "poc-passed",
    closed: true,
    nextActor: "Disdukcapil",
    standardMinutes: null,
    description: "The PoC result letter says passed (Juknis II.D.2.c).",
  },
  {
    state: "poc-failed",
    closed: true,
    nextActor: "applicant",
    standardMinutes: null,
    description:
      "The PoC result letter says failed (Juknis II.D.2.c); the agency fixes its application and may request a PoC again.",
  },
  {
    state: "production",
    closed: true,
    nextActor: null,
    standardMinutes: null,
    description:
      "Production access: technical specification received and the quota lifted (Juknis II.D.2.c, II.B.2).",
  },
] satisfies OnboardingStateRow[]);

/** What a transition does besides moving the ticket. */
export type OnboardingEffect = "create-account" | "stage-poc" | "stage-production" | null;

/**
 * One allowed transition.
 *
 * @example
 * ```ts
 * import { onboardingTransitions } from "@dukcapil-sandbox/simulator";
 * const creating = onboardingTransitions.find((row) => row.effect === "create-account");
 * ```
 */
export interface OnboardingTransitionRow {
  readonly from: OnboardingState;
  readonly to: OnboardingState;
  readonly actor: "applicant" | "service desk" | "officer" | "Disdukcapil";
  /** Whether the ticket must pass the completeness check (see `onboardingCompleteSchema`). */
  readonly requiresComplete: boolean;
  readonly effect: OnboardingEffect;
  /** The seed document and clause, or `"project decision"`. */
  readonly source: { readonly document: string; readonly clause: string };
}

/**
 * The allowed transitions: every other move is refused with `DKS_SIM_INVALID_TRANSITION`.
 *
 * @example
 * ```ts
 * import { onboardingTransitions } from "@dukcapil-sandbox/simulator";
 * onboardingTransitions.filter((row) => row.from === "checking").map((row) => row.to); // ["returned", "account-created"]
 * ```
 */
export const onboardingTransitions: readonly OnboardingTransitionRow[] = Object.freeze([
  {
    from: "submitted",
    to: "checking",
    actor: "service desk",
    requiresComplete: false,
    effect: null,
    source: { document: SOP, clause: "Lampiran, step 2 (Memeriksa tiket … kelengkapan)" },
  },
  {
    from: "checking",
    to: "returned",
    actor: "service desk",
    requiresComplete: false,
    effect: null,
    source: { document: SOP, clause: "Lampiran, step 2 (jika tidak sesuai mengembalikan)" },
  },
  {
    from: "checking",
    to: "account-created",
    actor: "officer",
    requiresComplete: true,
    effect: "create-account",
    source: {
      document: SOP,
      clause: "Lampiran, step 3 (pembuatan akun … menutup tiket); BAB II.4",
    },
  },
  {
    from: "returned",
    to: "submitted",
    actor: "applicant",
    requiresComplete: false,
    effect: null,
    source: { document: SOP, clause: "Lampiran, step 2 (untuk disesuaikan)" },
  },
  {
    from: "account-created",
    to: "poc-requested",
    actor: "applicant",
    requiresComplete: false,
    effect: "stage-poc",
    source: { document: JUKNIS, clause: "II.D.2.a (bersurat perihal permohonan PoC)" },
  },
  {
    from: "poc-requested",
    to: "poc-scheduled",
    actor: "Disdukcapil",
    requiresComplete: false,
    effect: null,
    source: { document: JUKNIS, clause: "II.D.2.b (jadwal pelaksanaan PoC)" },
  },
  {
    from: "poc-scheduled",
    to: "poc-passed",
    actor: "Disdukcapil",
    requiresComplete: false,
    effect: null,
    source: { document: JUKNIS, clause: "II.D.2.c (surat hasil PoC)" },
  },
  {
    from: "poc-scheduled",
    to: "poc-failed",
    actor: "Disdukcapil",
    requiresComplete: false,
    effect: null,
    source: { document: JUKNIS, clause: "II.D.2.c (surat hasil PoC)" },
  },
  {
    from: "poc-failed",
    to: "poc-requested",
    actor: "applicant",
    requiresComplete: false,
    effect: null,
    source: { document: "project decision", clause: "a failed PoC may be requested again" },
  },
  {
    from: "poc-passed",
    to: "production",
    actor: "Disdukcapil",
    requiresComplete: false,
    effect: "stage-production",
    source: {
      document: JUKNIS,
      clause: "II.D.2.c (Spesifikasi teknis akses Production); II.B.2 (tanpa dibatasi kuota)",
    },
  },
] satisfies OnboardingTransitionRow[]);

const STATES = new Set<string>(onboardingStates.map((row) => row.state));

/**
 * The states a ticket in `state` may move to, in table order.
 *
 * @example
 * ```ts
 * import { allowedOnboardingTransitions } from "@dukcapil-sandbox/simulator";
 * allowedOnboardingTransitions("checking"); // ["returned", "account-created"]
 * ```
 */
export function allowedOnboardingTransitions(state: OnboardingState): OnboardingState[] {
  return onboardingTransitions.filter((row) => row.from === state).map((row) => row.to);
}

/**
 * The paths the completeness check (`onboardingCompleteSchema`) finds missing or invalid.
 *
 * @example
 * ```ts
 * import { missingOnboardingFields } from "@dukcapil-sandbox/simulator";
 * missingOnboardingFields({ letter: { number: "400/1", date: "2026-02-20" } }); // ["institution", "application", "user", "contact"]
 * ```
 * @internal
 */
export function missingOnboardingFields(data: OnboardingData): string[] {
  const result = onboardingCompleteSchema.safeParse(data);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => issue.path.map(String).join(".")))];
}

interface TicketRow {
  id: string;
  state: OnboardingState;
  data: string;
  institution_id: string | null;
  user_id: string | null;
  created_at: number;
  updated_at: number;
}

interface TransitionRow {
  from_state: OnboardingState | null;
  to_state: OnboardingState;
  at: number;
  note: string | null;
}

function ticketNotFound(id: string): SimulatorError {
  return new SimulatorError(
    "DKS_SIM_NOT_FOUND",
    `Failed to find onboarding ticket ${JSON.stringify(id)}: no such ticket. List GET /sandbox/admin/onboarding to see the tickets.`,
    { ticketId: id },
  );
}

/**
 * The onboarding repository over an open database; account creation goes through the
 * institution and user repositories, in the same transaction as the ticket's move.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createInstitutions, createOnboarding, createUsers, openDatabase } from "@dukcapil-sandbox/simulator";
 * const db = openDatabase(":memory:");
 * const clock = createManualClock(Date.parse("2026-03-02T09:00:00+07:00"));
 * const onboarding = createOnboarding(db, clock, createInstitutions(db, clock), createUsers(db, clock));
 * const ticket = onboarding.submit({ institution: { name: "Dinas Sosial Kabupaten Bandung" } });
 * onboarding.transition(ticket.id, "checking");
 * ```
 * @internal
 */
export function createOnboarding(
  db: SqliteDatabase,
  clock: Clock,
  institutions: InstitutionRepository,
  users: UserRepository,
): OnboardingRepository {
  const nextNumber = db
    .prepare<[], number>(
      "SELECT COALESCE(MAX(CAST(substr(id, 5) AS INTEGER)), 0) + 1 FROM onboarding_tickets",
    )
    .pluck();
  const insertTicket = db.prepare<[TicketRow]>(
    "INSERT INTO onboarding_tickets (id, state, data, institution_id, user_id, created_at, updated_at) VALUES (@id, @state, @data, @institution_id, @user_id, @created_at, @updated_at)",
  );
  const updateTicket = db.prepare<
    [
      {
        id: string;
        state: string;
        data: string;
        institution_id: string | null;
        user_id: string | null;
        updated_at: number;
      },
    ]
  >(
    "UPDATE onboarding_tickets SET state = @state, data = @data, institution_id = @institution_id, user_id = @user_id, updated_at = @updated_at WHERE id = @id",
  );
  const insertTransition = db.prepare<[string, string | null, string, number, string | null]>(
    "INSERT INTO onboarding_transitions (ticket_id, from_state, to_state, at, note) VALUES (?, ?, ?, ?, ?)",
  );
  const byId = db.prepare<[string], TicketRow>("SELECT * FROM onboarding_tickets WHERE id = ?");
  const all = db.prepare<[], TicketRow>("SELECT * FROM onboarding_tickets ORDER BY id");
  const byState = db.prepare<[string], TicketRow>(
    "SELECT * FROM onboarding_tickets WHERE state = ? ORDER BY id",
  );
  const historyOf = db.prepare<[string], TransitionRow>(
    "SELECT from_state, to_state, at, note FROM onboarding_transitions WHERE ticket_id = ? ORDER BY id",
  );

  const toTicket = (row: TicketRow): OnboardingTicket => {
    const data = readJson<OnboardingData>(row.data);
    const history: OnboardingHistoryEntry[] = historyOf.all(row.id).map((entry) => ({
      from: entry.from_state,
      to: entry.to_state,
      at: entry.at,
      note: entry.note,
    }));
    const stateRow = onboardingStates.find((item) => item.state === row.state);
    const enteredAt = history.at(-1)?.at ?? row.updated_at;
    return {
      id: row.id,
      state: row.state,
      closed: stateRow?.closed ?? false,
      data,
      missing: missingOnboardingFields(data),
      allowed: allowedOnboardingTransitions(row.state),
      dueAt:
        stateRow?.standardMinutes == null ? null : enteredAt + stateRow.standardMinutes * 60_000,
      institutionId: row.institution_id,
      userId: row.user_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      history,
    };
  };

  const mustGet = (id: string): TicketRow => {
    const row = byId.get(id);
    if (row === undefined) throw ticketNotFound(id);
    return row;
  };

  const setStage = (row: TicketRow, stage: "poc" | "production"): void => {
    if (row.institution_id === null || institutions.get(row.institution_id) === undefined) {
      throw new SimulatorError(
        "DKS_SIM_CONFLICT",
        `Failed to set the stage of ticket ${row.id}: its institution no longer exists. Create the institution again with POST /sandbox/admin/institutions and set its stage with PATCH.`,
        { ticketId: row.id },
      );
    }
    institutions.update(row.institution_id, { stage });
  };

  const createAccount = (row: TicketRow, data: OnboardingData): CreatedAccount => {
    const complete = onboardingCompleteSchema.parse(data);
    const institution = institutions.create({
      ...(data.institution?.id === undefined ? {} : { id: data.institution.id }),
      name: complete.institution.name,
      path: complete.institution.path,
      allowlist: complete.institution.allowlist,
      ...(data.institution?.grant === undefined ? {} : { grant: data.institution.grant }),
      stage: "onboarding",
    });
    const { user, generatedPassword } = users.create(institution.id, {
      userId: complete.user.userId,
      ipUser: complete.user.ipUser,
      officer: complete.user.officer,
    });
    row.institution_id = institution.id;
    row.user_id = user.userId;
    return {
      institutionId: institution.id,
      userId: user.userId,
      password: generatedPassword ?? "",
    };
  };

  const transitionTx = db.transaction(
    (
      id: string,
      to: string,
      note: string | null,
    ): { row: TicketRow; account: CreatedAccount | null } => {
      const row = mustGet(id);
      const allowed = allowedOnboardingTransitions(row.state);
      if (!STATES.has(to)) {
        throw new SimulatorError(
          "DKS_SIM_VALIDATION",
          `Failed to move ticket ${id}: ${JSON.stringify(to)} is not an onboarding state. Use one of ${[...STATES].join(", ")}.`,
          {
            issues: [{ path: "to", code: "invalid_value", message: "Unknown onboarding state" }],
            allowed,
          },
        );
      }
      const rule = onboardingTransitions.find((item) => item.from === row.state && item.to === to);
      if (rule === undefined) {
        throw new SimulatorError(
          "DKS_SIM_INVALID_TRANSITION",
          `Failed to move ticket ${id} from ${row.state} to ${to}: the process does not allow it. Move it to one of: ${allowed.join(", ") || "(none: the process is complete)"}.`,
          { ticketId: id, from: row.state, to, allowed },
        );
      }
      const data = readJson<OnboardingData>(row.data);
      if (rule.requiresComplete) {
        const missing = missingOnboardingFields(data);
        if (missing.length > 0) {
          throw new SimulatorError(
            "DKS_SIM_INVALID_TRANSITION",
            `Failed to move ticket ${id} to ${to}: the completeness check fails (${missing.join(", ")}). Return the ticket to the applicant (to: "returned") so they can complete it.`,
            { ticketId: id, from: row.state, to, allowed: ["returned"], missing },
          );
        }
      }
      let account: CreatedAccount | null = null;
      if (rule.effect === "create-account") account = createAccount(row, data);
      else if (rule.effect === "stage-poc") setStage(row, "poc");
      else if (rule.effect === "stage-production") setStage(row, "production");
      const now = clock.now();
      updateTicket.run({
        id,
        state: to,
        data: row.data,
        institution_id: row.institution_id,
        user_id: row.user_id,
        updated_at: now,
      });
      insertTransition.run(id, row.state, to, now, note);
      return { row: mustGet(id), account };
    },
  );

  const submitTx = db.transaction((data: OnboardingData): TicketRow => {
    const id = `TKT-${String(nextNumber.get() ?? 1).padStart(6, "0")}`;
    const now = clock.now();
    insertTicket.run({
      id,
      state: "submitted",
      data: JSON.stringify(data),
      institution_id: null,
      user_id: null,
      created_at: now,
      updated_at: now,
    });
    insertTransition.run(id, null, "submitted", now, null);
    return mustGet(id);
  });

  const amendTx = db.transaction((id: string, patch: OnboardingData): TicketRow => {
    const row = mustGet(id);
    if (row.state !== "submitted" && row.state !== "returned") {
      throw new SimulatorError(
        "DKS_SIM_INVALID_TRANSITION",
        `Failed to amend ticket ${id}: it is ${row.state}; the applicant may change data only while it is submitted or returned.`,
        { ticketId: id, from: row.state, allowed: allowedOnboardingTransitions(row.state) },
      );
    }
    const merged: OnboardingData = { ...readJson<OnboardingData>(row.data), ...patch };
    updateTicket.run({
      id,
      state: row.state,
      data: JSON.stringify(merged),
      institution_id: row.institution_id,
      user_id: row.user_id,
      updated_at: clock.now(),
    });
    return mustGet(id);
  });

  return {
    submit: (data) => toTicket(submitTx(parseInput(onboardingDataSchema, data, "submit ticket"))),
    get(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : toTicket(row);
    },
    list: (filter = {}) =>
      (filter.state === undefined ? all.all() : byState.all(filter.state)).map(toTicket),
    amend: (id, data) =>
      toTicket(amendTx(id, parseInput(onboardingDataSchema, data, "amend ticket"))),
    transition(id, to, note) {
      const { row, account } = transitionTx(id, to, note ?? null);
      return { ticket: toTicket(row), account };
    },
  };
}
