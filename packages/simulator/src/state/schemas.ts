/**
 * The zod schemas of the registry's inputs (institutions, users, tokens, onboarding).
 *
 * One schema per input surface, `.strict()` (unknown keys are errors). The admin API
 * parses request bodies with these and the repositories parse their arguments with
 * them again, so a caller that skips HTTP (seeding, tests) gets the same checks.
 */
import { isIP } from "node:net";
import {
  RECORD_ELEMENTS,
  type RecordElement,
  type ResponseCode,
  responseCodes,
} from "@dukcapil-sandbox/core";
import { z } from "zod";
import { SimulatorError } from "../errors.js";

const RESPONSE_CODE_VALUES = responseCodes.map((row) => row.code) as [
  ResponseCode,
  ...ResponseCode[],
];

/**
 * Whether a text is an exact IPv4/IPv6 address or a CIDR block (`10.0.0.0/8`, `fd00::/8`).
 *
 * @example
 * ```ts
 * import { isAddressOrCidr } from "@dukcapil-sandbox/simulator";
 * isAddressOrCidr("10.32.4.0/24"); // true
 * isAddressOrCidr("10.32.4.300"); // false
 * ```
 * @internal
 */
export function isAddressOrCidr(text: string): boolean {
  const slash = text.indexOf("/");
  if (slash === -1) return isIP(text) !== 0;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  const family = isIP(address);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** An identifier used in URLs: letters, digits, `_`, `.` and `-`, 1–64 characters. */
export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    "Expected 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit",
  );

const nonEmptyText = (max: number) => z.string().trim().min(1).max(max);

const addressSchema = z
  .string()
  .trim()
  .refine((value) => isIP(value) !== 0, "Expected an IPv4 or IPv6 address");

const allowlistEntrySchema = z
  .string()
  .trim()
  .refine(isAddressOrCidr, "Expected an IPv4/IPv6 address or a CIDR block such as 10.32.4.0/24");

const clockTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Expected a WIB time of day HH:MM from 00:00 to 23:59");

/** Permitted access hours in WIB; `from` later than `to` means a window across midnight. */
export const accessHoursSchema = z
  .strictObject({ from: clockTimeSchema, to: clockTimeSchema })
  .refine((hours) => hours.from !== hours.to, {
    message: "from and to must differ (use null for access at any time)",
    path: ["to"],
  });

/** The elements an institution may see: a non-empty subset of core's `RECORD_ELEMENTS`. */
export const grantSchema = z
  .array(z.enum(RECORD_ELEMENTS as unknown as [RecordElement, ...RecordElement[]]))
  .min(1, "Grant at least one element")
  .refine((items) => new Set(items).size === items.length, "Each element may appear once");

/** A partial dialect: omitted fields keep their current (or default) value. */
export const dialectPatchSchema = z.strictObject({
  texts: z.partialRecord(z.enum(RESPONSE_CODE_VALUES), z.string().min(1).max(200)).optional(),
  numbers: z.enum(["bare", "string"]).optional(),
  lookupQuotaLimiter: z.boolean().optional(),
});

const pathSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    "Expected path segments of letters, digits, '_', '.' or '-' separated by '/', e.g. DINKES_3204 or 32-04/dinkes",
  )
  // HTTP clients resolve "." and ".." segments away: such a path could never be called.
  .refine(
    (path) => path.split("/").every((segment) => segment !== "." && segment !== ".."),
    "Expected no '.' or '..' segment (clients remove them from URLs)",
  )
  .max(200);

const aliasSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "Expected a METHOD name such as dinkes or adm_desa");

const uniqueStrings = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).refine((items) => new Set(items).size === items.length, "Entries must be unique");

