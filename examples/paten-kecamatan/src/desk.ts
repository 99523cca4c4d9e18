// The PATEN desk without HTTP: what happens when an operator asks about a NIK, and when the
// service day is closed. Everything here follows the Juknis and the PKS of 004_*.txt:
// - a NIK is checked locally first (a malformed NIK still costs a hit upstream);
// - every outcome is a value read from core's catalogue, never retried;
// - transport failures are retried a bounded number of times, with backoff, inside one
//   deadline (the operator waits at most `timeoutMs`);
// - after "Kuota Akses Hari ini telah Habis" nothing is sent until 00:00 WIB;
// - person data is shown and forgotten: nothing is written anywhere, logs mask NIKs;
// - data balikan (PKS art. 3(2)b) is queued in memory and sent once per NIK.
import {
  createDukcapilClient,
  type DataBalikanOutcome,
  type DukcapilClient,
  isDukcapilCoreError,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilTimeoutError,
  isDukcapilTransportError,
  jakartaDay,
  type LookupOutcome,
  maskNik,
  type NikFailureReason,
  nextJakartaMidnight,
  nikFailureMessages,
  outcomeRow,
  parseNik,
  RECORD_ELEMENTS,
  type RecordElement,
  type ResponseCodeRow,
} from "@dukcapil-sandbox/core";
import { z } from "zod";

const isFunction = (value: unknown) => typeof value === "function";

/** The desk's configuration: one strict schema, checked when the desk is created. */
export const deskOptionsSchema = z
  .object({
    /** The Dukcapil gateway (in the sandbox: the simulator) and the registered user ID. */
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
        /** The store API URL; default the gateway's `/dukcapil/data_balikan`. */
        url: z.string().min(1).optional(),
        token: z.string().min(1, "Give the data balikan token (Bearer) of the institution"),
        /** `id_lembaga`: the institution's id or registered path. */
        institutionId: z.string().min(1),
        /** `nama_lembaga`. */
        institutionName: z.string().min(1).default("Kecamatan (layanan PATEN)"),
        /** The PATEN service reported for every resident served. */
        service: z.string().min(1).default("PATEN - legalisasi"),
      })
      .strict(),
    /** The notice shown on every page (terms of use). */
    attribution: z.string().trim().min(1),
    /** The calendar (quota day, data balikan date): in the PoC, the simulator's clock. */
    now: z.custom<() => Date>(isFunction, "Expected a function returning a Date"),
    /** The longest an operator waits for one answer, retries included. */
    timeoutMs: z.number().int().min(50).max(120_000).default(5_000),
    /** Retries of a transport failure or HTTP 5xx (never of an outcome): at most 2. */
    maxRetries: z.number().int().min(0).max(2).default(2),
    /** The wait before the first retry; it doubles for the next. */
    backoffMs: z.number().int().min(0).max(10_000).default(200),
    /** Where log lines go (NIKs in them are always masked); default nowhere. */
    log: z.custom<(line: string) => void>(isFunction, "Expected a function").optional(),
    fetch: z.custom<typeof fetch>(isFunction, "Expected a fetch function").optional(),
  })
  .strict();

/** Options of {@link createDesk}. */
export type DeskOptions = z.input<typeof deskOptionsSchema>;

/** One element of a found record, in catalogue order, as received. */
export interface ShownElement {
  readonly element: RecordElement;
  readonly value: string | null;
}

/** What the desk answers the operator. */
export type DeskAnswer =
  /** The NIK failed the local check and was not sent. */
  | {
      readonly kind: "invalid";
      readonly typed: string;
      readonly masked: string;
      readonly reason: NikFailureReason;
      readonly message: string;
      readonly row: ResponseCodeRow;
    }
  /** Code 01: only the elements received (the institution's grant). */
  | {
      readonly kind: "found";
      readonly nik: string;
      readonly elements: readonly ShownElement[];
      readonly row: ResponseCodeRow;
    }
  /** Any other catalogue outcome, answered by the upstream. */
  | {
      readonly kind: "outcome";
      readonly nik: string;
      readonly row: ResponseCodeRow;
      readonly upstreamText: string;
    }
  /** Code 05, from the upstream (`upstreamText`) or from the desk's own latch (`null`). */
  | {
      readonly kind: "quota";
      readonly nik: string;
      readonly row: ResponseCodeRow;
      readonly upstreamText: string | null;
      readonly resumesAt: number;
    }
  /** A text the catalogue does not know. */
  | { readonly kind: "unknown"; readonly nik: string; readonly upstreamText: string }
  /** No usable answer within the deadline. */
  | {
      readonly kind: "unavailable";
      readonly nik: string;
      readonly attempts: number;
      readonly reason: string;
    };

