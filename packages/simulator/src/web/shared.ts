/**
 * What the simulator's server-rendered pages share (the operator portal `/portal` and the
 * admin console `/admin`): the no-store/CSP headers, HTML and redirect answers, cookies
 * scoped to one path, the constant-time CSRF comparison, url-encoded form reading and the
 * document renderer. See decisions/008-web-portal.md.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import { SimulatorError, type SimulatorErrorCode } from "../errors.js";
import { readBody } from "../http/body.js";

/** Renders a page to the HTML document sent to the browser. */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>${render(page)}`;
}

/** `'sha256-…'` of a stylesheet, for a Content-Security-Policy. */
export function styleHash(css: string): string {
  return `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
}

/** The Content-Security-Policy of a page with one inline stylesheet: no scripts, no frames, forms to self. */
export function pageCsp(css: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHash(css)}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/** Headers of every page answer: nothing kept by the browser or any cache, no framing, no script. */
export function setPageHeaders(res: ServerResponse, csp: string): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
  res.setHeader("Expires", "0");
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Length", String(Buffer.byteLength(html)));
  res.end(html);
}

/** A 303 See Other to `location`. */
export function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader("Location", location);
  res.setHeader("Content-Length", "0");
  res.end();
}

/**
 * A `Set-Cookie` value scoped to `path`: `HttpOnly`, the given SameSite, and `Secure`
 * when the request came over https.
 */
export function scopedCookie(
  name: string,
  value: string,
  options: {
    readonly path: string;
    readonly secure: boolean;
    readonly sameSite: "Strict" | "Lax";
    readonly maxAgeSeconds?: number;
  },
): string {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    "HttpOnly",
    `SameSite=${options.sameSite}`,
  ];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The cookies of a request (first value of each name; undecodable values skipped). */
export function readCookies(header: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed value is no session and no language.
    }
  }
  return cookies;
}

/** Whether a presented form token equals the session's, in constant time. */
export function tokensMatch(presented: unknown, expected: string): boolean {
  if (typeof presented !== "string" || presented === "") return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Reads an `application/x-www-form-urlencoded` body (what a browser's form sends);
 * another Content-Type throws `errorCode`.
 */
export async function readUrlEncodedForm(
  req: IncomingMessage,
  options: {
    readonly limitBytes: number;
    readonly timeoutMs: number;
    readonly errorCode: SimulatorErrorCode;
    readonly what: string;
  },
): Promise<URLSearchParams> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new SimulatorError(
      options.errorCode,
      `Failed to read the ${options.what} form: its Content-Type is ${JSON.stringify(type)}. Send application/x-www-form-urlencoded, as a browser does.`,
      { contentType: type },
    );
  }
  const text = await readBody(req, options.limitBytes, options.timeoutMs);
  return new URLSearchParams(text);
}