/** Body of `POST /institutions`: a new institution (defaults in the schema). */
export const institutionCreateSchema = z.strictObject({
  /** Default: the path in lower case with other characters as `-`. */
  id: idSchema.optional(),
  name: nonEmptyText(200),
  path: pathSchema,
  aliases: uniqueStrings(aliasSchema).default([]),
  status: z.enum(["active", "inactive"]).default("active"),
  allowlist: uniqueStrings(allowlistEntrySchema).default([]),
  /** Default: core's `WEB_PORTAL_GRANT` (filled in by the repository). */
  grant: grantSchema.optional(),
  dialect: dialectPatchSchema.default({}),
  stage: z.enum(["onboarding", "poc", "production"]).default("onboarding"),
  patternPolicy: z.enum(["record", "warn", "block"]).default("warn"),
  accessHours: accessHoursSchema.nullable().default(null),
});

/** Body of `PATCH /institutions/:id`: any subset of the mutable fields. */
export const institutionPatchSchema = z
  .strictObject({
    name: nonEmptyText(200),
    path: pathSchema,
    aliases: uniqueStrings(aliasSchema),
    status: z.enum(["active", "inactive"]),
    allowlist: uniqueStrings(allowlistEntrySchema),
    grant: grantSchema,
    dialect: dialectPatchSchema,
    stage: z.enum(["onboarding", "poc", "production"]),
    patternPolicy: z.enum(["record", "warn", "block"]),
    accessHours: accessHoursSchema.nullable(),
  })
  .partial();

/** A password set by an administrator: 8–128 characters. */
export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

/** The officer fields of a user ID (Juknis II.A.3.a). */
export const officerSchema = z.strictObject({
  /** Nomor Induk Kependudukan of the officer: 16 digits. */
  nik: z.string().regex(/^\d{16}$/, "Expected the officer's 16-digit NIK"),
  /** Nama Lengkap. */
  fullName: nonEmptyText(200),
  /** Nomor Identitas Kepegawaian (NIP): 18 digits, or empty for staff without one. */
  nip: z.string().regex(/^(\d{18})?$/, "Expected an 18-digit NIP, or an empty string"),
  /** Status Kepegawaian, e.g. PNS, PPPK, Non-ASN. */
  employmentStatus: nonEmptyText(100),
  /** Jabatan. */
  position: nonEmptyText(200),
  /** Kode Wilayah Kantor: a Kemendagri region code, dotted or not (`32.04`, `320405`). */
  officeRegionCode: z
    .string()
    .regex(
      /^\d{2}(\.?\d{2}(\.?\d{2}(\.?\d{4})?)?)?$/,
      "Expected a region code such as 32, 32.04, 32.04.05 or 3204052001",
    ),
  /** Nama Kantor. */
  officeName: nonEmptyText(200),
  /** Alamat Kantor. */
  officeAddress: nonEmptyText(500),
  /** The user's id in the agency's own application. */
  localUserId: nonEmptyText(100),
});

/** Body of `POST /institutions/:id/users`. Without `password` one is generated and returned once. */
export const userCreateSchema = z.strictObject({
  userId: idSchema,
  password: passwordSchema.optional(),
  /** The address this user ID must send in `ip_user`. */
  ipUser: addressSchema,
  status: z.enum(["active", "inactive"]).default("active"),
  /** Hits per day; `null` (default) = from the institution's stage. */
  dailyQuota: z.int().nonnegative().nullable().default(null),
  officer: officerSchema,
});

/** Body of `PATCH /users/:userId` (officer fields merge). */
export const userPatchSchema = z
  .strictObject({
    ipUser: addressSchema,
    status: z.enum(["active", "inactive"]),
    dailyQuota: z.int().nonnegative().nullable(),
    officer: officerSchema.partial(),
  })
  .partial();

/** Body of `POST /users/:userId/password`: without `password` a new one is generated and returned once. */
export const passwordChangeSchema = z.strictObject({ password: passwordSchema.optional() });