/** What closing the service day did. */
export interface EndOfDayReport {
  /** Items accepted now. */
  readonly sent: number;
  /** Items the store already had (counted as done). */
  readonly alreadySent: number;
  /** Items still waiting (to be sent at the next close). */
  readonly pending: number;
  readonly problem: { readonly kind: "unavailable" | "refused"; readonly detail: string } | null;
}

/** A PATEN desk. */
export interface Desk {
  readonly attribution: string;
  lookup(typed: string): Promise<DeskAnswer>;
  endOfDay(): Promise<EndOfDayReport>;
}

/** The shortest attempt worth starting before the deadline. */
const MIN_ATTEMPT_MS = 100;

type Attempted<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly attempts: number; readonly reason: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Network failures, timeouts and HTTP 5xx may pass; anything else will not. */
function retryable(error: unknown): boolean {
  return (
    isDukcapilNetworkError(error) ||
    isDukcapilTimeoutError(error) ||
    (isDukcapilHttpError(error) && error.status >= 500)
  );
}

function describeFailure(error: unknown): string {
  if (isDukcapilHttpError(error)) return `HTTP ${error.status}`;
  if (isDukcapilTimeoutError(error)) return "tidak ada jawaban (timeout)";
  if (isDukcapilNetworkError(error)) return "koneksi gagal";
  return "jawaban tidak dapat dibaca";
}

/**
 * Creates a desk. Throws (with the field named) when the options or the upstream settings
 * are invalid, so a misconfigured desk never opens.
 */
