/**
 * The standard PoC plan (issue 4): the table of criteria an agency app must pass before it
 * gets production access (Juknis II.D). Data only; the docs and tests read it. Criterion ids
 * are stable: a retired id is never reused for another check.
 *
 * Order matters only for apps that keep state across criteria: the quota criteria come last
 * but one, so an HTTP app that remembers "quota used up" by its own clock does not spoil the
 * criteria after it.
 */
import type { PocPlan, PocPlanInput } from "./schema.js";
import { pocPlanSchema } from "./schema.js";

type CriterionInput = PocPlanInput["criteria"][number];

const TWO_RESIDENTS: CriterionInput["steps"] = [
  { action: "lookup", nik: { random: "resident" }, repeat: 2 },
];

const refusal = (
  id: string,
  title: string,
  clause: string,
  code: string,
  setup: NonNullable<CriterionInput["setup"]>,
  description: string,
): CriterionInput => ({
  id,
  title,
  clause,
  description,
  setup,
  steps: TWO_RESIDENTS,
  expect: { kind: "outcome-shown", code, maxUpstreamCallsPerAction: 1 },
});

const outcome = (
  id: string,
  title: string,
  clause: string,
  magic: "deceased" | "duplicate" | "not-found" | "inactive",
  code: string,
): CriterionInput => ({
  id,
  title,
  clause,
  description: `The operator looks up a NIK the registry answers with code ${code}: the app shows the catalogue's confirmation (or its advice) and does not retry.`,
  steps: [{ action: "lookup", nik: { magic } }],
  expect: { kind: "outcome-shown", code, maxUpstreamCallsPerAction: 1 },
});

const fault = (
  id: string,
  title: string,
  faults: NonNullable<NonNullable<CriterionInput["setup"]>["faults"]>,
  description: string,
  extra: { requireRecord?: boolean; repeat?: number } = {},
): CriterionInput => ({
  id,
  title,
  clause: "Juknis I.B.2; Ketentuan Penggunaan API butir c",
  description,
  setup: { faults },
  steps: [{ action: "lookup", nik: { random: "resident" }, repeat: extra.repeat ?? 1 }],
  expect: { kind: "bounded-resilience", requireRecord: extra.requireRecord ?? false },
});

/**
 * The standard plan as written (before defaults), for docs and for plans that extend it.
 *
 * @example
 * ```ts
 * import { pocPlanSchema, standardPlanInput } from "@dukcapil-sandbox/conformance";
 * const mine = pocPlanSchema.parse({
 *   ...standardPlanInput,
 *   id: "standard-without-load",
 *   criteria: standardPlanInput.criteria.filter((criterion) => criterion.id !== "POC-LOAD-01"),
 * });
 * ```
 */
