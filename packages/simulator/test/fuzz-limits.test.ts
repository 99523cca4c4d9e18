// The request limits of a running simulator and their answers (issue 7): body size, header
// size and count, request timeouts (headers, body, a body a handler never reads), malformed
// HTTP, and the methods the HTTP layer refuses. Each has a clear answer with a stable code in
// the voice of its surface, and closes the connection when the rest of the request would
// otherwise be read as the next one. Small limits keep the test quick; nothing here asserts
// a duration (the 10 s hang limit of `sendRaw` only fails a request that never ends).
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorErrorRegistry } from "../src/errors.js";
import { type RunningSimulator, startSimulator } from "../src/server.js";
import { type Outcome, sendRaw } from "./fuzz-client.js";

const ADMIN_TOKEN = "fuzz-limits-admin-token-0123";
const MAX_BODY_BYTES = 4_096;
const REQUEST_TIMEOUT_MS = 400;
const HANG_MS = 10_000;

let sim: RunningSimulator;
let port: number;
let path: string;
let credentials: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({
    population: 10_000,
    adminToken: ADMIN_TOKEN,
    maxBodyBytes: MAX_BODY_BYTES,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    clockStartAt: "2026-11-24T10:00:00+07:00",
    clockFrozen: true,
  });
  port = Number(new URL(sim.url).port);
  const defaults = sim.runtime.defaults;
  if (defaults === null || defaults.password === null) throw new Error("no seeded defaults");
  path = `/dukcapil/get_json/${defaults.institution.path}/CALL_NIK`;
  credentials = {
    user_id: defaults.user.userId,
    password: defaults.password,
    ip_user: defaults.user.ipUser,
  };
});

afterAll(async () => {
  await sim.close();
});

type Answer = Extract<Outcome, { kind: "answer" }>;

