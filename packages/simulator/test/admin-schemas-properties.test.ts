// Property tests of the admin API bodies (issue 7 "Bad input"): the zod schemas of
// src/state/schemas.ts, which the admin API, the admin console and the repositories parse
// with. Arbitrary bodies never throw anything but DKS_SIM_VALIDATION, whose issues name the
// field; generated valid bodies read back as sent (trimmed) with the documented defaults.
import { RECORD_ELEMENTS, responseCodes } from "@dukcapil-sandbox/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { SimulatorError } from "../src/errors.js";
import {
  accessHoursSchema,
  dialectPatchSchema,
  grantSchema,
  institutionCreateSchema,
  institutionPatchSchema,
  isAddressOrCidr,
  officerSchema,
  onboardingDataSchema,
  onboardingTransitionSchema,
  parseInput,
  passwordChangeSchema,
  tokenIssueSchema,
  tokenReapplySchema,
  tokenRevokeSchema,
  tokenRotateSchema,
  userCreateSchema,
  userPatchSchema,
} from "../src/state/schemas.js";

const SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  institutionCreateSchema,
  institutionPatchSchema,
  userCreateSchema,
  userPatchSchema,
  passwordChangeSchema,
  tokenIssueSchema,
  tokenRotateSchema,
  tokenReapplySchema,
  tokenRevokeSchema,
  onboardingDataSchema,
  onboardingTransitionSchema,
  officerSchema,
  accessHoursSchema,
  dialectPatchSchema,
  grantSchema,
};

type Issue = { path: string; code: string; message: string };

/** parseInput's error, checked to be DKS_SIM_VALIDATION; `undefined` when the body is accepted. */
function validationError(schema: z.ZodType, input: unknown): SimulatorError | undefined {
  try {
    parseInput(schema, input, "test the body");
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatorError);
    expect((error as SimulatorError).code).toBe("DKS_SIM_VALIDATION");
    expect((error as SimulatorError).status).toBe(400);
    return error as SimulatorError;
  }
}
const issuesOf = (error: SimulatorError | undefined) =>
  (error?.details.issues ?? []) as readonly Issue[];

// --- Generators of valid values ---

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
const ipv6 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((groups) => groups.map((g) => g.toString(16)).join(":"));
const address = fc.oneof(ipv4, ipv6);
const cidr = fc.oneof(
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, bits]) => `${a}/${bits}`),
  fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, bits]) => `${a}/${bits}`),
);
const pad = fc.constantFrom("", " ", "  ", "\t");
/** Text with surrounding whitespace that a `trim()` schema drops. */
const padded = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(pad, text, pad)
    .map(([before, core, after]) => ({ sent: `${before}${core}${after}`, read: core }));
const nonBlank = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: Math.min(max, 30) })
    .map((s) => s.trim())
    .filter((s) => s !== "");
const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== "." && s !== "..");
const institutionPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
const clockTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const officer = fc.record({
  nik: fc.stringMatching(/^\d{16}$/),
  fullName: nonBlank(200),
  nip: fc.oneof(fc.constant(""), fc.stringMatching(/^\d{18}$/)),
  employmentStatus: nonBlank(100),
  position: nonBlank(200),
  officeRegionCode: fc.constantFrom(
    "32",
    "32.04",
    "3204",
    "32.04.05",
    "320405",
    "3204052001",
    "32.04.05.2001",
  ),
  officeName: nonBlank(200),
  officeAddress: nonBlank(500),
  localUserId: nonBlank(100),
});

