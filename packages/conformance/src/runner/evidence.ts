/**
 * Turning full evidence into report evidence: NIKs masked (core's `maskNik`), person data of
 * the looked-up residents cut out of answer excerpts, and a last pass that masks any 16-digit
 * run left in a criterion's text.
 */
import { maskNik } from "@dukcapil-sandbox/core";
import type { JournalEntry } from "@dukcapil-sandbox/simulator";
import type { ActionRecord } from "../criteria/types.js";
import type { CriterionResult } from "../report/schema.js";

/** Characters of an answer kept in a report excerpt. */
export const EXCERPT_CHARS = 300;
/** Most actions and requests kept per criterion in a report. */
export const MAX_EVIDENCE_ROWS = 200;

const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;

/** Masks every standalone 16-digit run (NIK, NO_KK) in a text. */
export function maskDigits(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (digits) => maskNik(digits));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An answer's start with person values and NIKs masked. */
export function excerpt(body: string, personValues: readonly string[]): string {
  let text = body.slice(0, EXCERPT_CHARS * 4);
  const values = [...new Set(personValues.filter((value) => value.trim().length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  for (const value of values) {
    text = text.replace(new RegExp(escapeRegExp(value), "gi"), "[…]");
  }
  text = maskDigits(text);
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Report form of an action. */
export function actionEvidence(
  action: ActionRecord,
  personValues: readonly string[],
): CriterionResult["evidence"]["actions"][number] {
  return {
    action: action.action,
    nikMasked: action.nik === null ? null : maskNik(action.nik),
    tMs: Math.round(action.tMs),
    durationMs: Math.round(action.durationMs),
    status: action.answer?.status ?? null,
    excerpt: action.answer === null ? null : excerpt(action.answer.body, personValues),
    error: action.error === null ? null : maskDigits(action.error),
  };
}

/** Report form of a journal row; `tMs` from the action it belongs to. */
export function requestEvidence(
  row: JournalEntry,
  actions: readonly ActionRecord[],
  criterionStartTMs: number,
  criterionStartSim: number,
): CriterionResult["evidence"]["requests"][number] {
  let anchor: { tMs: number; simAt: number } = {
    tMs: criterionStartTMs,
    simAt: criterionStartSim,
  };
  for (const action of actions) if (action.simAt <= row.at) anchor = action;
  return {
    at: new Date(row.at).toISOString(),
    tMs: Math.max(0, Math.round(anchor.tMs + (row.at - anchor.simAt))),
    endpoint: row.endpoint,
    nikMasked: row.nik === null ? null : maskNik(row.nik),
    code: row.code,
    httpStatus: row.httpStatus,
    latencyMs: row.latencyMs,
    findings: [...row.findings],
  };
}

/** A deep copy of a criterion result with every 16-digit run in its texts masked. */
export function sanitiseCriterion(result: CriterionResult): CriterionResult {
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return maskDigits(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    }
    return value;
  };
  return walk(result) as CriterionResult;
}
