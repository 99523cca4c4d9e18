/**
 * The credential and NIK keys of request bodies, in every spelling clients send
 * (wire-format.md §1.2), and their normalisation to `{ nik, userId, password, ipUser }`.
 */

import * as z from "zod";
import { wireDigitsSchema, wireTextSchema } from "./values.js";

/**
 * Every observed spelling of each request key, in the order they are tried when a
 * body carries more than one: the first spelling with a non-blank value wins, so an
 * empty `nik` next to a filled `NIK` reads the `NIK`.
 *
 * @example
 * ```ts
 * import { REQUEST_KEY_SPELLINGS } from "@dukcapil-sandbox/core";
 * REQUEST_KEY_SPELLINGS.ipUser; // ["ip_user", "IP_USER", "ip_address", "IP_user", "ipUser"]
 * ```
 */
export const REQUEST_KEY_SPELLINGS = Object.freeze({
  nik: Object.freeze(["nik", "NIK"] as const),
  userId: Object.freeze(["user_id", "USER_ID", "userid", "userId"] as const),
  password: Object.freeze(["password", "PASSWORD"] as const),
  ipUser: Object.freeze(["ip_user", "IP_USER", "ip_address", "IP_user", "ipUser"] as const),
});

/**
 * The request keys, normalised, plus which spelling each came from (`null` when absent)
 * — useful for the request journal and for near-miss diagnostics.
 *
 * @example
 * ```ts
 * import type { NormalisedCredentials } from "@dukcapil-sandbox/core";
 * const request: NormalisedCredentials = {
 *   nik: "3204010101900001", userId: "u", password: "p", ipUser: "10.0.0.1",
 *   spellings: { nik: "nik", userId: "user_id", password: "password", ipUser: "ip_user" },
 * };
 * ```
 */
export interface NormalisedCredentials {
  /** The NIK as sent, as a string: digit strings as they are, JSON numbers as their digits. */
  readonly nik: string;
  /** `""` when absent or `null`. */
  readonly userId: string;
  /** `""` when absent or `null`. */
  readonly password: string;
  /** `""` when absent or `null` (some clients omit it). */
  readonly ipUser: string;
  readonly spellings: {
    readonly nik: string;
    readonly userId: string | null;
    readonly password: string | null;
    readonly ipUser: string | null;
  };
}

/** The NIK as sent: any string (a malformed one is answered 15, not 07), or an integer. */
const nikValueSchema = z.union([z.string(), wireDigitsSchema]);
const credentialValueSchema = wireTextSchema.nullable();

function optionalShape<const K extends readonly string[], S extends z.ZodType>(
  keys: K,
  schema: S,
): Record<K[number], z.ZodOptional<S>> {
  return Object.fromEntries(keys.map((key) => [key, schema.optional()])) as Record<
    K[number],
    z.ZodOptional<S>
  >;
}

/** The loose shape of the credential keys in all spellings (used by the request schemas). @internal */
export const credentialShape = {
  ...optionalShape(REQUEST_KEY_SPELLINGS.nik, nikValueSchema.nullable()),
  ...optionalShape(REQUEST_KEY_SPELLINGS.userId, credentialValueSchema),
  ...optionalShape(REQUEST_KEY_SPELLINGS.password, credentialValueSchema),
  ...optionalShape(REQUEST_KEY_SPELLINGS.ipUser, credentialValueSchema),
};

/**
 * The value of the first spelling that holds a non-blank string; when every present
 * spelling is blank, the first blank one (so the spelling is still reported). A blank
 * `nik` therefore never hides a valid `NIK`.
 */
function pick(
  body: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): { value: string; key: string } | null {
  let blank: { value: string; key: string } | null = null;
  for (const key of keys) {
    const value = body[key];
    if (typeof value !== "string") continue;
    if (value.trim() !== "") return { value, key };
    blank ??= { value, key };
  }
  return blank;
}

/**
 * Picks the normalised credentials out of a body already parsed with
 * {@link credentialShape}; reports a zod issue (path `["nik"]`) and returns `null` when
 * no NIK is present (absent, `null` or blank) — the upstream answers that with code 07.
 *
 * @internal
 */
export function pickCredentials(
  body: Readonly<Record<string, unknown>>,
  ctx: z.RefinementCtx,
): NormalisedCredentials | null {
  const nik = pick(body, REQUEST_KEY_SPELLINGS.nik);
  if (nik === null || nik.value.trim() === "") {
    ctx.addIssue({
      code: "custom",
      message: "The NIK is missing: send it as `nik` or `NIK`",
      path: ["nik"],
    });
    return null;
  }
  const userId = pick(body, REQUEST_KEY_SPELLINGS.userId);
  const password = pick(body, REQUEST_KEY_SPELLINGS.password);
  const ipUser = pick(body, REQUEST_KEY_SPELLINGS.ipUser);
  return {
    nik: nik.value,
    userId: userId?.value ?? "",
    password: password?.value ?? "",
    ipUser: ipUser?.value ?? "",
    spellings: {
      nik: nik.key,
      userId: userId?.key ?? null,
      password: password?.key ?? null,
      ipUser: ipUser?.key ?? null,
    },
  };
}
