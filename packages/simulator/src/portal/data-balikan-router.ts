/**
 * The routes of the portal's data balikan pages, mounted on the portal router:
 * `GET/POST /portal/data-balikan` (online form, one NIK), `GET/POST
 * /portal/data-balikan/unggah` (CSV / Excel upload, `multipart/form-data`) and
 * `GET /portal/data-balikan/templat.csv`. The rules and the store are the API's
 * (see `./data-balikan.ts`); each submission is one journal row (endpoint `data-balikan`,
 * the portal path, the operator's user ID).
 */
import type { ResponseCode } from "@dukcapil-sandbox/core";
import type { Request, Response, Router } from "express";
import { addressAllowed, normaliseAddress } from "../engine/access.js";
import { outcomeFreeRow } from "../engine/journal-rows.js";
import { SimulatorError } from "../errors.js";
import type { SimulatorRuntime } from "../runtime.js";
import type { Institution, UserAccount } from "../state/types.js";
import { redirect, sendHtml, tokensMatch } from "../web/shared.js";
import {
  DATA_BALIKAN_CSV_TEMPLATE,
  DATA_BALIKAN_PATHS,
  type DataBalikanReport,
  type DataBalikanRowInput,
  kindOfUpload,
  readUploadForm,
  rowsOfCsv,
  rowsOfXlsx,
  submitDataBalikan,
} from "./data-balikan.js";
import { DATA_BALIKAN_TEXTS } from "./data-balikan-texts.js";
import {
  type DataBalikanPageProps,
  type DataBalikanRefusal,
  dataBalikanFormHtml,
  dataBalikanUploadHtml,
} from "./data-balikan-views.js";
import { PORTAL_TEXTS, type PortalLanguage } from "./texts.js";
import { confirmationOf, PORTAL_PATHS, type PortalAccountView } from "./views.js";

/** What the data balikan routes need from the portal router. */
export interface DataBalikanRouteContext {
  readonly runtime: SimulatorRuntime;
  negotiateLanguage(req: Request, res: Response): PortalLanguage;
  /** The logged-in operator of the request's session, or `undefined`. */
  operator(req: Request):
    | {
        readonly user: UserAccount;
        readonly institution: Institution;
        readonly account: PortalAccountView;
        readonly csrfToken: string;
      }
    | undefined;
  readForm(req: Request): Promise<URLSearchParams>;
}

