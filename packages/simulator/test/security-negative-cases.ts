// The matrix of the fail-closed self-test (issue 7): every credential and authorisation
// failure on every surface, and the refusal it must get. security-negative-paths.test.ts
// iterates NEGATIVE_CASES; how each failure is caused on each surface is written there.
// A pair that does not apply to a surface is left out with a one-line comment saying why.
// Texts come from core's catalogue (`outcomeRow`), core's data-balikan messages and the
// simulator's error registry; none is restated here.
import {
  DATA_BALIKAN_MESSAGES,
  DATA_BALIKAN_STATUS,
  type OutcomeName,
  outcomeRow,
  type RecordElement,
  type ResponseCode,
  type VerifyElement,
} from "@dukcapil-sandbox/core";
import { ADMIN_PATHS } from "../src/admin-console/views.js";
import { type SimulatorErrorCode, simulatorErrorRegistry } from "../src/errors.js";
import { PORTAL_PATHS } from "../src/portal/views.js";

/** The surfaces a caller can present credentials to. */
export const SURFACES = {
  lookup: "imitated API lookup (POST /dukcapil/get_json/<path>/CALL_NIK)",
  verify: "imitated API verify (POST /dukcapil/get_json/<path>/CALL_VERIFY_BY_ELEMEN)",
  family: "imitated API family card (POST /dukcapil/get_json/<path>/CALL_NIK_GET_KK)",
  "portal-login": "Web Portal login form (POST /portal/masuk)",
  "portal-search": "Web Portal NIK search of a session (POST /portal/cari)",
  "portal-data-balikan":
    "Web Portal data balikan of a session (POST /portal/data-balikan and /portal/data-balikan/unggah)",
  "admin-api":
    "admin API and sandbox controls (/sandbox/admin, /sandbox/journal; Bearer admin token)",
  "console-sign-in": "admin console sign-in form (POST /admin/masuk)",
  "console-page": "admin console pages and forms of a session (/admin/pengguna/<user ID>)",
  "data-balikan": "data balikan (POST /dukcapil/data_balikan; Bearer data-balikan token)",
} as const;
export type Surface = keyof typeof SURFACES;

/** The failures: what is wrong with the credential or the authorisation. */
export const FAILURES = {
  "empty-password": "the password is empty",
  "wrong-password": "the password is wrong",
  "empty-user-id": "the user ID is empty",
  "unknown-user": "the user ID is not registered (or was deleted)",
  "wrong-ip-user": "ip_user differs from the address registered for the user ID",
  "unregistered-address": "the connecting address is outside the institution's allowlist",
  "inactive-user": "the user ID is inactive",
  "inactive-institution": "the institution is inactive",
  "inactive-user-and-institution":
    "the user ID and its institution are both inactive (core's check order: user first)",
  "missing-token": "no token or no signed-in session is presented",
  "wrong-token": "a wrong, forged or malformed token or session id is presented",
  "expired-credential": "the token or session has expired",
  "revoked-credential":
    "the credential was revoked (token revoked or rotated, session logged out, password reset)",
  "other-institution-credential": "the credential belongs to another institution",
  "other-surface-credential":
    "a credential of another surface is presented (admin token, data-balikan token, password, portal or console session)",
  "csrf-of-another-session": "the form carries another session's CSRF token",
  "locked-out": "the right credential is sent after 5 failures within 15 minutes",
  "grant-excludes-element": "a found answer for an institution whose grant excludes NAMA_LGKP",
  "quota-exhausted": "a lookup after the user ID's daily quota is used up",
} as const;
export type Failure = keyof typeof FAILURES;

/** The element the grant of the `grant-excludes-element` cases leaves out (verify sends it too). */
export const WITHHELD_ELEMENT = "NAMA_LGKP" satisfies RecordElement & VerifyElement;

