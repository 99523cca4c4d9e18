// The client side of the fuzz tests (not a test file itself): sending a case over a
// keep-alive agent or a raw socket with a hang detector, and the voice oracle.
import { Agent, type IncomingHttpHeaders, request } from "node:http";
import { connect } from "node:net";
import { simulatorErrorRegistry } from "../src/errors.js";
import type { HttpCase, RawCase, Voice } from "./fuzz-cases.js";

/** What came back for one case. */
export type Outcome =
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: Buffer;
      /** The client saw the connection close after the answer without reading it all. */
      readonly truncated?: boolean;
      /** Raw sockets: bytes after the answer's Content-Length (a second answer, if any). */
      readonly trailing?: Buffer;
    }
  /** The connection closed (or reset) before a whole answer arrived. */
  | { readonly kind: "closed"; readonly error: string }
  /** Nothing within the hang limit. */
  | { readonly kind: "hang" };

/** Answer bodies kept for the checks (larger ones are cut; an HTML page is checked by its start). */
const KEEP_BYTES = 4 * 1024 * 1024;

/** Keep-alive agents, one per local address (node:http pools by host, port and local address). */
export function createAgents(maxSockets: number): {
  get(localAddress: string): Agent;
  destroy(): void;
} {
  const agents = new Map<string, Agent>();
  return {
    get(localAddress) {
      let agent = agents.get(localAddress);
      if (agent === undefined) {
        // Idle sockets go before the server's 5 s keep-alive timeout would close them.
        agent = new Agent({ keepAlive: true, maxSockets, timeout: 4_000 });
        agents.set(localAddress, agent);
      }
      return agent;
    },
    destroy() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends one HTTP case; never rejects. */
export function sendHttp(
  port: number,
  agent: Agent,
  c: HttpCase,
  hangMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const headers: Record<string, string | string[]> = { ...c.headers };
    if (c.body !== undefined) headers["content-length"] = String(c.body.length);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: c.method,
        path: c.path,
        headers,
        agent,
        localAddress: c.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < KEEP_BYTES) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        const answer = (truncated: boolean): Outcome => ({
          kind: "answer",
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ...(truncated ? { truncated } : {}),
        });
        res.on("end", () => finish(answer(false)));
        res.on("aborted", () => finish(answer(true)));
        res.on("error", () => finish(answer(true)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ kind: "hang" });
    }, hangMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      finish({ kind: "closed", error: error.code ?? error.message });
    });
    if (c.body === undefined) {
      req.end();
    } else if (c.slow === undefined) {
      req.end(c.body);
    } else {
      const { parts, delayMs } = c.slow;
      const body = c.body;
      void (async () => {
        const step = Math.ceil(body.length / parts);
        for (let offset = 0; offset < body.length; offset += step) {
          if (req.destroyed) return;
          req.write(body.subarray(offset, offset + step));
          await sleep(delayMs);
        }
        req.end();
      })();
    }
  });
}

/** Splits a raw HTTP/1.1 answer (one response; the connection was closed after it). */
export function parseRawAnswer(bytes: Buffer): Outcome {
  const end = bytes.indexOf("\r\n\r\n");
  if (end === -1) return { kind: "closed", error: `no answer (${bytes.length} bytes)` };
  const head = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? "");
  if (match === null) return { kind: "closed", error: `not an HTTP answer: ${head[0]}` };
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  const length = Number(headers["content-length"]);
  let truncated = false;
  let trailing: Buffer | undefined;
  if (Number.isInteger(length)) {
    truncated = body.length < length;
    if (body.length > length) trailing = body.subarray(length);
    body = body.subarray(0, length);
  }
  return {
    kind: "answer",
    status: Number(match[1]),
    headers,
    body,
    ...(truncated ? { truncated } : {}),
    ...(trailing === undefined ? {} : { trailing }),
  };
}

/** Sends raw bytes on a new connection and reads until the server closes it; never rejects. */
export function sendRaw(
  port: number,
  bytes: Buffer,
  hangMs: number,
  options: { readonly halfClose?: boolean } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let settled = false;
    const socket = connect(port, "127.0.0.1");
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      resolve({ kind: "hang" });
    }, hangMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on("close", () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const received = Buffer.concat(chunks);
      const parsed = parseRawAnswer(received);
      resolve(
        parsed.kind === "closed" && error !== undefined && received.length === 0
          ? { kind: "closed", error }
          : parsed,
      );
    });
    socket.write(bytes);
    if (options.halfClose) socket.end();
  });
}

// --- The voice oracle ------------------------------------------------------------------------

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
};

