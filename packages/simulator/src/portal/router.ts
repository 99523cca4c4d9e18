/**
 * The operator Web Portal (`/portal`, Juknis II.C): login, NIK search and logout,
 * server-rendered, no client script. Every lookup goes through the request engine
 * (`engine.portalLookup`): the same check order, quota, journal, pattern rules, clock and
 * faults as the API. This module adds only what a browser needs: sessions in the SQLite
 * state, a CSRF token per session, the login lockout and pages that leave nothing behind
 * (`Cache-Control: no-store`, results only as the answer to a POST).
 * See decisions/008-web-portal.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { jakartaDay } from "@dukcapil-sandbox/core";
import { type NextFunction, type Request, type Response, Router } from "express";
import { decideFault } from "../controls/faults.js";
import { normaliseAddress } from "../engine/access.js";
import { outcomeFreeRow } from "../engine/journal-rows.js";
import { SimulatorError, type SimulatorErrorCode } from "../errors.js";
import { knownError } from "../http/problem.js";
import { writePaced } from "../http/transport.js";
import type { SimulatorRuntime } from "../runtime.js";
import type { Institution, PortalSession, UserAccount } from "../state/types.js";
import {
  readCookies,
  readUrlEncodedForm,
  redirect,
  scopedCookie,
  sendHtml,
  setPageHeaders as setSharedPageHeaders,
  tokensMatch,
} from "../web/shared.js";
import { mountDataBalikanRoutes } from "./data-balikan-router.js";
import { PORTAL_CSP } from "./styles.js";
import { isPortalLanguage, PORTAL_TEXTS, type PortalLanguage } from "./texts.js";
import {
  confirmationOf,
  errorPageHtml,
  type LoginPageProps,
  loginPageHtml,
  PORTAL_PATHS,
  type PortalAccountView,
  searchPageHtml,
} from "./views.js";

/** The portal's cookies: the session id (HttpOnly, SameSite=Strict) and the language. */
export const PORTAL_COOKIES = Object.freeze({
  session: "dks_portal_sid",
  language: "dks_portal_lang",
});

/** The largest form body the portal reads. */
const FORM_LIMIT_BYTES = 16 * 1024;
const LANGUAGE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * A `Set-Cookie` value scoped to the portal: `Path=/portal`, `HttpOnly`, the given
 * SameSite, and `Secure` when the request came over https.
 */
export function portalCookie(
  name: string,
  value: string,
  options: {
    readonly secure: boolean;
    readonly sameSite: "Strict" | "Lax";
    readonly maxAgeSeconds?: number;
  },
): string {
  return scopedCookie(name, value, { ...options, path: "/portal" });
}

export { readCookies, tokensMatch };

const setPageHeaders = (res: ServerResponse) => setSharedPageHeaders(res, PORTAL_CSP);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A session found by its cookie. */
interface SessionRef {
  readonly id: string;
  readonly session: PortalSession;
}

/** The logged-in operator of a request. */
interface Operator extends SessionRef {
  readonly user: UserAccount;
  readonly institution: Institution;
  readonly account: PortalAccountView;
}

/**
 * Creates the portal's Express router (mount it at `/portal`).
 *
 * @example
 * ```ts
 * import express from "express";
 * import { createSimulatorRuntime } from "@dukcapil-sandbox/simulator";
 * import { createPortalRouter } from "./portal/router.js";
 * const runtime = await createSimulatorRuntime({ population: 10_000 });
 * express().use("/portal", createPortalRouter(runtime));
 * ```
 * @internal
 */
