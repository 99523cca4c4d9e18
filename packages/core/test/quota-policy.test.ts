import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isDukcapilCoreError } from "../src/errors.js";
import {
  parseQuotaPolicy,
  quotaPolicyFor,
  quotaPolicyPresets,
  quotaPolicySchema,
} from "../src/quota/policy.js";

const seeds = new URL("../../../../shared/seeds/", import.meta.url);

/** Collapses markup and whitespace so a clause can be found in the extracted PDF text. */
function plain(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/[*_]/g, "")
    .replace(/\s+/g, " ");
}

describe("quota presets", () => {
  it("has the PoC stage at 200 per day, production unlimited and PKS Karanganyar at 1,000 per day", () => {
    expect(quotaPolicyFor("poc")).toEqual({ kind: "daily", hitsPerDay: 200 });
    expect(quotaPolicyFor("production")).toEqual({ kind: "unlimited" });
    expect(quotaPolicyFor("pks-karanganyar")).toEqual({ kind: "daily", hitsPerDay: 1000 });
  });

  it("has unique ids and a valid policy in every row", () => {
    const ids = quotaPolicyPresets.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of quotaPolicyPresets) {
      expect(quotaPolicySchema.safeParse(row.policy).success).toBe(true);
    }
  });

  it("quotes in every row words that appear in the cited seed document", () => {
    for (const row of quotaPolicyPresets) {
      const document = plain(readFileSync(new URL(row.source.document, seeds), "utf8"));
      expect(document).toContain(row.source.text);
    }
  });

  it("cannot be changed at run time", () => {
    const row = quotaPolicyPresets[0];
    expect(Object.isFrozen(quotaPolicyPresets)).toBe(true);
    expect(Object.isFrozen(row.policy)).toBe(true);
    expect(Object.isFrozen(row.source)).toBe(true);
  });

  it("rejects an unknown preset id with DKS_CORE_INVALID_OPTIONS", () => {
    expect(() => quotaPolicyFor("trial" as never)).toThrow(
      expect.objectContaining({ code: "DKS_CORE_INVALID_OPTIONS" }),
    );
  });
});

describe("parseQuotaPolicy", () => {
  it("accepts a daily and an unlimited policy", () => {
    expect(parseQuotaPolicy({ kind: "daily", hitsPerDay: 0 })).toEqual({
      kind: "daily",
      hitsPerDay: 0,
    });
    expect(parseQuotaPolicy({ kind: "unlimited" })).toEqual({ kind: "unlimited" });
  });

  it.each([
    { kind: "daily", hitsPerDay: -1 },
    { kind: "daily", hitsPerDay: 2.5 },
    { kind: "daily", hitsPerDay: "200" },
    { kind: "daily", hitsPerDay: 200, perUser: true },
    { kind: "unlimited", hitsPerDay: 200 },
    null,
  ])("rejects %j with details.issues", (input) => {
    try {
      parseQuotaPolicy(input);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
      expect((error as { details: { issues: unknown[] } }).details.issues.length).toBeGreaterThan(
        0,
      );
    }
  });
});