export const standardPlanInput = {
  id: "standard-poc",
  title: "Standard PoC of an agency application (Juknis II.D)",
  version: "1",
  description:
    "The scripted Proof of Concept an agency application must pass before it receives the production specification and an unlimited quota: credentials and access, data outcomes, quota, input pattern, resilience, zero storage, attribution, data balikan and (advisory) load.",
  canaries: 3,
  closeDayAfterEachCriterion: true,
  criteria: [
    // --- Credentials and access ---
    refusal(
      "POC-ACCESS-01",
      "Wrong password (Login Gagal): clear message, no loop",
      "Juknis II.C.2.b.3)a; PKS art. 3(1)c",
      "03",
      { user: { wrongPassword: true } },
      "The user's password is changed at the registry. The app shows its operator that the login failed (the catalogue's text or advice) and makes at most one upstream call per lookup.",
    ),
    refusal(
      "POC-ACCESS-02",
      "Connecting address not registered (IP Client Tidak terdaftar): clear message, no loop",
      "Juknis I.A; PKS art. 3(1)b",
      "10",
      { institution: { allowlist: ["10.255.255.0/24"] } },
      "The institution's allowlist no longer holds the app's address. The app shows the refusal and makes at most one upstream call per lookup.",
    ),
    refusal(
      "POC-ACCESS-03",
      "ip_user differs from the registered one (IP Address Tidak Sesuai): clear message, no loop",
      "Juknis I.A; II.A",
      "04",
      { user: { ipUser: "10.255.255.1" } },
      "The registry holds another ip_user for the user ID. The app shows the refusal and makes at most one upstream call per lookup.",
    ),
    refusal(
      "POC-ACCESS-04",
      "User ID inactive: clear message, no loop",
      "Juknis II.A.3",
      "17",
      { user: { status: "inactive" } },
      "The user ID is deactivated. The app tells the operator to contact the administrator and makes at most one upstream call per lookup.",
    ),
    refusal(
      "POC-ACCESS-05",
      "Institution inactive: clear message, no loop",
      "Juknis II.A; PKS art. 3(2)c",
      "16",
      { institution: { status: "inactive" } },
      "The institution's access is deactivated. The app shows the refusal and makes at most one upstream call per lookup.",
    ),

    // --- Data outcomes ---
    {
      id: "POC-DATA-01",
      title: "Found: the granted elements are shown (NAMA_LGKP)",
      clause: "Juknis II.C.2.a; II.C.2.b.1)",
      description:
        "The operator looks up two found residents: the app shows each resident's full name from the record (only granted elements can reach it).",
      steps: [
        { action: "lookup", nik: { magic: "found" } },
        { action: "lookup", nik: { random: "resident" } },
      ],
      expect: { kind: "record-shown", elements: ["NAMA_LGKP"] },
    },
    outcome(
      "POC-DATA-02",
      "Deceased (Data Ditemukan, Meninggal Dunia) shown",
      "Juknis II.C.2.b.2)a)",
      "deceased",
      "11",
    ),
    outcome(
      "POC-DATA-03",
      "Duplicate (Data Ditemukan, Data Ganda) shown",
      "Juknis II.C.2.b.2)b)",
      "duplicate",
      "12",
    ),
    outcome(
      "POC-DATA-04",
      "Not found (Data tidak ditemukan) shown",
      "Juknis II.C.2.b.2)c)",
      "not-found",
      "13",
    ),
    outcome(
      "POC-DATA-05",
      "Inactive (Status Non Aktif) shown",
      "Juknis II.C.2.b.2)d)",
      "inactive",
      "14",
    ),
    {
      id: "POC-DATA-06",
      title: "A malformed NIK never reaches the upstream",
      clause: "Juknis II.C.2.b.2)e)",
      description:
        "The operator types three malformed NIKs (31 February, 15 digits, a letter): the app validates locally and answers without calling the upstream (a malformed NIK still costs a hit there).",
      steps: [
        { action: "lookup", nik: { magic: "malformed-nik" } },
        { action: "lookup", nik: { literal: "320405150290000" } },
        { action: "lookup", nik: { literal: "32040515O2900001" } },
      ],
      expect: { kind: "no-upstream-call" },
    },
    {
      id: "POC-DATA-07",
      title: "A NIK above 2^53 survives digit-exact",
      clause: "Juknis II.C.2.b.1); wire format (NIK as a JSON number)",
      description:
        "The upstream sends NIK as a bare JSON number; a NIK above 2^53 (a Papua resident) is rounded by a client that parses it as a double. The app shows it digit for digit.",
      steps: [{ action: "lookup", nik: { magic: "big-nik" } }],
      expect: { kind: "nik-digit-exact" },
    },

    // --- Input pattern ---
    {
      id: "POC-PATTERN-01",
      title: "No sequential, patterned or bursty lookups",
      clause: "Juknis II.E.1",
      description:
        "The operator looks up 20 unrelated residents at an operator's pace. The journal of the app's upstream calls shows no usage-pattern finding (live and by core's detector): the app adds no enumeration, prefetch or burst of its own.",
      steps: [{ action: "lookup", nik: { random: "resident" }, repeat: 20 }],
      expect: { kind: "no-usage-patterns" },
    },

    // --- Resilience ---
    fault(
      "POC-RESIL-01",
      "512 Kbps link: the record still arrives, in time",
      { bandwidthKbps: 512 },
      "The upstream link is capped at 512 Kbps (the Juknis link). The app shows the record within its own timeout.",
      { requireRecord: true, repeat: 2 },
    ),
    fault(
      "POC-RESIL-02",
      "10 s upstream delay: the app answers within its own timeout",
      { latencyMs: 10_000 },
      "Every upstream answer is delayed 10 s. The app answers its operator within its timeout (plus grace) and retries at most a bounded number of times, with backoff.",
    ),
    fault(
      "POC-RESIL-03",
      "HTTP 500: answered in time, bounded retries",
      { error: 500 },
      "The upstream answers HTTP 500. The app answers its operator in time with at most maxRetries + 1 attempts, with growing gaps.",
    ),
    fault(
      "POC-RESIL-04",
      "HTTP 503: answered in time, bounded retries with backoff",
      { error: 503 },
      "The upstream answers HTTP 503 (throttled under load). The app answers its operator in time with at most maxRetries + 1 attempts, with growing gaps.",
    ),
    fault(
      "POC-RESIL-05",
      "Connection reset: answered in time, bounded retries with backoff",
      { reset: true },
      "The upstream resets the connection. The app answers its operator in time with at most maxRetries + 1 attempts, with growing gaps.",
    ),
    fault(
      "POC-RESIL-06",
      "No answer: the app times out by itself",
      { noAnswer: true },
      "The upstream never answers. The app gives up by itself and answers its operator within its timeout (plus grace), with bounded retries.",
    ),

    // --- Zero storage ---
    {
      id: "POC-STORAGE-01",
      title: "Nothing read is stored (canary residents)",
      clause: "Juknis II.E.2; PKS art. 3(2)i",
      description:
        "Three canary residents are looked up. After the app is closed, no file under its declared storage holds a canary's full NIK, NO_KK or name (masked NIKs are allowed).",
      steps: [
        { action: "lookup", nik: { canary: 0 } },
        { action: "lookup", nik: { canary: 1 } },
        { action: "lookup", nik: { canary: 2 } },
      ],
      expect: { kind: "no-stored-person-data" },
    },

    // --- Attribution ---
    {
      id: "POC-ATTRIB-01",
      title: "Every answer shows the attribution notice",
      clause: "Ketentuan Penggunaan API butir b",
      description:
        "Every answer the app gives (found, deceased, not found, malformed) shows the attribution notice of the run.",
      steps: [
        { action: "lookup", nik: { magic: "found" } },
        { action: "lookup", nik: { magic: "deceased" } },
        { action: "lookup", nik: { magic: "not-found" } },
        { action: "lookup", nik: { literal: "12345" } },
      ],
      expect: { kind: "attribution-shown" },
    },

    // --- Data balikan ---
    {
      id: "POC-BALIKAN-01",
      title: "Data balikan: one item per found resident, no re-send",
      clause: "Juknis III; PKS art. 3(2)b",
      description:
        "The operator looks up three residents (one twice) and a NIK that is not found, then closes the day twice. The simulator received exactly one item per found resident, in the agreed format, and no duplicate.",
      steps: [
        { action: "lookup", nik: { random: "resident" }, repeat: 3 },
        { action: "lookup", nik: { sameAs: 0 } },
        { action: "lookup", nik: { magic: "not-found" } },
        { action: "endOfDay", repeat: 2 },
      ],
      expect: { kind: "data-balikan-complete", minParamKeys: 1 },
    },

    // --- Quota ---
    {
      id: "POC-QUOTA-01",
      title: "Quota used up (Kuota Akses Hari ini telah Habis): message shown, no retry storm",
      clause: "Juknis II.B.1; II.C.2.b.3)b)",
      description:
        "The user's daily quota is set to 3 and the operator asks 5 times. The quota runs out; the app shows the quota message and makes at most one upstream call per lookup. If the quota never runs out the criterion fails.",
      setup: { user: { dailyQuota: 3 } },
      steps: [{ action: "lookup", nik: { random: "resident" }, repeat: 5 }],
      expect: { kind: "quota-exhaustion-handled", maxUpstreamCallsPerAction: 1 },
    },
    {
      id: "POC-QUOTA-02",
      title: "After code 05 no call until the next day",
      clause: "Juknis II.B.1; catalogue code 05 (retry next day)",
      description:
        "The user's daily quota is set to 3 and the operator asks 6 times: after the first code 05 the app makes no upstream call for the rest of the simulated day; the next day it calls again.",
      setup: { user: { dailyQuota: 3 } },
      steps: [
        { action: "lookup", nik: { random: "resident" }, repeat: 6 },
        { action: "nextDay" },
        { action: "lookup", nik: { random: "resident" } },
      ],
      expect: { kind: "quota-stop-until-next-day" },
    },

    // --- Load (advisory) ---
    {
      id: "POC-LOAD-01",
      title: "Sustains the planned rate within latency and error thresholds",
      clause: "Juknis II.D; Ketentuan Penggunaan API butir c",
      mandatory: false,
      description:
        "Advisory: the app sustains 5 lookups per second (each a new random resident) for 5 s with p95 latency under 2 s and at most 1% errors, on its own simulated day with a raised daily quota so the PoC quota does not interfere. An HTTP app is loaded with autocannon through its lookup template; a module app through an open-loop fixed-rate loop calling its lookup (autocannon needs a URL); a browser-driven app is skipped.",
      setup: { user: { dailyQuota: 10_000 } },
      expect: {
        kind: "load",
        ratePerSecond: 5,
        durationMs: 5_000,
        maxP95Ms: 2_000,
        maxErrorRate: 0.01,
      },
    },
  ],
} satisfies PocPlanInput;

/**
 * The standard plan, validated, defaults applied: 25 criteria, 24 mandatory (POC-LOAD-01 is advisory).
 *
 * @example
 * ```ts
 * import { standardPlan } from "@dukcapil-sandbox/conformance";
 * standardPlan.criteria.find((criterion) => criterion.id === "POC-QUOTA-02")?.clause;
 * standardPlan.criteria.filter((criterion) => criterion.mandatory).length; // 24
 * ```
 */
export const standardPlan: PocPlan = pocPlanSchema.parse(standardPlanInput);
