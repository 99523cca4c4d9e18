/**
 * The portal's pages: server-rendered Preact components (TSX), rendered to a string by
 * preact-render-to-string, which escapes every text and attribute. No client script.
 * Confirmation texts come from core's catalogue (`portalText`, else `lookupText`),
 * advice from its `actionId`/`actionEn`; nothing here re-types an upstream text.
 */
import {
  DATE_ELEMENTS,
  DEFAULT_ATTRIBUTION,
  type RecordElement,
  type ResponseCode,
  responseCodeRow,
  type UsagePatternFinding,
  type WireRecord,
} from "@dukcapil-sandbox/core";
import type { ComponentChildren, VNode } from "preact";
import { PATTERN_BLOCK_CODE, PATTERN_BLOCK_TEXT } from "../engine/imitated.js";
import { renderDocument } from "../web/shared.js";
import { DATA_BALIKAN_PATHS } from "./data-balikan.js";
import { DATA_BALIKAN_TEXTS } from "./data-balikan-texts.js";
import { PORTAL_CSS } from "./styles.js";
import { PORTAL_TEXTS, type PortalLanguage, type PortalTexts } from "./texts.js";

/** The paths of the portal (mounted at `/portal`). */
export const PORTAL_PATHS = Object.freeze({
  root: "/portal",
  login: "/portal/masuk",
  search: "/portal/cari",
  logout: "/portal/keluar",
});

export { renderDocument };

/** The operator of a session, as the header shows them. */
export interface PortalAccountView {
  readonly fullName: string;
  readonly userId: string;
  readonly institutionName: string;
  readonly csrfToken: string;
}

export interface LayoutProps {
  readonly lang: PortalLanguage;
  readonly title: string;
  /** Where the language toggle leads (a GET of the current page with `?lang=`). */
  readonly togglePath: string;
  readonly account?: PortalAccountView | undefined;
  readonly children: ComponentChildren;
}

