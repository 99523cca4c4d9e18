import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { evaluators } from "../src/criteria/index.js";
import { isPocError } from "../src/errors.js";
import { loadPlan, parsePlan, planSha256 } from "../src/plan/load.js";
import { planExpectationSchema } from "../src/plan/schema.js";
import { standardPlan, standardPlanInput } from "../src/plan/standard.js";

const dir = mkdtempSync(join(tmpdir(), "poc-plan-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = {
  id: "tiny",
  title: "Tiny plan",
  criteria: [
    {
      id: "POC-DATA-02",
      title: "Deceased shown",
      clause: "Juknis II.C.2.b",
      steps: [{ action: "lookup", nik: { magic: "deceased" } }],
      expect: { kind: "outcome-shown", code: "11" },
    },
  ],
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("the standard plan", () => {
  it("has the 25 criteria of issue 4 with stable ids, 24 mandatory and load advisory", () => {
    expect(standardPlan.criteria.map((criterion) => criterion.id)).toEqual([
      "POC-ACCESS-01",
      "POC-ACCESS-02",
      "POC-ACCESS-03",
      "POC-ACCESS-04",
      "POC-ACCESS-05",
      "POC-DATA-01",
      "POC-DATA-02",
      "POC-DATA-03",
      "POC-DATA-04",
      "POC-DATA-05",
      "POC-DATA-06",
      "POC-DATA-07",
      "POC-PATTERN-01",
      "POC-RESIL-01",
      "POC-RESIL-02",
      "POC-RESIL-03",
      "POC-RESIL-04",
      "POC-RESIL-05",
      "POC-RESIL-06",
      "POC-STORAGE-01",
      "POC-ATTRIB-01",
      "POC-BALIKAN-01",
      "POC-QUOTA-01",
      "POC-QUOTA-02",
      "POC-LOAD-01",
    ]);
    expect(
      standardPlan.criteria.filter((criterion) => !criterion.mandatory).map((c) => c.id),
    ).toEqual(["POC-LOAD-01"]);
    for (const criterion of standardPlan.criteria) expect(criterion.clause).not.toBe("");
  });

  it("has an evaluator for every expectation kind of the schema", () => {
    const kinds = planExpectationSchema.options.map((option) => option.shape.kind.value);
    expect(Object.keys(evaluators).sort()).toEqual([...kinds].sort());
  });

  it("hashes to the same SHA-256 whatever the key order", () => {
    const reordered = parsePlan(JSON.parse(JSON.stringify(standardPlanInput)));
    expect(planSha256(reordered)).toBe(planSha256(standardPlan));
    expect(planSha256(standardPlan)).toMatch(/^[0-9a-f]{64}$/);
    const changed = parsePlan({ ...standardPlanInput, title: "Another title" });
    expect(planSha256(changed)).not.toBe(planSha256(standardPlan));
  });
});

describe("plan validation", () => {
  it("names the field of an unknown expectation kind", () => {
    const error = thrown(() =>
      parsePlan({ ...tiny, criteria: [{ ...tiny.criteria[0], expect: { kind: "telepathy" } }] }),
    );
    expect(isPocError(error, "DKS_POC_PLAN_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/criteria\.0\.expect\.kind/);
  });

  it("names both criteria of a duplicate id", () => {
    const error = thrown(() =>
      parsePlan({ ...tiny, criteria: [tiny.criteria[0], tiny.criteria[0]] }),
    );
    expect((error as Error).message).toMatch(
      /criteria\.1\.id: Duplicate id POC-DATA-02: criteria\.0\.id/,
    );
  });

  it("rejects a canary the plan does not have and a sameAs before its lookup", () => {
    const error = thrown(() =>
      parsePlan({
        ...tiny,
        canaries: 1,
        criteria: [
          {
            ...tiny.criteria[0],
            steps: [
              { action: "lookup", nik: { canary: 1 } },
              { action: "lookup", nik: { sameAs: 1 } },
            ],
          },
        ],
      }),
    );
    expect((error as { details: { issues: string[] } }).details.issues).toEqual([
      expect.stringMatching(/^criteria\.0\.steps\.0\.nik\.canary: Canary 1 does not exist/),
      expect.stringMatching(/^criteria\.0\.steps\.1\.nik\.sameAs: sameAs 1 names a lookup/),
    ]);
  });

  it("rejects an id that is not POC-AREA-NN and unknown keys", () => {
    const error = thrown(() =>
      parsePlan({ ...tiny, extra: true, criteria: [{ ...tiny.criteria[0], id: "quota-2" }] }),
    );
    const issues = (error as { details: { issues: string[] } }).details.issues;
    expect(
      issues.some((issue) =>
        issue.startsWith("criteria.0.id: Expected an id such as POC-QUOTA-02"),
      ),
    ).toBe(true);
    expect(issues.some((issue) => /extra/.test(issue))).toBe(true);
  });
});

describe("loadPlan", () => {
  it("loads the same plan from JSON, YAML, a .ts module and an .mjs module", async () => {
    writeFileSync(join(dir, "plan.json"), JSON.stringify(tiny));
    writeFileSync(join(dir, "plan.yaml"), toYaml(tiny));
    writeFileSync(
      join(dir, "plan.ts"),
      `const plan = ${JSON.stringify(tiny)};\nexport default plan;\n`,
    );
    writeFileSync(join(dir, "plan.mjs"), `export const plan = ${JSON.stringify(tiny)};\n`);
    const hashes = await Promise.all(
      ["plan.json", "plan.yaml", "plan.ts", "plan.mjs"].map(async (name) =>
        planSha256(await loadPlan(join(dir, name))),
      ),
    );
    expect(new Set(hashes).size).toBe(1);
    expect((await loadPlan("standard")).id).toBe("standard-poc");
  });

  it("says which file is missing, unparseable or of an unknown type", async () => {
    await expect(loadPlan(join(dir, "missing.yaml"))).rejects.toMatchObject({
      code: "DKS_POC_PLAN_LOAD_FAILED",
      message: expect.stringMatching(/cannot read the file \(ENOENT\)/),
    });
    writeFileSync(join(dir, "broken.json"), "{ nope");
    await expect(loadPlan(join(dir, "broken.json"))).rejects.toMatchObject({
      code: "DKS_POC_PLAN_LOAD_FAILED",
      message: expect.stringMatching(/not valid JSON/),
    });
    writeFileSync(join(dir, "plan.txt"), "");
    await expect(loadPlan(join(dir, "plan.txt"))).rejects.toMatchObject({
      code: "DKS_POC_PLAN_LOAD_FAILED",
      message: expect.stringMatching(/unknown file type "\.txt"/),
    });
    writeFileSync(join(dir, "invalid.yaml"), toYaml({ ...tiny, criteria: [] }));
    await expect(loadPlan(join(dir, "invalid.yaml"))).rejects.toMatchObject({
      code: "DKS_POC_PLAN_INVALID",
      message: expect.stringMatching(/criteria: /),
    });
  });
});
