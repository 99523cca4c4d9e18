// A careless agency app: it FAILS the scripted PoC on purpose. It looks correct at first
// sight (it checks NIKs locally, shows every outcome, retries transport failures a bounded
// number of times, sends data balikan once per NIK), but it has exactly four flaws, each
// marked "DELIBERATE FLAW" below:
//   (a) it stores what it reads: every record goes to cache.jsonl, full NIKs go to app.log;
//   (b) it enumerates NIKs: after each resident found it "prefetches the neighbours" NIK+1..+3;
//   (c) it retries on quota exhaustion: on code 05 it asks again 5 times at once, and keeps
//       asking on later lookups;
//   (d) it shows no attribution notice.
// Do not copy it; examples/paten-kecamatan is the app to start from.
import { appendFileSync, mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import {
  createDukcapilClient,
  type DataBalikanOutcome,
  type DukcapilClient,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilTimeoutError,
  isDukcapilTransportError,
  jakartaDay,
  type LookupOutcome,
  nikFailureMessages,
  outcomeRow,
  parseJsonLossless,
  parseNik,
  RECORD_ELEMENTS,
  type ResponseCodeRow,
} from "@dukcapil-sandbox/core";
import { z } from "zod";

const isFunction = (value: unknown) => typeof value === "function";

export const carelessOptionsSchema = z
  .object({
    upstream: z
      .object({
        baseUrl: z.string().min(1),
        path: z.string().min(1),
        userId: z.string().min(1),
        password: z.string().min(1),
        ipUser: z.string().min(1),
      })
      .strict(),
    dataBalikan: z
      .object({
        url: z.string().min(1).optional(),
        token: z.string().min(1),
        institutionId: z.string().min(1),
        institutionName: z.string().min(1).default("Aplikasi instansi (contoh ceroboh)"),
      })
      .strict(),
    /** Accepted and ignored: see flaw (d). */
    attribution: z.string().optional(),
    /** Where the app keeps its cache and log (flaw (a)). */
    storageDir: z.string().min(1),
    now: z.custom<() => Date>(isFunction),
    timeoutMs: z.number().int().min(50).max(120_000).default(5_000),
    maxRetries: z.number().int().min(0).max(2).default(2),
    backoffMs: z.number().int().min(0).max(10_000).default(200),
    host: z.string().default("127.0.0.1"),
    port: z.number().int().min(0).max(65_535).default(0),
  })
  .strict();

export type CarelessOptions = z.input<typeof carelessOptionsSchema>;

export interface CarelessServer {
  readonly url: string;
  close(): Promise<void>;
}

/** How many times the app asks again after "Kuota Akses Hari ini telah Habis" (flaw (c)). */
export const QUOTA_RETRIES = 5;
/** How many neighbours it "prefetches" after a resident is found (flaw (b)). */
export const PREFETCHED_NEIGHBOURS = 3;

const MIN_ATTEMPT_MS = 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryable(error: unknown): boolean {
  return (
    isDukcapilNetworkError(error) ||
    isDukcapilTimeoutError(error) ||
    (isDukcapilHttpError(error) && error.status >= 500)
  );
}

/** Escapes an HTML text node (quotes kept, so names read as in the record). */
const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const confirmationOf = (row: ResponseCodeRow) => row.portalText ?? row.lookupText ?? row.meaningEn;

/** The NIKs after `nik` in the same 12-digit prefix (serial + 1 … + count, up to 9999). */
export function neighbours(nik: string, count: number): string[] {
  const prefix = nik.slice(0, 12);
  const serial = Number(nik.slice(12));
  const out: string[] = [];
  for (let next = serial + 1; next <= Math.min(serial + count, 9999); next++) {
    out.push(`${prefix}${String(next).padStart(4, "0")}`);
  }
  return out;
}

// DELIBERATE FLAW (d): no attribution notice anywhere on the page.
function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>${escapeHtml(title)} — Cek NIK</title></head>
<body>
<h1>Cek NIK</h1>
${content}
<form method="post" action="/cek">
<label for="nik">NIK</label>
<input type="text" id="nik" name="nik">
<button type="submit">Cek</button>
</form>
<form method="post" action="/akhir-hari"><button type="submit">Akhir hari</button></form>
</body>
</html>
`;
}

interface Answer {
  readonly status: number;
  readonly title: string;
  readonly html: string;
  readonly json: Record<string, unknown>;
}

/** Starts the careless app's web server (GET /, POST /cek, POST /akhir-hari). */
export async function startCarelessServer(input: CarelessOptions): Promise<CarelessServer> {
  const options = carelessOptionsSchema.parse(input);
  mkdirSync(options.storageDir, { recursive: true });
  const cacheFile = join(options.storageDir, "cache.jsonl");
  const logFile = join(options.storageDir, "app.log");

  // DELIBERATE FLAW (a): the log keeps full NIKs (no maskNik), in a file.
  const log = (line: string) =>
    appendFileSync(logFile, `${options.now().toISOString()} ${line}\n`, "utf8");

  const clientFor = (timeoutMs: number): DukcapilClient =>
    createDukcapilClient({
      ...options.upstream,
      timeoutMs: Math.max(1, Math.ceil(timeoutMs)),
      nikCheck: "legacy",
    });
  clientFor(options.timeoutMs); // fails fast on a bad upstream configuration

  /** One call with bounded retries of transport failures and HTTP 5xx (this part is right). */
  async function attempt<T>(call: (client: DukcapilClient) => Promise<T>) {
    const deadline = Date.now() + options.timeoutMs;
    for (let attempts = 1; ; attempts++) {
      try {
        return { ok: true as const, value: await call(clientFor(deadline - Date.now())) };
      } catch (error) {
        if (!isDukcapilTransportError(error)) throw error;
        const wait = options.backoffMs * 2 ** (attempts - 1);
        if (
          !retryable(error) ||
          attempts > options.maxRetries ||
          Date.now() + wait + MIN_ATTEMPT_MS > deadline
        ) {
          log(`transport failure ${error.code} after ${attempts} attempt(s)`);
          return { ok: false as const, attempts };
        }
        await sleep(wait);
      }
    }
  }

  async function lookupUpstream(nik: string) {
    let result = await attempt<LookupOutcome>((client) => client.lookup(nik));
    // DELIBERATE FLAW (c): "the quota is probably back in a moment" — it asks again, 5 times
    // at once, and it keeps no note of the exhausted quota, so every later lookup asks too.
    for (
      let retry = 0;
      retry < QUOTA_RETRIES && result.ok && result.value.outcome === "quota-exhausted";
      retry++
    ) {
      result = await attempt<LookupOutcome>((client) => client.lookup(nik));
    }
    if (result.ok) {
      log(`lookup ${nik} -> ${result.value.code} ${result.value.outcome}`);
      if (result.value.outcome === "found") {
        // DELIBERATE FLAW (a): every record read is kept on disk.
        appendFileSync(
          cacheFile,
          `${JSON.stringify({ at: options.now().toISOString(), nik, record: result.value.record })}\n`,
          "utf8",
        );
      }
    }
    return result;
  }

  // Data balikan: in memory, each NIK sent once (this part is right).
  const pending = new Map<string, { nik: string; params: Record<string, string>[] }>();
  const sentNiks = new Set<string>();

  async function lookup(typed: string): Promise<Answer> {
    const now = options.now();
    const checked = parseNik(typed, { regions: "legacy", referenceDate: now });
    if (!checked.ok) {
      const row = outcomeRow("malformed-nik");
      const message = nikFailureMessages[checked.reason].id;
      return {
        status: 422,
        title: "NIK tidak valid",
        html: `<p>${escapeHtml(confirmationOf(row))}</p><p>${escapeHtml(message)}</p><p>${escapeHtml(row.actionId)}</p>`,
        json: { outcome: "invalid", code: row.code, reason: checked.reason, message },
      };
    }
    const nik = checked.nik;
    const result = await lookupUpstream(nik);
    if (!result.ok) {
      return {
        status: 503,
        title: "Layanan sedang tidak tersedia",
        html: `<p>Layanan sedang tidak tersedia (${result.attempts} kali percobaan). Coba lagi nanti.</p>`,
        json: { outcome: "unavailable", nik, attempts: result.attempts },
      };
    }
    const outcome = result.value;
    if (outcome.outcome === "found") {
      if (!sentNiks.has(nik) && !pending.has(nik)) {
        pending.set(nik, {
          nik,
          params: [{ JENIS_LAYANAN: "Layanan contoh", TANGGAL_LAYANAN: jakartaDay(now.getTime()) }],
        });
      }
      // DELIBERATE FLAW (b): "prefetch the neighbours so the next customer is faster" —
      // sequential NIKs (serial + 1, + 2, + 3) go upstream, which is the enumeration the
      // Juknis (II.E.1) forbids, and each answer is cached as well.
      for (const neighbour of neighbours(nik, PREFETCHED_NEIGHBOURS)) {
        await lookupUpstream(neighbour);
      }
      const record = outcome.record as Readonly<Record<string, string | null | undefined>>;
      const shown = RECORD_ELEMENTS.filter((element) => record[element] !== undefined);
      const rows = shown
        .map((e) => `<tr><th>${e}</th><td>${escapeHtml(record[e] ?? "-")}</td></tr>`)
        .join("");
      return {
        status: 200,
        title: "Data ditemukan",
        html: `<h2>Data ditemukan</h2><table>${rows}</table><p>${escapeHtml(outcome.row.actionId)}</p>`,
        json: {
          outcome: "found",
          code: "01",
          nik,
          record: Object.fromEntries(shown.map((e) => [e, record[e] ?? null])),
        },
      };
    }
    if (outcome.outcome === "unknown") {
      return {
        status: 200,
        title: "Jawaban tidak dikenal",
        html: `<p>${escapeHtml(outcome.text)}</p>`,
        json: { outcome: "unknown", nik, upstreamText: outcome.text },
      };
    }
    return {
      status: outcome.outcome === "quota-exhausted" ? 429 : 200,
      title: confirmationOf(outcome.row),
      html: `<h2>${escapeHtml(confirmationOf(outcome.row))}</h2><p>Jawaban Dukcapil: ${escapeHtml(outcome.text)}</p><p>${escapeHtml(outcome.row.actionId)}</p>`,
      json: {
        outcome: outcome.outcome,
        code: outcome.code,
        nik,
        confirmation: confirmationOf(outcome.row),
        advice: outcome.row.actionId,
      },
    };
  }

  const sendItems = (items: { nik: string; params: Record<string, string>[] }[]) =>
    attempt<DataBalikanOutcome>((client) =>
      client.sendDataBalikan({
        url: options.dataBalikan.url,
        token: options.dataBalikan.token,
        institutionId: options.dataBalikan.institutionId,
        institutionName: options.dataBalikan.institutionName,
        items,
      }),
    );

  async function flush(): Promise<Answer> {
    const batch = [...pending.values()];
    let sent = 0;
    let problem: string | null = null;
    const done = (item: { nik: string }) => {
      pending.delete(item.nik);
      sentNiks.add(item.nik);
    };
    if (batch.length > 0) {
      const first = await sendItems(batch);
      if (!first.ok) problem = "layanan sedang tidak tersedia";
      else if (first.value.outcome === "sent") {
        for (const item of batch) done(item);
        sent = batch.length;
      } else if (first.value.outcome === "duplicate") {
        // The store refuses a whole batch holding an old item: send them one by one.
        for (const item of batch) {
          const one = await sendItems([item]);
          if (one.ok && (one.value.outcome === "sent" || one.value.outcome === "duplicate")) {
            if (one.value.outcome === "sent") sent++;
            done(item);
          } else problem = one.ok ? `HTTP ${one.value.status}` : "layanan sedang tidak tersedia";
        }
      } else problem = `HTTP ${first.value.status}`;
    }
    return {
      status: problem === null ? 200 : 502,
      title: "Data balikan",
      html: `<p>Data balikan terkirim: ${sent}. Menunggu: ${pending.size}.${problem === null ? "" : ` Masalah: ${escapeHtml(problem)}.`}</p>`,
      json: { outcome: "end-of-day", sent, pending: pending.size, problem },
    };
  }
  let closing: Promise<unknown> = Promise.resolve();

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 16 * 1024) throw new Error("body too large");
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function nikOf(contentType: string, text: string): string {
    if (!contentType.includes("application/json")) {
      return new URLSearchParams(text).get("nik") ?? "";
    }
    const body = parseJsonLossless(text) as Record<string, unknown> | null;
    const value = body?.nik ?? body?.NIK;
    return typeof value === "string" || typeof value === "bigint" ? String(value) : "";
  }

  function send(req: IncomingMessage, res: ServerResponse, answer: Answer) {
    const accept = req.headers.accept ?? "";
    const json = accept.includes("application/json") && !accept.includes("text/html");
    res.writeHead(answer.status, {
      "content-type": json ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    });
    res.end(json ? JSON.stringify(answer.json) : page(answer.title, answer.html));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://app").pathname;
    try {
      if (path === "/" && req.method === "GET") {
        return send(req, res, { status: 200, title: "Cek NIK", html: "", json: {} });
      }
      if (path === "/cek" && req.method === "POST") {
        const typed = nikOf(req.headers["content-type"] ?? "", await readBody(req));
        return send(req, res, await lookup(typed));
      }
      if (path === "/akhir-hari" && req.method === "POST") {
        await readBody(req);
        const next = closing.then(flush, flush);
        closing = next.catch(() => undefined);
        return send(req, res, await next);
      }
      return send(req, res, { status: 404, title: "Tidak ditemukan", html: "", json: {} });
    } catch (error) {
      log(`error ${String(error)}`);
      return send(req, res, { status: 500, title: "Kesalahan", html: "", json: {} });
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
