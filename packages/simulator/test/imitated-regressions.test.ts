// Regressions found while reviewing the engine (session of 2026-11-24).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  callImitated,
  credentials,
  defaultAccount,
  magic,
  readJournal,
  startTestSimulator,
} from "./imitated-fixtures.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

describe("engine regressions", () => {
  it("journals the user ID a failed login tried, so the journal's user filter finds it", async () => {
    const account = defaultAccount(sim);
    const answer = await callImitated(sim, account.path, "CALL_NIK", {
      nik: magic(sim, "found"),
      ...credentials(account),
      password: "not-the-password",
    });
    expect(answer.headers["x-sandbox-code"]).toBe("03");
    const page = await readJournal(sim, { user: account.userId, code: "03" });
    expect(page.total).toBeGreaterThanOrEqual(1);
  });

  it("answers 15, not 13, when Prefer: code=01 is sent with a malformed NIK", async () => {
    const account = defaultAccount(sim);
    const answer = await callImitated(
      sim,
      account.path,
      "CALL_NIK",
      { nik: magic(sim, "malformed-nik"), ...credentials(account) },
      { prefer: "code=01" },
    );
    expect(answer.headers["x-sandbox-code"]).toBe("15");
    expect(answer.text).toContain("NIK tidak sesuai format Dukcapil");
  });
});
