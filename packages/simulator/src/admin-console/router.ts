/**
 * The admin console (`/admin`) for Disdukcapil staff: server-rendered pages over the SAME
 * repositories and zod schemas as the admin API (`/sandbox/admin`) and the sandbox
 * controls (`/sandbox/clock`, `/sandbox/faults`, `/sandbox/journal`). This module adds
 * only what a browser needs: its own sign-in with the admin token, sessions in the SQLite
 * state (`admin_sessions`), a CSRF token per session, a lockout per connecting address and
 * pages that leave nothing behind (`Cache-Control: no-store`).
 * See decisions/008-web-portal.md ("Admin console").
 */
import type { IncomingMessage } from "node:http";
import { semesterOf } from "@dukcapil-sandbox/core";
import { type NextFunction, type Request, type Response, Router } from "express";
import type { z } from "zod";
import { faultPlanSchema } from "../controls/faults.js";
import { normaliseAddress } from "../engine/access.js";
import { SimulatorError, type SimulatorErrorCode } from "../errors.js";
import { usageQuerySchema } from "../http/admin.js";
import { knownError } from "../http/problem.js";
import {
  applyClockChange,
  clockChangeSchema,
  journalFilterOf,
  journalQuerySchema,
} from "../http/sandbox.js";
import type { SimulatorRuntime } from "../runtime.js";
import {
  institutionCreateSchema,
  institutionPatchSchema,
  onboardingDataSchema,
  passwordChangeSchema,
  tokenIssueSchema,
  tokenRevokeSchema,
  tokenRotateSchema,
  userCreateSchema,
  userPatchSchema,
} from "../state/schemas.js";
import type { PortalSession, UserAccount } from "../state/types.js";
import { usageReportCsv } from "../state/usage.js";
import { effectiveDailyQuota } from "../state/users.js";
import {
  readCookies,
  readUrlEncodedForm,
  redirect,
  scopedCookie,
  sendHtml,
  setPageHeaders,
  tokensMatch,
} from "../web/shared.js";
import {
  faultPlanInput,
  fieldErrors,
  formValues,
  institutionInput,
  num,
  onboardingInput,
  text,
  tokenIssueInput,
  userInput,
} from "./forms.js";
import { ADMIN_CSP } from "./styles.js";
import { type ConsoleLanguage, consoleText, isConsoleLanguage, textsFor } from "./texts.js";
import {
  ADMIN_PATHS,
  type ConsolePage,
  controlsPageHtml,
  dataBalikanPageHtml,
  errorPageHtml,
  type FieldErrors,
  type Flash,
  institutionFormValues,
  institutionPageHtml,
  institutionsPageHtml,
  journalPageHtml,
  loginPageHtml,
  newInstitutionPageHtml,
  newTicketPageHtml,
  type OnboardingFormValues,
  onboardingPageHtml,
  reportPageHtml,
  type ShownOnce,
  ticketPageHtml,
  userFormValues,
  userPageHtml,
  wib,
} from "./views.js";

/** The console's cookies: the session id (HttpOnly, SameSite=Strict, Path=/admin) and the language. */
export const ADMIN_CONSOLE_COOKIES = Object.freeze({
  session: "dks_admin_sid",
  language: "dks_admin_lang",
});

/** The `userId` of a signed-in admin session (an anonymous one holds `null`). */
const ADMIN_SESSION_USER = "admin";
const FORM_LIMIT_BYTES = 64 * 1024;
const LANGUAGE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const JOURNAL_PAGE = 50;

const SUCCESS = { saved: "saved", created: "created" } as const;

interface SessionRef {
  readonly id: string;
  readonly session: PortalSession;
}

/**
 * Creates the admin console's Express router (mount it at `/admin`).
 *
 * @internal
 */
