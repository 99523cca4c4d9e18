import type { NewJournalEntry } from "../state/types.js";
import type { ImitatedEndpoint } from "./routing.js";

/** Milliseconds rounded to the microsecond, as the journal keeps them. */
export function journalLatency(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * A journal row for a request that reached no upstream outcome (a near miss, a fault,
 * a data-balikan answer): no code, no hits, no findings. One builder for the engine and
 * the transport, so every such row has the same shape.
 */
export function outcomeFreeRow(fields: {
  readonly at: number;
  readonly remoteAddress: string;
  readonly httpMethod: string;
  readonly path: string;
  readonly httpStatus: number;
  readonly note: string;
  readonly latencyMs: number;
  readonly endpoint?: ImitatedEndpoint | "data-balikan" | "portal" | "unknown" | undefined;
  readonly institutionId?: string | null | undefined;
  readonly nik?: string | null | undefined;
}): NewJournalEntry {
  return {
    at: fields.at,
    remoteAddress: fields.remoteAddress,
    httpMethod: fields.httpMethod,
    path: fields.path,
    endpoint: fields.endpoint ?? "unknown",
    institutionId: fields.institutionId ?? null,
    userId: null,
    nik: fields.nik ?? null,
    code: null,
    httpStatus: fields.httpStatus,
    hitsLeft: null,
    latencyMs: journalLatency(fields.latencyMs),
    findings: [],
    note: fields.note,
  };
}
