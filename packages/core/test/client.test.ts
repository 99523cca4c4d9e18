import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { responseCodes } from "../src/catalogue/response-codes.js";
import { createDukcapilClient } from "../src/client/client.js";
import {
  DukcapilHttpError,
  DukcapilNetworkError,
  DukcapilResponseFormatError,
  DukcapilTimeoutError,
  isDukcapilHttpError,
  isDukcapilNetworkError,
  isDukcapilResponseFormatError,
  isDukcapilTimeoutError,
  isDukcapilTransportError,
} from "../src/client/errors.js";
import { DEFAULT_ATTRIBUTION, type DukcapilClientOptions } from "../src/client/options.js";
import { DukcapilCoreError, isDukcapilCoreError } from "../src/errors.js";
import { buildDataBalikanResponse } from "../src/wire/data-balikan.js";
import { buildEnvelope } from "../src/wire/envelope.js";
import { buildFamilySuccess } from "../src/wire/family.js";
import { buildLookupFailure, buildLookupSuccess } from "../src/wire/lookup.js";
import { stringifyLossless } from "../src/wire/lossless-json.js";
import { buildVerifyFailure, buildVerifySuccess } from "../src/wire/verify.js";

const NIK = "3204055502900001";
const BIG_NIK = "9171011203900001"; // > 2^53: JSON.parse would give ...900000
const RETIRED_REGION_NIK = "9101011506900001"; // pre-2022 Merauke: valid only with retired codes

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

type Handler = (request: Received, response: ServerResponse, index: number) => void;

/** A real HTTP server on 127.0.0.1, an ephemeral port; closed when the test finishes. */
async function startServer(handler: Handler) {
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      handler(received, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, requests };
}

function reply(response: ServerResponse, body: unknown, status = 200) {
  const text = typeof body === "string" ? body : stringifyLossless(body);
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(text);
}