export function createAdminConsoleRouter(runtime: SimulatorRuntime): Router {
  const { store, clock, faults } = runtime;
  const router = Router();

  const languageOf = (req: Request): ConsoleLanguage => {
    const asked = req.query.lang;
    if (isConsoleLanguage(asked)) return asked;
    const remembered = readCookies(req.headers.cookie).get(ADMIN_CONSOLE_COOKIES.language);
    return isConsoleLanguage(remembered) ? remembered : "id";
  };

  const negotiateLanguage = (req: Request, res: Response): ConsoleLanguage => {
    const lang = languageOf(req);
    if (isConsoleLanguage(req.query.lang)) {
      res.append(
        "Set-Cookie",
        scopedCookie(ADMIN_CONSOLE_COOKIES.language, lang, {
          path: "/admin",
          secure: req.secure,
          sameSite: "Lax",
          maxAgeSeconds: LANGUAGE_COOKIE_MAX_AGE_S,
        }),
      );
    }
    return lang;
  };

  const setSessionCookie = (req: Request, res: Response, id: string, maxAgeSeconds?: number) => {
    res.append(
      "Set-Cookie",
      scopedCookie(ADMIN_CONSOLE_COOKIES.session, id, {
        path: "/admin",
        secure: req.secure,
        sameSite: "Strict",
        ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
      }),
    );
  };

  const sessionOf = (req: Request): SessionRef | undefined => {
    const id = readCookies(req.headers.cookie).get(ADMIN_CONSOLE_COOKIES.session);
    if (id === undefined) return undefined;
    const session = store.adminConsole.session(id);
    return session === undefined ? undefined : { id, session };
  };

  const signedIn = (ref: SessionRef | undefined): ref is SessionRef =>
    ref !== undefined && ref.session.userId === ADMIN_SESSION_USER;

  const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
    readUrlEncodedForm(req, {
      limitBytes: FORM_LIMIT_BYTES,
      timeoutMs: runtime.config.requestTimeoutMs,
      errorCode: "DKS_SIM_ADMIN_CONSOLE_FORM_INVALID",
      what: "admin console",
    });

  const flashOf = (req: Request, lang: ConsoleLanguage): Flash | undefined => {
    const ok = req.query.ok;
    if (ok === SUCCESS.saved) return { kind: "notice", text: consoleText(lang, "saved") };
    if (ok === SUCCESS.created) return { kind: "notice", text: consoleText(lang, "created") };
    return undefined;
  };

  /** A page context for a signed-in request. */
  interface Ctx extends ConsolePage {
    readonly req: Request;
    readonly res: Response;
    readonly form: URLSearchParams | undefined;
  }

  const html = (ctx: Ctx, status: number, body: string, code?: SimulatorErrorCode) =>
    sendHtml(ctx.res, status, body, code === undefined ? {} : { "X-Sandbox-Error": code });

  /** A store error as a flash message with its stable code. */
  const errorFlash = (error: unknown): Flash => {
    if (error instanceof SimulatorError) {
      return { kind: "error", text: error.message, code: error.code };
    }
    throw error;
  };

  /** Draws a form again after a refusal: the status, the field errors, the store's flash. */
  type Again = (status: number, errors?: FieldErrors, flash?: Flash) => void;

  /** The `X-Sandbox-Error` of a form drawn again: validation where fields are named, else the flash's code. */
  const againCode = (errors: FieldErrors | undefined, flash: Flash | undefined) =>
    errors === undefined ? (flash?.code as SimulatorErrorCode) : "DKS_SIM_VALIDATION";

  /**
   * Runs `run` on a parsed form; a schema refusal (400) or a store refusal (its status,
   * its field errors and flash) draws the form again through `again`.
   */
  const submit = <T>(parsed: z.ZodSafeParseResult<T>, again: Again, run: (data: T) => void) => {
    if (!parsed.success) {
      again(400, fieldErrors(parsed.error));
      return;
    }
    try {
      run(parsed.data);
    } catch (error) {
      const flash = errorFlash(error);
      again((error as SimulatorError).status, storeFieldErrors(error), flash);
    }
  };

  /** Field errors of a `DKS_SIM_VALIDATION` thrown by a repository (its `issues`). */
  const storeFieldErrors = (error: unknown): FieldErrors | undefined => {
    if (!(error instanceof SimulatorError) || error.code !== "DKS_SIM_VALIDATION") return undefined;
    const issues = error.details.issues as
      | readonly { path: string; code: string; message: string }[]
      | undefined;
    if (issues === undefined) return undefined;
    const errors: Record<string, { code: string; message: string }[]> = {};
    for (const issue of issues) {
      const list = errors[issue.path] ?? [];
      list.push(issue);
      errors[issue.path] = list;
    }
    return errors;
  };

  type Page = (ctx: Ctx) => Promise<void> | void;

  /** A GET page: signed in, or to the sign-in page. */
  const page =
    (fn: Page) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const lang = negotiateLanguage(req, res);
        const ref = sessionOf(req);
        if (!signedIn(ref)) {
          redirect(res, ADMIN_PATHS.login);
          return;
        }
        await fn({
          req,
          res,
          lang,
          csrfToken: ref.session.csrfToken,
          path: pathWithQuery(req),
          flash: flashOf(req, lang),
          form: undefined,
        });
      } catch (error) {
        next(error);
      }
    };

  /** A form POST: signed in, the form's CSRF token checked before anything else. */
  const action =
    (fn: (ctx: Ctx & { readonly form: URLSearchParams }) => Promise<void> | void) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const lang = negotiateLanguage(req, res);
        const form = await readForm(req);
        const ref = sessionOf(req);
        if (!signedIn(ref)) {
          redirect(res, `${ADMIN_PATHS.login}?sesi=berakhir`);
          return;
        }
        if (!tokensMatch(form.get("_csrf"), ref.session.csrfToken)) {
          sendHtml(
            res,
            403,
            errorPageHtml({
              lang,
              message: consoleText(lang, "csrfRefused"),
              code: "DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID",
              csrfToken: ref.session.csrfToken,
            }),
            { "X-Sandbox-Error": "DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID" },
          );
          return;
        }
        await fn({
          req,
          res,
          lang,
          csrfToken: ref.session.csrfToken,
          path: `${req.baseUrl}${req.path}`,
          flash: undefined,
          form,
        });
      } catch (error) {
        next(error);
      }
    };

  /** The page's path and query string, without `lang` (the toggle sets it) and `ok` (a one-time notice). */
  const pathWithQuery = (req: Request): string => {
    const query = new URLSearchParams(new URL(req.originalUrl, "http://x").search);
    query.delete("lang");
    query.delete("ok");
    const rest = query.toString();
    return `${req.baseUrl}${req.path}${rest === "" ? "" : `?${rest}`}`;
  };

  const notFound = (what: string): never => {
    throw new SimulatorError("DKS_SIM_NOT_FOUND", `Failed to find ${what}: no such record.`);
  };
  const param = (req: Request, name: string): string => {
    const value = (req.params as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(value) ? value.join("/") : (value ?? "");
  };
  const institutionOf = (id: string) =>
    store.institutions.get(id) ?? notFound(`institution ${JSON.stringify(id)}`);
  const userView = (user: UserAccount) => {
    const institution = store.institutions.get(user.institutionId);
    return {
      ...user,
      effectiveDailyQuota:
        institution === undefined ? null : effectiveDailyQuota(user, institution.stage),
    };
  };

  router.use((_req: Request, res: Response, next: NextFunction) => {
    setPageHeaders(res, ADMIN_CSP);
    next();
  });

  // --- Sign-in and sign-out ---
  const loginSession = (req: Request, res: Response, current: SessionRef | undefined) => {
    if (current !== undefined) return current;
    const opened = store.adminConsole.openSession(null);
    setSessionCookie(req, res, opened.id);
    return opened;
  };

  router.get("/", (req: Request, res: Response) => {
    redirect(res, signedIn(sessionOf(req)) ? ADMIN_PATHS.institutions : ADMIN_PATHS.login);
  });

  router.get("/masuk", (req: Request, res: Response) => {
    const lang = negotiateLanguage(req, res);
    const current = sessionOf(req);
    if (signedIn(current)) {
      redirect(res, ADMIN_PATHS.institutions);
      return;
    }
    const anonymous = loginSession(req, res, current);
    const notice =
      req.query.keluar === "1"
        ? consoleText(lang, "loggedOut")
        : req.query.sesi === "berakhir"
          ? consoleText(lang, "sessionEnded")
          : undefined;
    sendHtml(res, 200, loginPageHtml({ lang, csrfToken: anonymous.session.csrfToken, notice }));
  });

  router.post("/masuk", async (req: Request, res: Response, next: NextFunction) => {
    try {
      const lang = negotiateLanguage(req, res);
      const t = textsFor(lang);
      const form = await readForm(req);
      const current = sessionOf(req);
      if (current === undefined || !tokensMatch(form.get("_csrf"), current.session.csrfToken)) {
        const session = loginSession(req, res, current);
        sendHtml(
          res,
          403,
          loginPageHtml({
            lang,
            csrfToken: session.session.csrfToken,
            refusal: { message: t("csrfRefused"), code: "DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID" },
          }),
          { "X-Sandbox-Error": "DKS_SIM_ADMIN_CONSOLE_CSRF_INVALID" },
        );
        return;
      }
      const csrfToken = current.session.csrfToken;
      const address = normaliseAddress(req.socket.remoteAddress);
      const lock = store.adminConsole.lockState(address);
      const lockedPage = (until: number) => {
        sendHtml(
          res,
          429,
          loginPageHtml({
            lang,
            csrfToken,
            refusal: {
              message: `${t("locked")} ${wib(until)}.`,
              code: "DKS_SIM_ADMIN_CONSOLE_LOCKED",
            },
          }),
          {
            "X-Sandbox-Error": "DKS_SIM_ADMIN_CONSOLE_LOCKED",
            "Retry-After": String(Math.max(1, Math.ceil((until - clock.now()) / 1000))),
          },
        );
      };
      if (lock.lockedUntil !== null) {
        lockedPage(lock.lockedUntil);
        return;
      }
      if (!tokensMatch(form.get("admin_token"), runtime.adminToken)) {
        const after = store.adminConsole.recordLoginFailure(address);
        if (after.lockedUntil !== null) {
          lockedPage(after.lockedUntil);
          return;
        }
        sendHtml(
          res,
          401,
          loginPageHtml({
            lang,
            csrfToken,
            refusal: {
              message: `${t("loginFailed")} ${t("attemptsLeft")} ${after.attemptsLeft}.`,
              code: "DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED",
            },
          }),
          { "X-Sandbox-Error": "DKS_SIM_ADMIN_CONSOLE_LOGIN_FAILED" },
        );
        return;
      }
      // A new session id at sign-in (no fixation); the anonymous one ends.
      store.adminConsole.closeSession(current.id);
      store.adminConsole.clearLoginFailures(address);
      const opened = store.adminConsole.openSession(ADMIN_SESSION_USER);
      setSessionCookie(req, res, opened.id);
      redirect(res, ADMIN_PATHS.institutions);
    } catch (error) {
      next(error);
    }
  });

  router.post(
    "/keluar",
    action(({ req, res }) => {
      const current = sessionOf(req);
      if (current !== undefined) store.adminConsole.closeSession(current.id);
      setSessionCookie(req, res, "", 0);
      res.setHeader("Clear-Site-Data", '"cache"');
      redirect(res, `${ADMIN_PATHS.login}?keluar=1`);
    }),
  );

  // --- Institutions ---
  router.get(
    "/instansi",
    page((ctx) =>
      html(ctx, 200, institutionsPageHtml({ ...ctx, institutions: store.institutions.list() })),
    ),
  );

  const NEW_INSTITUTION = {
    id: "",
    name: "",
    path: "",
    aliases: "",
    status: "active",
    allowlist: "",
    grant: [] as string[],
    numbers: "bare",
    lookupQuotaLimiter: false,
    stage: "onboarding",
    patternPolicy: "warn",
    accessFrom: "",
    accessTo: "",
  };

  router.get(
    "/instansi/baru",
    page(async (ctx) => {
      const { WEB_PORTAL_GRANT } = await import("@dukcapil-sandbox/core");
      html(
        ctx,
        200,
        newInstitutionPageHtml({ ...ctx, values: { ...NEW_INSTITUTION, grant: WEB_PORTAL_GRANT } }),
      );
    }),
  );

  const typedInstitution = (form: URLSearchParams) => ({
    id: form.get("id") ?? "",
    name: form.get("name") ?? "",
    path: form.get("path") ?? "",
    aliases: form.get("aliases") ?? "",
    status: form.get("status") ?? "",
    allowlist: form.get("allowlist") ?? "",
    grant: form.getAll("grant"),
    numbers: form.get("dialect.numbers") ?? "",
    lookupQuotaLimiter: form.get("dialect.lookupQuotaLimiter") === "1",
    stage: form.get("stage") ?? "",
    patternPolicy: form.get("patternPolicy") ?? "",
    accessFrom: form.get("accessHours.from") ?? "",
    accessTo: form.get("accessHours.to") ?? "",
  });

  router.post(
    "/instansi",
    action((ctx) => {
      const parsed = institutionCreateSchema.safeParse(institutionInput(ctx.form, true));
      const again: Again = (status, errors, flash) =>
        html(
          ctx,
          status,
          newInstitutionPageHtml({
            ...ctx,
            path: ADMIN_PATHS.newInstitution,
            values: typedInstitution(ctx.form),
            errors,
            flash,
          }),
          againCode(errors, flash),
        );
      submit(parsed, again, (data) => {
        const institution = store.institutions.create(data);
        redirect(ctx.res, `${ADMIN_PATHS.institution(institution.id)}?ok=${SUCCESS.created}`);
      });
    }),
  );

  const institutionPage = (
    ctx: Ctx,
    id: string,
    status: number,
    extra: {
      values?: ReturnType<typeof typedInstitution>;
      errors?: FieldErrors | undefined;
      tokenErrors?: FieldErrors | undefined;
      revokeErrors?: { tokenId: string; errors: FieldErrors };
      secret?: ShownOnce;
      flash?: Flash | undefined;
    } = {},
    code?: SimulatorErrorCode,
  ) => {
    const institution = institutionOf(id);
    html(
      ctx,
      status,
      institutionPageHtml({
        ...ctx,
        path: ADMIN_PATHS.institution(id),
        flash: extra.flash ?? ctx.flash,
        institution,
        values: extra.values ?? institutionFormValues(institution),
        errors: extra.errors,
        tokenErrors: extra.tokenErrors,
        revokeErrors: extra.revokeErrors,
        secret: extra.secret,
        users: store.users.listByInstitution(id).map(userView),
        tokens: store.tokens.listByInstitution(id).map((stored) => store.tokens.view(stored)),
      }),
      code,
    );
  };

  /** The institution page after a store refusal: the error's status, flash and code. */
  const institutionRefused = (
    ctx: Ctx,
    id: string,
    error: unknown,
    extra: Parameters<typeof institutionPage>[3] = {},
  ) => {
    const flash = errorFlash(error);
    institutionPage(
      ctx,
      id,
      (error as SimulatorError).status,
      { ...extra, flash },
      flash.code as SimulatorErrorCode,
    );
  };

  router.get(
    "/instansi/:id",
    page((ctx) => institutionPage(ctx, param(ctx.req, "id"), 200)),
  );

  router.post(
    "/instansi/:id",
    action((ctx) => {
      const id = param(ctx.req, "id");
      institutionOf(id);
      const parsed = institutionPatchSchema.safeParse(institutionInput(ctx.form, false));
      if (!parsed.success) {
        institutionPage(
          ctx,
          id,
          400,
          { values: typedInstitution(ctx.form), errors: fieldErrors(parsed.error) },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        store.institutions.update(id, parsed.data);
        redirect(ctx.res, `${ADMIN_PATHS.institution(id)}?ok=${SUCCESS.saved}`);
      } catch (error) {
        institutionRefused(ctx, id, error, {
          values: typedInstitution(ctx.form),
          errors: storeFieldErrors(error),
        });
      }
    }),
  );

  // --- Users ---
  const NEW_USER = {
    userId: "",
    ipUser: "",
    status: "active",
    dailyQuota: "",
    officer: {},
  };
  const typedUser = (form: URLSearchParams, userId?: string) => {
    const officer: Record<string, string> = {};
    for (const [name, value] of form) {
      if (name.startsWith("officer.")) officer[name.slice(8)] = value;
    }
    return {
      userId: userId ?? form.get("userId") ?? "",
      ipUser: form.get("ipUser") ?? "",
      status: form.get("status") ?? "",
      dailyQuota: form.get("dailyQuota") ?? "",
      officer,
    };
  };

  router.get(
    "/instansi/:id/pengguna/baru",
    page((ctx) => {
      const institution = institutionOf(param(ctx.req, "id"));
      html(ctx, 200, userPageHtml({ ...ctx, institution, values: NEW_USER }));
    }),
  );

  router.post(
    "/instansi/:id/pengguna",
    action((ctx) => {
      const institution = institutionOf(param(ctx.req, "id"));
      const again: Again = (status, errors, flash) =>
        html(
          ctx,
          status,
          userPageHtml({
            ...ctx,
            path: ADMIN_PATHS.newUser(institution.id),
            institution,
            values: typedUser(ctx.form),
            errors,
            flash,
          }),
          againCode(errors, flash),
        );
      const parsed = userCreateSchema.safeParse(userInput(ctx.form, true));
      submit(parsed, again, (data) => {
        const { user, generatedPassword } = store.users.create(institution.id, data);
        // The password is shown once, as the answer to this POST (never in a URL).
        html(
          ctx,
          201,
          userPageHtml({
            ...ctx,
            path: ADMIN_PATHS.user(user.userId),
            flash: { kind: "notice", text: consoleText(ctx.lang, "created") },
            institution,
            user: userView(user),
            values: userFormValues(user),
            secret:
              generatedPassword === null
                ? undefined
                : { label: consoleText(ctx.lang, "newPassword"), value: generatedPassword },
          }),
        );
      });
    }),
  );

  const userOf = (userId: string) =>
    store.users.get(userId) ?? notFound(`user ID ${JSON.stringify(userId)}`);

  router.get(
    "/pengguna/:userId",
    page((ctx) => {
      const user = userOf(param(ctx.req, "userId"));
      html(
        ctx,
        200,
        userPageHtml({
          ...ctx,
          institution: institutionOf(user.institutionId),
          user: userView(user),
          values: userFormValues(user),
        }),
      );
    }),
  );

  router.post(
    "/pengguna/:userId",
    action((ctx) => {
      const user = userOf(param(ctx.req, "userId"));
      const institution = institutionOf(user.institutionId);
      const again: Again = (status, errors, flash) =>
        html(
          ctx,
          status,
          userPageHtml({
            ...ctx,
            institution,
            user: userView(user),
            values: typedUser(ctx.form, user.userId),
            errors,
            flash,
          }),
          againCode(errors, flash),
        );
      const parsed = userPatchSchema.safeParse(userInput(ctx.form, false));
      submit(parsed, again, (data) => {
        store.users.update(user.userId, data);
        redirect(ctx.res, `${ADMIN_PATHS.user(user.userId)}?ok=${SUCCESS.saved}`);
      });
    }),
  );

  router.post(
    "/pengguna/:userId/sandi",
    action((ctx) => {
      const user = userOf(param(ctx.req, "userId"));
      const institution = institutionOf(user.institutionId);
      const password = ctx.form.get("password") ?? "";
      const parsed = passwordChangeSchema.safeParse(password === "" ? {} : { password });
      const render = (
        status: number,
        extra: { errors?: FieldErrors; secret?: ShownOnce; flash?: Flash },
      ) =>
        html(
          ctx,
          status,
          userPageHtml({
            ...ctx,
            path: ADMIN_PATHS.user(user.userId),
            institution,
            user: userView(user),
            values: userFormValues(user),
            ...extra,
          }),
          extra.errors === undefined ? undefined : "DKS_SIM_VALIDATION",
        );
      if (!parsed.success) {
        render(400, { errors: fieldErrors(parsed.error) });
        return;
      }
      const { generatedPassword } = store.users.setPassword(user.userId, parsed.data.password);
      render(200, {
        flash: { kind: "notice", text: consoleText(ctx.lang, "saved") },
        ...(generatedPassword === null
          ? {}
          : { secret: { label: consoleText(ctx.lang, "newPassword"), value: generatedPassword } }),
      });
    }),
  );

  // --- Data-balikan tokens ---
  router.post(
    "/instansi/:id/token",
    action(async (ctx) => {
      const id = param(ctx.req, "id");
      institutionOf(id);
      const parsed = tokenIssueSchema.safeParse(tokenIssueInput(ctx.form));
      if (!parsed.success) {
        institutionPage(
          ctx,
          id,
          400,
          { tokenErrors: fieldErrors(parsed.error) },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        const { token } = await store.tokens.issue(id, parsed.data);
        institutionPage(ctx, id, 201, {
          secret: { label: consoleText(ctx.lang, "newToken"), value: token },
          flash: { kind: "notice", text: consoleText(ctx.lang, "created") },
        });
      } catch (error) {
        institutionRefused(ctx, id, error, { tokenErrors: storeFieldErrors(error) });
      }
    }),
  );

  const tokenOf = (tokenId: string) =>
    store.tokens.get(tokenId) ?? notFound(`token ${JSON.stringify(tokenId)}`);

  router.post(
    "/token/:tokenId/rotasi",
    action(async (ctx) => {
      const current = tokenOf(param(ctx.req, "tokenId"));
      const validityDays = num(ctx.form, "validityDays");
      const parsed = tokenRotateSchema.safeParse(
        validityDays === undefined ? {} : { validityDays },
      );
      if (!parsed.success) {
        institutionPage(
          ctx,
          current.institutionId,
          400,
          { tokenErrors: fieldErrors(parsed.error) },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        const rotated = await store.tokens.rotate(current.record.id, parsed.data);
        institutionPage(ctx, current.institutionId, 201, {
          secret: { label: consoleText(ctx.lang, "newToken"), value: rotated.token },
          flash: { kind: "notice", text: consoleText(ctx.lang, "saved") },
        });
      } catch (error) {
        institutionRefused(ctx, current.institutionId, error);
      }
    }),
  );

  router.post(
    "/token/:tokenId/cabut",
    action((ctx) => {
      const current = tokenOf(param(ctx.req, "tokenId"));
      const parsed = tokenRevokeSchema.safeParse({ reason: ctx.form.get("reason") ?? "" });
      if (!parsed.success) {
        institutionPage(
          ctx,
          current.institutionId,
          400,
          { revokeErrors: { tokenId: current.record.id, errors: fieldErrors(parsed.error) } },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        store.tokens.revoke(current.record.id, parsed.data.reason);
        redirect(
          ctx.res,
          `${ADMIN_PATHS.institution(current.institutionId)}?ok=${SUCCESS.saved}#token`,
        );
      } catch (error) {
        institutionRefused(ctx, current.institutionId, error);
      }
    }),
  );

  // --- Onboarding tickets ---
  router.get(
    "/onboarding",
    page((ctx) => html(ctx, 200, onboardingPageHtml({ ...ctx, tickets: store.onboarding.list() }))),
  );

  const ticketOf = (id: string) =>
    store.onboarding.get(id) ?? notFound(`onboarding ticket ${JSON.stringify(id)}`);

  /** The ticket form as typed, to show it again after a refusal. */
  const typedTicket = (form: URLSearchParams): OnboardingFormValues => ({
    fields: formValues(form),
    grant: form.getAll("institution.grant"),
  });

  router.get(
    "/onboarding/baru",
    page((ctx) => html(ctx, 200, newTicketPageHtml({ ...ctx, values: { fields: {}, grant: [] } }))),
  );

  // Submit a ticket: the admin API's `onboardingDataSchema` and `store.onboarding.submit`.
  router.post(
    "/onboarding",
    action((ctx) => {
      const parsed = onboardingDataSchema.safeParse(onboardingInput(ctx.form, false));
      if (!parsed.success) {
        html(
          ctx,
          400,
          newTicketPageHtml({
            ...ctx,
            path: ADMIN_PATHS.newTicket,
            values: typedTicket(ctx.form),
            errors: fieldErrors(parsed.error),
          }),
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      const ticket = store.onboarding.submit(parsed.data);
      redirect(ctx.res, `${ADMIN_PATHS.ticket(ticket.id)}?ok=${SUCCESS.created}`);
    }),
  );

  // Amend a ticket (the applicant's data while submitted or returned; the store decides).
  router.post(
    "/onboarding/:id",
    action((ctx) => {
      const id = param(ctx.req, "id");
      const ticket = ticketOf(id);
      const parsed = onboardingDataSchema.safeParse(onboardingInput(ctx.form, true));
      if (!parsed.success) {
        html(
          ctx,
          400,
          ticketPageHtml({
            ...ctx,
            path: ADMIN_PATHS.ticket(id),
            ticket,
            values: typedTicket(ctx.form),
            errors: fieldErrors(parsed.error),
          }),
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        store.onboarding.amend(id, parsed.data);
        redirect(ctx.res, `${ADMIN_PATHS.ticket(id)}?ok=${SUCCESS.saved}#data`);
      } catch (error) {
        const flash = errorFlash(error);
        html(
          ctx,
          (error as SimulatorError).status,
          ticketPageHtml({
            ...ctx,
            path: ADMIN_PATHS.ticket(id),
            flash,
            ticket,
            values: typedTicket(ctx.form),
            errors: storeFieldErrors(error),
          }),
          flash.code as SimulatorErrorCode,
        );
      }
    }),
  );

  router.get(
    "/onboarding/:id",
    page((ctx) =>
      html(ctx, 200, ticketPageHtml({ ...ctx, ticket: ticketOf(param(ctx.req, "id")) })),
    ),
  );

  router.post(
    "/onboarding/:id/transisi",
    action((ctx) => {
      const id = param(ctx.req, "id");
      ticketOf(id);
      const note = text(ctx.form, "note");
      try {
        const { ticket, account } = store.onboarding.transition(id, ctx.form.get("to") ?? "", note);
        html(
          ctx,
          200,
          ticketPageHtml({
            ...ctx,
            path: ADMIN_PATHS.ticket(id),
            flash: { kind: "notice", text: consoleText(ctx.lang, "saved") },
            ticket,
            secret:
              account === null
                ? undefined
                : {
                    label: `${consoleText(ctx.lang, "accountCreated")}: ${account.userId} — ${consoleText(ctx.lang, "newPassword")}`,
                    value: account.password,
                  },
          }),
        );
      } catch (error) {
        const flash = errorFlash(error);
        html(
          ctx,
          (error as SimulatorError).status,
          ticketPageHtml({ ...ctx, path: ADMIN_PATHS.ticket(id), flash, ticket: ticketOf(id) }),
          flash.code as SimulatorErrorCode,
        );
      }
    }),
  );

  // --- Journal (NIKs masked on screen) ---
  const queryStrings = (req: Request, names: readonly string[]) => {
    const values: Record<string, string> = {};
    for (const name of names) {
      const value = req.query[name];
      if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
    }
    return values;
  };

  router.get(
    "/jurnal",
    page((ctx) => {
      const q = queryStrings(ctx.req, ["institution", "user", "code", "from", "to", "offset"]);
      const parsed = journalQuerySchema.safeParse({ ...q, limit: String(JOURNAL_PAGE) });
      const institutions = store.institutions.list();
      if (!parsed.success) {
        html(
          ctx,
          400,
          journalPageHtml({
            ...ctx,
            query: q,
            errors: fieldErrors(parsed.error),
            institutions,
            entries: [],
            total: 0,
            limit: JOURNAL_PAGE,
            offset: 0,
          }),
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      const filter = journalFilterOf(parsed.data);
      const total = store.journal.count(filter).total;
      const entries = store.journal.query({
        ...filter,
        limit: parsed.data.limit,
        offset: parsed.data.offset,
      });
      html(
        ctx,
        200,
        journalPageHtml({
          ...ctx,
          query: q,
          institutions,
          entries,
          total,
          limit: parsed.data.limit,
          offset: parsed.data.offset,
        }),
      );
    }),
  );

  // --- Usage report (view and CSV through the admin API's report code) ---
  const reportQuery = (req: Request) => {
    const q = queryStrings(req, ["semester", "institution"]);
    return { semester: q.semester ?? semesterOf(clock.now()), institution: q.institution ?? "" };
  };

  router.get(
    "/laporan",
    page((ctx) => {
      const { semester, institution } = reportQuery(ctx.req);
      const institutions = store.institutions.list();
      const props = { ...ctx, semester, institution, institutions };
      const parsed = usageQuerySchema.safeParse({
        semester,
        ...(institution === "" ? {} : { institution }),
      });
      if (!parsed.success) {
        html(
          ctx,
          400,
          reportPageHtml({ ...props, errors: fieldErrors(parsed.error) }),
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      try {
        const report = store.reports.usage({
          semester,
          ...(institution === "" ? {} : { institutionId: institution }),
        });
        html(ctx, 200, reportPageHtml({ ...props, report }));
      } catch (error) {
        const flash = errorFlash(error);
        html(
          ctx,
          (error as SimulatorError).status,
          reportPageHtml({ ...props, flash, errors: storeFieldErrors(error) }),
          flash.code as SimulatorErrorCode,
        );
      }
    }),
  );

  router.get(
    "/laporan.csv",
    page((ctx) => {
      const { semester, institution } = reportQuery(ctx.req);
      const query = parseOrThrow(usageQuerySchema, {
        semester,
        ...(institution === "" ? {} : { institution }),
      });
      const report = store.reports.usage({
        semester: query.semester,
        ...(query.institution === undefined ? {} : { institutionId: query.institution }),
      });
      const body = usageReportCsv(report);
      ctx.res.status(200);
      ctx.res.setHeader("Content-Type", "text/csv; charset=utf-8; header=present");
      ctx.res.setHeader(
        "Content-Disposition",
        `attachment; filename="usage-${report.semester}${query.institution === undefined ? "" : `-${query.institution}`}.csv"`,
      );
      ctx.res.end(body);
    }),
  );

  // --- Data balikan received ---
  router.get(
    "/data-balikan",
    page((ctx) => {
      const q = queryStrings(ctx.req, ["institution", "day"]);
      const institution = q.institution ?? "";
      const day = q.day ?? "";
      const institutions = store.institutions.list();
      const props = { ...ctx, institution, day, institutions };
      let range: { from?: number; to?: number } = {};
      if (day !== "") {
        const from = /^\d{4}-\d{2}-\d{2}$/.test(day)
          ? Date.parse(`${day}T00:00:00+07:00`)
          : Number.NaN;
        if (Number.isNaN(from)) {
          html(
            ctx,
            400,
            dataBalikanPageHtml({
              ...props,
              items: [],
              total: 0,
              errors: { day: [{ code: "invalid_format", message: "Expected a day YYYY-MM-DD" }] },
            }),
            "DKS_SIM_VALIDATION",
          );
          return;
        }
        range = { from, to: from + 86_400_000 };
      }
      const filter = { ...(institution === "" ? {} : { institutionId: institution }), ...range };
      html(
        ctx,
        200,
        dataBalikanPageHtml({
          ...props,
          items: store.dataBalikan.list({ ...filter, limit: 200 }),
          total: store.dataBalikan.count(filter),
        }),
      );
    }),
  );

  // --- Clock and faults (the sandbox controls' schemas) ---
  const controlsPage = (
    ctx: Ctx,
    status: number,
    extra: {
      clockErrors?: FieldErrors;
      faultErrors?: FieldErrors;
      faultValues?: Record<string, string>;
      flash?: Flash;
    } = {},
    code?: SimulatorErrorCode,
  ) =>
    html(
      ctx,
      status,
      controlsPageHtml({
        ...ctx,
        path: ADMIN_PATHS.controls,
        flash: extra.flash ?? ctx.flash,
        clock: clock.state(),
        faults: faults.list(),
        institutions: store.institutions.list(),
        clockErrors: extra.clockErrors,
        faultErrors: extra.faultErrors,
        faultValues: extra.faultValues,
      }),
      code,
    );

  router.get(
    "/kontrol",
    page((ctx) => controlsPage(ctx, 200)),
  );

  router.post(
    "/kontrol/jam",
    action((ctx) => {
      const kind = ctx.form.get("action");
      const minutes = num(ctx.form, "advanceMinutes");
      const body =
        kind === "real"
          ? { real: true }
          : kind === "advance"
            ? { advanceMs: typeof minutes === "number" ? Math.round(minutes * 60_000) : minutes }
            : {
                set: text(ctx.form, "set") ?? "",
                frozen: ctx.form.get("frozen") === "1",
              };
      const parsed = clockChangeSchema.safeParse(body);
      if (!parsed.success) {
        controlsPage(
          ctx,
          400,
          { clockErrors: fieldErrors(parsed.error, { advanceMs: "advanceMinutes" }) },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      applyClockChange(clock, parsed.data);
      redirect(ctx.res, `${ADMIN_PATHS.controls}?ok=${SUCCESS.saved}`);
    }),
  );

  router.post(
    "/kontrol/gangguan",
    action((ctx) => {
      const scope = text(ctx.form, "scope");
      if (scope !== undefined) institutionOf(scope);
      const parsed = faultPlanSchema.safeParse(faultPlanInput(ctx.form));
      if (!parsed.success) {
        controlsPage(
          ctx,
          400,
          { faultErrors: fieldErrors(parsed.error), faultValues: formValues(ctx.form) },
          "DKS_SIM_VALIDATION",
        );
        return;
      }
      if (scope === undefined) faults.setGlobal(parsed.data);
      else faults.setInstitution(scope, parsed.data);
      redirect(ctx.res, `${ADMIN_PATHS.controls}?ok=${SUCCESS.saved}#gangguan`);
    }),
  );

  router.post(
    "/kontrol/gangguan/hapus",
    action((ctx) => {
      const scope = text(ctx.form, "scope");
      if (scope === undefined) faults.setGlobal({});
      else faults.setInstitution(scope, undefined);
      redirect(ctx.res, `${ADMIN_PATHS.controls}?ok=${SUCCESS.saved}#gangguan`);
    }),
  );

  router.use((req: Request, _res: Response, next: NextFunction) => {
    next(
      new SimulatorError(
        "DKS_SIM_ROUTE_NOT_FOUND",
        `Failed to route ${req.method} /admin${req.path}: no such admin console page. Start at GET /admin.`,
      ),
    );
  });

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const lang = languageOf(req);
    const known = knownError(error);
    const code: SimulatorErrorCode = known?.code ?? "DKS_SIM_INTERNAL";
    const status = known?.status ?? 500;
    const message =
      code === "DKS_SIM_ROUTE_NOT_FOUND" || code === "DKS_SIM_NOT_FOUND"
        ? consoleText(lang, "notFound")
        : code === "DKS_SIM_ADMIN_CONSOLE_FORM_INVALID" ||
            code === "DKS_SIM_BODY_TOO_LARGE" ||
            code === "DKS_SIM_REQUEST_TIMEOUT"
          ? consoleText(lang, "formInvalid")
          : error instanceof SimulatorError
            ? error.message
            : consoleText(lang, "internalError");
    const ref = sessionOf(req);
    sendHtml(
      res,
      status,
      errorPageHtml({
        lang,
        message,
        code,
        csrfToken: signedIn(ref) ? ref.session.csrfToken : undefined,
      }),
      { "X-Sandbox-Error": code },
    );
  });

  return router;
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SimulatorError(
    "DKS_SIM_VALIDATION",
    `Failed to build the usage report: ${result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}.`,
  );
}
