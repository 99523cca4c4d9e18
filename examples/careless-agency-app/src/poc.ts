// The module the PoC runner loads (`dukcapil-sandbox poc --app …/src/poc.ts`). The run must
// come out FAILED: see the four deliberate flaws in app.ts.

// The contract of packages/conformance (src/app/contract.ts): types only, erased at run time,
// so the app itself still depends on core and zod alone.
import type { AppAnswer, PocApp, PocAppContext } from "@dukcapil-sandbox/conformance";
import { type CarelessServer, startCarelessServer } from "./app.js";

export type { AppAnswer, PocApp, PocAppContext };

/** Settings a test may change; the runner uses the defaults. */
export interface PocAppTuning {
  readonly timeoutMs?: number;
  readonly backoffMs?: number;
}

async function post(server: CarelessServer, path: string, body: string): Promise<AppAnswer> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const contentType = response.headers.get("content-type");
  return {
    status: response.status,
    body: await response.text(),
    ...(contentType === null ? {} : { contentType }),
  };
}

/** Starts the careless app on 127.0.0.1 and a free port, writing under `context.storageDir`. */
export async function createPocApp(
  context: PocAppContext,
  tuning: PocAppTuning = {},
): Promise<Required<PocApp> & { readonly url: string }> {
  const server = await startCarelessServer({
    upstream: { ...context.upstream },
    dataBalikan: {
      url: context.dataBalikan.url,
      token: context.dataBalikan.token,
      institutionId: context.upstream.path,
    },
    attribution: context.attribution,
    storageDir: context.storageDir,
    now: context.now,
    ...(tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs }),
    ...(tuning.backoffMs === undefined ? {} : { backoffMs: tuning.backoffMs }),
  });
  return {
    url: server.url,
    lookup: (nik) => post(server, "/cek", new URLSearchParams({ nik }).toString()),
    endOfDay: () => post(server, "/akhir-hari", ""),
    close: () => server.close(),
  };
}
