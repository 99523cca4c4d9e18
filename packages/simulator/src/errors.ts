/**
 * The error registry of `@dukcapil-sandbox/simulator`: one row per stable code.
 *
 * These are the simulator's own voice (admin API, sandbox controls, configuration):
 * answered as `application/problem+json` with `type` = `urn:dukcapil-sandbox:error:<code>`.
 * Imitated endpoints never answer with these; they answer in the upstream wire format.
 * `docs/errors.md` is generated from this table; a test checks both directions.
 *
 * @example
 * ```ts
 * import { SimulatorError, simulatorErrorRegistry } from "@dukcapil-sandbox/simulator";
 * simulatorErrorRegistry.DKS_SIM_ADMIN_UNAUTHORIZED.status; // 401
 * declare const error: unknown;
 * if (error instanceof SimulatorError) console.error(simulatorErrorRegistry[error.code].fix);
 * ```
 */
export const simulatorErrorRegistry = {
  DKS_SIM_CONFIG_INVALID: {
    status: 500,
    title: "Invalid simulator configuration",
    fix: "Fix the field named in the message (flag, config file or `createSimulator` option) and start again.",
  },
  DKS_SIM_VALIDATION: {
    status: 400,
    title: "Invalid request",
    fix: "Read `issues` in the response for the field that failed and send a value of the documented type.",
  },
  DKS_SIM_BODY_UNPARSEABLE: {
    status: 400,
    title: "Request body is not JSON",
    fix: "Send a JSON body with `Content-Type: application/json`.",
  },
  DKS_SIM_ADMIN_UNAUTHORIZED: {
    status: 401,
    title: "Admin token missing or wrong",
    fix: "Send `Authorization: Bearer <admin token>`; `npm start` prints the token.",
  },
  DKS_SIM_ADMIN_LOCKED: {
    status: 429,
    title: "Admin token refused after repeated wrong tokens",
    fix: "Wait the `Retry-After` seconds, then send the admin token `npm start` printed: 20 wrong admin tokens from one address within 15 minutes (real time) refuse every admin request from that address until the oldest of them is 15 minutes old. Restarting the simulator clears the count (it is kept in memory).",
  },
  DKS_SIM_NOT_FOUND: {
    status: 404,
    title: "No such resource",
    fix: "Check the id in the path; list the collection to see what exists.",
  },
  DKS_SIM_ROUTE_NOT_FOUND: {
    status: 404,
    title: "No such route",
    fix: "Imitated endpoints live under `POST /dukcapil/get_json/<registered path>/<METHOD>`; sandbox controls under `/sandbox`.",
  },
  DKS_SIM_BODY_TOO_LARGE: {
    status: 413,
    title: "Request body too large",
    fix: "Send a smaller body (`maxBytes` in the answer is the limit that applied): imitated endpoints take `maxBodyBytes` of the simulator configuration (default 1 MiB), the admin API 1 MiB, the sandbox controls 64 KiB. The connection is closed after this answer.",
  },
  DKS_SIM_REQUEST_TIMEOUT: {
    status: 408,
    title: "Request not received in time",
    fix: "Send the request headers within `requestTimeoutMs` (default 30 s), then the whole body within `requestTimeoutMs` more. The connection is closed after this answer.",
  },
  DKS_SIM_HEADERS_TOO_LARGE: {
    status: 431,
    title: "Request headers too large or too many",
    fix: "Send at most 16 KiB of request line and headers (Node's `maxHeaderSize`; `node --max-http-header-size` raises it) and at most 2,000 header fields. The connection is closed after this answer.",
  },
  DKS_SIM_HTTP_MALFORMED: {
    status: 400,
    title: "Malformed HTTP request",
    fix: "Send a valid HTTP/1.1 request; `parserCode` names what the HTTP parser refused (e.g. `HPE_INVALID_HEADER_TOKEN`: a forbidden character in a header, `HPE_UNEXPECTED_CONTENT_LENGTH`: Content-Length twice, `HPE_INVALID_TRANSFER_ENCODING`: Transfer-Encoding with Content-Length). The connection is closed after this answer.",
  },
  DKS_SIM_METHOD_NOT_ALLOWED: {
    status: 405,
    title: "Method not allowed",
    fix: "Use the documented method: imitated endpoints accept POST only; the sandbox controls answer no OPTIONS (no CORS preflight); CONNECT is refused (the simulator is no proxy).",
  },
  DKS_SIM_CONFLICT: {
    status: 409,
    title: "Resource already exists or is in a conflicting state",
    fix: "Use another id, or change the existing resource with PATCH.",
  },
  DKS_SIM_INVALID_TRANSITION: {
    status: 409,
    title: "State transition not allowed",
    fix: "Follow the documented order of states; `allowed` in the response lists the next states.",
  },
  DKS_SIM_PREFER_INVALID: {
    status: 400,
    title: "Invalid Prefer header",
    fix: "Use `Prefer: code=NN` with a code of the catalogue (GET /sandbox/magic lists them), or drop the header.",
  },
  DKS_SIM_PORTAL_CSRF_INVALID: {
    status: 403,
    title: "Web Portal form token missing or wrong",
    fix: "Reload the portal page and send the form again: every form carries its session's token in the hidden field `_csrf`, and a form from another site or an ended session is refused.",
  },
  DKS_SIM_PORTAL_LOCKED: {
    status: 429,
    title: "Web Portal user ID locked after repeated failed logins",
    fix: "Try again at the time the page names (`Retry-After` gives the seconds): 5 failed logins of a user ID within 15 minutes of the simulator clock lock it until the oldest of them is 15 minutes old.",
  },
  DKS_SIM_PORTAL_FORM_INVALID: {
    status: 400,
    title: "Web Portal form not readable",
    fix: "Send the portal's forms as `application/x-www-form-urlencoded` with the fields of the page (a browser does this).",
  },
  DKS_SIM_PORTAL_UPLOAD_TOO_LARGE: {
    status: 413,
    title: "Web Portal data balikan file too large",
    fix: "Upload a CSV or Excel (.xlsx) file of at most 1 MiB and 5,000 data rows; split a larger file into several uploads.",
  },
  DKS_SIM_PORTAL_UPLOAD_INVALID: {
    status: 400,
    title: "Web Portal data balikan file not readable",
    fix: "Upload a `.csv` (UTF-8, comma or semicolon separated) or `.xlsx` file whose first row is the template's header (`NIK`, `NOMOR_REGISTER`, `NAMA_USAHA`, `JENIS_USAHA`); download the template from the upload page.",
  },
  DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED: {
    status: 401,
    title: "Admin console sign-in refused: wrong admin token",
    fix: "Paste the admin token `npm start` printed (or the `adminToken` of the configuration) into the sign-in form of `/admin/masuk`.",
  },
  DKS_SIM_ADMIN_CONSOLE_LOCKED: {
    status: 429,
    title: "Admin console sign-in locked after repeated failures",
    fix: "Try again at the time the page names (`Retry-After` gives the seconds): 5 failed sign-ins from one address within 15 minutes of the simulator clock lock that address until the oldest of them is 15 minutes old.",
  },
  DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID: {
    status: 403,
    title: "Admin console form token missing or wrong",
    fix: "Reload the admin console page and send the form again: every form carries its session's token in the hidden field `_csrf`.",
  },
  DKS_SIM_ADMIN_CONSOLE_FORM_INVALID: {
    status: 400,
    title: "Admin console form not readable",
    fix: "Send the admin console's forms as `application/x-www-form-urlencoded` with the fields of the page (a browser does this).",
  },
  DKS_SIM_STORAGE_FAILED: {
    status: 503,
    title: "State storage failed",
    fix: "Check the database file and its disk; the request was not counted.",
  },
  DKS_SIM_INTERNAL: {
    status: 500,
    title: "Internal simulator error",
    fix: "This is a simulator bug: report it with the request journal entry.",
  },
} as const satisfies Record<string, { status: number; title: string; fix: string }>;

/**
 * A stable error code of the simulator.
 *
 * @example
 * ```ts
 * import { type SimulatorErrorCode, simulatorErrorRegistry } from "@dukcapil-sandbox/simulator";
 * const code: SimulatorErrorCode = "DKS_SIM_NOT_FOUND";
 * simulatorErrorRegistry[code].status; // 404
 * ```
 */
export type SimulatorErrorCode = keyof typeof simulatorErrorRegistry;

/**
 * An error of the simulator's own voice, rendered as problem+json.
 *
 * @example
 * ```ts
 * import { SimulatorError } from "@dukcapil-sandbox/simulator";
 * throw new SimulatorError("DKS_SIM_NOT_FOUND", "Failed to find institution BPS: no such id. List /sandbox/admin/institutions.");
 * ```
 */
export class SimulatorError extends Error {
  override readonly name = "SimulatorError";
  readonly code: SimulatorErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: SimulatorErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = simulatorErrorRegistry[code].status;
    this.details = Object.freeze({ ...details });
  }
}