/** What a refused (or grant-limited) request must get. */
export type Expected =
  /**
   * An upstream outcome with its catalogue text: on the API HTTP 200, `X-Sandbox-Code` and a
   * body that is exactly the failure envelope carrying `text`; on the portal the confirmation
   * `text` with its code and no record.
   */
  | {
      readonly kind: "outcome";
      readonly status: 200;
      readonly code: ResponseCode;
      readonly text: string;
    }
  /** Found (01), but the record carries neither the withheld element's key nor its value. */
  | {
      readonly kind: "withheld";
      readonly status: 200;
      readonly code: ResponseCode;
      readonly element: RecordElement;
    }
  /**
   * Verify found (01), but the withheld element answers JSON `null`: its key is kept (a key
   * for every element sent, Decisions §8) with no match, no mismatch and no score
   * (decisions/005, "Verify and grants").
   */
  | {
      readonly kind: "unscored";
      readonly status: 200;
      readonly code: ResponseCode;
      readonly element: VerifyElement;
    }
  /** An `application/problem+json` answer with the registry's code and title. */
  | {
      readonly kind: "problem";
      readonly status: number;
      readonly error: SimulatorErrorCode;
      readonly text: string;
    }
  /** An HTML page with `X-Sandbox-Error` and the registry's status. */
  | { readonly kind: "page"; readonly status: number; readonly error: SimulatorErrorCode }
  /** A 403 page of a portal form naming the catalogue's confirmation; nothing is stored. */
  | {
      readonly kind: "refused-form";
      readonly status: 403;
      readonly code: ResponseCode;
      readonly text: string;
    }
  /** A 303 to the sign-in page (its query string aside) with an empty body. */
  | { readonly kind: "redirect"; readonly status: 303; readonly location: string }
  /** The data balikan's `{"message": text}`. */
  | { readonly kind: "message"; readonly status: number; readonly text: string };

function present(text: string | null, what: string): string {
  if (text === null) throw new Error(`the catalogue has no ${what}`);
  return text;
}

/** The imitated lookup (and family) answer of an outcome: `content[0].RESPON`. */
const lookup = (outcome: OutcomeName): Expected => {
  const row = outcomeRow(outcome);
  const text = present(row.lookupText, `lookup text for ${outcome}`);
  return { kind: "outcome", status: 200, code: row.code, text };
};
/** The imitated verify answer of an outcome: `RESPONSE_CODE` and `RESPONSE`. */
const verify = (outcome: OutcomeName): Expected => {
  const row = outcomeRow(outcome);
  const text = present(row.verifyText, `verify text for ${outcome}`);
  return { kind: "outcome", status: 200, code: row.code, text };
};
/** The Web Portal confirmation of an outcome: the Juknis text, else the wire text. */
const portal = (outcome: OutcomeName): Expected => {
  const row = outcomeRow(outcome);
  const text = present(row.portalText ?? row.lookupText, `portal text for ${outcome}`);
  return { kind: "outcome", status: 200, code: row.code, text };
};
/** A portal form refused with the confirmation of an outcome. */
const refusedForm = (outcome: OutcomeName): Expected => {
  const row = outcomeRow(outcome);
  const text = present(row.portalText ?? row.lookupText, `portal text for ${outcome}`);
  return { kind: "refused-form", status: 403, code: row.code, text };
};
const withheld = (element: RecordElement): Expected => ({
  kind: "withheld",
  status: 200,
  code: outcomeRow("found").code,
  element,
});
const unscored = (element: VerifyElement): Expected => ({
  kind: "unscored",
  status: 200,
  code: outcomeRow("found").code,
  element,
});
const problem = (error: SimulatorErrorCode): Expected => ({
  kind: "problem",
  status: simulatorErrorRegistry[error].status,
  error,
  text: simulatorErrorRegistry[error].title,
});
const page = (error: SimulatorErrorCode): Expected => ({
  kind: "page",
  status: simulatorErrorRegistry[error].status,
  error,
});
const redirect = (location: string): Expected => ({ kind: "redirect", status: 303, location });
const dataBalikan = (outcome: keyof typeof DATA_BALIKAN_MESSAGES): Expected => ({
  kind: "message",
  status: DATA_BALIKAN_STATUS[outcome],
  text: DATA_BALIKAN_MESSAGES[outcome],
});

/** A portal form posted without a live operator session: to the login page, "session ended". */
const PORTAL_SESSION_ENDED = redirect(`${PORTAL_PATHS.login}?sesi=berakhir`);

/** One cell of the matrix. */
export interface NegativeCase {
  readonly surface: Surface;
  readonly failure: Failure;
  readonly expect: Expected;
}

const c = (surface: Surface, failure: Failure, expect: Expected): NegativeCase => ({
  surface,
  failure,
  expect,
});

