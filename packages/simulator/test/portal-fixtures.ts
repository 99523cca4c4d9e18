// Shared fixtures of the Web Portal tests (not a test file itself).
import request from "supertest";
import type { RunningSimulator } from "../src/server.js";
import type { Account } from "./imitated-fixtures.js";

/** A supertest agent with a cookie jar, against a running simulator. */
export type PortalAgent = ReturnType<typeof request.agent>;
/** A supertest answer. */
export type PortalAnswer = Awaited<ReturnType<PortalAgent["get"]>>;

export function portalAgent(sim: RunningSimulator): PortalAgent {
  return request.agent(sim.url);
}

/** The `_csrf` hidden field of a page (the first form's; every form of a session carries the same). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined)
    throw new Error(`no _csrf field in the page:\n${html.slice(0, 400)}`);
  return match[1];
}

/** Undoes the HTML escaping of text content. */
export function unescapeHtml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

/** The confirmation shown on a page: its code and exact text, or `undefined`. */
export function confirmationOf(html: string): { code: string; text: string } | undefined {
  const match = /<p class="confirmation" lang="id" data-code="(\d+)">([^<]*)<\/p>/.exec(html);
  if (match === null) return undefined;
  return { code: match[1] ?? "", text: unescapeHtml(match[2] ?? "") };
}

/** The element labels and values of a result record, in page order. */
export function recordOf(html: string): [string, string][] {
  return [...html.matchAll(/<div><dt>([^<]*)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((match) => [
    unescapeHtml(match[1] ?? ""),
    unescapeHtml(match[2] ?? ""),
  ]);
}

/** The `name=value` of a Set-Cookie header for a cookie name, with its attributes. */
export function setCookie(answer: PortalAnswer, name: string): string | undefined {
  const raw = answer.headers["set-cookie"] as unknown as string[] | string | undefined;
  const all = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return all.find((cookie) => cookie.startsWith(`${name}=`));
}

/** Opens the login page and posts the form. */
export async function login(
  agent: PortalAgent,
  userId: string,
  password: string,
): Promise<PortalAnswer> {
  const page = await agent.get("/portal/masuk");
  return agent
    .post("/portal/masuk")
    .type("form")
    .send({ _csrf: csrfOf(page.text), user_id: userId, password });
}

/** An agent logged in as the account (fails the test otherwise). */
export async function loggedIn(sim: RunningSimulator, account: Account): Promise<PortalAgent> {
  const agent = portalAgent(sim);
  const answer = await login(agent, account.userId, account.password);
  if (answer.status !== 303 || answer.headers.location !== "/portal/cari") {
    throw new Error(`login of ${account.userId} answered ${answer.status}: ${answer.text}`);
  }
  return agent;
}

/** Opens the search page and looks a NIK up with the page's form. */
export async function search(agent: PortalAgent, nik: string): Promise<PortalAnswer> {
  const page = await agent.get("/portal/cari");
  if (page.status !== 200) throw new Error(`search page answered ${page.status}`);
  return agent
    .post("/portal/cari")
    .type("form")
    .send({ _csrf: csrfOf(page.text), nik });
}
