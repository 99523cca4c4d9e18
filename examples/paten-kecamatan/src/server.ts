// The desk's web server (node:http, no framework): GET /, POST /cek, POST /akhir-hari.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { maskNikRuns, parseJsonLossless } from "@dukcapil-sandbox/core";
import { createDesk, type Desk, type DeskOptions } from "./desk.js";
import {
  type Rendered,
  renderAnswer,
  renderEndOfDay,
  renderHome,
  renderProblem,
} from "./render.js";

/** Larger request bodies are refused (a NIK form is a few dozen bytes). */
const MAX_BODY_BYTES = 16 * 1024;

/** Options of {@link startPatenServer}: the desk's, and where to listen. */
export type PatenServerOptions = DeskOptions & {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default `0` (a free port). */
  readonly port?: number;
};

/** A running desk server. */
export interface PatenServer {
  /** `http://host:port` */
  readonly url: string;
  readonly desk: Desk;
  close(): Promise<void>;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop keeping the body (drain the rest) and answer 413.
        req.removeAllListeners("data");
        req.resume();
        reject(new BadRequest(413, "Isi permintaan terlalu besar."));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * The NIK of a `POST /cek`: a form field, or `{"nik": …}` in JSON. JSON is read with core's
 * lossless reader, so a NIK sent as a bare number above 2^53 keeps every digit.
 */
function nikFromBody(contentType: string, text: string): string {
  if (contentType.includes("application/json")) {
    let body: unknown;
    try {
      body = parseJsonLossless(text);
    } catch {
      throw new BadRequest(400, 'Isi permintaan bukan JSON yang valid. Kirim {"nik": "…"}.');
    }
    const value =
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? ((body as Record<string, unknown>).nik ?? (body as Record<string, unknown>).NIK)
        : undefined;
    if (typeof value === "string") return value;
    if (typeof value === "bigint" || typeof value === "number") return String(value);
    return "";
  }
  return new URLSearchParams(text).get("nik") ?? "";
}

/** JSON when the client asks for it and not for HTML; HTML otherwise. */
function wantsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

function send(res: ServerResponse, rendered: Rendered): void {
  res.writeHead(rendered.status, {
    "content-type": rendered.contentType,
    // Person data must not be kept by the browser or a proxy either.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(rendered.body);
}

/** Starts the desk's web server (by default on 127.0.0.1 and a free port). */
export async function startPatenServer(options: PatenServerOptions): Promise<PatenServer> {
  const { host = "127.0.0.1", port = 0, ...deskOptions } = options;
  const desk = createDesk(deskOptions);
  const log = deskOptions.log ?? (() => undefined);
  const attribution = desk.attribution;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = wantsJson(req);
    const path = new URL(req.url ?? "/", "http://desk").pathname;
    try {
      if (path === "/") {
        if (req.method !== "GET" && req.method !== "HEAD") {
          throw new BadRequest(405, "Halaman ini hanya dapat dibuka (GET).");
        }
        return send(res, renderHome(attribution));
      }
      if (path === "/cek") {
        if (req.method !== "POST") throw new BadRequest(405, "Kirim NIK dengan formulir (POST).");
        const typed = nikFromBody(req.headers["content-type"] ?? "", await readBody(req));
        return send(res, renderAnswer(await desk.lookup(typed), attribution, json));
      }
      if (path === "/akhir-hari") {
        if (req.method !== "POST") throw new BadRequest(405, "Tutup layanan dengan tombol (POST).");
        await readBody(req);
        return send(res, renderEndOfDay(await desk.endOfDay(), attribution, json));
      }
      throw new BadRequest(404, "Halaman tidak ditemukan.");
    } catch (error) {
      if (error instanceof BadRequest) {
        return send(res, renderProblem(error.status, error.message, attribution, json));
      }
      // An unexpected failure: the message may quote input, so it is masked before logging.
      log(`internal error on ${req.method} ${path}: ${maskNikRuns(String(error))}`);
      return send(
        res,
        renderProblem(500, "Terjadi kesalahan pada aplikasi. Silakan ulangi.", attribution, json),
      );
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${hostText}:${address.port}`,
    desk,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
