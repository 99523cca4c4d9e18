import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
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

/**
 * The simulator error an error stands for: itself, or a client error Express raises (a path
 * whose percent-encoding is not UTF-8 fails to decode as a route parameter: no route can
 * match it); `undefined` for an unexpected error.
 */
export function knownError(error: unknown): SimulatorError | undefined {
  if (error instanceof SimulatorError) return error;
  if (error instanceof URIError && (error as URIError & { status?: unknown }).status === 400) {
    return new SimulatorError(
      "DKS_SIM_ROUTE_NOT_FOUND",
      `Failed to route the request: its path is not percent-encoded UTF-8 (${error.message}). Percent-encode the URL as UTF-8 (encodeURIComponent).`,
    );
  }
  return undefined;
}

/** The problem document for an error; unknown errors become DKS_SIM_INTERNAL without leaking internals. */
export function toProblem(error: unknown): ProblemDocument {
  const known =
    knownError(error) ??
    new SimulatorError(
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
  // A body not read to its end (refused early, too large, too slow) is not drained: this
  // answer is the connection's last, so its rest is never read as the next request.
  if ((res as ServerResponse & { req?: IncomingMessage }).req?.complete === false) {
    res.shouldKeepAlive = false;
  }
  res.writeHead(problem.status, {
    "content-type": "application/problem+json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}

/** How long a connection refused at the HTTP layer may stay half-open for its answer to be read. */
const CLIENT_ERROR_LINGER_MS = 2_000;

/**
 * A complete HTTP/1.1 problem+json answer as raw bytes, with `Connection: close`: for a
 * socket whose request never became a request (the HTTP parser refused it, or its headers
 * did not arrive in time).
 */
export function rawProblemResponse(error: SimulatorError): string {
  const body = JSON.stringify(toProblem(error));
  return [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? "Error"}`,
    "Content-Type: application/problem+json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Cache-Control: no-store",
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** The simulator's answer to an error Node's HTTP layer raised before (or instead of) a request. */
export function clientErrorProblem(error: Error & { code?: string }): SimulatorError {
  const parserCode = typeof error.code === "string" ? error.code : "UNKNOWN";
  switch (parserCode) {
    case "HPE_HEADER_OVERFLOW":
      return new SimulatorError(
        "DKS_SIM_HEADERS_TOO_LARGE",
        "Failed to read the request: its request line and headers are larger than 16 KiB. Send fewer or smaller headers.",
        { parserCode },
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new SimulatorError(
        "DKS_SIM_REQUEST_TIMEOUT",
        "Failed to read the request: it did not arrive in time (headers within requestTimeoutMs, the body within requestTimeoutMs more). Send the whole request at once.",
        { parserCode },
      );
    default:
      return new SimulatorError(
        "DKS_SIM_HTTP_MALFORMED",
        `Failed to read the request: the HTTP parser refused it (${parserCode}${"reason" in error && typeof error.reason === "string" ? `: ${error.reason}` : ""}). Send a valid HTTP/1.1 request.`,
        { parserCode },
      );
  }
}

/**
 * The server's `clientError` listener: answers what Node's HTTP layer refused (malformed
 * request, headers too large, request timeout) with a problem+json document instead of
 * Node's bare status line, then ends the connection (destroyed after a short linger, so the
 * answer is not lost to a reset while the client is still sending).
 *
 * Like Node's own handler it writes nothing when an answer is already under way on the
 * socket. Unlike it, a request timeout on a connection whose request was already answered
 * (its announced body never came) closes silently instead of sending a second, unsolicited
 * response.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // `_httpMessage` is the response in flight on the socket; Node's default handler checks it too.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  const answered = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
  // The request the parser is reading: an answered request whose announced body is still
  // awaited (incomplete). None (null) while it waits for the headers of the next request on
  // a keep-alive connection, whose slowness deserves its 408 like a first request's.
  const reading = (socket as Duplex & { parser?: { incoming?: IncomingMessage | null } | null })
    .parser?.incoming;
  const code = error.code ?? "";
  const timeout = code === "ERR_HTTP_REQUEST_TIMEOUT";
  // A socket error (ECONNRESET, EPIPE, …) has nobody left to answer.
  if (!timeout && !code.startsWith("HPE_")) {
    socket.destroy();
    return;
  }
  // Answered already: the parser reports each further chunk again; the linger timer ends it.
  if (socket.writableEnded) return;
  if (
    !socket.writable ||
    inFlight?.headersSent === true ||
    (timeout && inFlight == null && answered > 0 && reading?.complete === false)
  ) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(clientErrorProblem(error)));
  const timer = setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
}
