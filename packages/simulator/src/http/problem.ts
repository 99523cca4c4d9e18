import type { ServerResponse } from "node:http";
import { SimulatorError, type SimulatorErrorCode, simulatorErrorRegistry } from "../errors.js";

/** An RFC 9457 problem document with the simulator's stable code. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: SimulatorErrorCode;
  fix: string;
  [extension: string]: unknown;
}

/** The problem document for an error; unknown errors become DKS_SIM_INTERNAL without leaking internals. */
export function toProblem(error: unknown): ProblemDocument {
  const known =
    error instanceof SimulatorError
      ? error
      : new SimulatorError(
          "DKS_SIM_INTERNAL",
          "Failed to handle the request: unexpected error. Report it with the journal entry.",
        );
  const entry = simulatorErrorRegistry[known.code];
  return {
    type: `urn:dukcapil-sandbox:error:${known.code}`,
    title: entry.title,
    status: known.status,
    detail: known.message,
    code: known.code,
    fix: entry.fix,
    ...known.details,
  };
}

/** Writes a problem+json answer on a raw response (works under Express and plain node:http). */
export function sendProblem(res: ServerResponse, error: unknown): void {
  const problem = toProblem(error);
  const body = JSON.stringify(problem);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(problem.status, {
    "content-type": "application/problem+json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}
