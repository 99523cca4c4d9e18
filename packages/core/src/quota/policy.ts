/**
 * Quota policies: how many NIK hits a key (a User ID, an institution) may use per
 * Jakarta calendar day, and the named presets taken from the source documents.
 */
import { z } from "zod";
import { parseOptions } from "../internal/options.js";

/**
 * A daily quota policy: at most `hitsPerDay` hits per Jakarta calendar day, or no limit.
 *
 * Unlimited policies still count hits (usage reports need them) but never refuse.
 *
 * @example
 * ```ts
 * import type { QuotaPolicy } from "@dukcapil-sandbox/core";
 * const poc: QuotaPolicy = { kind: "daily", hitsPerDay: 200 };
 * const production: QuotaPolicy = { kind: "unlimited" };
 * ```
 */
export type QuotaPolicy =
  | { readonly kind: "daily"; readonly hitsPerDay: number }
  | { readonly kind: "unlimited" };

/**
 * The zod schema of a {@link QuotaPolicy}: `hitsPerDay` is a non-negative safe integer
 * (0 refuses every hit).
 *
 * @example
 * ```ts
 * import { quotaPolicySchema } from "@dukcapil-sandbox/core";
 * const policy = quotaPolicySchema.parse({ kind: "daily", hitsPerDay: 1000 });
 * ```
 */
export const quotaPolicySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("daily"),
    hitsPerDay: z.int().nonnegative(),
  }),
  z.strictObject({ kind: z.literal("unlimited") }),
]);

/**
 * Checks a policy and returns a frozen copy; throws `DKS_CORE_INVALID_OPTIONS` when it is invalid.
 *
 * @example
 * ```ts
 * import { parseQuotaPolicy } from "@dukcapil-sandbox/core";
 * const policy = parseQuotaPolicy({ kind: "daily", hitsPerDay: 200 });
 * ```
 */
export function parseQuotaPolicy(input: unknown): QuotaPolicy {
  const parsed = parseOptions(
    quotaPolicySchema,
    input,
    "read quota policy",
    'Pass { kind: "daily", hitsPerDay: <non-negative integer> } or { kind: "unlimited" }.',
  );
  return Object.freeze(parsed);
}

/**
 * Where a preset comes from: the seed document, its clause and the clause's words.
 *
 * @example
 * ```ts
 * import { quotaPolicyPresets, type QuotaPresetSource } from "@dukcapil-sandbox/core";
 * const source: QuotaPresetSource = quotaPolicyPresets[0].source;
 * ```
 */
export interface QuotaPresetSource {
  /** File name under `shared/seeds/`. */
  readonly document: string;
  /** The clause, as numbered in the document. */
  readonly clause: string;
  /** The clause's words (Indonesian, as in the document). */
  readonly text: string;
}

/**
 * One row of the quota preset table.
 *
 * @example
 * ```ts
 * import { quotaPolicyPresets, type QuotaPolicyPreset } from "@dukcapil-sandbox/core";
 * const rows: readonly QuotaPolicyPreset[] = quotaPolicyPresets;
 * ```
 */
export interface QuotaPolicyPreset {
  /** Stable identifier, used in configuration (`quotaPreset: "poc"`). */
  readonly id: string;
  /** One line in English, for docs and the portal. */
  readonly title: string;
  readonly policy: QuotaPolicy;
  readonly source: QuotaPresetSource;
}

/**
 * The named quota presets, one row each, citing the clause they come from.
 * Docs, the simulator configuration and tests read these rows.
 *
 * @example
 * ```ts
 * import { quotaPolicyPresets } from "@dukcapil-sandbox/core";
 * for (const row of quotaPolicyPresets) console.log(row.id, row.policy, row.source.clause);
 * ```
 */
export const quotaPolicyPresets = deepFreeze([
  {
    id: "poc",
    title: "Web Portal access before the Proof of Concept is passed: 200 NIK hits per day.",
    policy: { kind: "daily", hitsPerDay: 200 },
    source: {
      document: "002_f37622d7202cca36.txt",
      clause: "Juknis Disdukcapil Kabupaten Bandung II.B.1 (Kuota Akses)",
      text: "sebanyak 200 Hit NIK per hari untuk Web Portal",
    },
  },
  {
    id: "production",
    title: "Access after the Proof of Concept is passed: no quota.",
    policy: { kind: "unlimited" },
    source: {
      document: "002_f37622d7202cca36.txt",
      clause: "Juknis Disdukcapil Kabupaten Bandung II.B.2 (Kuota Akses)",
      text: "tanpa dibatasi kuota, setelah dilakukan Proof of Concept (POC)",
    },
  },
  {
    id: "pks-karanganyar",
    title:
      "PKS Disdukcapil Karanganyar – Kecamatan Jumantono: 1 User ID with 1,000 NIK hits per day.",
    policy: { kind: "daily", hitsPerDay: 1000 },
    source: {
      document: "004_cb8385f1ee370c31.txt",
      clause: "Petunjuk Teknis PKS Karanganyar–Jumantono, row 2 (Sistem Aplikasi), letter e",
      text: "1 (satu) User ID dengan kuota akses sebanyak 1.000 (seribu) Hit NIK per hari",
    },
  },
] as const satisfies readonly QuotaPolicyPreset[]);

/**
 * The identifier of a row of {@link quotaPolicyPresets}.
 *
 * @example
 * ```ts
 * import type { QuotaPresetId } from "@dukcapil-sandbox/core";
 * const id: QuotaPresetId = "pks-karanganyar";
 * ```
 */
export type QuotaPresetId = (typeof quotaPolicyPresets)[number]["id"];

/**
 * The policy of a named preset.
 *
 * @example
 * ```ts
 * import { quotaPolicyFor } from "@dukcapil-sandbox/core";
 * quotaPolicyFor("poc"); // { kind: "daily", hitsPerDay: 200 }
 * ```
 */
export function quotaPolicyFor(id: QuotaPresetId): QuotaPolicy {
  const ids = quotaPolicyPresets.map((preset) => preset.id);
  const checked = parseOptions(
    z.enum(ids as [QuotaPresetId, ...QuotaPresetId[]]),
    id,
    "find quota preset",
    `Use one of the ids of quotaPolicyPresets: ${ids.join(", ")}.`,
  );
  const row = quotaPolicyPresets.find((preset) => preset.id === checked);
  return row!.policy;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
