/**
 * From a browser form (url-encoded strings) to the input the admin API's zod schemas
 * read. No rule lives here: an empty field becomes "absent" (or `null` where the schema
 * says so), a number field a number when it looks like one (else the text, which the
 * schema then refuses with its own message), and the schema decides.
 */
import type { z } from "zod";
import type { FieldErrors } from "./views.js";

/** A text field, trimmed; `undefined` when empty. */
export function text(form: URLSearchParams, name: string): string | undefined {
  const value = (form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}

/** A number field: a number when it reads as one, else the text (the schema refuses it). */
export function num(form: URLSearchParams, name: string): number | string | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** A list typed one per line or comma separated. */
export function list(form: URLSearchParams, name: string): string[] {
  return (form.get(name) ?? "")
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

const checked = (form: URLSearchParams, name: string) => form.get(name) === "1";

/** The institution form as the create/patch schema's input. */
export function institutionInput(form: URLSearchParams, isNew: boolean): Record<string, unknown> {
  const from = text(form, "accessHours.from");
  const to = text(form, "accessHours.to");
  const input: Record<string, unknown> = {
    name: form.get("name") ?? "",
    path: form.get("path") ?? "",
    aliases: list(form, "aliases"),
    status: form.get("status") ?? "",
    allowlist: list(form, "allowlist"),
    grant: form.getAll("grant"),
    dialect: {
      numbers: form.get("dialect.numbers") ?? "",
      lookupQuotaLimiter: checked(form, "dialect.lookupQuotaLimiter"),
    },
    stage: form.get("stage") ?? "",
    patternPolicy: form.get("patternPolicy") ?? "",
    accessHours: from === undefined && to === undefined ? null : { from: from ?? "", to: to ?? "" },
  };
  const id = text(form, "id");
  if (isNew && id !== undefined) input.id = id;
  return input;
}

/** The user form as the create/patch schema's input. */
export function userInput(form: URLSearchParams, isNew: boolean): Record<string, unknown> {
  const officer: Record<string, string> = {};
  for (const key of OFFICER_KEYS) officer[key] = (form.get(`officer.${key}`) ?? "").trim();
  const input: Record<string, unknown> = {
    ipUser: form.get("ipUser") ?? "",
    status: form.get("status") ?? "",
    dailyQuota: num(form, "dailyQuota") ?? null,
    officer,
  };
  if (isNew) {
    input.userId = (form.get("userId") ?? "").trim();
    const password = form.get("password") ?? "";
    if (password !== "") input.password = password;
  }
  return input;
}

/** The token issue form as `tokenIssueSchema`'s input. */
export function tokenIssueInput(form: URLSearchParams): Record<string, unknown> {
  const addresses = list(form, "registeredAddresses");
  const validityDays = num(form, "validityDays");
  return {
    applicationId: (form.get("applicationId") ?? "").trim(),
    ...(addresses.length === 0 ? {} : { registeredAddresses: addresses }),
    ...(validityDays === undefined ? {} : { validityDays }),
  };
}

/** The fault form as `faultPlanSchema`'s input. */
export function faultPlanInput(form: URLSearchParams): Record<string, unknown> {
  const plan: Record<string, unknown> = {};
  for (const name of [
    "latencyMs",
    "jitterMs",
    "bandwidthKbps",
    "error",
    "maxConcurrent",
    "probability",
  ]) {
    const value = num(form, name);
    if (value !== undefined) plan[name] = value;
  }
  if (checked(form, "reset")) plan.reset = true;
  if (checked(form, "noAnswer")) plan.noAnswer = true;
  // Maintenance: "always" (or the old checkbox's "1") is `true`; a WIB window `{from, to}`
  // when chosen or when either time is typed. The schema checks the HH:MM times.
  const maintenance = form.get("maintenance") ?? "";
  const from = text(form, "maintenance.from");
  const to = text(form, "maintenance.to");
  if (maintenance === "always" || maintenance === "1") plan.maintenance = true;
  else if (maintenance === "window" || from !== undefined || to !== undefined)
    plan.maintenance = { from: from ?? "", to: to ?? "" };
  return plan;
}

/** The fields of an onboarding ticket's form, by the zod path of `onboardingDataSchema`. */
export const ONBOARDING_GROUPS = {
  letter: ["number", "date"],
  institution: ["id", "name", "path", "allowlist", "grant"],
  application: ["name", "description"],
  user: ["userId", "ipUser"],
  contact: ["name", "email", "phone"],
} as const;

/** The Juknis officer fields (`officerSchema`), in form order. */
export const OFFICER_KEYS = [
  "nik",
  "fullName",
  "nip",
  "employmentStatus",
  "position",
  "officeRegionCode",
  "officeName",
  "officeAddress",
  "localUserId",
] as const;

/**
 * The ticket form as `onboardingDataSchema`'s input. Empty fields are absent; an empty
 * group is absent when submitting and `{}` when amending (the store replaces each group
 * sent, so the form as shown is the ticket's data).
 */
export function onboardingInput(form: URLSearchParams, amend: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [group, names] of Object.entries(ONBOARDING_GROUPS)) {
    const values: Record<string, unknown> = {};
    for (const name of names) {
      const field = `${group}.${name}`;
      if (field === "institution.allowlist") {
        const items = list(form, field);
        if (items.length > 0) values[name] = items;
      } else if (field === "institution.grant") {
        const items = form.getAll(field);
        if (items.length > 0) values[name] = items;
      } else {
        const value = text(form, field);
        if (value !== undefined) values[name] = value;
      }
    }
    if (group === "user") {
      const officer: Record<string, string> = {};
      for (const key of OFFICER_KEYS) {
        const value = text(form, `user.officer.${key}`);
        if (value !== undefined) officer[key] = value;
      }
      if (Object.keys(officer).length > 0) values.officer = officer;
    }
    if (amend || Object.keys(values).length > 0) input[group] = values;
  }
  return input;
}

/** The fields of a form, as typed, to show them again after a refusal. */
export function formValues(form: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form)
    if (name !== "_csrf" && name !== "password") values[name] = value;
  return values;
}

/** A zod failure as errors by field path. */
export function fieldErrors(
  error: z.ZodError,
  rename: Readonly<Record<string, string>> = {},
): FieldErrors {
  const errors: Record<string, { code: string; message: string }[]> = {};
  for (const issue of error.issues) {
    // A list's item (`allowlist.0`) is reported at the list's field.
    const raw = issue.path
      .filter((segment) => typeof segment !== "number")
      .map(String)
      .join(".");
    const path = rename[raw] ?? raw;
    const list = errors[path] ?? [];
    list.push({ code: issue.code, message: issue.message });
    errors[path] = list;
  }
  return errors;
}