export function createDesk(input: DeskOptions): Desk {
  const parsed = deskOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(
      `Failed to configure the PATEN desk: ${z.prettifyError(parsed.error)}. Fix the named option.`,
    );
  }
  const options = parsed.data;
  const log = options.log ?? (() => undefined);

  // Core's client validates the gateway settings; one client per attempt carries the time
  // left before the operator's deadline as its timeout. (Core's own `retry` is not used:
  // it does not retry HTTP 500 and has no overall deadline.)
  const clientFor = (timeoutMs: number): DukcapilClient =>
    createDukcapilClient({
      ...options.upstream,
      timeoutMs: Math.max(1, Math.ceil(timeoutMs)),
      attribution: options.attribution,
      nikCheck: "legacy",
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  try {
    clientFor(options.timeoutMs);
  } catch (error) {
    if (!isDukcapilCoreError(error)) throw error;
    throw new Error(`Failed to configure the PATEN desk: ${error.message}`, { cause: error });
  }

  async function attempt<T>(
    what: string,
    call: (client: DukcapilClient) => Promise<T>,
  ): Promise<Attempted<T>> {
    const deadline = Date.now() + options.timeoutMs;
    for (let attempts = 1; ; attempts++) {
      try {
        return { ok: true, value: await call(clientFor(deadline - Date.now())), attempts };
      } catch (error) {
        if (!isDukcapilTransportError(error)) throw error;
        const wait = options.backoffMs * 2 ** (attempts - 1);
        const again =
          retryable(error) &&
          attempts <= options.maxRetries &&
          Date.now() + wait + MIN_ATTEMPT_MS <= deadline;
        // Transport error messages carry no password, no person data and masked NIKs only.
        log(`${what}: attempt ${attempts} failed (${error.code}): ${error.message}`);
        if (!again) return { ok: false, attempts, reason: describeFailure(error) };
        await sleep(wait);
      }
    }
  }

  // --- Quota: after code 05, nothing goes upstream until 00:00 WIB ---------------------
  let quotaResumesAt: number | null = null;

  // --- Data balikan: in memory only, each NIK sent once ----------------------------------
  type Item = { nik: string; params: Record<string, string>[] };
  const pending = new Map<string, Item>();
  const sentNiks = new Set<string>();

  function queueDataBalikan(nik: string, at: number) {
    if (sentNiks.has(nik) || pending.has(nik)) return;
    pending.set(nik, {
      nik,
      params: [{ JENIS_LAYANAN: options.dataBalikan.service, TANGGAL_LAYANAN: jakartaDay(at) }],
    });
  }

  const sendItems = (items: readonly Item[]) =>
    attempt<DataBalikanOutcome>(`data balikan of ${items.length} item(s)`, (client) =>
      client.sendDataBalikan({
        url: options.dataBalikan.url,
        token: options.dataBalikan.token,
        institutionId: options.dataBalikan.institutionId,
        institutionName: options.dataBalikan.institutionName,
        items,
      }),
    );

  function markSent(item: Item) {
    pending.delete(item.nik);
    sentNiks.add(item.nik);
  }

  async function flush(): Promise<EndOfDayReport> {
    const batch = [...pending.values()];
    const report = (
      sent: number,
      alreadySent: number,
      problem: EndOfDayReport["problem"] = null,
    ): EndOfDayReport => ({ sent, alreadySent, pending: pending.size, problem });
    if (batch.length === 0) return report(0, 0);
    const first = await sendItems(batch);
    if (!first.ok) return report(0, 0, { kind: "unavailable", detail: first.reason });
    const outcome = first.value;
    if (outcome.outcome === "sent") {
      for (const item of batch) markSent(item);
      log(`data balikan: ${batch.length} item(s) sent`);
      return report(batch.length, 0);
    }
    if (outcome.outcome !== "duplicate") {
      log(`data balikan refused: HTTP ${outcome.status} ${outcome.message ?? ""}`);
      return report(0, 0, {
        kind: "refused",
        detail: `HTTP ${outcome.status}${outcome.message ? `: ${outcome.message}` : ""}`,
      });
    }
    // The store refuses a whole batch when any item was sent before (e.g. before a restart):
    // send the items one by one, so the new ones get through and the old ones count as done.
    let sent = 0;
    let alreadySent = 0;
    for (const item of batch) {
      const one = await sendItems([item]);
      if (!one.ok) return report(sent, alreadySent, { kind: "unavailable", detail: one.reason });
      if (one.value.outcome === "sent") sent++;
      else if (one.value.outcome === "duplicate") alreadySent++;
      else {
        return report(sent, alreadySent, {
          kind: "refused",
          detail: `HTTP ${one.value.status}${one.value.message ? `: ${one.value.message}` : ""}`,
        });
      }
      markSent(item);
    }
    log(`data balikan: ${sent} item(s) sent, ${alreadySent} already sent before`);
    return report(sent, alreadySent);
  }

  let closing: Promise<unknown> = Promise.resolve();

  return {
    attribution: options.attribution,

    async lookup(typed: string): Promise<DeskAnswer> {
      const now = options.now().getTime();
      const checked = parseNik(typed, { regions: "legacy", referenceDate: now });
      if (!checked.ok) {
        const masked = checked.input ?? maskNik(typed);
        log(`lookup ${masked}: malformed NIK (${checked.reason}), not sent`);
        return {
          kind: "invalid",
          typed,
          masked,
          reason: checked.reason,
          message: nikFailureMessages[checked.reason].id,
          row: outcomeRow("malformed-nik"),
        };
      }
      const nik = checked.nik;
      const masked = maskNik(nik);
      const quotaRow = outcomeRow("quota-exhausted");
      if (quotaResumesAt !== null && now < quotaResumesAt) {
        log(`lookup ${masked}: quota used up today, answered locally`);
        return { kind: "quota", nik, row: quotaRow, upstreamText: null, resumesAt: quotaResumesAt };
      }
      quotaResumesAt = null;

      const result = await attempt<LookupOutcome>(`lookup ${masked}`, (client) =>
        client.lookup(nik),
      );
      if (!result.ok) {
        return { kind: "unavailable", nik, attempts: result.attempts, reason: result.reason };
      }
      const outcome = result.value;
      log(`lookup ${masked}: ${outcome.code} ${outcome.outcome}`);
      if (outcome.outcome === "found") {
        queueDataBalikan(nik, now);
        const record = outcome.record as Readonly<Record<string, string | null | undefined>>;
        const elements = RECORD_ELEMENTS.filter((element) => record[element] !== undefined).map(
          (element) => ({ element, value: record[element] ?? null }),
        );
        return { kind: "found", nik, elements, row: outcome.row };
      }
      if (outcome.outcome === "unknown") {
        return { kind: "unknown", nik, upstreamText: outcome.text };
      }
      if (outcome.outcome === "quota-exhausted") {
        quotaResumesAt = nextJakartaMidnight(options.now().getTime());
        return {
          kind: "quota",
          nik,
          row: outcome.row,
          upstreamText: outcome.text,
          resumesAt: quotaResumesAt,
        };
      }
      return { kind: "outcome", nik, row: outcome.row, upstreamText: outcome.text };
    },

    endOfDay(): Promise<EndOfDayReport> {
      // One close at a time: two clicks never send the same item twice.
      const next = closing.then(flush, flush);
      closing = next.catch(() => undefined);
      return next;
    },
  };
}
