import { type ResponseCode, responseCodeRow } from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";

/**
 * The per-request override of an imitated outcome: `Prefer: code=NN` (RFC 7240 syntax;
 * other preferences in the same header are ignored). Precedence: header > magic NIK >
 * population. An invalid value is an error (400 problem+json), never a silent fallback.
 */
export function readPreferredCode(header: string | string[] | undefined): ResponseCode | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(",") : header;
  let found: ResponseCode | undefined;
  for (const part of text.split(/[,;]/)) {
    const [rawName, ...rawValue] = part.split("=");
    if (rawName?.trim().toLowerCase() !== "code") continue;
    const value = rawValue.join("=").trim().replace(/^"|"$/g, "");
    const row = /^\d{2}$/.test(value) ? responseCodeRow(value) : undefined;
    if (row === undefined) {
      throw new SimulatorError(
        "DKS_SIM_PREFER_INVALID",
        `Failed to read the Prefer header: code=${JSON.stringify(value)} is not a code of the catalogue. Use one of the codes listed at GET /sandbox/magic, e.g. Prefer: code=05.`,
        { header: text },
      );
    }
    if (found !== undefined && found !== row.code) {
      throw new SimulatorError(
        "DKS_SIM_PREFER_INVALID",
        `Failed to read the Prefer header: it asks for two codes (${found} and ${row.code}). Send one code=NN.`,
        { header: text },
      );
    }
    found = row.code;
  }
  return found;
}
