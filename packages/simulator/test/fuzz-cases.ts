// Generators of the HTTP fuzz test (fuzz-http.test.ts; not a test file itself). Every case
// comes from a seeded generator: the seed and the case's index replay it exactly.
//
// Two families:
// - READ-ONLY cases leave the database unchanged (the test compares the state digest before
//   and after each read-only batch). What counts as read-only here, precisely:
//   * GET/HEAD of /sandbox/health and /sandbox/magic, with any query and headers;
//   * any request to a sandbox control or the admin API (/sandbox/*, /sandbox/admin/*) with a
//     missing or wrong admin token (refused before any body is read or state is touched; a
//     wrong token does count towards the admin lockout, which is kept in memory, not in the
//     database), and GETs of the controls and admin API with the right token;
//   * requests to unknown routes (404 before any state);
//   * portal (/portal/*) and admin console (/admin/*) requests WITHOUT a valid session cookie,
//     except the two sign-in pages (GET /portal/masuk and /admin/masuk open an anonymous
//     session for the form's CSRF token; POST to them records failed logins) — pages
//     redirect to the sign-in page, forms are read and refused, unknown pages answer 404;
//   * non-POST requests to /dukcapil/data_balikan without a Prefer header (405 before the
//     journal);
//   * requests the HTTP parser refuses (malformed request line or headers, bad framing,
//     headers too large or too many): they never reach a handler.
//   Every other imitated request is NOT read-only: the simulator journals imitated requests
//   by design, near misses included (unknown path, wrong method, invalid Prefer, unreadable
//   body, failed credential checks), and a lookup past the account checks uses quota.
// - WRITING cases (imitated lookups, verify and family with fuzzed bodies, data balikan, the
//   admin API with the right token, portal and admin console sessions): answered and checked
//   for their voice, not for the digest.
import { Buffer } from "node:buffer";

/** A seeded pseudo-random generator (sfc32 seeded by splitmix32). */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as never,
  };
  return rng;
}

/** What the simulator under fuzz gives the generators (credentials, sessions, limits). */
export interface FuzzTargets {
  readonly adminToken: string;
  readonly institutionId: string;
  readonly institutionPath: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
  readonly dataBalikanToken: string;
  readonly niks: readonly string[];
  readonly maxBodyBytes: number;
  /** A logged-in portal session of the seeded user. */
  readonly portal: { readonly cookie: string; readonly csrf: string };
  /** A signed-in admin console session. */
  readonly console: { readonly cookie: string; readonly csrf: string };
  /** Anonymous sessions of the two sign-in forms (their CSRF tokens let wrong logins through to the checks). */
  readonly portalLogin: { readonly cookie: string; readonly csrf: string };
  readonly consoleLogin: { readonly cookie: string; readonly csrf: string };
}

/**
 * The voice an answer must have:
 * - `upstream`: an imitated get_json answer — 200, `application/json;charset=UTF-8`, the
 *   upstream envelope (`content` array);
 * - `data-balikan`: 200/400/401, `application/json`, `{"message": …}`;
 * - `fault`: a `Prefer: fault=…` error — its status, `text/plain`;
 * - `imitated`: a /dukcapil path whose routing the case does not decide: one of the above,
 *   or problem+json (no institution at the path, no such method, wrong HTTP method, …);
 * - `problem`: `application/problem+json` with a registry code and its status;
 * - `sandbox`: JSON (2xx; CSV for a report download) or problem+json;
 * - `html`: /portal and /admin — an HTML document (4xx/5xx with `X-Sandbox-Error`), a 303
 *   redirect, or a CSV download.
 */
export type Voice =
  | "upstream"
  | "data-balikan"
  | "fault"
  | "imitated"
  | "problem"
  | "sandbox"
  | "html";

export interface HttpCase {
  readonly kind: "http";
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer | undefined;
  /** Sent in `parts` pieces, `delayMs` apart. */
  readonly slow?: { readonly parts: number; readonly delayMs: number };
  readonly localAddress: string;
  readonly voice: Voice;
  /** The statuses allowed, when the case decides them. */
  readonly status?: readonly number[];
  /** The problem codes allowed, when the case decides them. */
  readonly codes?: readonly string[];
  /**
   * The server may refuse it early and close (a body over a limit, headers too large): a
   * connection closed before the whole answer arrived is then a deliberate close.
   */
  readonly mayClose?: boolean;
  /**
   * Sent without a valid session (a page or form of the portal or the console): any 2xx
   * answer would serve a page without signing in.
   */
  readonly anonymous?: boolean;
}

export interface RawCase {
  readonly kind: "raw";
  readonly label: string;
  readonly bytes: Buffer;
  /** The voice of the path, when the request may be well-formed enough to be answered. */
  readonly voice: Voice;
  /** The HTTP layer must refuse it (problem+json, one of these statuses). */
  readonly refused?: readonly number[];
  /** End the client's side after the bytes (the request is cut short). */
  readonly halfClose?: boolean;
}

export type FuzzCase = HttpCase | RawCase;

// --- Values ----------------------------------------------------------------------------------

const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE journal; --",
  '" OR 1=1 --',
  "admin'--",
  "') UNION SELECT * FROM users --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "</textarea><svg onload=alert(1)>",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "....//....//etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, sent as text
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "$(id)",
  "`id`",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDC00x",
  "x\uDBFF",
  "\u202Eevil\u202C",
  "\u200F\u200E\u061C",
  "\u05E9\u05DC\u05D5\u05DD",
  "\u0645\u0631\u062D\u0628\u0627",
  "\uD835\uDD4F",
  "\uD83D\uDE00",
  "\uFEFF",
  "\u2028\u2029",
  "\uFF21\uFF22",
  "e\u0301\u0302\u0303",
  "I\u0307",
  "\u0663\u0663\u0661\u0669\u0660\u0664\u0661\u0663\u0660\u0667\u0669\u0664\u0669\u0660\u0660\u0661",
  "\uFF13\uFF13\uFF11\uFF19\uFF10\uFF14\uFF11\uFF13\uFF10\uFF17\uFF19\uFF14\uFF19\uFF10\uFF10\uFF11",
  "%00",
  "%c0%af",
  "%e0%80%af",
  "%ed%a0%80",
  "\r\nX-Injected: 1",
  "\t",
  "\\",
  '"',
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "9".repeat(16),
  "0".repeat(16),
  "3".repeat(17),
  "A".repeat(300),
];

const JSON_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  [],
  {},
  [null],
  { a: 1 },
  [[[[[]]]]],
  "",
];

/** Raw JSON texts JSON.stringify cannot make (big numbers, escapes, duplicate keys). */
const RAW_JSON_VALUES = [
  "3319041307949001",
  "33190413079490011234567890",
  "1e999",
  "-0.0e-0",
  '"\\u0000"',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '"\\u202e"',
  '{"__proto__":{"dksPolluted":true}}',
  '{"constructor":{"prototype":{"dksPolluted":true}}}',
  '{"a":1,"a":2}',
];