export function Layout({ lang, title, togglePath, account, children }: LayoutProps): VNode {
  const t = PORTAL_TEXTS[lang];
  const other = t.otherLanguage;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} · ${t.serviceName}`}</title>
        {/* Trusted constant, allowed by its hash in the Content-Security-Policy. */}
        <style dangerouslySetInnerHTML={{ __html: PORTAL_CSS }} />
      </head>
      <body>
        <a class="skip" href="#konten">
          {t.skipLink}
        </a>
        <header class="top">
          <div>
            <p class="service">{t.serviceName}</p>
            <p class="badge">{t.sandboxBadge}</p>
          </div>
          <nav aria-label={t.navLabel}>
            <a href={`${togglePath}?lang=${other}`} lang={other} hreflang={other}>
              {t.otherLanguageName}
            </a>
            {account === undefined ? null : (
              <form method="post" action={PORTAL_PATHS.logout}>
                <input type="hidden" name="_csrf" value={account.csrfToken} />
                <button type="submit">{t.logoutButton}</button>
              </form>
            )}
          </nav>
        </header>
        <main id="konten" tabindex={-1}>
          {children}
        </main>
        <footer>
          <p class="attribution" lang="id">
            {DEFAULT_ATTRIBUTION}
          </p>
          <p>{t.sandboxFooter}</p>
        </footer>
      </body>
    </html>
  );
}

/** The texts of one outcome: the confirmation (verbatim), its meaning and the advice. */
export interface ConfirmationView {
  readonly code: ResponseCode | typeof PATTERN_BLOCK_CODE;
  /** Verbatim: the Juknis confirmation (`portalText`) or the wire text (`lookupText`). */
  readonly text: string;
  readonly meaningEn: string | null;
  readonly advice: string;
}

/**
 * The confirmation of an outcome from core's catalogue: `portalText` (the Juknis Web
 * Portal confirmation), else `lookupText`; the advice in the page's language.
 */
export function confirmationOf(
  code: ResponseCode | typeof PATTERN_BLOCK_CODE,
  lang: PortalLanguage,
): ConfirmationView {
  if (code === PATTERN_BLOCK_CODE) {
    return {
      code,
      text: PATTERN_BLOCK_TEXT,
      meaningEn: null,
      advice: PORTAL_TEXTS[lang].patternBlockAdvice,
    };
  }
  const row = responseCodeRow(code);
  return {
    code,
    text: row?.portalText ?? row?.lookupText ?? code,
    meaningEn: row?.meaningEn ?? null,
    advice: (lang === "en" ? row?.actionEn : row?.actionId) ?? "",
  };
}

function Confirmation({
  view,
  lang,
  id,
}: {
  readonly view: ConfirmationView;
  readonly lang: PortalLanguage;
  readonly id?: string;
}): VNode {
  const t = PORTAL_TEXTS[lang];
  return (
    <div id={id}>
      <p class="confirmation" lang="id" data-code={view.code}>
        {view.text}
      </p>
      {lang === "en" && view.meaningEn !== null ? (
        <p>
          <strong>{t.meaningLabel}:</strong> {view.meaningEn}
        </p>
      ) : null}
      <p>
        <strong>{t.adviceLabel}:</strong> {view.advice}
      </p>
    </div>
  );
}

/** The simulator's error code under a refusal; nothing when there is none. */
export function ErrorCodeLine({
  lang,
  code,
}: {
  readonly lang: PortalLanguage;
  readonly code: string | undefined;
}): VNode | null {
  if (code === undefined) return null;
  return (
    <p class="code">
      {PORTAL_TEXTS[lang].errorCodeLabel}: <code>{code}</code>
    </p>
  );
}

/** What the login page shows. */
export interface LoginPageProps {
  readonly lang: PortalLanguage;
  readonly csrfToken: string;
  /** The user ID typed (kept after a refusal; the password never is). */
  readonly userId?: string;
  /** A notice (logged out, session ended). */
  readonly notice?: string | undefined;
  /** The refusal: a catalogue confirmation, a sandbox message, or both. */
  readonly refusal?:
    | {
        readonly confirmation?: ConfirmationView | undefined;
        readonly messages: readonly string[];
        readonly errorCode?: string | undefined;
      }
    | undefined;
}

export function LoginPage(props: LoginPageProps): VNode {
  const t = PORTAL_TEXTS[props.lang];
  const refusal = props.refusal;
  const described = refusal === undefined ? undefined : "login-refusal";
  return (
    <Layout lang={props.lang} title={t.loginTitle} togglePath={PORTAL_PATHS.login}>
      <h1>{t.loginTitle}</h1>
      {props.notice === undefined ? null : (
        <div class="notice" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {refusal === undefined ? null : (
        <div class="error" role="alert" id="login-refusal">
          <p>
            <strong>{t.loginRefused}</strong>
          </p>
          {refusal.confirmation === undefined ? null : (
            <Confirmation view={refusal.confirmation} lang={props.lang} />
          )}
          {refusal.messages.map((message) => (
            <p key={message}>{message}</p>
          ))}
          <ErrorCodeLine lang={props.lang} code={refusal.errorCode} />
        </div>
      )}
      <p>{t.loginIntro}</p>
      <form method="post" action={PORTAL_PATHS.login}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="field">
          <label for="user_id">{t.userIdLabel}</label>
          <input
            id="user_id"
            name="user_id"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            value={props.userId ?? ""}
            aria-describedby={described}
          />
        </div>
        <div class="field">
          <label for="password">{t.passwordLabel}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={described}
          />
        </div>
        <button type="submit">{t.loginButton}</button>
      </form>
    </Layout>
  );
}

/** The result of a lookup, as the search page shows it. */
export interface SearchResultView {
  readonly nik: string;
  readonly confirmation: ConfirmationView;
  /** The granted elements (code 01), in grant order. */
  readonly record: WireRecord | null;
  /** Pattern findings shown as a sandbox warning (policy `warn`). */
  readonly findings: readonly UsagePatternFinding[];
}

/** What the search page shows. */
export interface SearchPageProps {
  readonly lang: PortalLanguage;
  readonly account: PortalAccountView;
  /** Hits left today, or `null` for unlimited. */
  readonly hitsLeft: number | null;
  readonly dailyLimit: number | null;
  readonly result?: SearchResultView | undefined;
  /** A refusal of the simulator (form token) or an injected fault: no lookup was made. */
  readonly refusal?:
    | { readonly message: string; readonly errorCode?: string; readonly detail?: string }
    | undefined;
}

const DATES: ReadonlySet<string> = new Set(DATE_ELEMENTS);

/** A value as the operator reads it: dates day first (`13-07-1994`, as "Tanggal/Bulan/Tahun"). */
function formatValue(
  element: string,
  value: string | number | bigint | null,
  t: PortalTexts,
): string {
  if (value === null || value === "") return t.emptyValue;
  const text = String(value);
  const date = DATES.has(element) ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  return date === null ? text : `${date[3]}-${date[2]}-${date[1]}`;
}

function Result({
  result,
  lang,
}: {
  readonly result: SearchResultView;
  readonly lang: PortalLanguage;
}) {
  const t = PORTAL_TEXTS[lang];
  const warning =
    result.findings.length === 0 ? null : (
      <div class="warning" role="note">
        <p>
          {t.patternWarning} {result.findings.map((finding) => finding.code).join(", ")}
        </p>
      </div>
    );
  if (result.record !== null) {
    return (
      <section aria-labelledby="hasil" class="result">
        <h2 id="hasil">{t.resultTitle}</h2>
        {warning}
        <p id="record-caption">{t.resultCaption}:</p>
        <dl class="record" aria-describedby="record-caption">
          {Object.entries(result.record).map(([element, value]) => (
            <div key={element}>
              <dt>{t.elementLabels[element as RecordElement] ?? element}</dt>
              <dd>{formatValue(element, value, t)}</dd>
            </div>
          ))}
        </dl>
        <p>
          <strong>{t.adviceLabel}:</strong> {result.confirmation.advice}
        </p>
        <p class="notice">{t.noStoreNotice}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="hasil" class="result">
      <h2 id="hasil">{t.confirmationTitle}</h2>
      {warning}
      <div class="confirmation-box">
        <Confirmation view={result.confirmation} lang={lang} />
        {result.nik === "" ? null : (
          <p>
            {t.nikSearched}: <span class="nik">{result.nik}</span>
          </p>
        )}
      </div>
    </section>
  );
}

export function SearchPage(props: SearchPageProps): VNode {
  const t = PORTAL_TEXTS[props.lang];
  const quota =
    props.hitsLeft === null || props.dailyLimit === null
      ? t.quotaUnlimited
      : t.quotaLeft(props.hitsLeft, props.dailyLimit);
  return (
    <Layout
      lang={props.lang}
      title={t.searchTitle}
      togglePath={PORTAL_PATHS.search}
      account={props.account}
    >
      <h1>{t.searchTitle}</h1>
      <p class="account">
        {t.loggedInAs} <strong>{props.account.fullName}</strong> ({props.account.userId}),{" "}
        {props.account.institutionName}
      </p>
      <p class="quota" id="kuota">
        {quota} {props.hitsLeft === null ? null : t.quotaResets}
      </p>
      {props.refusal === undefined ? null : (
        <div class="error" role="alert">
          <p>{props.refusal.message}</p>
          {props.refusal.detail === undefined ? null : (
            <p class="code">
              <code>{props.refusal.detail}</code>
            </p>
          )}
          <ErrorCodeLine lang={props.lang} code={props.refusal.errorCode} />
        </div>
      )}
      <form method="post" action={PORTAL_PATHS.search} autocomplete="off">
        <input type="hidden" name="_csrf" value={props.account.csrfToken} />
        <div class="field">
          <label for="nik">{t.nikLabel}</label>
          <p class="hint" id="nik-hint">
            {t.nikHint}
          </p>
          <input
            id="nik"
            name="nik"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            spellcheck={false}
            required
            aria-describedby="nik-hint"
          />
        </div>
        <button type="submit">{t.searchButton}</button>
      </form>
      <nav aria-label={DATA_BALIKAN_TEXTS[props.lang].navDataBalikan}>
        <ul class="links">
          <li>
            <a href={DATA_BALIKAN_PATHS.form}>{DATA_BALIKAN_TEXTS[props.lang].navDataBalikan}</a>
          </li>
          <li>
            <a href={DATA_BALIKAN_PATHS.upload}>{DATA_BALIKAN_TEXTS[props.lang].navUpload}</a>
          </li>
        </ul>
      </nav>
      {props.result === undefined ? null : <Result result={props.result} lang={props.lang} />}
    </Layout>
  );
}

/** A page for the simulator's own refusals and failures (not upstream outcomes). */
export interface ErrorPageProps {
  readonly lang: PortalLanguage;
  readonly message: string;
  readonly errorCode: string;
}

export function ErrorPage(props: ErrorPageProps): VNode {
  const t = PORTAL_TEXTS[props.lang];
  return (
    <Layout lang={props.lang} title={t.errorTitle} togglePath={PORTAL_PATHS.search}>
      <h1>{t.errorTitle}</h1>
      <div class="error" role="alert">
        <p>{props.message}</p>
        <ErrorCodeLine lang={props.lang} code={props.errorCode} />
      </div>
      <p>
        <a href={PORTAL_PATHS.search}>{t.backToPortal}</a>
      </p>
    </Layout>
  );
}

/** The HTML document of the login page. */
export function loginPageHtml(props: LoginPageProps): string {
  return renderDocument(<LoginPage {...props} />);
}

/** The HTML document of the search page (with a result when it answers a lookup). */
export function searchPageHtml(props: SearchPageProps): string {
  return renderDocument(<SearchPage {...props} />);
}

/** The HTML document of an error page. */
export function errorPageHtml(props: ErrorPageProps): string {
  return renderDocument(<ErrorPage {...props} />);
}
