import type { IncomingMessage, ServerResponse } from "node:http";
import { SimulatorError } from "../errors.js";

/**
 * Marks the answer to a request whose body is refused unread (too large, too slow) as the
 * last on its connection (`Connection: close`): the rest of the body is then neither
 * drained nor read as the next request. `req.res` is set by Express; the imitated
 * transport answers through `sendProblem`, which checks `res.req.complete` itself.
 */
export function closeAfterAnswer(req: IncomingMessage): void {
  const res = (req as IncomingMessage & { res?: ServerResponse }).res;
  if (res !== undefined && !res.headersSent) res.shouldKeepAlive = false;
}

/** Reads a request body up to a limit; rejects with a SimulatorError on overflow or timeout. */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      closeAfterAnswer(req);
      reject(
        new SimulatorError(
          "DKS_SIM_REQUEST_TIMEOUT",
          `Failed to read the request body: it did not arrive within ${timeoutMs} ms. Send the whole body at once.`,
        ),
      );
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        closeAfterAnswer(req);
        reject(
          new SimulatorError(
            "DKS_SIM_BODY_TOO_LARGE",
            `Failed to read the request body: it is larger than ${maxBytes} bytes. Send a smaller body.`,
            { maxBytes },
          ),
        );
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString("utf8"));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/**
 * Reads a JSON body of the simulator's own API (admin, sandbox controls). An empty body
 * reads as `{}`; anything else that is not JSON is DKS_SIM_BODY_UNPARSEABLE.
 */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs = 30_000,
): Promise<unknown> {
  const text = await readBody(req, maxBytes, timeoutMs);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SimulatorError(
      "DKS_SIM_BODY_UNPARSEABLE",
      `Failed to read the request body: it is not JSON (${(error as Error).message}). Send a JSON object.`,
    );
  }
}