/** The three imitated endpoints share the rows; only the text spelling differs (lookup vs verify). */
function imitated(
  surface: "lookup" | "verify" | "family",
  text: (outcome: OutcomeName) => Expected,
): NegativeCase[] {
  return [
    c(surface, "empty-password", text("empty-credentials")),
    c(surface, "wrong-password", text("login-failed")),
    c(surface, "empty-user-id", text("empty-credentials")),
    c(surface, "unknown-user", text("login-failed")),
    c(surface, "wrong-ip-user", text("ip-mismatch")),
    c(surface, "unregistered-address", text("address-not-registered")),
    c(surface, "inactive-user", text("user-inactive")),
    c(surface, "inactive-institution", text("institution-inactive")),
    c(surface, "inactive-user-and-institution", text("user-inactive")),
    // missing-token, wrong-token: the gateway authenticates by the body's user ID and password and ignores Authorization (wire-format.md §1.4).
    // expired-credential: user ID passwords do not expire; there is no token on this surface.
    c(surface, "revoked-credential", text("login-failed")), // the password before an admin reset
    c(surface, "other-institution-credential", text("login-failed")), // a user ID of another institution at this path
    c(surface, "other-surface-credential", text("empty-credentials")), // Bearer admin / data-balikan token instead of body credentials
    // csrf-of-another-session: no forms and no sessions on the API.
    // locked-out: the upstream has no lockout; every wrong password answers 03 (the portal has one).
    c(surface, "quota-exhausted", text("quota-exhausted")),
  ];
}