function json(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Why an answer is not a valid problem document (`undefined`: it is). */
export function problemFault(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  head: boolean,
): string | undefined {
  if (!header(headers, "content-type").startsWith("application/problem+json")) {
    return `not problem+json (${header(headers, "content-type") || "no Content-Type"})`;
  }
  if (head) return undefined;
  const doc = json(body) as Record<string, unknown> | undefined;
  if (doc === undefined || typeof doc !== "object" || doc === null)
    return "problem body is not JSON";
  const code = doc.code as keyof typeof simulatorErrorRegistry;
  const entry = simulatorErrorRegistry[code];
  if (entry === undefined) return `unknown problem code ${String(doc.code)}`;
  if (doc.status !== status || entry.status !== status) {
    return `problem status ${String(doc.status)} (registry ${entry.status}) on HTTP ${status}`;
  }
  if (doc.type !== `urn:dukcapil-sandbox:error:${code}` || doc.title !== entry.title) {
    return "problem type or title differ from the registry";
  }
  if (typeof doc.detail !== "string" || doc.detail === "") return "problem without detail";
  return undefined;
}

function upstreamFault(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  head: boolean,
): string | undefined {
  if (status !== 200) return `upstream answer with HTTP ${status}`;
  if (header(headers, "content-type") !== "application/json;charset=UTF-8") {
    return `upstream Content-Type ${header(headers, "content-type")}`;
  }
  if (header(headers, "x-sandbox-code") === "") return "no X-Sandbox-Code";
  if (head) return undefined;
  const doc = json(body) as { content?: unknown } | undefined;
  if (doc === undefined || !Array.isArray(doc.content)) return "not the upstream envelope";
  return undefined;
}

function dataBalikanFault(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  head: boolean,
): string | undefined {
  if (![200, 400, 401].includes(status)) return `data balikan answer with HTTP ${status}`;
  const type = header(headers, "content-type");
  if (!type.startsWith("application/json")) return `data balikan Content-Type ${type}`;
  if (head) return undefined;
  const doc = json(body) as { message?: unknown } | undefined;
  if (doc === undefined || typeof doc.message !== "string") return "not a data balikan message";
  return undefined;
}

function htmlFault(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  head: boolean,
): string | undefined {
  const type = header(headers, "content-type");
  if (status === 303 || status === 302) {
    return header(headers, "location") === "" ? "redirect without Location" : undefined;
  }
  if (type.startsWith("text/csv")) return status === 200 ? undefined : `CSV with HTTP ${status}`;
  if (!type.startsWith("text/html")) return `not HTML (${type || "no Content-Type"})`;
  if (!head && !body.subarray(0, 15).equals(Buffer.from("<!DOCTYPE html>"))) {
    return "HTML answer is not a document";
  }
  if (status >= 400) {
    const code = header(headers, "x-sandbox-error") as keyof typeof simulatorErrorRegistry;
    if (simulatorErrorRegistry[code] === undefined)
      return `HTML ${status} without a known X-Sandbox-Error`;
  }
  return undefined;
}

function sandboxFault(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  head: boolean,
): string | undefined {
  const type = header(headers, "content-type");
  if (status >= 400) return problemFault(status, headers, body, head);
  if (type.startsWith("text/csv")) return undefined;
  if (!type.startsWith("application/json"))
    return `sandbox answer ${status} is ${type || "no Content-Type"}`;
  if (!head && json(body) === undefined) return "sandbox answer is not JSON";
  return undefined;
}

/** Why an answer has the wrong voice for a case (`undefined`: right voice). */
export function voiceFault(
  voice: Voice,
  method: string,
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
): string | undefined {
  const head = method === "HEAD";
  switch (voice) {
    case "upstream":
      return upstreamFault(status, headers, body, head);
    case "data-balikan":
      return dataBalikanFault(status, headers, body, head);
    case "fault":
      return header(headers, "content-type").startsWith("text/plain")
        ? undefined
        : `fault answer is ${header(headers, "content-type")}`;
    case "problem":
      return problemFault(status, headers, body, head);
    case "sandbox":
      return sandboxFault(status, headers, body, head);
    case "html":
      return htmlFault(status, headers, body, head);
    case "imitated": {
      const type = header(headers, "content-type");
      if (type.startsWith("application/problem+json"))
        return problemFault(status, headers, body, head);
      if (type === "application/json;charset=UTF-8")
        return upstreamFault(status, headers, body, head);
      return dataBalikanFault(status, headers, body, head);
    }
  }
}

/** The stable code an answer carries (problem `code` or `X-Sandbox-Error`), if any. */
export function answerCode(headers: IncomingHttpHeaders, body: Buffer): string | undefined {
  const fromHeader = header(headers, "x-sandbox-error");
  if (fromHeader !== "") return fromHeader;
  if (!header(headers, "content-type").startsWith("application/problem+json")) return undefined;
  const doc = json(body) as { code?: unknown } | undefined;
  return typeof doc?.code === "string" ? doc.code : undefined;
}

/** Every check of one outcome against its case; `undefined` when all pass. */
export function checkOutcome(c: HttpCase | RawCase, outcome: Outcome): string | undefined {
  if (outcome.kind === "hang") return "no answer within the hang limit";
  const method = c.kind === "http" ? c.method : "";
  if (outcome.kind === "closed") {
    if (c.kind === "http" && c.mayClose) return undefined;
    return `connection closed without an answer (${outcome.error})`;
  }
  const { status, headers, body } = outcome;
  if (outcome.truncated && !(c.kind === "http" && c.mayClose)) return "answer cut short";
  const code = answerCode(headers, body);
  if (code === "DKS_SIM_INTERNAL") return "DKS_SIM_INTERNAL (an unexpected error)";
  if (status >= 500 && c.voice !== "fault") return `HTTP ${status}`;
  if (c.kind === "raw" && c.refused !== undefined) {
    if (!c.refused.includes(status))
      return `expected a refusal ${c.refused.join("/")}, got ${status}`;
    return problemFault(status, headers, body, false);
  }
  if (c.kind === "raw") {
    // Refused by the HTTP layer: a problem document; accepted: the voice of its path.
    return header(headers, "content-type").startsWith("application/problem+json")
      ? problemFault(status, headers, body, false)
      : voiceFault(c.voice, "GET", status, headers, body);
  }
  const wrong = voiceFault(c.voice, method, status, headers, body);
  if (wrong !== undefined) return wrong;
  if (c.anonymous === true && status < 300) return `HTTP ${status} without a session`;
  if (c.status !== undefined && !c.status.includes(status)) {
    return `HTTP ${status}, expected ${c.status.join("/")}`;
  }
  // A HEAD answer has no body to carry its problem code.
  if (
    c.codes !== undefined &&
    method !== "HEAD" &&
    (code === undefined || !c.codes.includes(code))
  ) {
    return `code ${code ?? "none"}, expected ${c.codes.join("/")}`;
  }
  return undefined;
}
