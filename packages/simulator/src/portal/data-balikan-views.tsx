/**
 * The portal's data balikan pages: the online form (one NIK), the CSV / Excel upload and
 * the row-by-row validation report. Server-rendered Preact like the rest of the portal;
 * no client script. NIKs in the report are masked with core's `maskNik`.
 */
import type { ComponentChildren, VNode } from "preact";
import { renderDocument } from "../web/shared.js";
import {
  DATA_BALIKAN_COLUMNS,
  DATA_BALIKAN_PATHS,
  type DataBalikanReport,
  type DataBalikanRowReport,
} from "./data-balikan.js";
import { DATA_BALIKAN_TEXTS } from "./data-balikan-texts.js";
import type { PortalLanguage } from "./texts.js";
import { ErrorCodeLine, Layout, PORTAL_PATHS, type PortalAccountView } from "./views.js";

/** A refusal of the whole submission (nothing stored). */
export interface DataBalikanRefusal {
  readonly message: string;
  readonly errorCode?: string | undefined;
  /** The simulator's technical message (English), shown as a detail. */
  readonly detail?: string | undefined;
}

export interface DataBalikanPageProps {
  readonly lang: PortalLanguage;
  readonly account: PortalAccountView;
  readonly refusal?: DataBalikanRefusal | undefined;
  readonly report?: DataBalikanReport | undefined;
}