/** Bytes that are not valid UTF-8: overlong encodings, lone surrogates (CESU), stray bytes. */
const BAD_UTF8: readonly Buffer[] = [
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe0, 0x80, 0xaf]),
  Buffer.from([0xf0, 0x80, 0x80, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xed, 0xbf, 0xbf]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0x80]),
  Buffer.from([0xc3]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
];

function fuzzString(rng: Rng): string {
  const roll = rng.int(10);
  if (roll < 4) return rng.pick(ODD_STRINGS);
  if (roll < 7) return rng.pick(INJECTIONS);
  if (roll < 8) return rng.pick(ODD_STRINGS) + rng.pick(INJECTIONS) + rng.pick(ODD_STRINGS);
  if (roll < 9) {
    let text = "";
    const length = rng.between(1, 40);
    for (let i = 0; i < length; i++) text += String.fromCharCode(rng.int(0x10000));
    return text;
  }
  return "x".repeat(rng.between(1, 5000));
}

function fuzzValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(10);
  if (roll < 4) return fuzzString(rng);
  if (roll < 7) return rng.pick(JSON_VALUES);
  if (roll < 8 && depth < 3) return [fuzzValue(rng, depth + 1), fuzzValue(rng, depth + 1)];
  if (roll < 9 && depth < 3) return { [rng.pick(INJECTIONS)]: fuzzValue(rng, depth + 1) };
  return rng.int(1e9);
}

/** A JSON text of an object: known keys (any spelling) with fuzzed or right values, sometimes raw. */
function jsonObjectText(rng: Rng, fields: Readonly<Record<string, () => unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (rng.chance(0.15)) continue;
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(value()) ?? "null"}`);
  }
  const extra = rng.int(4);
  for (let i = 0; i < extra; i++) {
    const key = rng.chance(0.5) ? rng.pick(INJECTIONS) : fuzzString(rng);
    const value = rng.chance(0.3) ? rng.pick(RAW_JSON_VALUES) : JSON.stringify(fuzzValue(rng));
    parts.push(`${JSON.stringify(key)}:${value ?? "null"}`);
  }
  if (rng.chance(0.1)) parts.push(`"__proto__":${rng.pick(RAW_JSON_VALUES)}`);
  for (let i = parts.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
  }
  return `{${parts.join(",")}}`;
}

/** Malformed, deep, huge, binary and odd bodies; `valid` is a well-formed body to mutate. */
function mutateBody(rng: Rng, valid: string, maxBytes: number): Buffer {
  const roll = rng.int(22);
  switch (roll) {
    case 0:
      return Buffer.from(valid.slice(0, rng.int(valid.length)));
    case 1:
      return Buffer.from(rng.pick(["{", "[", '{"nik":}', "[1,2", "{'nik': 1}", "{,}", "}{", '"']));
    case 2:
      return Buffer.from(`${valid.slice(0, -1)},}`);
    case 3:
      return Buffer.from(`/* c */${valid}// c`);
    case 4:
      return Buffer.from(`\uFEFF${valid}`);
    case 5: {
      const depth = rng.pick([64, 1_000, 10_000, 100_000]);
      return Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    }
    case 6: {
      const depth = rng.pick([100, 5_000, 50_000]);
      return Buffer.from(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
    }
    case 7: {
      // Around the body limit: just under, just over, far over.
      const size = rng.pick([maxBytes - 64, maxBytes + 1, maxBytes * 2 + 7]);
      const filler = "A".repeat(Math.max(0, size - valid.length - 12));
      return Buffer.from(`{"pad":"${filler}",${valid.slice(1)}`);
    }
    case 8: {
      const bytes = Buffer.alloc(rng.between(1, 2048));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
      return bytes;
    }
    case 9: {
      const cut = rng.int(valid.length);
      return Buffer.concat([
        Buffer.from(valid.slice(0, cut)),
        rng.pick(BAD_UTF8),
        Buffer.from(valid.slice(cut)),
      ]);
    }
    case 10:
      return Buffer.from(valid.replace(/"([^"]*)"/, `"$1\u0000"`));
    case 11:
      return Buffer.from("nik=3319041307949001&user_id=x&password=y&ip_user=z");
    case 12:
      return Buffer.from("<?xml version='1.0'?><nik>3319041307949001</nik>");
    case 13:
      return Buffer.alloc(0);
    case 14:
      return Buffer.from(rng.pick(["null", "true", "0", '""', "[]", "{}", '"{}"', "1e999"]));
    case 15:
      return Buffer.from(`[${valid},${valid}]`);
    case 16:
      return Buffer.from(
        valid.replace(/"([A-Za-z_]+)":/g, (_m, key: string) => `"${key}":1,"${key}":`),
      );
    case 17:
      return Buffer.from(JSON.stringify(fuzzValue(rng)) ?? "null");
    case 18:
      return Buffer.from(valid.replace(/:"[^"]*"/, `:${rng.pick(RAW_JSON_VALUES)}`));
    default:
      return Buffer.from(valid);
  }
}

// --- Headers ---------------------------------------------------------------------------------

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json,Accept: application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/xml",
  "",
  "application/json; charset=utf-16",
  "*/*",
  "application/problem+json",
  `application/json; ${"p=v; ".repeat(400)}`,
  "application/json; charset=\u00ff\u00fe",
];

/** Latin-1 only: node:http refuses header values with other characters. */
function headerValue(rng: Rng): string {
  const roll = rng.int(6);
  if (roll === 0) return rng.pick(INJECTIONS).replace(/[^\t\x20-\x7e]/g, "");
  if (roll === 1) return "\u00e9\u00ff\u00a0\u0080";
  if (roll === 2) return "x".repeat(rng.between(100, 4000));
  if (roll === 3) return "";
  if (roll === 4) return "%00%c0%af";
  return String(rng.int(1e9));
}