function clientFor(baseUrl: string, extra: Partial<DukcapilClientOptions> = {}) {
  return createDukcapilClient({
    baseUrl,
    path: "BPS",
    userId: "user-bps",
    password: "s3cret",
    ipUser: "10.20.30.40",
    timeoutMs: 2_000,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

const failureRows = responseCodes.filter((row) => row.code !== "01");

describe("createDukcapilClient options", () => {
  it.each([
    ["a missing baseUrl", { baseUrl: undefined }],
    ["an ftp baseUrl", { baseUrl: "ftp://10.0.0.1" }],
    ["a baseUrl with a query", { baseUrl: "http://10.0.0.1?x=1" }],
    ["an empty password", { password: "" }],
    ["a path with a space", { path: "BPS X" }],
    ["a zero timeout", { timeoutMs: 0 }],
    ["an unknown nikCheck", { nikCheck: "lenient" }],
    ["zero retry attempts", { retry: { attempts: 0, backoffMs: 0 } }],
    ["an unknown option", { cache: true }],
    ["a fetch that is not a function", { fetch: "fetch" }],
  ])("rejects %s with DKS_CORE_CLIENT_CONFIG", (_name, override) => {
    const options = {
      baseUrl: "http://10.0.0.1:8080",
      path: "BPS",
      userId: "u",
      password: "hunter2",
      ipUser: "10.0.0.2",
      ...override,
    };
    try {
      createDukcapilClient(options as DukcapilClientOptions);
      expect.unreachable();
    } catch (error) {
      expect(isDukcapilCoreError(error, "DKS_CORE_CLIENT_CONFIG")).toBe(true);
      expect((error as Error).message).toMatch(
        /^Failed to create the Dukcapil client: .+\. Pass baseUrl .+\.$/s,
      );
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("exposes the attribution notice, default or configured", () => {
    expect(clientFor("http://127.0.0.1:1").attribution).toBe(DEFAULT_ATTRIBUTION);
    expect(DEFAULT_ATTRIBUTION).toBe("Layanan ini menggunakan API Dukcapil");
    expect(
      clientFor("http://127.0.0.1:1", {
        attribution: "Layanan ini menggunakan API Dukcapil Kab. Bandung",
      }).attribution,
    ).toBe("Layanan ini menggunakan API Dukcapil Kab. Bandung");
  });
});

describe("lookup against a real HTTP server", () => {
  it("finds a big NIK digit-exact: writer → text → reader → outcome", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(
        res,
        buildLookupSuccess({
          NIK: BIG_NIK,
          NO_KK: "9171010101200009",
          NAMA_LGKP: "SITI AMINAH",
          NO_KEC: "01",
        }),
      ),
    );
    const outcome = await clientFor(baseUrl).lookup(BIG_NIK);
    expect(outcome.code).toBe("01");
    if (outcome.code !== "01") return;
    expect(outcome.record).toEqual({
      NIK: BIG_NIK,
      NO_KK: "9171010101200009",
      NAMA_LGKP: "SITI AMINAH",
      NO_KEC: "01",
    });
    expect(outcome.remainingQuota).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it("POSTs JSON with the documented keys and the NIK as a string to /dukcapil/get_json/<path>/CALL_NIK", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, buildLookupFailure("13")),
    );
    await createDukcapilClient({
      baseUrl: `${baseUrl}/`,
      path: "/32-04/dinkes/",
      userId: "user-bps",
      password: "s3cret",
      ipUser: "10.20.30.40",
    }).lookup(BIG_NIK);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/dukcapil/get_json/32-04/dinkes/CALL_NIK");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toBe(
      `{"nik":"${BIG_NIK}","user_id":"user-bps","password":"s3cret","ip_user":"10.20.30.40"}`,
    );
  });

  it("sends the normalised NIK when the operator typed separators", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, buildLookupFailure("13")),
    );
    await clientFor(baseUrl).lookup(" 3204 0555 0290 0001 ");
    expect(JSON.parse(requests[0]?.body ?? "{}").nik).toBe(NIK);
  });

  it.each(failureRows.map((row) => [row.code, row.outcome, row] as const))(
    "maps the lookup answer %s to outcome %s",
    async (code, outcome, row) => {
      const { baseUrl } = await startServer((_req, res) => reply(res, buildLookupFailure(code)));
      const result = await clientFor(baseUrl).lookup(NIK);
      expect(result).toMatchObject({ code, outcome, text: row.lookupText, local: false });
    },
  );

  it("maps a text the catalogue does not know to unknown", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, buildEnvelope([{ RESPON: "Sistem sedang maintenance" }])),
    );
    expect(await clientFor(baseUrl).lookup(NIK)).toMatchObject({
      code: "unknown",
      text: "Sistem sedang maintenance",
    });
  });

  it("surfaces quotaLimiter as remainingQuota", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, buildLookupSuccess({ NIK }, { quotaLimiter: 199 })),
    );
    expect(await clientFor(baseUrl).lookup(NIK)).toMatchObject({ code: "01", remainingQuota: 199 });
  });

  it("answers a malformed NIK locally with outcome 15 and sends no request", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, buildLookupSuccess({ NIK })),
    );
    const client = clientFor(baseUrl);
    for (const bad of [
      "320405550290000",
      "3204055502900000",
      "32040555029000AB",
      "3204053202900001",
    ]) {
      expect(await client.lookup(bad)).toMatchObject({
        code: "15",
        outcome: "malformed-nik",
        local: true,
      });
    }
    expect(await client.lookup(3204055502900001 as unknown as string)).toMatchObject({
      code: "15",
      reason: "type",
    });
    expect(await client.verify("123", { NAMA_LGKP: "X" }, 80)).toMatchObject({
      code: "15",
      local: true,
    });
    expect(await client.family("")).toMatchObject({ code: "15", local: true });
    expect(requests).toHaveLength(0);
  });

  it("lets a NIK with a retired region code through by default (legacy) and stops it with strict", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, buildLookupFailure("13")),
    );
    expect((await clientFor(baseUrl).lookup(RETIRED_REGION_NIK)).code).toBe("13");
    expect(
      await clientFor(baseUrl, { nikCheck: "strict" }).lookup(RETIRED_REGION_NIK),
    ).toMatchObject({
      code: "15",
      local: true,
      reason: "regency",
    });
    expect((await clientFor(baseUrl, { nikCheck: "format" }).lookup("3204014101900001")).code).toBe(
      "13",
    );
    expect(requests).toHaveLength(2);
  });
});