function Links({ lang, current }: { readonly lang: PortalLanguage; readonly current: string }) {
  const d = DATA_BALIKAN_TEXTS[lang];
  const links = [
    [PORTAL_PATHS.search, d.navSearch],
    [DATA_BALIKAN_PATHS.form, d.navDataBalikan],
    [DATA_BALIKAN_PATHS.upload, d.navUpload],
  ] as const;
  return (
    <nav aria-label={d.navDataBalikan}>
      <ul class="links">
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={href === current ? "page" : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Refusal({
  refusal,
  lang,
}: {
  readonly refusal: DataBalikanRefusal;
  readonly lang: PortalLanguage;
}) {
  const d = DATA_BALIKAN_TEXTS[lang];
  return (
    <div class="error" role="alert" id="refusal">
      <p>{refusal.message}</p>
      {refusal.detail === undefined ? null : (
        <p class="code">
          {d.technicalDetail}: <span lang="en">{refusal.detail}</span>
        </p>
      )}
      <ErrorCodeLine lang={lang} code={refusal.errorCode} />
    </div>
  );
}

function statusText(row: DataBalikanRowReport, lang: PortalLanguage): string {
  const d = DATA_BALIKAN_TEXTS[lang];
  switch (row.status) {
    case "accepted":
      return d.statusAccepted;
    case "invalid":
      return d.statusInvalid;
    case "duplicate-in-file":
      return d.statusDuplicateInFile;
    case "already-sent":
      return d.statusAlreadySent;
  }
}

function Report({
  report,
  lang,
}: {
  readonly report: DataBalikanReport;
  readonly lang: PortalLanguage;
}) {
  const d = DATA_BALIKAN_TEXTS[lang];
  const totals: [string, string, number][] = [
    ["rows", d.totalRows, report.totals.rows],
    ["accepted", d.totalAccepted, report.totals.accepted],
    ["invalid", d.totalInvalid, report.totals.invalid],
    ["duplicate-in-file", d.totalDuplicateInFile, report.totals.duplicateInFile],
    ["already-sent", d.totalAlreadySent, report.totals.alreadySent],
  ];
  return (
    <section aria-labelledby="laporan" class="result" id="laporan-data-balikan">
      <h2 id="laporan">{d.reportTitle}</h2>
      <div class="notice" role="status">
        <p>{d.reportSource(report.source, report.fileName)}</p>
        <p>{d.reportIntro}</p>
      </div>
      <div class="table-wrap">
        <table id="ringkasan">
          <caption>{d.totalsCaption}</caption>
          <tbody>
            {totals.map(([key, label, value]) => (
              <tr key={key} data-total={key}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table id="hasil-baris">
          <caption>{d.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{d.colLine}</th>
              <th scope="col">{d.colNik}</th>
              <th scope="col">{d.colStatus}</th>
              <th scope="col">{d.colDetail}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr
                key={row.line}
                data-line={row.line}
                data-status={row.status}
                data-field={row.field}
              >
                <td>{row.line}</td>
                <td class="nik">{row.maskedNik}</td>
                <td
                  class={row.status === "accepted" ? "status-accepted" : "status-rejected"}
                  lang={row.status === "already-sent" ? "id" : undefined}
                >
                  {statusText(row, lang)}
                </td>
                <td>{d.detailOf(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What both data balikan pages show first: heading, links, refusal and report. */
function DataBalikanLayout({
  page,
  title,
  path,
  children,
}: {
  readonly page: DataBalikanPageProps;
  readonly title: string;
  readonly path: string;
  readonly children: ComponentChildren;
}): VNode {
  return (
    <Layout lang={page.lang} title={title} togglePath={path} account={page.account}>
      <h1>{title}</h1>
      <Links lang={page.lang} current={path} />
      {page.refusal === undefined ? null : <Refusal refusal={page.refusal} lang={page.lang} />}
      {page.report === undefined ? null : <Report report={page.report} lang={page.lang} />}
      {children}
    </Layout>
  );
}

export function DataBalikanFormPage(props: DataBalikanPageProps): VNode {
  const d = DATA_BALIKAN_TEXTS[props.lang];
  const described = props.refusal === undefined ? undefined : "refusal";
  return (
    <DataBalikanLayout page={props} title={d.formTitle} path={DATA_BALIKAN_PATHS.form}>
      <p>{d.formIntro}</p>
      <form method="post" action={DATA_BALIKAN_PATHS.form} autocomplete="off">
        <input type="hidden" name="_csrf" value={props.account.csrfToken} />
        {DATA_BALIKAN_COLUMNS.map((column) => {
          const hint = d.fieldHints[column];
          const hintId = hint === undefined ? undefined : `${column}-hint`;
          const describedBy = [hintId, described].filter(Boolean).join(" ") || undefined;
          return (
            <div class="field" key={column}>
              <label for={column}>{d.fieldLabels[column]}</label>
              {hint === undefined ? null : (
                <p class="hint" id={hintId}>
                  {hint}
                </p>
              )}
              <input
                id={column}
                name={column}
                type="text"
                inputMode={column === "NIK" ? "numeric" : undefined}
                autocomplete="off"
                spellcheck={false}
                required
                aria-describedby={describedBy}
              />
            </div>
          );
        })}
        <button type="submit">{d.formButton}</button>
      </form>
    </DataBalikanLayout>
  );
}

export function DataBalikanUploadPage(props: DataBalikanPageProps): VNode {
  const d = DATA_BALIKAN_TEXTS[props.lang];
  const described = ["berkas-hint", props.refusal === undefined ? "" : "refusal"]
    .filter(Boolean)
    .join(" ");
  return (
    <DataBalikanLayout page={props} title={d.uploadTitle} path={DATA_BALIKAN_PATHS.upload}>
      <p>{d.uploadIntro}</p>
      <ul>
        {d.uploadRules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p>
        <a href={DATA_BALIKAN_PATHS.csvTemplate} download="templat-data-balikan.csv">
          {d.templateCsv}
        </a>
      </p>
      <form method="post" action={DATA_BALIKAN_PATHS.upload} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.account.csrfToken} />
        <div class="field">
          <label for="berkas">{d.fileLabel}</label>
          <p class="hint" id="berkas-hint">
            {d.fileHint}
          </p>
          <input
            id="berkas"
            name="berkas"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-describedby={described}
          />
        </div>
        <button type="submit">{d.uploadButton}</button>
      </form>
    </DataBalikanLayout>
  );
}

export function dataBalikanFormHtml(props: DataBalikanPageProps): string {
  return renderDocument(<DataBalikanFormPage {...props} />);
}

export function dataBalikanUploadHtml(props: DataBalikanPageProps): string {
  return renderDocument(<DataBalikanUploadPage {...props} />);
}
