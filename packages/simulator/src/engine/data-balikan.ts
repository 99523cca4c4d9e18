/**
 * The data-balikan (return data) store API (wire-format.md §6, Decisions §10):
 * `POST` with `Authorization: Bearer <token>`; `200 {"message":"Success"}`,
 * `400 {"message":"Data sudah pernah dikirim"}`, `401 {"message":"Unauthorized"}`,
 * `400` with a message naming the field for a malformed body.
 */
import { performance } from "node:perf_hooks";
import {
  buildDataBalikanResponse,
  dataBalikanRequestSchema,
  type NikFailureReason,
  parseJsonLossless,
  parseNik,
  tokenIdOf,
  verifyToken,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { normaliseAddress } from "./access.js";
import type { EngineDeps } from "./deps.js";
import type { ImitatedRequest, ImitatedResponse } from "./imitated.js";
import { outcomeFreeRow } from "./journal-rows.js";

function bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** One data-balikan item that passed {@link checkDataBalikanBody}. */
export interface CheckedDataBalikanItem {
  /** The NIK as `parseNik` read it (16 digits). */
  readonly nik: string;
  readonly params: readonly Readonly<Record<string, string>>[];
}

/** The verdict of {@link checkDataBalikanBody}. */
export type DataBalikanBodyCheck =
  | { readonly ok: true; readonly items: readonly CheckedDataBalikanItem[] }
  | {
      readonly ok: false;
      readonly outcome: "invalid" | "unauthorized";
      /** The journal note. */
      readonly note: string;
      /** The wire message (`Field … tidak valid: …`) of an invalid body. */
      readonly message: string;
      /** The path of the failing field (`0.data.0.NIK`), empty for the whole body. */
      readonly field: readonly (string | number)[];
      /** Why the field failed (zod's message or parseNik's reason). */
      readonly reason: string;
      /** parseNik's reason when the NIK failed. */
      readonly nikReason?: NikFailureReason;
      /** The first valid NIK met before the failure, for the journal. */
      readonly firstNik: string | null;
    };

/**
 * The data balikan rules on a parsed JSON body, for one institution: core's
 * `dataBalikanRequestSchema`, `id_lembaga` naming that institution (its id or path), and
 * every NIK read by `parseNik` (legacy regions, the clock's date). The API and the Web
 * Portal's online form and upload both call it, so both apply the same rules.
 */
export function checkDataBalikanBody(
  json: unknown,
  institution: { readonly id: string; readonly path: string },
  now: number,
): DataBalikanBodyCheck {
  const parsed = dataBalikanRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter(
      (segment): segment is string | number => typeof segment !== "symbol",
    );
    const field = path.join(".") || "body";
    const reason = issue?.message ?? "invalid";
    return {
      ok: false,
      outcome: "invalid",
      note: `invalid field ${field}`,
      message: `Field ${field} tidak valid: ${reason}`,
      field: path,
      reason,
      firstNik: null,
    };
  }
  const items: CheckedDataBalikanItem[] = [];
  for (const [s, submission] of parsed.data.entries()) {
    if (
      submission.institutionId !== institution.id &&
      submission.institutionId !== institution.path
    ) {
      return {
        ok: false,
        outcome: "unauthorized",
        note: `id_lembaga ${submission.institutionId} is not the token's institution`,
        message: "Unauthorized",
        field: [s, "id_lembaga"],
        reason: "not the institution",
        firstNik: items[0]?.nik ?? null,
      };
    }
    for (const [i, item] of submission.items.entries()) {
      const nik = parseNik(item.nik, { regions: "legacy", referenceDate: now, normalize: false });
      if (!nik.ok) {
        return {
          ok: false,
          outcome: "invalid",
          note: `invalid NIK at ${s}.data.${i}`,
          message: `Field ${s}.data.${i}.NIK tidak valid: ${nik.reason}`,
          field: [s, "data", i, "NIK"],
          reason: nik.reason,
          nikReason: nik.reason,
          firstNik: items[0]?.nik ?? null,
        };
      }
      items.push({ nik: nik.nik, params: item.params });
    }
  }
  return { ok: true, items };
}

/** Answers one data-balikan request. */
export async function handleDataBalikan(
  deps: EngineDeps,
  request: ImitatedRequest,
): Promise<ImitatedResponse> {
  if (request.method !== "POST") {
    throw new SimulatorError(
      "DKS_SIM_METHOD_NOT_ALLOWED",
      `Failed to handle ${request.method} ${request.path}: the data balikan API accepts POST only. Send a POST with a JSON array body.`,
    );
  }
  const started = performance.now();
  const now = deps.clock.now();
  const remoteAddress = normaliseAddress(request.remoteAddress);
  let institutionId: string | null = null;
  let firstNik: string | null = null;

  const respond = (
    outcome: "sent" | "duplicate" | "unauthorized" | "invalid",
    note: string,
    invalidMessage?: string,
  ): ImitatedResponse => {
    const { status, body } = buildDataBalikanResponse(outcome, invalidMessage);
    const journalId = deps.appendJournal(
      outcomeFreeRow({
        at: now,
        remoteAddress,
        httpMethod: request.method,
        path: request.path,
        httpStatus: status,
        note,
        latencyMs: performance.now() - started,
        endpoint: "data-balikan",
        institutionId,
        nik: firstNik,
      }),
    );
    return {
      status,
      headers: {
        "content-type": "application/json",
        "x-sandbox-journal-id": String(journalId),
      },
      body: JSON.stringify(body),
      journalId,
    };
  };

  const token = bearer(request.headers.authorization);
  const stored = token === undefined ? undefined : deps.findToken(tokenIdOf(token) ?? "");
  if (token === undefined || stored === undefined) {
    return respond("unauthorized", token === undefined ? "no Bearer token" : "unknown token");
  }
  institutionId = stored.institutionId;
  const verdict = await verifyToken(token, stored.record, {
    clock: deps.clock,
    address: remoteAddress,
  });
  if (!verdict.ok) return respond("unauthorized", `token ${verdict.reason}`);
  const institution = deps.findInstitution(stored.institutionId);
  if (institution === undefined || institution.status !== "active") {
    return respond("unauthorized", "the token's institution is missing or inactive");
  }

  let json: unknown;
  try {
    json = parseJsonLossless(request.body);
  } catch {
    return respond("invalid", "body is not JSON", "Body bukan JSON yang valid");
  }
  const checked = checkDataBalikanBody(json, institution, now);
  if (!checked.ok) {
    firstNik ??= checked.firstNik;
    if (checked.outcome === "unauthorized") return respond("unauthorized", checked.note);
    return respond("invalid", checked.note, checked.message);
  }
  const { items } = checked;
  firstNik = items[0]?.nik ?? null;
  const { duplicates } = deps.receiveDataBalikan(institution.id, items, stored.record.id);
  if (duplicates.length > 0) {
    return respond("duplicate", `${duplicates.length} of ${items.length} items were sent before`);
  }
  return respond("sent", `${items.length} items received`);
}