describe("transport errors against a real HTTP server", () => {
  it("throws DukcapilHttpError on HTTP 500 with the status and a masked body excerpt", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, `Internal error for NIK ${NIK}`, 500),
    );
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect(error).toBeInstanceOf(DukcapilHttpError);
    expect(isDukcapilHttpError(error) && isDukcapilTransportError(error)).toBe(true);
    const http = error as DukcapilHttpError;
    expect(http.status).toBe(500);
    expect(http.code).toBe("DKS_CORE_HTTP_STATUS");
    expect(http.bodyExcerpt).toBe("Internal error for NIK 3204**********01");
    expect(http.message).toMatch(
      /^Failed to call Dukcapil CALL_NIK for NIK 3204\*{10}01: the gateway answered HTTP 500/,
    );
    expect(`${http.message}${JSON.stringify(http.details)}`).not.toContain(NIK);
  });

  it("throws DukcapilResponseFormatError on a body that is not JSON", async () => {
    const { baseUrl } = await startServer((_req, res) => reply(res, `<html>${BIG_NIK}</html>`));
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect(error).toBeInstanceOf(DukcapilResponseFormatError);
    expect(isDukcapilResponseFormatError(error)).toBe(true);
    expect((error as DukcapilResponseFormatError).details).toMatchObject({
      position: 0,
      bodyExcerpt: "<html>9171**********01</html>",
    });
  });

  it("throws DukcapilResponseFormatError on JSON that is not the envelope", async () => {
    const { baseUrl } = await startServer((_req, res) => reply(res, { error: "nope" }));
    expect(await rejection(clientFor(baseUrl).lookup(NIK))).toBeInstanceOf(
      DukcapilResponseFormatError,
    );
  });

  it("throws DukcapilTimeoutError within timeoutMs when the server hangs", async () => {
    const { baseUrl, requests } = await startServer(() => {
      /* never answers */
    });
    const started = performance.now();
    const error = await rejection(clientFor(baseUrl, { timeoutMs: 300 }).lookup(NIK));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(DukcapilTimeoutError);
    expect(isDukcapilTimeoutError(error)).toBe(true);
    expect((error as DukcapilTimeoutError).timeoutMs).toBe(300);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
    expect(requests).toHaveLength(1);
  });

  it("throws DukcapilNetworkError with a cause when the connection is reset", async () => {
    const { baseUrl } = await startServer((_req, res) => res.socket?.destroy());
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect(error).toBeInstanceOf(DukcapilNetworkError);
    expect(isDukcapilNetworkError(error)).toBe(true);
    expect((error as DukcapilNetworkError).cause).toBeDefined();
    expect((error as Error).message).not.toContain(NIK);
  });

  it("throws DukcapilNetworkError when nothing listens", async () => {
    const { baseUrl } = await startServer(() => {});
    const closed = baseUrl.replace(/:\d+$/, ":1");
    expect(await rejection(clientFor(closed).lookup(NIK))).toBeInstanceOf(DukcapilNetworkError);
  });
});