/** Extra headers: duplicates, odd values, spoofed addresses, odd cookies and languages. */
function extraHeaders(rng: Rng, headers: Record<string, string | string[]>): void {
  const count = rng.int(4);
  for (let i = 0; i < count; i++) {
    switch (rng.int(12)) {
      case 0:
        headers["x-forwarded-for"] = rng.pick(["127.0.0.1", "10.32.4.15", "::1, 1.2.3.4", ""]);
        break;
      case 1:
        headers["accept-language"] = rng.pick(["en", "id", "*", "xx-\u00ff", "en;q=abc"]);
        break;
      case 2:
        headers.cookie = rng.pick([
          "dks_portal_sid=AAAA; dks_admin_sid=BBBB",
          "dks_portal_sid=%; dks_portal_lang=%E0%A4%A",
          `dks_portal_sid=${"A".repeat(200)}`,
          "a=b; a=c; ;;; =; dks_portal_lang=en",
          "__proto__=x; constructor=y",
        ]);
        break;
      case 3:
        headers[`x-fuzz-${rng.int(100)}`] = [headerValue(rng), headerValue(rng)];
        break;
      case 4:
        headers.accept = rng.pick(["text/html", "application/json", "*/*", "image/png", ""]);
        break;
      case 5:
        headers["x-http-method-override"] = rng.pick(["DELETE", "PUT", "GET"]);
        break;
      case 6:
        headers.origin = rng.pick(["https://evil.example", "null", ""]);
        break;
      case 7:
        headers.referer = headerValue(rng);
        break;
      case 8:
        headers["user-agent"] = headerValue(rng);
        break;
      case 9:
        headers.range = rng.pick(["bytes=0-1", "bytes=-1", "bytes=x"]);
        break;
      case 10:
        headers["if-none-match"] = '"x"';
        break;
      default:
        headers.expect = rng.pick(["100-continue", "200-ok", "fuzz"]);
        break;
    }
  }
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"];

/** A path segment: an injection or odd string, percent-encoded (or left raw when node:http allows it). */
function segment(rng: Rng): string {
  const text = rng.chance(0.5) ? rng.pick(INJECTIONS) : fuzzString(rng).slice(0, 200);
  const roll = rng.int(4);
  if (roll === 0) return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, "?"));
  if (roll === 1) return rng.pick(["..", ".", "%2e%2e", "%2F", "%00", "%c0%af", "%", "%zz", "~"]);
  if (roll === 2)
    return text.replace(
      /[^\x21-\x7e]|[?#]/g,
      (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, "0")}`,
    );
  return String(rng.int(1000));
}

function query(rng: Rng, keys: readonly string[]): string {
  if (rng.chance(0.4)) return "";
  const parts: string[] = [];
  const count = rng.between(1, 4);
  for (let i = 0; i < count; i++) {
    const key = rng.chance(0.7)
      ? rng.pick(keys)
      : rng.pick(["__proto__", "constructor", "a[b]", "a[]", "x"]);
    parts.push(`${encodeURIComponent(key)}=${segment(rng)}`);
  }
  return `?${parts.join("&")}`;
}

/**
 * A local address other than 127.0.0.1 (which the right admin token and the sessions use):
 * wrong tokens lock their address out, so they never come from 127.0.0.1. Few enough for
 * the keep-alive pools to be reused.
 */
function strangerAddress(rng: Rng): string {
  return `127.0.0.${rng.between(2, 41)}`;
}

/** The voice of a path (before its query), by the surface that serves it. */
export function voiceOfPath(path: string): Voice {
  const q = path.search(/[?]/);
  const bare = q === -1 ? path : path.slice(0, q);
  if (bare.startsWith("/dukcapil/")) return "imitated";
  const lower = bare.toLowerCase();
  const under = (prefix: string) => lower === prefix || lower.startsWith(`${prefix}/`);
  if (under("/sandbox")) return "sandbox";
  if (under("/portal") || under("/admin")) return "html";
  return "problem";
}

// --- Read-only cases -------------------------------------------------------------------------

const SANDBOX_PROTECTED = [
  "/sandbox/journal",
  "/sandbox/clock",
  "/sandbox/faults",
  "/sandbox/faults/dinsos-3204",
  "/sandbox/reset",
];
const ADMIN_API_PATHS = [
  "/sandbox/admin/institutions",
  "/sandbox/admin/institutions/dinsos-3204",
  "/sandbox/admin/institutions/dinsos-3204/users",
  "/sandbox/admin/institutions/dinsos-3204/tokens",
  "/sandbox/admin/users/dinsos3204.operator",
  "/sandbox/admin/users/dinsos3204.operator/password",
  "/sandbox/admin/tokens/x/rotate",
  "/sandbox/admin/tokens/x/revoke",
  "/sandbox/admin/onboarding",
  "/sandbox/admin/onboarding/x/transition",
  "/sandbox/admin/reports/usage",
];
const PORTAL_PAGES = [
  "/portal",
  "/portal/",
  "/portal/cari",
  "/portal/keluar",
  "/portal/data-balikan",
  "/portal/data-balikan/unggah",
  "/portal/data-balikan/templat.csv",
  "/PORTAL/CARI",
];
const CONSOLE_PAGES = [
  "/admin",
  "/admin/keluar",
  "/admin/instansi",
  "/admin/instansi/baru",
  "/admin/instansi/dinsos-3204",
  "/admin/instansi/dinsos-3204/pengguna/baru",
  "/admin/pengguna/dinsos3204.operator",
  "/admin/onboarding",
  "/admin/onboarding/baru",
  "/admin/jurnal",
  "/admin/laporan",
  "/admin/laporan.csv",
  "/admin/data-balikan",
  "/admin/kontrol",
];

function badToken(rng: Rng, targets: FuzzTargets): string | undefined {
  return rng.pick([
    undefined,
    "",
    "Bearer ",
    "Bearer wrong-token-000000000",
    `Bearer ${targets.adminToken}x`,
    `Bearer ${targets.adminToken.slice(1)}`,
    `Basic ${Buffer.from(`admin:${targets.adminToken}`).toString("base64")}`,
    `Bearer ${targets.adminToken} ${targets.adminToken}`,
    `Bearer ${"\u00ff".repeat(20)}`,
    `Bearer ${"x".repeat(5000)}`,
    "Bearer __proto__",
  ]);
}

function formBody(rng: Rng, fields: readonly string[]): Buffer {
  const params = new URLSearchParams();
  for (const field of fields) {
    if (rng.chance(0.8)) params.append(field, fuzzString(rng).replace(/[\uD800-\uDFFF]/g, ""));
  }
  if (rng.chance(0.2)) params.append("__proto__[x]", "1");
  const text = params.toString();
  return rng.chance(0.1) ? Buffer.from(`${text}&%zz=%&=&&a=%E0%A4%A`) : Buffer.from(text);
}

function withBody(rng: Rng, headers: Record<string, string | string[]>, body: Buffer): Buffer {
  if (!("content-type" in headers) && rng.chance(0.8)) {
    headers["content-type"] = rng.pick(CONTENT_TYPES);
  }
  return body;
}

/** One read-only case (see the header of this file for what read-only means). */
export function readOnlyCase(rng: Rng, targets: FuzzTargets): HttpCase {
  const headers: Record<string, string | string[]> = {};
  extraHeaders(rng, headers);
  const roll = rng.int(100);
  if (roll < 1) {
    // A header over 16 KiB through an ordinary client: 431, then the connection closes.
    headers[rng.pick(["x-big", "cookie", "authorization"])] = "b".repeat(
      rng.between(17_000, 30_000),
    );
    return {
      kind: "http",
      label: "oversized-header",
      method: rng.pick(["GET", "POST"]),
      path: rng.pick([...RAW_TARGETS, "/dukcapil/get_json/DINSOS_3204/CALL_NIK"]),
      headers,
      body: undefined,
      localAddress: strangerAddress(rng),
      voice: "problem",
      status: [431],
      codes: ["DKS_SIM_HEADERS_TOO_LARGE"],
      mayClose: true,
    };
  }
  if (roll < 14) {
    // Public sandbox routes, any query and headers.
    const method = rng.chance(0.85) ? "GET" : "HEAD";
    const path = `${rng.pick(["/sandbox/health", "/sandbox/magic", "/SANDBOX/health/", "/sandbox/health/"])}${query(rng, ["x", "lang"])}`;
    if (rng.chance(0.2)) headers.authorization = badToken(rng, targets) ?? "Bearer x";
    return {
      kind: "http",
      label: "sandbox-public",
      method,
      path,
      headers,
      body: undefined,
      localAddress: rng.chance(0.5) ? "127.0.0.1" : strangerAddress(rng),
      voice: "sandbox",
      status: [200],
    };
  }
  if (roll < 32) {
    // Protected controls and the admin API with a missing or wrong token.
    const method = rng.pick(METHODS);
    const base = rng.chance(0.4) ? rng.pick(SANDBOX_PROTECTED) : rng.pick(ADMIN_API_PATHS);
    const path = `${base}${query(rng, ["limit", "offset", "institution", "semester", "format", "code"])}`;
    const token = badToken(rng, targets);
    if (token !== undefined) headers.authorization = token;
    const body =
      method === "GET" || method === "HEAD"
        ? undefined
        : withBody(
            rng,
            headers,
            mutateBody(
              rng,
              jsonObjectText(rng, {
                set: () => "2026-01-01T00:00:00+07:00",
                latencyMs: () => 1,
                id: () => "fz",
              }),
              64 * 1024,
            ),
          );
    return {
      kind: "http",
      label: "sandbox-bad-token",
      method,
      path,
      headers,
      body,
      localAddress: strangerAddress(rng),
      voice: "problem",
      // 405: OPTIONS (no CORS preflight).
      status: [401, 404, 405, 413, 429],
      mayClose: (body?.length ?? 0) > 16 * 1024,
    };
  }
  if (roll < 40) {
    // GETs of the controls and the admin API with the right token, odd queries.
    const path = rng.pick([
      `/sandbox/journal${query(rng, ["institution", "user", "code", "from", "to", "limit", "offset"])}`,
      "/sandbox/clock",
      "/sandbox/faults",
      "/sandbox/admin/institutions",
      `/sandbox/admin/institutions/${segment(rng)}`,
      `/sandbox/admin/users/${segment(rng)}`,
      `/sandbox/admin/institutions/${segment(rng)}/users`,
      "/sandbox/admin/onboarding",
      `/sandbox/admin/onboarding/${segment(rng)}`,
      `/sandbox/admin/reports/usage${query(rng, ["semester", "institution", "format"])}`,
    ]);
    headers.authorization = `Bearer ${targets.adminToken}`;
    const journal = path.startsWith("/sandbox/journal");
    const finalPath =
      journal && !path.includes("limit=")
        ? `${path}${path.includes("?") ? "&" : "?"}limit=5`
        : path;
    return {
      kind: "http",
      label: "sandbox-get",
      method: rng.chance(0.9) ? "GET" : "HEAD",
      path: finalPath,
      headers,
      body: undefined,
      localAddress: "127.0.0.1",
      voice: "sandbox",
    };
  }
  if (roll < 56) {
    // Unknown routes, any method, traversal and odd segments.
    const prefix = rng.pick([
      "",
      "/api",
      "/sandboxx",
      "/portalx",
      "/Dukcapil",
      "/dukcapil",
      "/%2e%2e",
      "/static",
      "/.git",
      "/",
      "//sandbox",
      "/%73andbox",
    ]);
    const count = rng.between(0, 4);
    let path = prefix;
    for (let i = 0; i < count; i++) path += `/${segment(rng)}`;
    if (path === "" || !path.startsWith("/")) path = `/${path}`;
    // /dukcapil/... is imitated (journaled): keep the unknown routes off it.
    if (path.startsWith("/dukcapil/") || path === "/dukcapil") path = `/x${path}`;
    const method = rng.pick(METHODS);
    const body =
      method === "GET" || method === "HEAD"
        ? undefined
        : withBody(rng, headers, Buffer.from(fuzzString(rng)));
    return {
      kind: "http",
      label: "unknown-route",
      method,
      path: `${path}${query(rng, ["q"])}`,
      headers,
      body,
      localAddress: strangerAddress(rng),
      voice: voiceOfPath(path),
    };
  }
  if (roll < 74) {
    // Portal pages and forms without a valid session.
    const path = `${rng.pick([...PORTAL_PAGES, `/portal/${segment(rng)}`, `/portal/data-balikan/${segment(rng)}`])}${query(rng, ["lang", "keluar", "sesi"])}`;
    const method = rng.pick(["GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE"]);
    if (rng.chance(0.5))
      headers.cookie = rng.pick([
        "dks_portal_sid=not-a-session",
        "dks_portal_sid=",
        `dks_portal_sid=${"%41".repeat(50)}`,
        "dks_portal_lang=en",
        "dks_portal_sid=a; dks_portal_sid=b",
      ]);
    let body: Buffer | undefined;
    if (method === "POST" || method === "PUT") {
      const multipart = path.includes("unggah") && rng.chance(0.5);
      if (multipart) {
        headers["content-type"] = "multipart/form-data; boundary=----fz";
        body = Buffer.from(
          `------fz\r\nContent-Disposition: form-data; name="berkas"; filename="a.csv"\r\n\r\nNIK,NOMOR_REGISTER\r\n1,2\r\n------fz--\r\n`,
        );
      } else {
        if (rng.chance(0.8)) headers["content-type"] = "application/x-www-form-urlencoded";
        body = withBody(
          rng,
          headers,
          formBody(rng, ["_csrf", "nik", "user_id", "password", "NIK", "NOMOR_REGISTER"]),
        );
      }
    }
    return {
      kind: "http",
      label: "portal-anonymous",
      method,
      path,
      headers,
      body,
      localAddress: strangerAddress(rng),
      voice: voiceOfPath(path),
      anonymous: true,
    };
  }
  if (roll < 90) {
    // Admin console pages and forms without a session.
    const path = `${rng.pick([...CONSOLE_PAGES, `/admin/${segment(rng)}`, `/admin/instansi/${segment(rng)}`, `/admin/pengguna/${segment(rng)}/sandi`])}${query(rng, ["lang", "ok", "institution", "semester"])}`;
    const method = rng.pick(["GET", "GET", "POST", "POST", "HEAD", "PATCH"]);
    if (rng.chance(0.5))
      headers.cookie = rng.pick([
        "dks_admin_sid=forged",
        "dks_admin_sid=",
        "dks_admin_lang=en",
        `dks_admin_sid=${"z".repeat(129)}`,
      ]);
    let body: Buffer | undefined;
    if (method === "POST" || method === "PATCH") {
      if (rng.chance(0.8)) headers["content-type"] = "application/x-www-form-urlencoded";
      body = withBody(
        rng,
        headers,
        formBody(rng, ["_csrf", "id", "name", "path", "grant", "admin_token", "action", "set"]),
      );
    }
    return {
      kind: "http",
      label: "console-anonymous",
      method,
      path,
      headers,
      body,
      localAddress: strangerAddress(rng),
      voice: voiceOfPath(path),
      anonymous: true,
    };
  }
  // Non-POST requests to the data balikan API: 405 before the journal.
  const method = rng.pick(["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]);
  if (rng.chance(0.5)) headers.authorization = `Bearer ${targets.dataBalikanToken}`;
  const body =
    method === "GET" || method === "HEAD"
      ? undefined
      : withBody(rng, headers, Buffer.from('[{"id_lembaga":"x","data":[]}]'));
  return {
    kind: "http",
    label: "data-balikan-method",
    method,
    path: `/dukcapil/data_balikan${query(rng, ["x"])}`,
    headers,
    body,
    localAddress: rng.chance(0.5) ? "127.0.0.1" : strangerAddress(rng),
    voice: "problem",
    status: [405],
    codes: ["DKS_SIM_METHOD_NOT_ALLOWED"],
  };
}

// --- Raw (malformed HTTP) cases: read-only, they never reach a handler -----------------------

const RAW_TARGETS = [
  "/sandbox/health",
  "/sandbox/magic",
  "/nowhere",
  "/portal/cari",
  "/admin/instansi",
];

function rawRequest(lines: readonly string[], body = ""): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}`, "latin1");
}