/** Body of `POST /institutions/:id/tokens`. */
export const tokenIssueSchema = z.strictObject({
  /** The application the token identifies (one valid token per application). */
  applicationId: idSchema,
  /** Default: the institution's exact allowlist addresses. */
  registeredAddresses: z.array(addressSchema).min(1).optional(),
  validityDays: z.int().positive().max(3650).optional(),
});

/** Body of `POST /tokens/:tokenId/rotate`. */
export const tokenRotateSchema = z.strictObject({
  validityDays: z.int().positive().max(3650).optional(),
});

/** Body of `POST /tokens/:tokenId/reapply`. */
export const tokenReapplySchema = z.strictObject({
  registeredAddresses: z.array(addressSchema).min(1).optional(),
  validityDays: z.int().positive().max(3650).optional(),
});

/** Body of `POST /tokens/:tokenId/revoke`. */
export const tokenRevokeSchema = z.strictObject({ reason: nonEmptyText(200) });

/**
 * What an applicant sends with an onboarding ticket. Everything is optional at submission:
 * the service desk's completeness check (`checking → account-created`) requires the
 * fields of {@link onboardingCompleteSchema}, and an incomplete ticket is returned.
 */
export const onboardingDataSchema = z.strictObject({
  /** Surat permohonan: the official letter. */
  letter: z
    .strictObject({ number: nonEmptyText(100), date: z.iso.date() })
    .partial()
    .optional(),
  institution: z
    .strictObject({
      id: idSchema,
      name: nonEmptyText(200),
      path: pathSchema,
      allowlist: uniqueStrings(allowlistEntrySchema).min(1),
      grant: grantSchema,
    })
    .partial()
    .optional(),
  /** Informasi rinci mengenai aplikasi client (BMKG SOP BAB II.3). */
  application: z
    .strictObject({ name: nonEmptyText(200), description: nonEmptyText(2000) })
    .partial()
    .optional(),
  user: z
    .strictObject({ userId: idSchema, ipUser: addressSchema, officer: officerSchema.partial() })
    .partial()
    .optional(),
  contact: z
    .strictObject({
      name: nonEmptyText(200),
      email: z.email(),
      phone: z.string().regex(/^\+?[0-9 -]{6,20}$/, "Expected a phone number"),
    })
    .partial()
    .optional(),
});

/** The ticket data the completeness check requires before an account is created. */
export const onboardingCompleteSchema = z.object({
  letter: z.object({ number: z.string(), date: z.string() }),
  institution: z.object({
    name: z.string(),
    path: z.string(),
    allowlist: z.array(z.string()).min(1),
  }),
  application: z.object({ name: z.string(), description: z.string() }),
  user: z.object({ userId: z.string(), ipUser: z.string(), officer: officerSchema }),
  contact: z.object({ name: z.string(), email: z.string() }),
});

/** Body of `POST /onboarding/:id/transition`. */
export const onboardingTransitionSchema = z.strictObject({
  to: z.string().min(1),
  note: z.string().trim().max(2000).optional(),
});

/**
 * Parses `input` with `schema` or throws `DKS_SIM_VALIDATION` with the zod issues in `issues`.
 *
 * @example
 * ```ts
 * import { institutionPatchSchema, parseInput } from "@dukcapil-sandbox/simulator";
 * const patch = parseInput(institutionPatchSchema, { stage: "production" }, "update institution");
 * ```
 * @internal
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  action: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(action, result.error);
}

/**
 * The `DKS_SIM_VALIDATION` error of a zod failure, with the issues as an extension member.
 *
 * @internal
 */
export function validationError(action: string, error: z.ZodError): SimulatorError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));
  const reason = issues
    .map((issue) => `${issue.path === "" ? "(root)" : issue.path}: ${issue.message}`)
    .join("; ");
  return new SimulatorError(
    "DKS_SIM_VALIDATION",
    `Failed to ${action}: ${reason}. Fix the fields listed in issues and send again.`,
    { issues },
    { cause: error },
  );
}
