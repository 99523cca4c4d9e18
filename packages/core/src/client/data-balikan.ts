/**
 * The client side of the data balikan (return data) API: checking the input, sending it
 * with the bearer token, and reading the answer into an outcome value.
 */

import * as z from "zod";
import { DukcapilCoreError } from "../errors.js";
import { zodError } from "../internal/zod-issues.js";
import { maskNik } from "../nik/mask.js";
import type { ParseNikResult } from "../nik/parse.js";
import {
  buildDataBalikanRequest,
  DATA_BALIKAN_MESSAGES,
  dataBalikanResponseSchema,
} from "../wire/data-balikan.js";
import { parseJsonLossless } from "../wire/lossless-json.js";
import { DukcapilResponseFormatError } from "./errors.js";
import { httpUrlSchema } from "./options.js";
import { maskedExcerpt } from "./redact.js";
import { is2xx, type Transport } from "./transport.js";

/**
 * The path of the data balikan API under `baseUrl` when `sendDataBalikan` gets no `url`.
 * (Not observed upstream, where the URL is per agreement; the simulator serves it here.)
 *
 * @example
 * ```ts
 * import { DEFAULT_DATA_BALIKAN_PATH } from "@dukcapil-sandbox/core";
 * DEFAULT_DATA_BALIKAN_PATH; // "/dukcapil/data_balikan"
 * ```
 */
export const DEFAULT_DATA_BALIKAN_PATH = "/dukcapil/data_balikan";

/**
 * What to send to the data balikan API.
 *
 * @example
 * ```ts
 * import type { DataBalikanInput } from "@dukcapil-sandbox/core";
 * const input: DataBalikanInput = { token: "t", institutionId: "BPS", institutionName: "BPS",
 *   items: [{ nik: "3204014101900001", params: [{ CUSTOMER_ID: "42" }] }] };
 * ```
 */
export interface DataBalikanInput {
  /** The store API URL; default `baseUrl` + {@link DEFAULT_DATA_BALIKAN_PATH}. */
  readonly url?: string | undefined;
  /** The API token, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly institutionId: string;
  readonly institutionName: string;
  readonly items: readonly {
    readonly nik: string;
    readonly params: readonly Readonly<Record<string, string>>[];
  }[];
}

/**
 * The outcome of a data balikan call: `sent` (200 Success), `duplicate` (400 "Data
 * sudah pernah dikirim"), `unauthorized` (401), `invalid` (another 400; `message` names
 * the field).
 *
 * @example
 * ```ts
 * import type { DataBalikanOutcome } from "@dukcapil-sandbox/core";
 * const done = (outcome: DataBalikanOutcome) => outcome.outcome === "sent" || outcome.outcome === "duplicate";
 * ```
 */
export type DataBalikanOutcome =
  | { readonly outcome: "sent"; readonly status: number; readonly message: string }
  | { readonly outcome: "duplicate"; readonly status: number; readonly message: string }
  | { readonly outcome: "unauthorized"; readonly status: number; readonly message: string | null }
  | { readonly outcome: "invalid"; readonly status: number; readonly message: string | null };

const dataBalikanInputSchema = z
  .object({
    url: httpUrlSchema.optional(),
    token: z.string().min(1, "Expected the API token"),
    institutionId: z.string().min(1),
    institutionName: z.string(),
    items: z
      .array(
        z
          .object({
            nik: z.string(),
            params: z.array(z.record(z.string(), z.string())),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

function readMessage(text: string): string | null {
  try {
    const parsed = dataBalikanResponseSchema.safeParse(parseJsonLossless(text));
    return parsed.success ? parsed.data.message : null;
  } catch {
    return null;
  }
}

function sameMessage(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Sends one data balikan submission and reads the answer.
 *
 * @internal
 */
export async function sendDataBalikan(
  context: {
    readonly transport: Transport;
    readonly baseUrl: string;
    readonly checkNik: (nik: string) => ParseNikResult;
    readonly secrets: readonly string[];
  },
  input: DataBalikanInput,
): Promise<DataBalikanOutcome> {
  const args = dataBalikanInputSchema.safeParse(input);
  if (!args.success) {
    throw zodError(
      "DKS_CORE_INVALID_OPTIONS",
      "send data balikan",
      args.error,
      "Pass token, institutionId, institutionName and items [{ nik, params: [{ KEY: 'value' }] }]",
    );
  }
  const items = args.data.items.map((item, index) => {
    const checked = context.checkNik(item.nik);
    if (!checked.ok) {
      throw new DukcapilCoreError(
        "DKS_CORE_INVALID_NIK",
        `Failed to send data balikan: items[${index}].nik ${maskNik(item.nik)} is not a valid NIK (${checked.reason}). Send only NIKs that passed parseNik.`,
        { index, reason: checked.reason, nik: maskNik(item.nik) },
      );
    }
    return { nik: checked.nik, params: item.params };
  });
  const operation = "send data balikan";
  const { status, text } = await context.transport.send({
    operation,
    url: args.data.url ?? `${context.baseUrl}${DEFAULT_DATA_BALIKAN_PATH}`,
    payload: buildDataBalikanRequest({
      institutionId: args.data.institutionId,
      institutionName: args.data.institutionName,
      items,
    }),
    headers: { Authorization: `Bearer ${args.data.token}` },
    acceptStatus: (code) => is2xx(code) || code === 400 || code === 401,
    secrets: [args.data.token, ...context.secrets, ...items.map((item) => item.nik)],
  });
  const message = readMessage(text);
  if (status === 401) return { outcome: "unauthorized", status, message };
  if (status === 400) {
    return message !== null && sameMessage(message, DATA_BALIKAN_MESSAGES.duplicate)
      ? { outcome: "duplicate", status, message }
      : { outcome: "invalid", status, message };
  }
  if (message === DATA_BALIKAN_MESSAGES.sent) return { outcome: "sent", status, message };
  throw new DukcapilResponseFormatError(
    `Failed to ${operation}: HTTP ${status} without {"message":"${DATA_BALIKAN_MESSAGES.sent}"}. Check the data balikan URL; details.bodyExcerpt (the body's structure and texts, no person data) shows what arrived.`,
    { status, bodyExcerpt: maskedExcerpt(text) },
  );
}