describe("retry", () => {
  it("does not retry by default", async () => {
    const { baseUrl, requests } = await startServer((_req, res) => res.socket?.destroy());
    await rejection(clientFor(baseUrl).lookup(NIK));
    expect(requests).toHaveLength(1);
  });

  it("retries network failures and 503 when configured, then returns the outcome", async () => {
    const { baseUrl, requests } = await startServer((_req, res, index) => {
      if (index === 0) res.socket?.destroy();
      else if (index === 1) reply(res, "busy", 503);
      else reply(res, buildLookupSuccess({ NIK }));
    });
    const outcome = await clientFor(baseUrl, { retry: { attempts: 3, backoffMs: 1 } }).lookup(NIK);
    expect(outcome.code).toBe("01");
    expect(requests).toHaveLength(3);
  });

  it("never retries an upstream outcome such as quota or login failure, nor HTTP 500", async () => {
    const { baseUrl, requests } = await startServer((_req, res, index) =>
      index === 2
        ? reply(res, "boom", 500)
        : reply(res, buildLookupFailure(index === 0 ? "05" : "03")),
    );
    const client = clientFor(baseUrl, { retry: { attempts: 5, backoffMs: 1 } });
    expect((await client.lookup(NIK)).code).toBe("05");
    expect((await client.lookup(NIK)).code).toBe("03");
    expect(await rejection(client.lookup(NIK))).toBeInstanceOf(DukcapilHttpError);
    expect(requests).toHaveLength(3);
  });
});

describe("verify against a real HTTP server", () => {
  it("sends the upper-case keys, TRESHOLD and TGL_LHR as DD-MM-YYYY, and reads the results", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(
        res,
        buildVerifySuccess(
          {
            NIK: { match: true },
            NAMA_LGKP: { match: true, score: 92 },
            TGL_LHR: { match: false },
          },
          { quotaLimiter: 56616 },
        ),
      ),
    );
    const outcome = await clientFor(baseUrl).verify(
      BIG_NIK,
      { NAMA_LGKP: "SITI AMINAH", TGL_LHR: "1990-03-12", NO_RT: "040" },
      85,
    );
    expect(outcome).toMatchObject({
      code: "01",
      remainingQuota: 56616,
      results: {
        NIK: { match: true },
        NAMA_LGKP: { match: true, score: 92 },
        TGL_LHR: { match: false },
      },
    });
    expect(requests[0]?.url).toBe("/dukcapil/get_json/BPS/CALL_VERIFY_BY_ELEMEN");
    expect(requests[0]?.body).toBe(
      `{"NIK":"${BIG_NIK}","USER_ID":"user-bps","PASSWORD":"s3cret","IP_USER":"10.20.30.40","TRESHOLD":"85","NAMA_LGKP":"SITI AMINAH","TGL_LHR":"12-03-1990","NO_RT":"040"}`,
    );
  });

  it.each(failureRows.map((row) => [row.code, row.outcome] as const))(
    "maps the verify answer %s to outcome %s",
    async (code, outcome) => {
      const { baseUrl } = await startServer((_req, res) =>
        reply(res, buildVerifyFailure(code, { quotaLimiter: 12 })),
      );
      expect(await clientFor(baseUrl).verify(NIK, { NAMA_LGKP: "X" }, 80)).toMatchObject({
        code,
        outcome,
        remainingQuota: 12,
      });
    },
  );

  it("rejects unknown elements and bad thresholds as usage errors, before any request", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, buildVerifyFailure("13")),
    );
    const client = clientFor(baseUrl);
    for (const call of [
      () => client.verify(NIK, { AGAMA: "ISLAM" } as never, 80),
      () => client.verify(NIK, { NAMA_LGKP: "X" }, 101),
      () => client.verify(NIK, { NAMA_LGKP: 5 } as never, 80),
    ]) {
      const error = await rejection(call());
      expect(isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")).toBe(true);
      expect((error as Error).message).toMatch(/^Failed to verify the NIK by element: /);
    }
    expect(requests).toHaveLength(0);
  });
});

