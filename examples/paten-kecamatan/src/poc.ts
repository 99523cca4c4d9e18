// The module the PoC runner loads (`dukcapil-sandbox poc --app …/src/poc.ts`): it starts the
// desk with what the runner gives it and drives it over HTTP, as an operator's browser would.

// The contract of packages/conformance (src/app/contract.ts): types only, erased at run time,
// so the app itself still depends on core and zod alone.
import type { AppAnswer, PocApp, PocAppContext } from "@dukcapil-sandbox/conformance";
import { type PatenServer, startPatenServer } from "./server.js";

export type { AppAnswer, PocApp, PocAppContext };

/** Settings a test may change; the runner uses the defaults. */
export interface PocAppTuning {
  /** The longest an operator waits for one answer (default 5000 ms). */
  readonly timeoutMs?: number;
  /** The wait before the first retry of a transport failure (default 200 ms). */
  readonly backoffMs?: number;
  /** Receives log lines (NIKs masked); default nowhere. */
  readonly log?: (line: string) => void;
}

async function post(server: PatenServer, path: string, body: string): Promise<AppAnswer> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      accept: "text/html",
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
  const contentType = response.headers.get("content-type");
  return {
    status: response.status,
    body: await response.text(),
    ...(contentType === null ? {} : { contentType }),
  };
}

/**
 * Starts the PATEN desk for a PoC run on 127.0.0.1 and a free port. `lookup` submits the NIK
 * form (`POST /cek`, exactly as typed) and returns the page the operator sees; `endOfDay`
 * presses "Kirim data balikan" (`POST /akhir-hari`).
 */
export async function createPocApp(
  context: PocAppContext,
  tuning: PocAppTuning = {},
): Promise<Required<PocApp> & { readonly url: string }> {
  const server = await startPatenServer({
    upstream: { ...context.upstream },
    dataBalikan: {
      url: context.dataBalikan.url,
      token: context.dataBalikan.token,
      institutionId: context.upstream.path,
    },
    attribution: context.attribution,
    now: context.now,
    ...(tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs }),
    ...(tuning.backoffMs === undefined ? {} : { backoffMs: tuning.backoffMs }),
    ...(tuning.log === undefined ? {} : { log: tuning.log }),
  });
  return {
    /** The desk's own address (a browser can open it). */
    url: server.url,
    lookup: (nik) => post(server, "/cek", new URLSearchParams({ nik }).toString()),
    endOfDay: () => post(server, "/akhir-hari", ""),
    close: () => server.close(),
  };
}
