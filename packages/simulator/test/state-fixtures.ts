// Shared fixtures of the state and admin tests (not a test file itself).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createManualClock, type ResponseCode } from "@dukcapil-sandbox/core";
import type { NewJournalEntry, UserInput } from "../src/state/types.js";

/** 09:00 WIB on Monday 2 March 2026. */
export const START = Date.parse("2026-03-02T09:00:00+07:00");

export function manualClock(at = START) {
  return createManualClock(at);
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "dks-state-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const OFFICER = {
  nik: "3204054107850003",
  fullName: "Siti Nurhayati",
  nip: "198507012010012003",
  employmentStatus: "PNS",
  position: "Operator Layanan",
  officeRegionCode: "32.04",
  officeName: "Dinas Sosial Kabupaten Bandung",
  officeAddress: "Jl. Raya Soreang Km. 17, Soreang",
  localUserId: "op-01",
} as const;

export function userInput(userId: string, extra: Partial<UserInput> = {}): UserInput {
  return {
    userId,
    password: "rahasia-sandbox-1",
    ipUser: "10.32.4.15",
    officer: { ...OFFICER },
    ...extra,
  };
}

/** A lookup journal entry at `at` for an institution and user. */
export function lookupEntry(
  at: number,
  overrides: Partial<NewJournalEntry> = {},
  code: ResponseCode | null = "01",
): NewJournalEntry {
  return {
    at,
    remoteAddress: "127.0.0.1",
    httpMethod: "POST",
    path: "/dukcapil/get_json/DINSOS_3204/CALL_NIK",
    endpoint: "lookup",
    institutionId: "dinsos",
    userId: "dinsos.op",
    nik: "3204051502900001",
    code,
    httpStatus: 200,
    hitsLeft: null,
    latencyMs: 1.5,
    findings: [],
    note: null,
    ...overrides,
  };
}
