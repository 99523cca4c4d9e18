// Shared fixtures of the admin console tests (not a test file itself).
import request from "supertest";
import type { RunningSimulator } from "../src/server.js";
import { ADMIN_TOKEN } from "./imitated-fixtures.js";
import { csrfOf, type PortalAgent, type PortalAnswer } from "./portal-fixtures.js";

export type ConsoleAgent = PortalAgent;
export type ConsoleAnswer = PortalAnswer;

/** Opens the sign-in page and posts the token. */
export async function consoleLogin(agent: ConsoleAgent, token: string): Promise<ConsoleAnswer> {
  const page = await agent.get("/admin/masuk");
  return agent
    .post("/admin/masuk")
    .type("form")
    .send({ _csrf: csrfOf(page.text), admin_token: token });
}

/** An agent signed in to the console (fails the test otherwise). */
export async function signedInConsole(sim: RunningSimulator): Promise<ConsoleAgent> {
  const agent = request.agent(sim.url);
  const answer = await consoleLogin(agent, ADMIN_TOKEN);
  if (answer.status !== 303 || answer.headers.location !== "/admin/instansi") {
    throw new Error(`console sign-in answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return agent;
}

/** GETs `page` for its CSRF token, then posts `fields` to `action` as a browser form. */
export async function submit(
  agent: ConsoleAgent,
  page: string,
  action: string,
  fields: Record<string, string | string[]>,
): Promise<ConsoleAnswer> {
  const shown = await agent.get(page);
  if (shown.status !== 200) throw new Error(`${page} answered ${shown.status}`);
  const body = new URLSearchParams();
  body.append("_csrf", csrfOf(shown.text));
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return agent.post(action).type("form").send(body.toString());
}

/** The secret shown once on a page (`<p class="secret">`), or `undefined`. */
export function secretOf(html: string): string | undefined {
  return /<p class="secret" id="rahasia">([^<]*)<\/p>/.exec(html)?.[1];
}

/** The officer fields of the Juknis as form fields. */
export function officerFields(officer: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(officer).map(([key, value]) => [`officer.${key}`, value]),
  );
}
