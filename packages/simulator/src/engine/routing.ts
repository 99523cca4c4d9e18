/**
 * Routing of imitated requests (wire-format.md, Decisions §1): `POST
 * /dukcapil/get_json/<registered path>/<METHOD>`, METHOD matched case-insensitively.
 */

/** What an imitated request asks for. */
export type ImitatedEndpoint = "lookup" | "verify" | "family";

/** METHOD names of the upstream, upper case, per endpoint. */
export const METHOD_NAMES: Readonly<Record<string, ImitatedEndpoint>> = Object.freeze({
  CALL_NIK: "lookup",
  BYNIK: "lookup",
  GET_NIK: "lookup",
  CALL_VERIFY_BY_ELEMEN: "verify",
  KONEKSITAS_VERIFBY_ELEMEN: "verify",
  CALL_NIK_GET_KK: "family",
});

/** The prefix under which every imitated lookup, verify and family call lives. */
export const GET_JSON_PREFIX = "/dukcapil/get_json/";

/** The data-balikan (store) API path of the simulator (core's DEFAULT_DATA_BALIKAN_PATH). */
export { DEFAULT_DATA_BALIKAN_PATH as DATA_BALIKAN_PATH } from "@dukcapil-sandbox/core";

/** A parsed imitated path: the registered path (segments before METHOD) and the METHOD as sent. */
export interface ImitatedTarget {
  readonly registeredPath: string;
  readonly method: string;
  /** `undefined` when METHOD is not a known name: it may still be an alias of the institution. */
  readonly endpoint: ImitatedEndpoint | undefined;
}

/**
 * Splits `/dukcapil/get_json/<one or more segments>/<METHOD>`; `undefined` when the
 * path has no registered path or no METHOD. Percent-encoding is decoded per segment.
 */
export function parseImitatedPath(pathname: string): ImitatedTarget | undefined {
  // The transport and the engine both parse each request's path, and clients call a
  // handful of paths: remember the answers (frozen; a bounded map of short paths).
  const known = parsedPaths.get(pathname);
  if (known !== undefined) return known ?? undefined;
  const parsed = parsePath(pathname);
  if (pathname.length > MAX_PARSED_PATH_LENGTH) return parsed;
  if (parsedPaths.size >= MAX_PARSED_PATHS) parsedPaths.clear();
  parsedPaths.set(pathname, parsed === undefined ? null : Object.freeze(parsed));
  return parsed;
}

const parsedPaths = new Map<string, ImitatedTarget | null>();
const MAX_PARSED_PATHS = 1024;
const MAX_PARSED_PATH_LENGTH = 256;

function parsePath(pathname: string): ImitatedTarget | undefined {
  if (!pathname.startsWith(GET_JSON_PREFIX)) return undefined;
  const rest = pathname.slice(GET_JSON_PREFIX.length).replace(/\/+$/, "");
  const cut = rest.lastIndexOf("/");
  if (cut <= 0) return undefined;
  let registeredPath: string;
  let method: string;
  try {
    registeredPath = decodeURIComponent(rest.slice(0, cut));
    method = decodeURIComponent(rest.slice(cut + 1));
  } catch {
    return undefined;
  }
  if (registeredPath === "" || method === "" || registeredPath.split("/").some((s) => s === "")) {
    return undefined;
  }
  return { registeredPath, method, endpoint: METHOD_NAMES[method.toUpperCase()] };
}