export function createPortalRouter(runtime: SimulatorRuntime): Router {
  const { store, clock, deps, engine, faults } = runtime;
  const router = Router();
  let inFlight = 0;

  const languageOf = (req: Request): PortalLanguage => {
    const asked = req.query.lang;
    if (isPortalLanguage(asked)) return asked;
    const remembered = readCookies(req.headers.cookie).get(PORTAL_COOKIES.language);
    return isPortalLanguage(remembered) ? remembered : "id";
  };

  /** The page's language; `?lang=` also remembers the choice in a cookie. */
  const negotiateLanguage = (req: Request, res: Response): PortalLanguage => {
    const lang = languageOf(req);
    if (isPortalLanguage(req.query.lang)) {
      res.append(
        "Set-Cookie",
        portalCookie(PORTAL_COOKIES.language, lang, {
          secure: req.secure,
          sameSite: "Lax",
          maxAgeSeconds: LANGUAGE_COOKIE_MAX_AGE_S,
        }),
      );
    }
    return lang;
  };

  const setSessionCookie = (req: Request, res: Response, id: string) => {
    res.append(
      "Set-Cookie",
      portalCookie(PORTAL_COOKIES.session, id, { secure: req.secure, sameSite: "Strict" }),
    );
  };

  const sessionOf = (req: Request): SessionRef | undefined => {
    const id = readCookies(req.headers.cookie).get(PORTAL_COOKIES.session);
    if (id === undefined) return undefined;
    const session = store.portal.session(id);
    return session === undefined ? undefined : { id, session };
  };

  const operatorOf = (ref: SessionRef | undefined): Operator | undefined => {
    if (ref === undefined || ref.session.userId === null) return undefined;
    const user = store.users.get(ref.session.userId);
    const institution = user === undefined ? undefined : store.institutions.get(user.institutionId);
    if (user === undefined || institution === undefined) {
      store.portal.closeSession(ref.id);
      return undefined;
    }
    return {
      ...ref,
      user,
      institution,
      account: {
        fullName: user.officer.fullName,
        userId: user.userId,
        institutionName: institution.name,
        csrfToken: ref.session.csrfToken,
      },
    };
  };

  /** The anonymous session of the login form: the request's own, or a new one (cookie set). */
  const loginSession = (req: Request, res: Response, current: SessionRef | undefined) => {
    if (current !== undefined) return current;
    const opened = store.portal.openSession(null);
    setSessionCookie(req, res, opened.id);
    return opened;
  };

  const quotaView = async (
    user: UserAccount,
    institution: Institution,
    hitsLeft: number | null = null,
  ): Promise<{ hitsLeft: number | null; dailyLimit: number | null }> => {
    const limit = deps.dailyLimit(user, institution);
    if (limit === null) return { hitsLeft: null, dailyLimit: null };
    const left =
      hitsLeft ?? Math.max(0, limit - (await deps.hitsUsed(user.userId, jakartaDay(clock.now()))));
    return { hitsLeft: left, dailyLimit: limit };
  };

  const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
    readUrlEncodedForm(req, {
      limitBytes: FORM_LIMIT_BYTES,
      timeoutMs: runtime.config.requestTimeoutMs,
      errorCode: "DKS_SIM_PORTAL_FORM_INVALID",
      what: "portal",
    });

  const sendLogin = (
    res: Response,
    status: number,
    props: LoginPageProps,
    headers: Readonly<Record<string, string>> = {},
  ) => sendHtml(res, status, loginPageHtml(props), headers);

  router.use((_req: Request, res: Response, next: NextFunction) => {
    setPageHeaders(res);
    next();
  });

  router.get("/", (req: Request, res: Response) => {
    redirect(
      res,
      operatorOf(sessionOf(req)) === undefined ? PORTAL_PATHS.login : PORTAL_PATHS.search,
    );
  });

  router.get("/masuk", (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const t = PORTAL_TEXTS[lang];
    const current = sessionOf(req);
    if (operatorOf(current) !== undefined) {
      redirect(res, PORTAL_PATHS.search);
      return;
    }
    const anonymous = loginSession(req, res, current);
    const notice =
      req.query.keluar === "1"
        ? t.loggedOut
        : req.query.sesi === "berakhir"
          ? t.sessionEnded
          : undefined;
    sendLogin(res, 200, { lang, csrfToken: anonymous.session.csrfToken, notice });
  });

  /**
   * The logins of one user ID run one at a time, from the lock check to the recorded
   * failure: the password check awaits scrypt on the thread pool, and guesses sent in
   * parallel must not all pass the lock check before the first failure is counted. An entry
   * lives only while a login of its user ID is in flight.
   */
  const loginTurns = new Map<string, Promise<void>>();
  const loginTurn = async (userId: string): Promise<() => void> => {
    const previous = loginTurns.get(userId);
    let release = () => {};
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous === undefined ? turn : previous.then(() => turn);
    loginTurns.set(userId, tail);
    await previous;
    return () => {
      release();
      if (loginTurns.get(userId) === tail) loginTurns.delete(userId);
    };
  };

  router.post("/masuk", async (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const t = PORTAL_TEXTS[lang];
    const form = await readForm(req);
    const userId = (form.get("user_id") ?? "").trim();
    const password = form.get("password") ?? "";
    const current = sessionOf(req);
    if (current === undefined || !tokensMatch(form.get("_csrf"), current.session.csrfToken)) {
      const session = loginSession(req, res, current);
      sendLogin(
        res,
        403,
        {
          lang,
          csrfToken: session.session.csrfToken,
          userId,
          refusal: { messages: [t.csrfRefused], errorCode: "DKS_SIM_PORTAL_CSRF_INVALID" },
        },
        { "X-Sandbox-Error": "DKS_SIM_PORTAL_CSRF_INVALID" },
      );
      return;
    }
    const csrfToken = current.session.csrfToken;
    const remoteAddress = normaliseAddress(req.socket.remoteAddress);

    const release = userId === "" ? () => {} : await loginTurn(userId);
    try {
      // The lockout comes first: a locked user ID is refused without checking its password.
      const lock = userId === "" ? undefined : store.portal.lockState(userId);
      if (lock !== undefined && lock.lockedUntil !== null) {
        const now = clock.now();
        const until = t.wibTime(lock.lockedUntil);
        deps.appendJournal({
          ...outcomeFreeRow({
            at: now,
            remoteAddress,
            httpMethod: "POST",
            path: PORTAL_PATHS.login,
            httpStatus: 429,
            note: `portal login refused: user ID locked until ${new Date(lock.lockedUntil).toISOString()} after ${lock.failures} failed logins`,
            latencyMs: 0,
            endpoint: "portal",
            institutionId: store.users.get(userId)?.institutionId ?? null,
          }),
          userId,
        });
        sendLogin(
          res,
          429,
          {
            lang,
            csrfToken,
            userId,
            refusal: { messages: [t.locked(until)], errorCode: "DKS_SIM_PORTAL_LOCKED" },
          },
          {
            "X-Sandbox-Error": "DKS_SIM_PORTAL_LOCKED",
            "Retry-After": String(Math.max(1, Math.ceil((lock.lockedUntil - now) / 1000))),
          },
        );
        return;
      }

      const result = await engine.portalLogin({
        userId,
        password,
        remoteAddress,
        path: PORTAL_PATHS.login,
      });
      if (!result.ok) {
        const messages: string[] = [];
        if (result.code === "03") {
          const after = store.portal.recordLoginFailure(userId);
          messages.push(
            after.lockedUntil === null
              ? t.attemptsLeft(after.attemptsLeft)
              : t.locked(t.wibTime(after.lockedUntil)),
          );
        }
        sendLogin(
          res,
          200,
          {
            lang,
            csrfToken,
            userId,
            refusal: { confirmation: confirmationOf(result.code, lang), messages },
          },
          { "X-Sandbox-Code": result.code, "X-Sandbox-Journal-Id": String(result.journalId) },
        );
        return;
      }
      // A new session id at login (no fixation); the anonymous one ends.
      store.portal.closeSession(current.id);
      store.portal.clearLoginFailures(result.user.userId);
      const opened = store.portal.openSession(result.user.userId);
      setSessionCookie(req, res, opened.id);
      redirect(res, PORTAL_PATHS.search);
    } finally {
      release();
    }
  });

  router.get("/cari", async (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const operator = operatorOf(sessionOf(req));
    if (operator === undefined) {
      redirect(res, PORTAL_PATHS.login);
      return;
    }
    const quota = await quotaView(operator.user, operator.institution);
    sendHtml(res, 200, searchPageHtml({ lang, account: operator.account, ...quota }));
  });

  router.post("/cari", async (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const t = PORTAL_TEXTS[lang];
    const form = await readForm(req);
    const operator = operatorOf(sessionOf(req));
    if (operator === undefined) {
      redirect(res, `${PORTAL_PATHS.login}?sesi=berakhir`);
      return;
    }
    const { user, institution, account } = operator;
    if (!tokensMatch(form.get("_csrf"), operator.session.csrfToken)) {
      const quota = await quotaView(user, institution);
      sendHtml(
        res,
        403,
        searchPageHtml({
          lang,
          account,
          ...quota,
          refusal: { message: t.csrfRefused, errorCode: "DKS_SIM_PORTAL_CSRF_INVALID" },
        }),
        { "X-Sandbox-Error": "DKS_SIM_PORTAL_CSRF_INVALID" },
      );
      return;
    }

    // The faults in force (global, then the institution's), decided by the same function
    // as for the API; the portal has no Prefer header.
    inFlight++;
    try {
      const now = clock.now();
      const remoteAddress = normaliseAddress(req.socket.remoteAddress);
      const action = decideFault([faults.global(), faults.forInstitution(institution.id)], {
        now,
        inFlight,
        random: Math.random,
      });
      const journalFault = (status: number, note: string) =>
        deps.appendJournal(
          outcomeFreeRow({
            at: now,
            remoteAddress,
            httpMethod: "POST",
            path: PORTAL_PATHS.search,
            httpStatus: status,
            note,
            latencyMs: 0,
            endpoint: "portal",
            institutionId: institution.id,
          }),
        );
      if (action.kind === "no-answer") {
        journalFault(0, "fault: no answer");
        return; // the connection stays open until the browser gives up or the server closes
      }
      if (action.kind === "reset") {
        journalFault(0, "fault: connection reset");
        if (action.delayMs > 0) await sleep(action.delayMs);
        req.socket.destroy();
        return;
      }
      if (action.kind === "error") {
        const journalId = journalFault(action.status, `fault: HTTP ${action.status}`);
        if (action.delayMs > 0) await sleep(action.delayMs);
        const quota = await quotaView(user, institution);
        sendHtml(
          res,
          action.status,
          searchPageHtml({
            lang,
            account,
            ...quota,
            refusal: { message: t.unavailable(action.status), detail: action.body },
          }),
          { "X-Sandbox-Journal-Id": String(journalId) },
        );
        return;
      }

      const nik = (form.get("nik") ?? "").trim();
      const result = await engine.portalLookup({
        userId: user.userId,
        nik,
        remoteAddress,
        path: PORTAL_PATHS.search,
      });
      const warn = institution.patternPolicy !== "record" && result.findings.length > 0;
      const quota = await quotaView(user, institution, result.hitsLeft);
      const html = searchPageHtml({
        lang,
        account,
        ...quota,
        result: {
          nik,
          confirmation: confirmationOf(result.code, lang),
          record: result.record,
          findings: warn ? result.findings : [],
        },
      });
      const headers: Record<string, string> = {
        "X-Sandbox-Code": result.code,
        "X-Sandbox-Journal-Id": String(result.journalId),
      };
      if (warn) headers["X-Sandbox-Pattern"] = result.findings.map((f) => f.code).join(", ");
      if (action.delayMs > 0) await sleep(action.delayMs);
      if (action.bandwidthKbps === undefined) {
        sendHtml(res, 200, html, headers);
        return;
      }
      res.writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8" });
      await writePaced(res, html, action.bandwidthKbps);
    } finally {
      inFlight--;
    }
  });

  router.post("/keluar", async (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const form = await readForm(req);
    const current = sessionOf(req);
    if (current === undefined) {
      redirect(res, PORTAL_PATHS.login);
      return;
    }
    if (!tokensMatch(form.get("_csrf"), current.session.csrfToken)) {
      sendHtml(
        res,
        403,
        errorPageHtml({
          lang,
          message: PORTAL_TEXTS[lang].csrfRefused,
          errorCode: "DKS_SIM_PORTAL_CSRF_INVALID",
        }),
        { "X-Sandbox-Error": "DKS_SIM_PORTAL_CSRF_INVALID" },
      );
      return;
    }
    store.portal.closeSession(current.id);
    res.append(
      "Set-Cookie",
      portalCookie(PORTAL_COOKIES.session, "", {
        secure: req.secure,
        sameSite: "Strict",
        maxAgeSeconds: 0,
      }),
    );
    // Evicts anything of this origin the browser may still hold (back/forward cache included).
    res.setHeader("Clear-Site-Data", '"cache"');
    redirect(res, `${PORTAL_PATHS.login}?keluar=1`);
  });

  // Data balikan by online form and CSV/Excel upload (Juknis 3.d): ./data-balikan-router.ts.
  mountDataBalikanRoutes(router, {
    runtime,
    negotiateLanguage,
    operator: (req) => {
      const operator = operatorOf(sessionOf(req));
      return operator === undefined
        ? undefined
        : { ...operator, csrfToken: operator.session.csrfToken };
    },
    readForm,
  });

  router.use((req: Request, _res: Response, next: NextFunction) => {
    next(
      new SimulatorError(
        "DKS_SIM_ROUTE_NOT_FOUND",
        `Failed to route ${req.method} /portal${req.path}: the portal has GET /portal/masuk, POST /portal/masuk, GET and POST /portal/cari, POST /portal/keluar, GET and POST /portal/data-balikan and /portal/data-balikan/unggah, and GET /portal/data-balikan/templat.csv.`,
      ),
    );
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const lang = languageOf(req);
    const t = PORTAL_TEXTS[lang];
    const known = knownError(error);
    const code: SimulatorErrorCode = known?.code ?? "DKS_SIM_INTERNAL";
    const status = known?.status ?? 500;
    const message =
      code === "DKS_SIM_ROUTE_NOT_FOUND"
        ? t.notFound
        : code === "DKS_SIM_PORTAL_FORM_INVALID" ||
            code === "DKS_SIM_BODY_TOO_LARGE" ||
            code === "DKS_SIM_REQUEST_TIMEOUT"
          ? t.formInvalid
          : t.internalError;
    sendHtml(res, status, errorPageHtml({ lang, message, errorCode: code }), {
      "X-Sandbox-Error": code,
    });
  });

  return router;
}