/** One raw-socket case: malformed HTTP the parser must refuse, or odd bytes it may accept. */
export function rawCase(rng: Rng): RawCase {
  const target = rng.pick(RAW_TARGETS);
  const voice = voiceOfPath(target);
  const refused = (label: string, bytes: Buffer, statuses: readonly number[] = [400]): RawCase => ({
    kind: "raw",
    label,
    bytes,
    voice,
    refused: statuses,
  });
  const roll = rng.int(25);
  switch (roll) {
    case 0: {
      const bytes = Buffer.alloc(rng.between(1, 300));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(256);
      // A random first byte could spell a valid method: make sure it cannot.
      bytes[0] = 0x01;
      return refused("random-bytes", Buffer.concat([bytes, Buffer.from("\r\n\r\n")]));
    }
    case 1:
      return refused(
        "bad-method",
        rawRequest([
          `${rng.pick(["G@T", "get", "G ET", "\u00ffGET", "FOO{}"])} ${target} HTTP/1.1`,
          "Host: x",
        ]),
      );
    case 2:
      return refused(
        "bad-version",
        rawRequest([
          `GET ${target} ${rng.pick(["HTTP/9.9", "HTTP/1.1x", "HTTP/1", "HTTX/1.1", "HTTP/1.10"])}`,
          "Host: x",
        ]),
      );
    case 3:
      return refused("nul-in-target", rawRequest([`GET ${target}\u0000x HTTP/1.1`, "Host: x"]));
    case 4:
      return refused(
        "nul-in-header",
        rawRequest([`GET ${target} HTTP/1.1`, "Host: x", `X-A: a\u0000b`]),
      );
    case 5:
      return refused(
        "header-without-colon",
        rawRequest([`GET ${target} HTTP/1.1`, "Host: x", "NoColonHere"]),
      );
    case 6:
      return refused(
        "space-in-header-name",
        rawRequest([`GET ${target} HTTP/1.1`, "Host: x", "Bad Name: 1"]),
      );
    case 7:
      return refused(
        "duplicate-content-length",
        rawRequest(
          [`POST ${target} HTTP/1.1`, "Host: x", "Content-Length: 1", "Content-Length: 2"],
          "ab",
        ),
      );
    case 8:
      return refused(
        "content-length-and-chunked",
        rawRequest(
          [`POST ${target} HTTP/1.1`, "Host: x", "Content-Length: 3", "Transfer-Encoding: chunked"],
          "0\r\n\r\n",
        ),
      );
    case 9:
      return refused(
        "bad-content-length",
        rawRequest(
          [
            `POST ${target} HTTP/1.1`,
            "Host: x",
            `Content-Length: ${rng.pick(["-1", "abc", "1e3", "0x10", "99999999999999999999999", "1 2"])}`,
          ],
          "x",
        ),
      );
    case 10:
      // A framing error in the body: refused when the handler reads the body, otherwise found
      // after the answer (which then closes the connection).
      return {
        kind: "raw",
        label: "bad-chunk",
        voice,
        bytes: rawRequest(
          [`POST ${target} HTTP/1.1`, "Host: x", "Transfer-Encoding: chunked"],
          rng.pick([
            "zz\r\nabc\r\n",
            "ffffffffffffffffffff\r\n",
            "3\r\nabcxyz\r\n",
            "1;\u0000\r\na\r\n0\r\n\r\n",
          ]),
        ),
      };
    case 11:
      return refused(
        "headers-too-large",
        rawRequest([
          `GET ${target} HTTP/1.1`,
          "Host: x",
          `X-Big: ${"b".repeat(rng.between(17_000, 40_000))}`,
        ]),
        [431],
      );
    case 12:
      return refused(
        "target-too-large",
        rawRequest([
          `GET ${target}?q=${"q".repeat(rng.between(17_000, 30_000))} HTTP/1.1`,
          "Host: x",
        ]),
        [431],
      );
    case 13: {
      const lines = [`GET ${target} HTTP/1.1`, "Host: x"];
      const count = rng.between(2_001, 2_600);
      for (let i = 0; i < count; i++) lines.push(`h${i % 7}:${i % 10}`);
      return refused("too-many-headers", rawRequest(lines), [431]);
    }
    case 14:
      return refused("http2-preface", Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
    case 15:
      return refused(
        "connect",
        rawRequest(["CONNECT example.com:443 HTTP/1.1", "Host: example.com:443"]),
        [405],
      );
    case 16:
      return refused(
        "obs-fold",
        rawRequest([`GET ${target} HTTP/1.1`, "Host: x", "X-A: a", " folded"]),
      );
    case 17:
      return {
        ...refused("truncated-headers", Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\nX-A: `)),
        halfClose: true,
      };
    case 18:
      return refused("cr-alone", Buffer.from(`GET ${target} HTTP/1.1\rHost: x\r\r`));
    case 19:
      // Unencoded UTF-8 and overlong bytes in the target: refused or answered.
      return {
        kind: "raw",
        label: "raw-bytes-in-target",
        bytes: Buffer.concat([
          Buffer.from(`GET ${target}/`),
          rng.pick(BAD_UTF8),
          Buffer.from("\u00e9/\u202e", "utf8"),
          Buffer.from(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ]),
        voice,
      };
    case 20:
      return {
        kind: "raw",
        label: "latin1-header-values",
        bytes: Buffer.concat([
          Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\nX-A: `),
          Buffer.from([0xe9, 0xff, 0x80, 0xc0, 0xaf]),
          Buffer.from("\r\nCookie: dks_portal_sid=\u00ff\r\nConnection: close\r\n\r\n", "latin1"),
        ]),
        voice,
      };
    case 21:
      return {
        kind: "raw",
        label: "absolute-form",
        bytes: rawRequest([
          `GET http://example.com${target} HTTP/1.1`,
          "Host: evil.example",
          "Connection: close",
        ]),
        voice,
      };
    case 22:
      return {
        kind: "raw",
        label: "asterisk-form",
        bytes: rawRequest(["OPTIONS * HTTP/1.1", "Host: x", "Connection: close"]),
        voice: "problem",
      };
    case 23:
      // A Content-Length shorter than the body: the rest is parsed as the next request.
      return {
        kind: "raw",
        label: "content-length-short",
        bytes: rawRequest(
          [`POST ${target} HTTP/1.1`, "Host: x", "Content-Length: 2"],
          "{}GARBAGE\r\n\r\n",
        ),
        voice,
      };
    default:
      return {
        kind: "raw",
        label: "bare-lf",
        bytes: Buffer.from(`GET ${target} HTTP/1.1\nHost: x\nConnection: close\n\n`),
        voice,
      };
  }
}