describe("family against a real HTTP server", () => {
  it("posts to CALL_NIK_GET_KK and reads every member", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(
        res,
        buildFamilySuccess([
          { NIK, STAT_HBKEL: "KEPALA KELUARGA" },
          { NIK: BIG_NIK, STAT_HBKEL: "ANAK" },
        ]),
      ),
    );
    const outcome = await clientFor(baseUrl).family(NIK);
    expect(outcome.code === "01" && outcome.members).toEqual([
      { NIK, STAT_HBKEL: "KEPALA KELUARGA" },
      { NIK: BIG_NIK, STAT_HBKEL: "ANAK" },
    ]);
    expect(requests[0]?.url).toBe("/dukcapil/get_json/BPS/CALL_NIK_GET_KK");
    expect(Object.keys(JSON.parse(requests[0]?.body ?? "{}"))).toEqual([
      "nik",
      "user_id",
      "password",
      "ip_user",
    ]);
  });
});

describe("data balikan against a real HTTP server", () => {
  const input = {
    token: "tok-123",
    institutionId: "ORG1",
    institutionName: "Org One",
    items: [{ nik: BIG_NIK, params: [{ CUSTOMER_ID: "42" }] }],
  };

  it.each([
    ["sent", buildDataBalikanResponse("sent")],
    ["duplicate", buildDataBalikanResponse("duplicate")],
    ["unauthorized", buildDataBalikanResponse("unauthorized")],
    ["invalid", buildDataBalikanResponse("invalid", "data[0].NIK is required")],
  ] as const)("returns %s as a value", async (outcome, response) => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, response.body, response.status),
    );
    const result = await clientFor(baseUrl).sendDataBalikan(input);
    expect(result).toEqual({ outcome, status: response.status, message: response.body.message });
    const [request] = requests;
    expect(request?.url).toBe("/dukcapil/data_balikan");
    expect(request?.headers.authorization).toBe("Bearer tok-123");
    expect(request?.body).toBe(
      `[{"id_lembaga":"ORG1","nama_lembaga":"Org One","data":[{"NIK":"${BIG_NIK}","param":[{"CUSTOMER_ID":"42"}]}]}]`,
    );
  });

  it("posts to the given url", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, { message: "Success" }),
    );
    await clientFor("http://127.0.0.1:1").sendDataBalikan({
      ...input,
      url: `${baseUrl}/store/api`,
    });
    expect(requests[0]?.url).toBe("/store/api");
  });

  it("throws DukcapilHttpError for a 500 with plain body Error", async () => {
    const { baseUrl } = await startServer((_req, res) => reply(res, "Error", 500));
    expect(await rejection(clientFor(baseUrl).sendDataBalikan(input))).toMatchObject({
      status: 500,
    });
  });

  it("refuses a malformed NIK with DKS_CORE_INVALID_NIK and a masked message, before any request", async () => {
    const { baseUrl, requests } = await startServer((_req, res) =>
      reply(res, { message: "Success" }),
    );
    const error = await rejection(
      clientFor(baseUrl).sendDataBalikan({
        ...input,
        items: [{ nik: "3204055502900000", params: [] }],
      }),
    );
    expect(error).toBeInstanceOf(DukcapilCoreError);
    expect((error as DukcapilCoreError).code).toBe("DKS_CORE_INVALID_NIK");
    expect((error as Error).message).toContain("3204**********00");
    expect((error as Error).message).not.toContain("3204055502900000");
    expect(requests).toHaveLength(0);
  });
});