describe("institution bodies", () => {
  it("read a valid POST /institutions body as sent (trimmed), with the documented defaults", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            id,
            name: padded(nonBlank(200)),
            path: padded(institutionPath),
            aliases: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/), {
              maxLength: 3,
            }),
            status: fc.constantFrom("active", "inactive"),
            allowlist: fc.uniqueArray(fc.oneof(address, cidr), { maxLength: 3 }),
            grant: fc.shuffledSubarray([...RECORD_ELEMENTS], { minLength: 1 }),
            stage: fc.constantFrom("onboarding", "poc", "production"),
            patternPolicy: fc.constantFrom("record", "warn", "block"),
            accessHours: fc.option(
              fc
                .tuple(clockTime, clockTime)
                .filter(([from, to]) => from !== to)
                .map(([from, to]) => ({ from, to })),
              { nil: null },
            ),
          },
          { requiredKeys: ["name", "path"] },
        ),
        (generated) => {
          const body = {
            ...generated,
            name: generated.name.sent,
            path: generated.path.sent,
          };
          const read = parseInput(institutionCreateSchema, body, "create institution");
          expect(read).toEqual({
            // Documented defaults (schemas.ts): no id (derived by the repository), no grant
            // (WEB_PORTAL_GRANT, filled in by the repository).
            aliases: [],
            status: "active",
            allowlist: [],
            dialect: {},
            stage: "onboarding",
            patternPolicy: "warn",
            accessHours: null,
            ...generated,
            name: generated.name.read,
            path: generated.path.read,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("accept only paths that a URL keeps as written (no '.' or '..' segment, nothing to escape)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          institutionPath,
          fc
            .array(fc.constantFrom(".", "..", "a", "b.c", "...", "_"), {
              minLength: 1,
              maxLength: 4,
            })
            .map((s) => s.join("/")),
          fc.string({ maxLength: 12 }),
        ),
        (path) => {
          const result = institutionPatchSchema.safeParse({ path });
          const url = `http://sandbox.invalid/dukcapil/get_json/${path.trim()}/CALL_NIK`;
          let kept = false;
          try {
            kept = new URL(url).pathname === `/dukcapil/get_json/${path.trim()}/CALL_NIK`;
          } catch {
            kept = false;
          }
          const segments = path.trim().split("/");
          const wellFormed =
            path.trim().length <= 200 &&
            segments.every((s) => /^[A-Za-z0-9_.-]+$/.test(s) && s !== "." && s !== "..");
          expect(result.success).toBe(wellFormed);
          if (result.success) {
            expect(kept).toBe(true);
            expect(result.data.path).toBe(path.trim());
          } else {
            expect(result.error.issues.every((issue) => issue.path[0] === "path")).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("read addresses and CIDR blocks, and refuse out-of-range octets and prefixes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          address.map((a) => ({ text: a, ok: true })),
          cidr.map((c) => ({ text: c, ok: true })),
          fc
            .tuple(ipv4, fc.integer({ min: 33, max: 999 }))
            .map(([a, bits]) => ({ text: `${a}/${bits}`, ok: false })),
          fc
            .tuple(ipv6, fc.integer({ min: 129, max: 999 }))
            .map(([a, bits]) => ({ text: `${a}/${bits}`, ok: false })),
          fc
            .tuple(octet, octet, octet, fc.integer({ min: 256, max: 9999 }))
            .map((parts) => ({ text: parts.join("."), ok: false })),
          fc
            .constantFrom(
              "",
              "/",
              "10.0.0.0/",
              "10.0.0.0/-1",
              "10.0.0.0/8/8",
              "localhost",
              "10.0.0",
              "::g",
            )
            .map((text) => ({ text, ok: false })),
        ),
        ({ text, ok }) => {
          expect(isAddressOrCidr(text)).toBe(ok);
          const error = validationError(institutionPatchSchema, { allowlist: [text] });
          if (ok) expect(error).toBeUndefined();
          else expect(issuesOf(error).map((issue) => issue.path)).toEqual(["allowlist.0"]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuse a repeated allowlist entry, alias or grant element, naming the list", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(
            ["allowlist", address] as const,
            ["aliases", fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/)] as const,
            ["grant", fc.constantFrom(...RECORD_ELEMENTS)] as const,
          )
          .chain(([field, item]) =>
            fc.tuple(
              fc.constant(field),
              fc.array(item as fc.Arbitrary<string>, { minLength: 1, maxLength: 4 }),
              fc.nat(),
            ),
          ),
        ([field, list, at]) => {
          const repeated = [...list, list[at % list.length] as string];
          const error = validationError(institutionPatchSchema, { [field]: repeated });
          expect(issuesOf(error).map((issue) => issue.path)).toContain(field);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("user and officer bodies", () => {
  it("read a valid POST /institutions/:id/users body with the documented defaults", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            userId: id,
            password: fc.string({ minLength: 8, maxLength: 128 }),
            ipUser: padded(address),
            status: fc.constantFrom("active", "inactive"),
            dailyQuota: fc.option(fc.nat({ max: 1_000_000 }), { nil: null }),
            officer,
          },
          { requiredKeys: ["userId", "ipUser", "officer"] },
        ),
        (generated) => {
          const read = parseInput(
            userCreateSchema,
            { ...generated, ipUser: generated.ipUser.sent },
            "create user ID",
          );
          expect(read).toEqual({
            status: "active",
            dailyQuota: null,
            ...generated,
            ipUser: generated.ipUser.read,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("accept an officer NIK of exactly 16 ASCII digits and a NIP of 18 or none, naming the field otherwise", () => {
    fc.assert(
      fc.property(
        officer,
        fc.constantFrom("nik", "nip"),
        fc.oneof(
          fc.stringMatching(/^\d{0,20}$/),
          fc.constantFrom(
            "٣٢٠٤٠٥١٥٠٢٩٠٠٠٠١",
            "３２０４０５１５０２９０００００１",
            "3204 0515 0290 0001",
            " 3204051502900001",
          ),
          fc.string({ maxLength: 20 }),
        ),
        (valid, field, value) => {
          const error = validationError(officerSchema, { ...valid, [field]: value });
          const ok = field === "nik" ? /^[0-9]{16}$/.test(value) : /^([0-9]{18})?$/.test(value);
          if (ok) expect(error).toBeUndefined();
          else expect(issuesOf(error).map((issue) => issue.path)).toEqual([field]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("refuse a password outside 8–128 characters, naming password", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 7 }), fc.string({ minLength: 129, maxLength: 200 })),
        (password) => {
          const error = validationError(passwordChangeSchema, { password });
          expect(issuesOf(error).map((issue) => issue.path)).toEqual(["password"]);
          // The message never echoes the password.
          if (password.length >= 4) expect(error?.message).not.toContain(password);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("access hours, dialect and tokens", () => {
  it("accept any two different HH:MM WIB times, and name from or to otherwise", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          clockTime,
          fc.stringMatching(/^\d{1,2}:\d{1,2}$/),
          fc.constantFrom("24:00", "7:00", "07:60", ""),
        ),
        fc.oneof(clockTime, fc.stringMatching(/^\d{1,2}:\d{1,2}$/)),
        (from, to) => {
          const valid = (t: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
          const error = validationError(accessHoursSchema, { from, to });
          const paths = issuesOf(error).map((issue) => issue.path);
          if (valid(from) && valid(to) && from !== to) expect(error).toBeUndefined();
          else if (valid(from) && valid(to)) expect(paths).toEqual(["to"]);
          else {
            if (!valid(from)) expect(paths).toContain("from");
            if (!valid(to)) expect(paths).toContain("to");
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("accept dialect texts for catalogue codes only, 1–200 characters", () => {
    const codes = responseCodes.map((row) => row.code);
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...codes), fc.stringMatching(/^\d{1,3}$/)),
        fc.string({ maxLength: 210 }),
        (code, text) => {
          const error = validationError(dialectPatchSchema, { texts: { [code]: text } });
          const ok =
            codes.includes(code as (typeof codes)[number]) &&
            text.length >= 1 &&
            text.length <= 200;
          if (ok) expect(error).toBeUndefined();
          else {
            expect(error).toBeDefined();
            for (const issue of issuesOf(error)) expect(issue.path.startsWith("texts")).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("accept token validity of 1–3650 whole days only", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10, max: 4000 }), fc.double(), fc.string({ maxLength: 3 })),
        (validityDays) => {
          for (const schema of [tokenRotateSchema, tokenReapplySchema]) {
            const error = validationError(schema, { validityDays });
            const ok =
              Number.isInteger(validityDays) &&
              (validityDays as number) >= 1 &&
              (validityDays as number) <= 3650;
            if (ok) expect(error).toBeUndefined();
            else
              expect([...new Set(issuesOf(error).map((issue) => issue.path))]).toEqual([
                "validityDays",
              ]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("every admin body schema", () => {
  it("never throws but DKS_SIM_VALIDATION on arbitrary input, and each issue's path leads into the body", () => {
    const keys = fc.constantFrom(
      "name",
      "path",
      "id",
      "aliases",
      "status",
      "allowlist",
      "grant",
      "dialect",
      "stage",
      "patternPolicy",
      "accessHours",
      "userId",
      "password",
      "ipUser",
      "dailyQuota",
      "officer",
      "applicationId",
      "registeredAddresses",
      "validityDays",
      "reason",
      "letter",
      "institution",
      "application",
      "user",
      "contact",
      "to",
      "note",
      "from",
      "texts",
      "numbers",
      "nik",
      "x",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(SCHEMAS)),
        fc.oneof(
          fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true }),
          fc.dictionary(
            keys,
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.dictionary(keys, fc.jsonValue({ maxDepth: 1 })),
            ),
            { maxKeys: 6 },
          ),
        ),
        (name, body) => {
          const error = validationError(SCHEMAS[name] as z.ZodType, body);
          if (error === undefined) return;
          const issues = issuesOf(error);
          expect(issues.length).toBeGreaterThan(0);
          expect(error.message).toMatch(
            /^Failed to test the body: .+\. Fix the fields listed in issues and send again\.$/s,
          );
          for (const issue of issues) {
            if (issue.path === "") continue;
            // Every segment but the last exists in the body (the last may be a missing key).
            const segments = issue.path.split(".");
            let node: unknown = body;
            for (const segment of segments.slice(0, -1)) {
              expect(node !== null && typeof node === "object").toBe(true);
              node = (node as Record<string, unknown>)[segment];
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