/** Adds the data balikan routes to the portal router (before its not-found handler). */
export function mountDataBalikanRoutes(router: Router, ctx: DataBalikanRouteContext): void {
  const { runtime } = ctx;

  const journal = (
    req: Request,
    operator: { readonly user: UserAccount; readonly institution: Institution },
    path: string,
    status: number,
    note: string,
    nik: string | null = null,
  ): number =>
    runtime.deps.appendJournal({
      ...outcomeFreeRow({
        at: runtime.clock.now(),
        remoteAddress: normaliseAddress(req.socket.remoteAddress),
        httpMethod: "POST",
        path,
        httpStatus: status,
        note,
        latencyMs: 0,
        endpoint: "data-balikan",
        institutionId: operator.institution.id,
        nik,
      }),
      userId: operator.user.userId,
    });

  /**
   * The portal's access rules, re-checked on every submission: 10, 17, 16 (core's
   * `requestCheckOrder`). The code goes out in `X-Sandbox-Code`, as on the portal search.
   */
  const accessRefusal = (
    req: Request,
    operator: { readonly user: UserAccount; readonly institution: Institution },
    lang: PortalLanguage,
  ): (DataBalikanRefusal & { readonly code: ResponseCode }) | undefined => {
    const address = normaliseAddress(req.socket.remoteAddress);
    const code = !addressAllowed(operator.institution.allowlist, address)
      ? "10"
      : operator.user.status !== "active"
        ? "17"
        : operator.institution.status !== "active"
          ? "16"
          : undefined;
    if (code === undefined) return undefined;
    const confirmation = confirmationOf(code, lang);
    return { code, message: confirmation.text, detail: confirmation.advice };
  };

  const summary = (report: DataBalikanReport): string =>
    `portal data balikan (${report.source}): ${report.totals.rows} rows, ${report.totals.accepted} accepted, ${report.totals.invalid} invalid, ${report.totals.duplicateInFile} duplicate in file, ${report.totals.alreadySent} sent before`;

  const reportHeaders = (report: DataBalikanReport, journalId: number) => ({
    "X-Sandbox-Journal-Id": String(journalId),
    "X-Sandbox-Data-Balikan": `rows=${report.totals.rows}; accepted=${report.totals.accepted}; invalid=${report.totals.invalid}; duplicate-in-file=${report.totals.duplicateInFile}; already-sent=${report.totals.alreadySent}`,
  });

  const firstAcceptedNik = (
    report: DataBalikanReport,
    rows: readonly DataBalikanRowInput[],
  ): string | null => {
    const index = report.rows.findIndex((row) => row.status === "accepted");
    return index < 0 ? null : (rows[index]?.cells.NIK ?? null);
  };

  const page = (which: "form" | "upload", props: DataBalikanPageProps) =>
    which === "form" ? dataBalikanFormHtml(props) : dataBalikanUploadHtml(props);

  /** Journals a stored submission and answers 200 with its report on the page it came from. */
  const sendReport = (
    req: Request,
    res: Response,
    which: "form" | "upload",
    operator: NonNullable<ReturnType<DataBalikanRouteContext["operator"]>>,
    lang: PortalLanguage,
    report: DataBalikanReport,
    rows: readonly DataBalikanRowInput[],
  ): void => {
    const journalId = journal(
      req,
      operator,
      DATA_BALIKAN_PATHS[which],
      200,
      summary(report),
      firstAcceptedNik(report, rows),
    );
    sendHtml(
      res,
      200,
      page(which, { lang, account: operator.account, report }),
      reportHeaders(report, journalId),
    );
  };

  for (const which of ["form", "upload"] as const) {
    router.get(DATA_BALIKAN_PATHS[which].slice(PORTAL_PATHS.root.length), (req, res) => {
      const lang = ctx.negotiateLanguage(req, res);
      const operator = ctx.operator(req);
      if (operator === undefined) {
        redirect(res, PORTAL_PATHS.login);
        return;
      }
      sendHtml(res, 200, page(which, { lang, account: operator.account }));
    });
  }

  router.get(DATA_BALIKAN_PATHS.csvTemplate.slice(PORTAL_PATHS.root.length), (req, res) => {
    if (ctx.operator(req) === undefined) {
      redirect(res, PORTAL_PATHS.login);
      return;
    }
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", 'attachment; filename="templat-data-balikan.csv"');
    res.setHeader("Content-Length", String(Buffer.byteLength(DATA_BALIKAN_CSV_TEMPLATE)));
    res.end(DATA_BALIKAN_CSV_TEMPLATE);
  });

  const csrfRefusal = (lang: PortalLanguage): DataBalikanRefusal => ({
    message: PORTAL_TEXTS[lang].csrfRefused,
    errorCode: "DKS_SIM_PORTAL_CSRF_INVALID",
  });

  router.post(DATA_BALIKAN_PATHS.form.slice(PORTAL_PATHS.root.length), async (req, res) => {
    const lang = ctx.negotiateLanguage(req, res);
    const form = await ctx.readForm(req);
    const operator = ctx.operator(req);
    if (operator === undefined) {
      redirect(res, `${PORTAL_PATHS.login}?sesi=berakhir`);
      return;
    }
    const { account } = operator;
    if (!tokensMatch(form.get("_csrf"), operator.csrfToken)) {
      sendHtml(res, 403, dataBalikanFormHtml({ lang, account, refusal: csrfRefusal(lang) }), {
        "X-Sandbox-Error": "DKS_SIM_PORTAL_CSRF_INVALID",
      });
      return;
    }
    const refused = accessRefusal(req, operator, lang);
    if (refused !== undefined) {
      const journalId = journal(
        req,
        operator,
        DATA_BALIKAN_PATHS.form,
        403,
        `portal data balikan refused: ${refused.message}`,
      );
      sendHtml(res, 403, dataBalikanFormHtml({ lang, account, refusal: refused }), {
        "X-Sandbox-Code": refused.code,
        "X-Sandbox-Journal-Id": String(journalId),
      });
      return;
    }
    const cell = (name: string) => (form.get(name) ?? "").trim();
    const rows: DataBalikanRowInput[] = [
      {
        line: 1,
        cells: {
          NIK: cell("NIK"),
          NOMOR_REGISTER: cell("NOMOR_REGISTER"),
          NAMA_USAHA: cell("NAMA_USAHA"),
          JENIS_USAHA: cell("JENIS_USAHA"),
        },
      },
    ];
    const report = submitDataBalikan(runtime, operator.institution, rows, "form");
    sendReport(req, res, "form", operator, lang, report, rows);
  });

  router.post(DATA_BALIKAN_PATHS.upload.slice(PORTAL_PATHS.root.length), async (req, res) => {
    const lang = ctx.negotiateLanguage(req, res);
    const d = DATA_BALIKAN_TEXTS[lang];
    const operator = ctx.operator(req);
    if (operator === undefined) {
      req.resume();
      redirect(res, `${PORTAL_PATHS.login}?sesi=berakhir`);
      return;
    }
    const { account } = operator;
    const refuse = (
      status: number,
      refusal: DataBalikanRefusal & { readonly code?: ResponseCode },
      journalNote?: string,
    ): void => {
      const headers: Record<string, string> = {};
      if (refusal.errorCode !== undefined) headers["X-Sandbox-Error"] = refusal.errorCode;
      if (refusal.code !== undefined) headers["X-Sandbox-Code"] = refusal.code;
      if (journalNote !== undefined) {
        headers["X-Sandbox-Journal-Id"] = String(
          journal(req, operator, DATA_BALIKAN_PATHS.upload, status, journalNote),
        );
      }
      sendHtml(res, status, dataBalikanUploadHtml({ lang, account, refusal }), headers);
    };

    let upload: Awaited<ReturnType<typeof readUploadForm>>;
    try {
      upload = await readUploadForm(req, runtime.config.requestTimeoutMs);
    } catch (error) {
      if (error instanceof SimulatorError && error.code === "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE") {
        // The token could not be read either: nothing is journaled for an unread body.
        refuse(413, { message: d.tooLarge, errorCode: error.code, detail: error.message });
        return;
      }
      throw error;
    }
    if (!tokensMatch(upload.csrf, operator.csrfToken)) {
      refuse(403, csrfRefusal(lang));
      return;
    }
    const refused = accessRefusal(req, operator, lang);
    if (refused !== undefined) {
      refuse(403, refused, `portal data balikan refused: ${refused.message}`);
      return;
    }
    if (upload.file === null) {
      refuse(400, { message: d.noFile, errorCode: "DKS_SIM_PORTAL_UPLOAD_INVALID" });
      return;
    }
    const kind = kindOfUpload(upload.file.name, upload.file.bytes);
    if (kind === null) {
      refuse(
        400,
        { message: d.wrongType, errorCode: "DKS_SIM_PORTAL_UPLOAD_INVALID" },
        "portal data balikan upload refused: not a .csv or .xlsx file",
      );
      return;
    }
    let rows: DataBalikanRowInput[];
    try {
      rows = kind === "csv" ? rowsOfCsv(upload.file.bytes) : await rowsOfXlsx(upload.file.bytes);
    } catch (error) {
      if (
        error instanceof SimulatorError &&
        (error.code === "DKS_SIM_PORTAL_UPLOAD_INVALID" ||
          error.code === "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE")
      ) {
        const tooLarge = error.code === "DKS_SIM_PORTAL_UPLOAD_TOO_LARGE";
        refuse(
          tooLarge ? 413 : 400,
          {
            message: tooLarge ? d.tooLarge : d.unreadable,
            errorCode: error.code,
            detail: error.message,
          },
          `portal data balikan upload refused: ${error.message}`,
        );
        return;
      }
      throw error;
    }
    if (rows.length === 0) {
      refuse(
        400,
        { message: d.noRows, errorCode: "DKS_SIM_PORTAL_UPLOAD_INVALID" },
        "portal data balikan upload refused: no data rows",
      );
      return;
    }
    const report = submitDataBalikan(runtime, operator.institution, rows, kind, upload.file.name);
    sendReport(req, res, "upload", operator, lang, report, rows);
  });
}