describe("regressions: no person data or credential in transport errors (review findings 2, 3)", () => {
  const body = `{"nik":"${NIK}","user_id":"user-bps","password":"s3cret","ip_user":"10.20.30.40"}`;

  function clientWithFetch(fakeFetch: typeof fetch) {
    return createDukcapilClient({
      baseUrl: "http://10.0.0.1:8080",
      path: "BPS",
      userId: "user-bps",
      password: "s3cret",
      ipUser: "10.20.30.40",
      fetch: fakeFetch,
    });
  }

  /** Everything an application could log about an error, causes included. */
  const everything = (error: unknown) =>
    `${inspect(error, { depth: 10 })} ${JSON.stringify((error as { details?: unknown }).details)}`;

  it("names a network failure by its code and keeps neither the echoed NIK nor the password", async () => {
    const fakeFetch: typeof fetch = async () => {
      throw new TypeError(`fetch failed: proxy could not forward ${body}`, {
        cause: Object.assign(new Error(`connect ECONNREFUSED while sending ${body}`), {
          code: "ECONNREFUSED",
        }),
      });
    };
    const error = await rejection(clientWithFetch(fakeFetch).lookup(NIK));
    expect(isDukcapilNetworkError(error)).toBe(true);
    expect((error as Error).message).toContain("(ECONNREFUSED)");
    const logged = everything(error);
    for (const secret of [NIK, "s3cret", "user-bps"]) expect(logged).not.toContain(secret);
    const cause = (error as Error).cause as Error & { code?: string; cause?: { code?: string } };
    expect(cause.name).toBe("TypeError");
    expect(cause.cause?.code).toBe("ECONNREFUSED");
  });

  it("names a network failure without a code by the error's name", async () => {
    const fakeFetch: typeof fetch = async () => {
      throw new Error(`upstream said: ${body}`);
    };
    const error = await rejection(clientWithFetch(fakeFetch).family(NIK));
    expect((error as Error).message).toContain("the connection failed (Error)");
    for (const secret of [NIK, "s3cret"]) expect(everything(error)).not.toContain(secret);
  });

  it("keeps the data balikan token out of a network error", async () => {
    const fakeFetch: typeof fetch = async (_url, init) => {
      throw new Error(`refused ${JSON.stringify(init?.headers)} ${String(init?.body)}`);
    };
    const error = await rejection(
      clientWithFetch(fakeFetch).sendDataBalikan({
        token: "tok-very-secret",
        institutionId: "ORG1",
        institutionName: "Org One",
        items: [{ nik: NIK, params: [{ CUSTOMER_ID: "42" }] }],
      }),
    );
    expect(isDukcapilNetworkError(error)).toBe(true);
    for (const secret of ["tok-very-secret", NIK]) expect(everything(error)).not.toContain(secret);
  });

  it("keeps person values out of an HTTP error whose body is a record", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(
        res,
        buildLookupSuccess({ NIK, NAMA_LGKP: "SITI AMINAH", ALAMAT: "JL. MAWAR NO. 5" }),
        500,
      ),
    );
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect(isDukcapilHttpError(error)).toBe(true);
    const logged = everything(error);
    for (const secret of [NIK, "SITI", "MAWAR"]) expect(logged).not.toContain(secret);
    expect((error as DukcapilHttpError).bodyExcerpt).toContain('"NAMA_LGKP":"…"');
  });

  it("keeps person values out of the excerpt of a cut-off body", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, `{"content":[{"NIK":${NIK},"NAMA_LGKP":"SITI AMINAH","ALAMAT":"JL. MAW`),
    );
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect(isDukcapilResponseFormatError(error)).toBe(true);
    const logged = everything(error);
    for (const secret of [NIK, "SITI", "MAW"]) expect(logged).not.toContain(secret);
  });

  it("keeps the upstream's own text in the excerpt", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, { content: [{ RESPON: "Login Gagal" }] }, 502),
    );
    const error = await rejection(clientFor(baseUrl).lookup(NIK));
    expect((error as DukcapilHttpError).bodyExcerpt).toBe('{"content":[{"RESPON":"Login Gagal"}]}');
  });
});