// --- Writing cases ---------------------------------------------------------------------------

const METHOD_NAMES = [
  "CALL_NIK",
  "call_nik",
  "BYNIK",
  "Get_Nik",
  "CALL_VERIFY_BY_ELEMEN",
  "koneksitas_verifby_elemen",
  "CALL_NIK_GET_KK",
];
const SAFE_PREFER = [
  "code=01",
  "code=05",
  "code=07",
  "code=13",
  "code=15",
  "code=06",
  "respond-async",
  "return=minimal",
  "code=03; foo=bar",
];
const BAD_PREFER = [
  "code=99",
  "code=abc",
  "code=01, code=05",
  "fault=bogus",
  "latency=abc",
  "latency=999999",
  "code=",
];

function imitatedBody(
  rng: Rng,
  targets: FuzzTargets,
  endpoint: "lookup" | "verify" | "family",
): string {
  const right = rng.chance(0.6);
  const pick =
    <T>(good: T, ...bad: unknown[]) =>
    () =>
      right && rng.chance(0.85) ? good : rng.chance(0.5) ? rng.pick(bad) : fuzzValue(rng);
  const spelling = rng.int(3);
  const key = (snake: string, upper: string, camel: string) =>
    spelling === 0 ? snake : spelling === 1 ? upper : camel;
  const nik = rng.chance(0.7) ? rng.pick(targets.niks) : fuzzString(rng);
  const fields: Record<string, () => unknown> = {
    [key("nik", "NIK", "nik")]: pick(
      rng.chance(0.2) ? Number(nik) : nik,
      "",
      null,
      3319041307949001,
      "3319041307949001 ",
    ),
    [key("user_id", "USER_ID", "userId")]: pick(targets.userId, "", " ", "fuzz.nobody"),
    // A wrong password of the real user costs a scrypt check (tens of ms): a few suffice.
    [key("password", "PASSWORD", "password")]: () =>
      right
        ? rng.chance(0.99)
          ? targets.password
          : "wrong"
        : rng.pick(["", "wrong", fuzzValue(rng)]),
    [key("ip_user", "IP_USER", "ipUser")]: pick(targets.ipUser, "", "10.0.0.1"),
  };
  if (endpoint === "verify") {
    fields.TRESHOLD = pick("80", "", "101", "-1", 80, "abc");
    fields.NAMA_LGKP = pick("ESTIONO NANDA", "", "<script>");
    fields.TGL_LHR = pick("13-07-1994", "1994-07-13", "31-02-2020", "");
  }
  return jsonObjectText(rng, fields);
}

