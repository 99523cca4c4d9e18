/**
 * The node:http transport of the imitated endpoints. It reads the body, applies the
 * faults in force, calls the engine and writes its answer, with no framework in between:
 * the lookup path is the hot path (see the bench), and a bare Express route costs more
 * than the whole engine.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { maskNikRuns } from "@dukcapil-sandbox/core";
import type { FaultRegistry } from "../controls/faults.js";
import {
  decideFault,
  type FaultAction,
  type FaultPlan,
  readPreferredFault,
} from "../controls/faults.js";
import { normaliseAddress } from "../engine/access.js";
import type { EngineDeps } from "../engine/deps.js";
import type { ImitatedEngine, ImitatedResponse } from "../engine/imitated.js";
import { outcomeFreeRow } from "../engine/journal-rows.js";
import { parseImitatedPath } from "../engine/routing.js";
import { SimulatorError } from "../errors.js";
import { readBody } from "./body.js";
import { sendProblem } from "./problem.js";

export interface TransportOptions {
  readonly engine: ImitatedEngine;
  readonly deps: EngineDeps;
  readonly faults: FaultRegistry;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  readonly random?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writes a body at a bandwidth cap (the `bandwidthKbps` fault): 20 writes a second. */
export async function writePaced(res: ServerResponse, body: string, kbps: number): Promise<void> {
  const bytes = Buffer.from(body, "utf8");
  const bytesPerSecond = (kbps * 1000) / 8;
  const chunk = Math.max(64, Math.floor(bytesPerSecond / 20)); // 20 writes a second
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    if (res.destroyed) return;
    res.write(bytes.subarray(offset, offset + chunk));
    const sent = Math.min(chunk, bytes.length - offset);
    await sleep((sent / bytesPerSecond) * 1000);
  }
  res.end();
}

/**
 * Creates the handler of imitated requests. It resolves to `false` when the path is not
 * an imitated one (the caller then hands the request to the Express app).
 */
export function createImitatedTransport(options: TransportOptions) {
  const random = options.random ?? Math.random;
  let inFlight = 0;
  const held = new Set<ServerResponse>();

  function journalFault(req: IncomingMessage, path: string, status: number, note: string): void {
    const target = parseImitatedPath(path);
    const institution =
      target === undefined ? undefined : options.deps.findInstitutionByPath(target.registeredPath);
    options.deps.appendJournal(
      outcomeFreeRow({
        at: options.deps.clock.now(),
        remoteAddress: normaliseAddress(req.socket.remoteAddress),
        httpMethod: req.method ?? "",
        path,
        httpStatus: status,
        note,
        latencyMs: 0,
        endpoint: target?.endpoint,
        institutionId: institution?.id,
      }),
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (!path.startsWith("/dukcapil/")) return false;
    inFlight++;
    try {
      const target = parseImitatedPath(path);
      const institution =
        target === undefined
          ? undefined
          : options.deps.findInstitutionByPath(target.registeredPath);
      // Near misses are journaled too (the journal explains what to change): an invalid
      // Prefer, a body that cannot be read, a path that is not an imitated route.
      let preferredFault: FaultPlan | undefined;
      try {
        preferredFault = readPreferredFault(req.headers.prefer);
      } catch (error) {
        journalFault(req, path, 400, `near miss: ${(error as Error).message}`);
        throw error;
      }
      const action: FaultAction = decideFault(
        [
          options.faults.global(),
          institution === undefined ? undefined : options.faults.forInstitution(institution.id),
          preferredFault,
        ],
        { now: options.deps.clock.now(), inFlight, random },
      );
      if (action.kind === "no-answer") {
        journalFault(req, path, 0, "fault: no answer");
        held.add(res);
        res.on("close", () => held.delete(res));
        req.resume();
        return true;
      }
      if (action.kind === "reset") {
        journalFault(req, path, 0, "fault: connection reset");
        if (action.delayMs > 0) await sleep(action.delayMs);
        req.socket.destroy();
        return true;
      }
      if (action.kind === "error") {
        journalFault(req, path, action.status, `fault: HTTP ${action.status}`);
        if (action.delayMs > 0) await sleep(action.delayMs);
        res.writeHead(action.status, { "content-type": "text/plain; charset=utf-8" });
        res.end(action.body);
        req.resume();
        return true;
      }
      let body: string;
      try {
        body = await readBody(req, options.maxBodyBytes, options.requestTimeoutMs);
      } catch (error) {
        const status = error instanceof SimulatorError ? error.status : 400;
        journalFault(req, path, status, `near miss: ${(error as Error).message}`);
        throw error;
      }
      const answer: ImitatedResponse | undefined = await options.engine.handle({
        method: req.method ?? "GET",
        path,
        headers: req.headers,
        body,
        remoteAddress: req.socket.remoteAddress ?? "",
      });
      if (answer === undefined) {
        journalFault(req, path, 404, "near miss: not an imitated route");
        throw new SimulatorError(
          "DKS_SIM_ROUTE_NOT_FOUND",
          `Failed to route ${maskNikRuns(path)}: imitated endpoints are POST /dukcapil/get_json/<registered path>/<METHOD> and POST /dukcapil/data_balikan. Fix the URL.`,
        );
      }
      if (action.delayMs > 0) await sleep(action.delayMs);
      if (action.bandwidthKbps !== undefined) {
        res.writeHead(answer.status, answer.headers);
        await writePaced(res, answer.body, action.bandwidthKbps);
      } else {
        res.writeHead(answer.status, {
          ...answer.headers,
          "content-length": String(Buffer.byteLength(answer.body)),
        });
        res.end(answer.body);
      }
      return true;
    } catch (error) {
      sendProblem(res, error);
      req.resume();
      return true;
    } finally {
      inFlight--;
    }
  }

  return {
    handle,
    /** Ends the connections held open by the no-answer fault (server close, tests). */
    releaseHeld(): void {
      for (const res of held) res.destroy();
      held.clear();
    },
  };
}