/** The matrix: surface × failure → the refusal. */
export const NEGATIVE_CASES: readonly NegativeCase[] = [
  // --- Imitated API: lookup, verify, family card ---
  ...imitated("lookup", lookup),
  c("lookup", "grant-excludes-element", withheld(WITHHELD_ELEMENT)),
  ...imitated("verify", verify),
  c("verify", "grant-excludes-element", unscored(WITHHELD_ELEMENT)), // neither a match nor a score for the ungranted name
  ...imitated("family", lookup),
  c("family", "grant-excludes-element", withheld(WITHHELD_ELEMENT)),

  // --- Web Portal: the login form ---
  c("portal-login", "empty-password", portal("empty-credentials")),
  c("portal-login", "wrong-password", portal("login-failed")),
  c("portal-login", "empty-user-id", portal("empty-credentials")),
  c("portal-login", "unknown-user", portal("login-failed")),
  // wrong-ip-user: the portal has no ip_user; the allowlist on the connecting address applies instead (decisions/008).
  c("portal-login", "unregistered-address", portal("address-not-registered")),
  c("portal-login", "inactive-user", portal("user-inactive")),
  c("portal-login", "inactive-institution", portal("institution-inactive")),
  c("portal-login", "inactive-user-and-institution", portal("user-inactive")),
  // missing-token, wrong-token, expired-credential: the login form is where a session starts; see portal-search.
  c("portal-login", "revoked-credential", portal("login-failed")), // the password before an admin reset
  // other-institution-credential: the user ID names its institution; there is no path to mismatch.
  c("portal-login", "other-surface-credential", portal("login-failed")), // the admin token or a data-balikan token as password
  c("portal-login", "csrf-of-another-session", page("DKS_SIM_PORTAL_CSRF_INVALID")),
  c("portal-login", "locked-out", page("DKS_SIM_PORTAL_LOCKED")),
  // grant-excludes-element, quota-exhausted: a login shows no record and uses no hit; see portal-search.

  // --- Web Portal: the search of a logged-in session ---
  // empty-password, wrong-password, empty-user-id: the session stands for the password checked at login.
  c("portal-search", "unknown-user", PORTAL_SESSION_ENDED), // the session's user ID deleted since login
  // wrong-ip-user: the portal has no ip_user (decisions/008).
  c("portal-search", "unregistered-address", portal("address-not-registered")),
  c("portal-search", "inactive-user", portal("user-inactive")),
  c("portal-search", "inactive-institution", portal("institution-inactive")),
  c("portal-search", "inactive-user-and-institution", portal("user-inactive")),
  c("portal-search", "missing-token", PORTAL_SESSION_ENDED),
  c("portal-search", "wrong-token", PORTAL_SESSION_ENDED),
  c("portal-search", "expired-credential", PORTAL_SESSION_ENDED),
  c("portal-search", "revoked-credential", PORTAL_SESSION_ENDED),
  // other-institution-credential: a session belongs to one user ID of one institution; see csrf-of-another-session.
  c("portal-search", "other-surface-credential", PORTAL_SESSION_ENDED),
  c("portal-search", "csrf-of-another-session", page("DKS_SIM_PORTAL_CSRF_INVALID")),
  // locked-out: see portal-login.
  c("portal-search", "grant-excludes-element", withheld(WITHHELD_ELEMENT)),
  c("portal-search", "quota-exhausted", portal("quota-exhausted")),

  // --- Web Portal: data balikan by online form and upload, of a logged-in session ---
  // empty-password, wrong-password, empty-user-id, wrong-ip-user: as portal-search (the session stands for the login).
  c("portal-data-balikan", "unknown-user", PORTAL_SESSION_ENDED),
  c("portal-data-balikan", "unregistered-address", refusedForm("address-not-registered")),
  c("portal-data-balikan", "inactive-user", refusedForm("user-inactive")),
  c("portal-data-balikan", "inactive-institution", refusedForm("institution-inactive")),
  c("portal-data-balikan", "inactive-user-and-institution", refusedForm("user-inactive")),
  c("portal-data-balikan", "missing-token", PORTAL_SESSION_ENDED),
  c("portal-data-balikan", "wrong-token", PORTAL_SESSION_ENDED),
  c("portal-data-balikan", "expired-credential", PORTAL_SESSION_ENDED),
  c("portal-data-balikan", "revoked-credential", PORTAL_SESSION_ENDED),
  // other-institution-credential: the rows are stored for the session's institution; see csrf-of-another-session.
  c("portal-data-balikan", "other-surface-credential", PORTAL_SESSION_ENDED),
  c("portal-data-balikan", "csrf-of-another-session", page("DKS_SIM_PORTAL_CSRF_INVALID")),
  // locked-out: see portal-login; grant, quota: it answers no resident data and uses no hit.

  // --- Admin API and sandbox controls ---
  // user ID, password, ip_user, status, grant and quota rows: the admin API has one credential, the admin token.
  // unregistered-address: no allowlist; the simulator listens on 127.0.0.1 unless told otherwise.
  c("admin-api", "missing-token", problem("DKS_SIM_ADMIN_UNAUTHORIZED")),
  c("admin-api", "wrong-token", problem("DKS_SIM_ADMIN_UNAUTHORIZED")),
  // expired-credential, revoked-credential: the admin token is fixed at start-up for the life of the process.
  // other-institution-credential: there is one administrator, of no institution.
  c("admin-api", "other-surface-credential", problem("DKS_SIM_ADMIN_UNAUTHORIZED")),
  // csrf-of-another-session: no forms, no sessions (a Bearer API).
  // locked-out: not driven here: locking the loopback address would refuse this file's own admin requests.

  // --- Admin console: sign-in ---
  // user ID, password, ip_user, status, grant and quota rows: the console's one credential is the admin token.
  c("console-sign-in", "missing-token", page("DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED")),
  c("console-sign-in", "wrong-token", page("DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED")),
  // expired-credential, revoked-credential: the admin token is fixed at start-up; sessions are console-page rows.
  c("console-sign-in", "other-surface-credential", page("DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED")),
  c("console-sign-in", "csrf-of-another-session", page("DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID")),
  c("console-sign-in", "locked-out", page("DKS_SIM_ADMIN_CONSOLE_LOCKED")),

  // --- Admin console: pages and forms of a session ---
  c("console-page", "missing-token", redirect(ADMIN_PATHS.login)),
  c("console-page", "wrong-token", redirect(ADMIN_PATHS.login)),
  c("console-page", "expired-credential", redirect(ADMIN_PATHS.login)),
  c("console-page", "revoked-credential", redirect(ADMIN_PATHS.login)),
  c("console-page", "other-surface-credential", redirect(ADMIN_PATHS.login)),
  c("console-page", "csrf-of-another-session", page("DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID")),
  // locked-out: see console-sign-in.

  // --- Data balikan ---
  // empty/wrong password, user ID and ip_user rows, inactive-user(-and-institution): the token is the only credential; it names an application of an institution, not a user ID.
  // unregistered-address: an address outside the token's registered addresses is a misuse signal (core verifyToken `addressRegistered`), not a refusal.
  c("data-balikan", "inactive-institution", dataBalikan("unauthorized")),
  c("data-balikan", "missing-token", dataBalikan("unauthorized")),
  c("data-balikan", "wrong-token", dataBalikan("unauthorized")),
  c("data-balikan", "expired-credential", dataBalikan("unauthorized")),
  c("data-balikan", "revoked-credential", dataBalikan("unauthorized")),
  c("data-balikan", "other-institution-credential", dataBalikan("unauthorized")), // id_lembaga of another institution
  c("data-balikan", "other-surface-credential", dataBalikan("unauthorized")),
  // csrf-of-another-session, locked-out: no forms, no sessions; quota, grant: it uses no hits and answers no resident data.
];