function dataBalikanBody(rng: Rng, targets: FuzzTargets): string {
  const item = () => ({
    NIK: rng.chance(0.7) ? rng.pick(targets.niks) : fuzzValue(rng),
    param: rng.chance(0.8)
      ? [
          {
            NOMOR_REGISTER: fuzzString(rng).slice(0, 40),
            NAMA_USAHA: "Toko",
            JENIS_USAHA: rng.chance(0.5) ? "Dagang" : fuzzValue(rng),
          },
        ]
      : fuzzValue(rng),
  });
  const submission = {
    id_lembaga: rng.chance(0.7) ? targets.institutionId : fuzzValue(rng),
    data: rng.chance(0.8) ? [item(), ...(rng.chance(0.3) ? [item()] : [])] : fuzzValue(rng),
  };
  return JSON.stringify(rng.chance(0.85) ? [submission] : submission);
}

/** One writing case: imitated endpoints, the admin API with the right token, sessions. */
export function writingCase(rng: Rng, targets: FuzzTargets, serial: number): HttpCase {
  const headers: Record<string, string | string[]> = {};
  extraHeaders(rng, headers);
  const roll = rng.int(100);
  if (roll < 40) {
    // Routed imitated lookups, verify and family calls with fuzzed bodies.
    const method = rng.pick(METHOD_NAMES);
    const endpoint = /VERIF/i.test(method) ? "verify" : /KK/i.test(method) ? "family" : "lookup";
    const valid = imitatedBody(rng, targets, endpoint);
    const body = rng.chance(0.6)
      ? Buffer.from(valid)
      : mutateBody(rng, valid, targets.maxBodyBytes);
    if (rng.chance(0.85)) headers["content-type"] = rng.pick(CONTENT_TYPES);
    let prefer: string | string[] | undefined;
    const preferRoll = rng.int(20);
    if (preferRoll < 3) prefer = rng.pick(SAFE_PREFER);
    else if (preferRoll < 4) prefer = rng.pick(BAD_PREFER);
    else if (preferRoll < 5)
      prefer = rng.pick(["fault=500", "fault=503", "fault=maintenance", "fault=502"]);
    else if (preferRoll < 6) prefer = ["code=01", rng.pick(["code=01", "code=05"])];
    if (prefer !== undefined) headers.prefer = prefer;
    const path = `/dukcapil/get_json/${rng.chance(0.9) ? targets.institutionPath : targets.institutionPath.toLowerCase()}/${method}${rng.chance(0.1) ? "/" : ""}${query(rng, ["x"])}`;
    const localAddress = rng.chance(0.85) ? "127.0.0.1" : strangerAddress(rng);
    const text = Array.isArray(prefer) ? prefer.join(",") : prefer;
    const badPrefer =
      text !== undefined && (BAD_PREFER.includes(text) || text === "code=01,code=05");
    const fault = text?.startsWith("fault=") === true && !badPrefer;
    const slow = serial % 2_000 === 7 ? { parts: 5, delayMs: 120 } : undefined;
    if (fault) {
      return {
        kind: "http",
        label: "imitated-fault",
        method: "POST",
        path,
        headers,
        body,
        localAddress,
        voice: "fault",
        status: [text === "fault=500" ? 500 : text === "fault=502" ? 502 : 503],
        mayClose: body.length > 16 * 1024,
      };
    }
    if (badPrefer) {
      // A Prefer code is read after the body: a body over the limit is refused first.
      const tooLarge = body.length > targets.maxBodyBytes;
      return {
        kind: "http",
        label: "imitated-bad-prefer",
        method: "POST",
        path,
        headers,
        body,
        localAddress,
        voice: "problem",
        status: tooLarge ? [400, 413] : [400],
        codes: tooLarge
          ? ["DKS_SIM_PREFER_INVALID", "DKS_SIM_BODY_TOO_LARGE"]
          : ["DKS_SIM_PREFER_INVALID"],
        mayClose: body.length > 16 * 1024,
      };
    }
    if (body.length > targets.maxBodyBytes) {
      return {
        kind: "http",
        label: "imitated-too-large",
        method: "POST",
        path,
        headers,
        body,
        localAddress,
        voice: "problem",
        status: [413],
        codes: ["DKS_SIM_BODY_TOO_LARGE"],
        mayClose: true,
      };
    }
    return {
      kind: "http",
      label: `imitated-${endpoint}`,
      method: "POST",
      path,
      headers,
      body,
      ...(slow === undefined ? {} : { slow }),
      localAddress,
      voice: "upstream",
      status: [200],
    };
  }
  if (roll < 48) {
    // Anything else under /dukcapil: unknown institutions and methods, wrong HTTP methods.
    const method = rng.pick(METHODS);
    const path = rng.pick([
      `/dukcapil/get_json/${segment(rng)}/CALL_NIK`,
      `/dukcapil/get_json/${targets.institutionPath}/${segment(rng)}`,
      `/dukcapil/get_json/${targets.institutionPath}/CALL_NIK/${segment(rng)}`,
      `/dukcapil/get_json/${targets.institutionPath}`,
      `/dukcapil/get_json/`,
      `/dukcapil/${segment(rng)}`,
      `/dukcapil/get_json/${targets.institutionPath}/../../sandbox/health`,
      `/dukcapil/get_json/${targets.institutionPath}/CALL_NIK`,
    ]);
    const body =
      method === "GET" || method === "HEAD"
        ? undefined
        : withBody(rng, headers, Buffer.from(imitatedBody(rng, targets, "lookup")));
    return {
      kind: "http",
      label: "imitated-other",
      method,
      path,
      headers,
      body,
      localAddress: rng.chance(0.7) ? "127.0.0.1" : strangerAddress(rng),
      voice: "imitated",
    };
  }
  if (roll < 56) {
    // The data balikan API.
    const valid = dataBalikanBody(rng, targets);
    const body = rng.chance(0.7)
      ? Buffer.from(valid)
      : mutateBody(rng, valid, targets.maxBodyBytes);
    headers.authorization = rng.pick([
      `Bearer ${targets.dataBalikanToken}`,
      `Bearer ${targets.dataBalikanToken}`,
      `bearer ${targets.dataBalikanToken}`,
      `Bearer ${targets.dataBalikanToken}x`,
      "Bearer ",
      "Basic x",
      `Bearer ${targets.adminToken}`,
    ]);
    if (rng.chance(0.8)) headers["content-type"] = rng.pick(CONTENT_TYPES);
    const tooLarge = body.length > targets.maxBodyBytes;
    return {
      kind: "http",
      label: "data-balikan",
      method: "POST",
      path: rng.chance(0.9) ? "/dukcapil/data_balikan" : "/dukcapil/data_balikan?x=1",
      headers,
      body,
      localAddress: rng.chance(0.8) ? "127.0.0.1" : strangerAddress(rng),
      voice: tooLarge ? "problem" : "data-balikan",
      ...(tooLarge ? { status: [413], codes: ["DKS_SIM_BODY_TOO_LARGE"], mayClose: true } : {}),
    };
  }
  if (roll < 70) {
    // The admin API and controls with the right token: creations and refused writes.
    headers.authorization = `Bearer ${targets.adminToken}`;
    const id = `fz-${serial}`;
    const choice = rng.int(7);
    let method = "POST";
    let path: string;
    let valid: string;
    if (choice === 0) {
      path = "/sandbox/admin/institutions";
      valid = jsonObjectText(rng, {
        id: () => (rng.chance(0.8) ? id : fuzzValue(rng)),
        name: () => fuzzString(rng).slice(0, 100) || "Fuzz",
        path: () => (rng.chance(0.8) ? `FZ_${serial}` : fuzzValue(rng)),
        aliases: () => (rng.chance(0.5) ? ["dinkes"] : fuzzValue(rng)),
        allowlist: () => (rng.chance(0.7) ? ["127.0.0.1"] : fuzzValue(rng)),
        stage: () => rng.pick(["poc", "production", "onboarding", "x"]),
      });
    } else if (choice === 1) {
      method = rng.pick(["PATCH", "DELETE", "GET"]);
      path = `/sandbox/admin/institutions/${rng.chance(0.5) ? `fz-${rng.int(serial + 1)}` : segment(rng)}`;
      valid = jsonObjectText(rng, {
        name: () => fuzzString(rng),
        status: () => rng.pick(["active", "inactive", 1]),
      });
    } else if (choice === 2) {
      path = `/sandbox/admin/institutions/${rng.chance(0.5) ? `fz-${rng.int(serial + 1)}` : segment(rng)}/users`;
      valid = jsonObjectText(rng, {
        userId: () => `fz.user${serial}`,
        password: () => fuzzString(rng),
        ipUser: () => rng.pick(["10.0.0.1", "::1", "x"]),
        officer: () => fuzzValue(rng),
      });
    } else if (choice === 3) {
      path = "/sandbox/admin/onboarding";
      valid = jsonObjectText(rng, {
        letter: () => fuzzValue(rng),
        institution: () => fuzzValue(rng),
        contact: () => fuzzValue(rng),
      });
    } else if (choice === 4) {
      path = `/sandbox/admin/onboarding/${segment(rng)}/transition`;
      valid = jsonObjectText(rng, {
        to: () => rng.pick(["checking", "returned", "x"]),
        note: () => fuzzString(rng),
      });
    } else if (choice === 5) {
      // Always invalid (an unknown key in a strict schema): a clock or fault change would
      // disturb the rest of the run.
      method = rng.pick(["POST", "PUT"]);
      path = method === "POST" ? "/sandbox/clock" : "/sandbox/faults";
      valid = `{"fuzz":1,${jsonObjectText(rng, { advanceMs: () => fuzzValue(rng), latencyMs: () => fuzzValue(rng) }).slice(1)}`;
    } else {
      method = rng.pick(["POST", "PUT", "PATCH"]);
      path = `/sandbox/admin/${segment(rng)}`;
      valid = jsonObjectText(rng, { id: () => id });
    }
    let body = rng.chance(0.7) ? Buffer.from(valid) : mutateBody(rng, valid, 1024 * 1024);
    if (choice === 5 && !body.toString("latin1").includes('"fuzz"'))
      body = Buffer.from("{not json");
    if (method === "GET") body = Buffer.alloc(0);
    if (rng.chance(0.85)) headers["content-type"] = rng.pick(CONTENT_TYPES);
    return {
      kind: "http",
      label: "admin-api-write",
      method,
      path,
      headers,
      body,
      localAddress: "127.0.0.1",
      voice: "sandbox",
      mayClose: body.length > 64 * 1024,
    };
  }
  if (roll < 85) {
    // The portal with the seeded user's session.
    headers.cookie = targets.portal.cookie;
    const choice = rng.int(5);
    const csrf = rng.chance(0.9) ? targets.portal.csrf : fuzzString(rng);
    const form = (fields: Record<string, string>) => {
      const params = new URLSearchParams({ _csrf: csrf, ...fields });
      return Buffer.from(params.toString());
    };
    const nik = () =>
      rng.chance(0.5) ? rng.pick(targets.niks) : fuzzString(rng).replace(/[\uD800-\uDFFF]/g, "");
    headers["content-type"] = rng.chance(0.95)
      ? "application/x-www-form-urlencoded"
      : rng.pick(CONTENT_TYPES);
    if (choice === 0) {
      return {
        kind: "http",
        label: "portal-search",
        method: "POST",
        path: `/portal/cari${query(rng, ["lang"])}`,
        headers,
        body: form({ nik: nik() }),
        localAddress: "127.0.0.1",
        voice: "html",
      };
    }
    if (choice === 1) {
      return {
        kind: "http",
        label: "portal-data-balikan",
        method: "POST",
        path: "/portal/data-balikan",
        headers,
        body: form({
          NIK: nik(),
          NOMOR_REGISTER: fuzzString(rng)
            .slice(0, 50)
            .replace(/[\uD800-\uDFFF]/g, ""),
          NAMA_USAHA: "Toko",
          JENIS_USAHA: fuzzString(rng)
            .slice(0, 20)
            .replace(/[\uD800-\uDFFF]/g, ""),
        }),
        localAddress: "127.0.0.1",
        voice: "html",
      };
    }
    if (choice === 2) {
      const boundary = "----fz";
      const name = rng.pick(["data.csv", "data.xlsx", "data.txt", "../../x.csv", ""]);
      const content = name.endsWith(".xlsx")
        ? Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from(fuzzString(rng))])
        : Buffer.from(
            rng.pick([
              `NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA\r\n${nik()},R1,Toko,Dagang\r\n`,
              "NIK;NOMOR_REGISTER\r\n1;2",
              `\uFEFF${fuzzString(rng)}`,
              '"unterminated,\r\n',
            ]),
          );
      headers["content-type"] = rng.chance(0.9)
        ? `multipart/form-data; boundary=${boundary}`
        : "multipart/form-data";
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(rng.chance(0.9) ? `\r\n--${boundary}--\r\n` : ""),
      ]);
      return {
        kind: "http",
        label: "portal-upload",
        method: "POST",
        path: "/portal/data-balikan/unggah",
        headers,
        body,
        localAddress: "127.0.0.1",
        voice: "html",
      };
    }
    if (choice === 3) {
      // The sign-in page (opens a session) and refused logins: wrong passwords of real and
      // fuzzed user IDs through an anonymous session's form (failures, then the lockout).
      delete headers.cookie;
      const post = rng.chance(0.5);
      const withForm = post && rng.chance(0.7);
      if (withForm) headers.cookie = targets.portalLogin.cookie;
      const userId = rng.chance(0.3)
        ? targets.userId
        : fuzzString(rng).replace(/[\uD800-\uDFFF]/g, "");
      return {
        kind: "http",
        label: "portal-login",
        method: post ? "POST" : "GET",
        path: `/portal/masuk${query(rng, ["lang", "keluar", "sesi"])}`,
        headers,
        body: post
          ? Buffer.from(
              new URLSearchParams({
                _csrf: withForm ? targets.portalLogin.csrf : "x",
                user_id: userId,
                password: `${targets.password}x`,
              }).toString(),
            )
          : undefined,
        localAddress: strangerAddress(rng),
        voice: "html",
      };
    }
    return {
      kind: "http",
      label: "portal-pages",
      method: "GET",
      path: `${rng.pick(["/portal/cari", "/portal/data-balikan", "/portal/data-balikan/unggah", "/portal/data-balikan/templat.csv", "/portal/masuk", "/portal"])}${query(rng, ["lang"])}`,
      headers,
      body: undefined,
      localAddress: "127.0.0.1",
      voice: "html",
    };
  }
  // The admin console with a signed-in session.
  headers.cookie = targets.console.cookie;
  const choice = rng.int(4);
  const csrf = rng.chance(0.9) ? targets.console.csrf : fuzzString(rng);
  if (choice === 0) {
    const path = `${rng.pick(["/admin/instansi", "/admin/onboarding", "/admin/data-balikan", "/admin/kontrol", "/admin/instansi/baru", "/admin/onboarding/baru", `/admin/instansi/${segment(rng)}`, `/admin/pengguna/${segment(rng)}`])}${query(rng, ["lang", "ok"])}`;
    return {
      kind: "http",
      label: "console-pages",
      method: "GET",
      path,
      headers,
      body: undefined,
      localAddress: "127.0.0.1",
      voice: "html",
    };
  }
  if (choice === 1) {
    const path = `${rng.pick(["/admin/jurnal", "/admin/laporan", "/admin/laporan.csv"])}${query(rng, ["institution", "user", "code", "from", "to", "page", "semester", "lang"])}`;
    return {
      kind: "http",
      label: "console-reports",
      method: "GET",
      path,
      headers,
      body: undefined,
      localAddress: "127.0.0.1",
      voice: "html",
    };
  }
  if (choice === 2) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    const params = new URLSearchParams({ _csrf: csrf });
    const fields = rng.chance(0.5)
      ? {
          id: `fzc-${serial}`,
          name: "Fuzz",
          path: `FZC_${serial}`,
          allowlist: "127.0.0.1",
          stage: "poc",
          status: "active",
          patternPolicy: "record",
          "dialect.numbers": "bare",
        }
      : {
          "letter.number": fuzzString(rng),
          "institution.id": fuzzString(rng),
          "institution.grant": "NIK",
        };
    for (const [name, value] of Object.entries(fields)) {
      params.append(
        name,
        rng.chance(0.3) ? fuzzString(rng).replace(/[\uD800-\uDFFF]/g, "") : value,
      );
    }
    const path = "id" in fields ? "/admin/instansi/baru" : "/admin/onboarding/baru";
    return {
      kind: "http",
      label: "console-forms",
      method: "POST",
      path,
      headers,
      body: Buffer.from(params.toString()),
      localAddress: "127.0.0.1",
      voice: "html",
    };
  }
  // Sign-in page and wrong tokens from other addresses (the lockout is per address).
  delete headers.cookie;
  const post = rng.chance(0.6);
  const withForm = post && rng.chance(0.7);
  if (withForm) headers.cookie = targets.consoleLogin.cookie;
  headers["content-type"] = "application/x-www-form-urlencoded";
  return {
    kind: "http",
    label: "console-login",
    method: post ? "POST" : "GET",
    path: "/admin/masuk",
    headers,
    body: post
      ? Buffer.from(
          new URLSearchParams({
            _csrf: withForm ? targets.consoleLogin.csrf : "x",
            admin_token: fuzzString(rng).replace(/[\uD800-\uDFFF]/g, ""),
          }).toString(),
        )
      : undefined,
    localAddress: strangerAddress(rng),
    voice: "html",
  };
}

/** A few slow bodies: read-only (portal forms without a session), sent in pieces. */
export function slowReadOnlyCase(rng: Rng): HttpCase {
  return {
    kind: "http",
    label: "slow-portal-form",
    method: "POST",
    path: rng.pick(["/portal/cari", "/portal/data-balikan", "/admin/instansi/baru"]),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: Buffer.from(`_csrf=x&nik=${"3".repeat(16)}&pad=${"p".repeat(2_000)}`),
    slow: { parts: 6, delayMs: 150 },
    localAddress: strangerAddress(rng),
    voice: "html",
    anonymous: true,
  };
}