describe("regressions: lookup answers written the verify way (review finding 1)", () => {
  it("reads {RESPONSE_CODE, RESPONSE} in a lookup answer as that outcome, not as found", async () => {
    const { baseUrl } = await startServer((_req, res) =>
      reply(res, buildVerifyFailure("05", { quotaLimiter: 0 })),
    );
    expect(await clientFor(baseUrl).lookup(NIK)).toMatchObject({
      code: "05",
      outcome: "quota-exhausted",
      remainingQuota: 0,
    });
  });

  it("refuses an empty record as a format error, not found", async () => {
    const { baseUrl } = await startServer((_req, res) => reply(res, buildEnvelope([{}])));
    const client = clientFor(baseUrl);
    expect(await rejection(client.lookup(NIK))).toBeInstanceOf(DukcapilResponseFormatError);
    expect(await rejection(client.verify(NIK, { NAMA_LGKP: "X" }, 80))).toBeInstanceOf(
      DukcapilResponseFormatError,
    );
  });
});

describe("fetch injection", () => {
  it("uses the injected fetch, with the lossless body and an abort signal", async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch: typeof fetch = async (url, init) => {
      calls.push({ url: String(url), init });
      return new Response(stringifyLossless(buildLookupSuccess({ NIK: BIG_NIK })), { status: 200 });
    };
    const client = createDukcapilClient({
      baseUrl: "https://10.0.0.1:8000",
      path: "351552223080001",
      userId: "u",
      password: "p",
      ipUser: "10.0.0.2",
      fetch: fakeFetch,
    });
    const outcome = await client.lookup(BIG_NIK);
    expect(outcome.code === "01" && outcome.record.NIK).toBe(BIG_NIK);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe("https://10.0.0.1:8000/dukcapil/get_json/351552223080001/CALL_NIK");
    expect(calls[0]?.init?.method).toBe("POST");
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0]?.init?.headers).toMatchObject({ "Content-Type": "application/json" });
  });

  it("times out a fetch that ignores the abort signal", async () => {
    const client = createDukcapilClient({
      baseUrl: "http://10.0.0.1",
      path: "BPS",
      userId: "u",
      password: "p",
      ipUser: "10.0.0.2",
      timeoutMs: 50,
      fetch: () => new Promise<Response>(() => {}),
    });
    expect(await rejection(client.lookup(NIK))).toBeInstanceOf(DukcapilTimeoutError);
  });
});

describe("no retained person data", () => {
  it("exposes only the attribution and the methods, frozen", () => {
    const client = clientFor("http://127.0.0.1:1");
    expect(Object.keys(client).sort()).toEqual([
      "attribution",
      "family",
      "lookup",
      "sendDataBalikan",
      "verify",
    ]);
    expect(Object.isFrozen(client)).toBe(true);
  });

  it("asks the server every time (no cache) and keeps clients independent", async () => {
    let name = "PERTAMA";
    const a = await startServer((_req, res) =>
      reply(res, buildLookupSuccess({ NIK, NAMA_LGKP: name })),
    );
    const b = await startServer((_req, res) => reply(res, buildLookupFailure("11")));
    const clientA = clientFor(a.baseUrl);
    const clientB = clientFor(b.baseUrl);

    const first = await clientA.lookup(NIK);
    name = "KEDUA";
    const second = await clientA.lookup(NIK);
    const other = await clientB.lookup(NIK);

    expect(first.code === "01" && first.record.NAMA_LGKP).toBe("PERTAMA");
    expect(second.code === "01" && second.record.NAMA_LGKP).toBe("KEDUA");
    expect(other).toMatchObject({ code: "11", outcome: "deceased" });
    expect(other).not.toHaveProperty("record");
    expect(a.requests).toHaveLength(2);
    expect(b.requests).toHaveLength(1);
    // The outcomes are separate objects: changing one leaves the next untouched.
    expect(first).not.toBe(second);
    if (first.code === "01") (first.record as Record<string, unknown>).NAMA_LGKP = "CHANGED";
    const third = await clientA.lookup(NIK);
    expect(third.code === "01" && third.record.NAMA_LGKP).toBe("KEDUA");
  });
});