function answered(outcome: Outcome): Answer {
  if (outcome.kind !== "answer")
    throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The problem document of an answer, checked against the registry. */
function problemOf(answer: Answer): Record<string, unknown> {
  expect(String(answer.headers["content-type"])).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>;
  const code = problem.code as keyof typeof simulatorErrorRegistry;
  expect(simulatorErrorRegistry[code]?.status).toBe(answer.status);
  expect(problem.status).toBe(answer.status);
  expect(problem.type).toBe(`urn:dukcapil-sandbox:error:${String(code)}`);
  return problem;
}

const raw = (lines: readonly string[], body = "") =>
  Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}`, "latin1");

/** A request whose announced body never arrives in full (the client keeps the connection open). */
function unfinished(
  target: string,
  contentType: string,
  sent: string,
  extra: string[] = [],
): Buffer {
  return raw(
    [
      `POST ${target} HTTP/1.1`,
      "Host: x",
      `Content-Type: ${contentType}`,
      "Content-Length: 1000",
      ...extra,
    ],
    sent,
  );
}

/** POSTs a body with node:http (keep-alive agent off); resolves with the answer or the error. */
function post(
  target: string,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: target,
        method: "POST",
        headers: { "content-length": String(body.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            kind: "answer",
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ kind: "closed", error: error.code ?? error.message }),
    );
    req.end(body);
  });
}

describe("body size limits", () => {
  it("an imitated body over maxBodyBytes: 413 DKS_SIM_BODY_TOO_LARGE with the limit, the connection closed, a near miss journaled", async () => {
    const before = sim.runtime.store.journal.count({}).total;
    const body = Buffer.from(
      JSON.stringify({ nik: "3319041307949001", ...credentials, pad: "x".repeat(MAX_BODY_BYTES) }),
    );
    const answer = answered(await post(path, body, { "content-type": "application/json" }));
    expect(answer.status).toBe(413);
    const problem = problemOf(answer);
    expect(problem.code).toBe("DKS_SIM_BODY_TOO_LARGE");
    expect(problem.maxBytes).toBe(MAX_BODY_BYTES);
    expect(answer.headers.connection).toBe("close");
    expect(sim.runtime.store.journal.count({}).total).toBe(before + 1);
  });

  it("a body of exactly maxBodyBytes is read and answered in the upstream format", async () => {
    const text = JSON.stringify({ nik: "3319041307949001", ...credentials, pad: "" });
    const body = Buffer.from(
      text.replace('"pad":""', `"pad":"${"x".repeat(MAX_BODY_BYTES - text.length)}"`),
    );
    expect(body.length).toBe(MAX_BODY_BYTES);
    const answer = answered(await post(path, body, { "content-type": "application/json" }));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(answer.headers["x-sandbox-code"]).toBe("01");
  });

  it("the sandbox controls (64 KiB) and the admin API (1 MiB) answer 413 problems with their own limit", async () => {
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };
    const clock = answered(await post("/sandbox/clock", Buffer.alloc(64 * 1024 + 1, 0x20), auth));
    expect(clock.status).toBe(413);
    expect(problemOf(clock)).toMatchObject({ code: "DKS_SIM_BODY_TOO_LARGE", maxBytes: 64 * 1024 });
    expect(clock.headers.connection).toBe("close");
    const admin = answered(
      await post("/sandbox/admin/institutions", Buffer.alloc(1024 * 1024 + 1, 0x20), auth),
    );
    expect(admin.status).toBe(413);
    expect(problemOf(admin)).toMatchObject({
      code: "DKS_SIM_BODY_TOO_LARGE",
      maxBytes: 1024 * 1024,
    });
  });

  it("a portal form over 16 KiB: a 413 HTML page with X-Sandbox-Error, the connection closed", async () => {
    const answer = answered(
      await post("/portal/masuk", Buffer.from(`user_id=${"u".repeat(17 * 1024)}`), {
        "content-type": "application/x-www-form-urlencoded",
      }),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_BODY_TOO_LARGE");
    expect(answer.body.toString("utf8").startsWith("<!DOCTYPE html>")).toBe(true);
    expect(answer.headers.connection).toBe("close");
  });

  it("an admin console form over 64 KiB: a 413 HTML page with X-Sandbox-Error", async () => {
    const answer = answered(
      await post("/admin/masuk", Buffer.from(`admin_token=${"t".repeat(65 * 1024)}`), {
        "content-type": "application/x-www-form-urlencoded",
      }),
    );
    expect(answer.status).toBe(413);
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_BODY_TOO_LARGE");
    expect(answer.body.toString("utf8").startsWith("<!DOCTYPE html>")).toBe(true);
  });
});

describe("header limits", () => {
  it("headers over 16 KiB (Node's maxHeaderSize): 431 DKS_SIM_HEADERS_TOO_LARGE, then the connection is closed", async () => {
    const answer = answered(
      await sendRaw(
        port,
        raw(["GET /sandbox/health HTTP/1.1", "Host: x", `X-Big: ${"b".repeat(20_000)}`]),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(431);
    expect(problemOf(answer)).toMatchObject({
      code: "DKS_SIM_HEADERS_TOO_LARGE",
      parserCode: "HPE_HEADER_OVERFLOW",
    });
    expect(answer.headers.connection).toBe("close");
  });

  it("a request line over 16 KiB is refused the same way", async () => {
    const answer = answered(
      await sendRaw(
        port,
        raw([`GET /sandbox/health?q=${"q".repeat(20_000)} HTTP/1.1`, "Host: x"]),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(431);
    expect(problemOf(answer).code).toBe("DKS_SIM_HEADERS_TOO_LARGE");
  });

  it("more than 2,000 header fields (within 16 KiB): 431 naming the count instead of dropping the rest silently", async () => {
    const lines = ["GET /sandbox/health HTTP/1.1", "Host: x"];
    for (let i = 0; i < 2_100; i++) lines.push(`h:${i % 10}`);
    const answer = answered(await sendRaw(port, raw(lines), HANG_MS));
    expect(answer.status).toBe(431);
    expect(problemOf(answer)).toMatchObject({
      code: "DKS_SIM_HEADERS_TOO_LARGE",
      maxHeaderFields: 2_000,
    });
    expect(answer.headers.connection).toBe("close");
  });

  it("on an imitated path the header limits answer before any state is touched", async () => {
    const digest = sim.runtime.store.digest();
    const lines = [`POST ${path} HTTP/1.1`, "Host: x", "Content-Length: 2"];
    for (let i = 0; i < 2_100; i++) lines.push(`h:${i % 10}`);
    expect(answered(await sendRaw(port, raw(lines, "{}"), HANG_MS)).status).toBe(431);
    expect(
      answered(
        await sendRaw(
          port,
          raw([`POST ${path} HTTP/1.1`, `X-Big: ${"b".repeat(20_000)}`]),
          HANG_MS,
        ),
      ).status,
    ).toBe(431);
    expect(sim.runtime.store.digest()).toBe(digest);
  });
});

describe("request timeouts (requestTimeoutMs)", () => {
  it("an imitated body that never finishes: 408 DKS_SIM_REQUEST_TIMEOUT problem, then the connection is closed", async () => {
    const answer = answered(
      await sendRaw(port, unfinished(path, "application/json", '{"nik":'), HANG_MS),
    );
    expect(answer.status).toBe(408);
    expect(problemOf(answer).code).toBe("DKS_SIM_REQUEST_TIMEOUT");
    expect(answer.headers.connection).toBe("close");
  });

  it("a data balikan body that never finishes: the same 408", async () => {
    const answer = answered(
      await sendRaw(port, unfinished("/dukcapil/data_balikan", "application/json", "[{"), HANG_MS),
    );
    expect(answer.status).toBe(408);
    expect(problemOf(answer).code).toBe("DKS_SIM_REQUEST_TIMEOUT");
  });

  it("a portal form that never finishes: a 408 HTML page with X-Sandbox-Error", async () => {
    const answer = answered(
      await sendRaw(
        port,
        unfinished("/portal/masuk", "application/x-www-form-urlencoded", "user_id="),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(408);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["x-sandbox-error"]).toBe("DKS_SIM_REQUEST_TIMEOUT");
    expect(answer.headers.connection).toBe("close");
  });

  it("a sandbox control body that never finishes: a 408 problem DKS_SIM_REQUEST_TIMEOUT", async () => {
    const answer = answered(
      await sendRaw(
        port,
        unfinished("/sandbox/clock", "application/json", '{"advanceMs":', [
          `Authorization: Bearer ${ADMIN_TOKEN}`,
        ]),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(408);
    expect(problemOf(answer).code).toBe("DKS_SIM_REQUEST_TIMEOUT");
  });

  it("headers that never finish (headersTimeout = requestTimeoutMs): 408 problem, connection closed", async () => {
    const answer = answered(
      await sendRaw(
        port,
        Buffer.from("GET /sandbox/health HTTP/1.1\r\nHost: x\r\nX-Slow: "),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(408);
    expect(problemOf(answer)).toMatchObject({
      code: "DKS_SIM_REQUEST_TIMEOUT",
      parserCode: "ERR_HTTP_REQUEST_TIMEOUT",
    });
    expect(answer.headers.connection).toBe("close");
  });

  it("a request answered without its announced body: one answer, then the connection is closed without a second, unsolicited one", async () => {
    const outcome = await sendRaw(
      port,
      raw(["GET /sandbox/health HTTP/1.1", "Host: x", "Content-Length: 100"], "{"),
      HANG_MS,
    );
    const answer = answered(outcome);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-length"]).toMatch(/^\d+$/);
    expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({ status: "ok" });
    // Nothing after the first answer's Content-Length: no second (408) answer.
    expect(answer.trailing?.toString("latin1") ?? "").toBe("");
  });

  it("a keep-alive connection whose next request's headers never finish: the first answer, then a 408 problem", async () => {
    const outcome = await sendRaw(
      port,
      Buffer.from(
        "GET /sandbox/health HTTP/1.1\r\nHost: x\r\n\r\nGET /sandbox/health HTTP/1.1\r\nHost: x\r\nX-Slow: ",
      ),
      HANG_MS,
    );
    const first = answered(outcome);
    expect(first.status).toBe(200);
    expect(first.headers.connection).not.toBe("close");
    const second = first.trailing?.toString("latin1") ?? "";
    expect(second).toMatch(/^HTTP\/1\.1 408 /);
    expect(second).toContain("Connection: close");
    expect(second).toContain('"code":"DKS_SIM_REQUEST_TIMEOUT"');
  });

  it("slow but complete bodies within the timeout are answered normally", async () => {
    const body = Buffer.from(JSON.stringify({ nik: "3319041307949001", ...credentials }));
    const outcome = await new Promise<Outcome>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              kind: "answer",
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on("error", (error) => resolve({ kind: "closed", error: error.message }));
      req.write(body.subarray(0, 10));
      setTimeout(() => req.end(body.subarray(10)), REQUEST_TIMEOUT_MS / 4);
    });
    const answer = answered(outcome);
    expect(answer.status).toBe(200);
    expect(answer.headers["x-sandbox-code"]).toBe("01");
  });
});

describe("malformed HTTP and refused methods", () => {
  it.each([
    ["an invalid method", raw(["G@T /sandbox/health HTTP/1.1", "Host: x"]), "HPE_INVALID_METHOD"],
    [
      "a NUL in a header value",
      raw(["GET /sandbox/health HTTP/1.1", "Host: x", "X-A: a\u0000b"]),
      "HPE_INVALID_HEADER_TOKEN",
    ],
    [
      "two Content-Length headers",
      raw(
        ["POST /sandbox/clock HTTP/1.1", "Host: x", "Content-Length: 1", "Content-Length: 2"],
        "ab",
      ),
      "HPE_UNEXPECTED_CONTENT_LENGTH",
    ],
    [
      "Content-Length with Transfer-Encoding",
      raw(
        [
          "POST /sandbox/clock HTTP/1.1",
          "Host: x",
          "Content-Length: 3",
          "Transfer-Encoding: chunked",
        ],
        "0\r\n\r\n",
      ),
      "HPE_INVALID_TRANSFER_ENCODING",
    ],
    [
      "a header without a colon",
      raw(["GET /sandbox/health HTTP/1.1", "Host: x", "NoColon"]),
      "HPE_INVALID_HEADER_TOKEN",
    ],
  ])(
    "%s: 400 DKS_SIM_HTTP_MALFORMED naming the parser's code, then the connection is closed",
    async (_name, bytes, parserCode) => {
      const answer = answered(await sendRaw(port, bytes, HANG_MS));
      expect(answer.status).toBe(400);
      expect(problemOf(answer)).toMatchObject({ code: "DKS_SIM_HTTP_MALFORMED", parserCode });
      expect(answer.headers.connection).toBe("close");
    },
  );

  it("a request cut short by the client is answered before the connection closes", async () => {
    const answer = answered(
      await sendRaw(
        port,
        Buffer.from("GET /sandbox/health HTTP/1.1\r\nHost: x\r\nX-A: "),
        HANG_MS,
        { halfClose: true },
      ),
    );
    expect(answer.status).toBe(400);
    expect(problemOf(answer).code).toBe("DKS_SIM_HTTP_MALFORMED");
  });

  it("CONNECT: 405 DKS_SIM_METHOD_NOT_ALLOWED (no proxy), then the connection is closed", async () => {
    const answer = answered(
      await sendRaw(
        port,
        raw(["CONNECT example.com:443 HTTP/1.1", "Host: example.com:443"]),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(405);
    expect(problemOf(answer).code).toBe("DKS_SIM_METHOD_NOT_ALLOWED");
  });

  it("OPTIONS on a sandbox control: a 405 problem, not Express's text/plain list of methods", async () => {
    const response = await fetch(`${sim.url}/sandbox/clock`, { method: "OPTIONS" });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe("DKS_SIM_METHOD_NOT_ALLOWED");
  });

  it("an Expect other than 100-continue is ignored (not Node's bare 417)", async () => {
    const answer = answered(
      await sendRaw(
        port,
        raw(["GET /sandbox/health HTTP/1.1", "Host: x", "Expect: fuzz", "Connection: close"]),
        HANG_MS,
      ),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString("utf8"))).toMatchObject({ status: "ok" });
  });

  it("a path that is not percent-encoded UTF-8: 404 DKS_SIM_ROUTE_NOT_FOUND, never an internal error", async () => {
    const api = await fetch(`${sim.url}/sandbox/admin/users/%c0%af`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe("DKS_SIM_ROUTE_NOT_FOUND");
    const page = await fetch(`${sim.url}/admin/pengguna/%c0%af/sandi`);
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("x-sandbox-error")).toBe("DKS_SIM_ROUTE_NOT_FOUND");
    const portal = await fetch(`${sim.url}/portal/%E0%A4%A`);
    expect([404]).toContain(portal.status);
    expect(portal.headers.get("x-sandbox-error")).toBe("DKS_SIM_ROUTE_NOT_FOUND");
  });

  it("the server is still healthy after all of the above", async () => {
    const response = await fetch(`${sim.url}/sandbox/health`);
    expect(response.status).toBe(200);
  });
});
