/**
 * The admin console's pages: server-rendered Preact components (TSX), escaped by
 * preact-render-to-string, no client script. Data come from the same repositories as the
 * admin API; NIKs are shown through core's `maskNik` only.
 */
import {
  DEFAULT_ATTRIBUTION,
  maskNik,
  RECORD_ELEMENTS,
  type RecordElement,
} from "@dukcapil-sandbox/core";
import type { ComponentChildren, VNode } from "preact";
import type { ClockState } from "../controls/clock.js";
import type { FaultPlan } from "../controls/faults.js";
import { PORTAL_TEXTS } from "../portal/texts.js";
import { onboardingStates } from "../state/onboarding.js";
import type {
  DataBalikanItem,
  Institution,
  JournalEntry,
  OnboardingData,
  OnboardingTicket,
  TokenView,
  UsageReport,
  UserAccount,
} from "../state/types.js";
import { renderDocument } from "../web/shared.js";
import { OFFICER_KEYS, ONBOARDING_GROUPS } from "./forms.js";
import { ADMIN_CSS } from "./styles.js";
import { type ConsoleLanguage, type ConsoleTextKey, textsFor } from "./texts.js";

/** The console's paths (mounted at `/admin`). */
export const ADMIN_PATHS = Object.freeze({
  root: "/admin",
  login: "/admin/masuk",
  logout: "/admin/keluar",
  institutions: "/admin/instansi",
  newInstitution: "/admin/instansi/baru",
  institution: (id: string) => `/admin/instansi/${encodeURIComponent(id)}`,
  newUser: (id: string) => `/admin/instansi/${encodeURIComponent(id)}/pengguna/baru`,
  users: (id: string) => `/admin/instansi/${encodeURIComponent(id)}/pengguna`,
  tokens: (id: string) => `/admin/instansi/${encodeURIComponent(id)}/token`,
  user: (userId: string) => `/admin/pengguna/${encodeURIComponent(userId)}`,
  userPassword: (userId: string) => `/admin/pengguna/${encodeURIComponent(userId)}/sandi`,
  tokenRotate: (tokenId: string) => `/admin/token/${encodeURIComponent(tokenId)}/rotasi`,
  tokenRevoke: (tokenId: string) => `/admin/token/${encodeURIComponent(tokenId)}/cabut`,
  onboarding: "/admin/onboarding",
  newTicket: "/admin/onboarding/baru",
  ticket: (id: string) => `/admin/onboarding/${encodeURIComponent(id)}`,
  ticketTransition: (id: string) => `/admin/onboarding/${encodeURIComponent(id)}/transisi`,
  journal: "/admin/jurnal",
  report: "/admin/laporan",
  reportCsv: "/admin/laporan.csv",
  dataBalikan: "/admin/data-balikan",
  controls: "/admin/kontrol",
  clock: "/admin/kontrol/jam",
  faults: "/admin/kontrol/gangguan",
  faultsClear: "/admin/kontrol/gangguan/hapus",
});

/** Errors of a form, by the zod path of the field (`officer.fullName`); `""` for the form. */
export type FieldErrors = Readonly<
  Record<string, readonly { readonly code: string; readonly message: string }[]>
>;

/** A message above the page's content. */
export interface Flash {
  readonly kind: "notice" | "error";
  readonly text: string;
  readonly code?: string | undefined;
}

/** What every signed-in page receives. */
export interface ConsolePage {
  readonly lang: ConsoleLanguage;
  readonly csrfToken: string;
  /** The current path (the language toggle leads back to it). */
  readonly path: string;
  readonly flash?: Flash | undefined;
}

const NAV: readonly { readonly href: string; readonly key: ConsoleTextKey }[] = [
  { href: ADMIN_PATHS.institutions, key: "institutions" },
  { href: ADMIN_PATHS.onboarding, key: "onboarding" },
  { href: ADMIN_PATHS.journal, key: "journal" },
  { href: ADMIN_PATHS.report, key: "report" },
  { href: ADMIN_PATHS.dataBalikan, key: "dataBalikan" },
  { href: ADMIN_PATHS.controls, key: "controls" },
];

/** A time as Disdukcapil staff read it: WIB. */
export function wib(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")} WIB`;
}

function Layout(props: {
  readonly lang: ConsoleLanguage;
  readonly title: string;
  readonly path: string;
  readonly csrfToken?: string | undefined;
  readonly flash?: Flash | undefined;
  readonly children: ComponentChildren;
}): VNode {
  const t = textsFor(props.lang);
  const other = props.lang === "en" ? "id" : "en";
  const section = NAV.find((item) => props.path.startsWith(item.href));
  const sep = props.path.includes("?") ? "&" : "?";
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · ${t("serviceName")}`}</title>
        {/* Trusted constant, allowed by its hash in the Content-Security-Policy. */}
        <style dangerouslySetInnerHTML={{ __html: ADMIN_CSS }} />
      </head>
      <body>
        <a class="skip" href="#konten">
          {t("skipLink")}
        </a>
        <header class="top">
          <div>
            <p class="service">{t("serviceName")}</p>
            <p class="badge">{t("badge")}</p>
          </div>
          <nav aria-label={t("navLabel")}>
            {props.csrfToken === undefined ? null : (
              <ul>
                {NAV.map((item) => (
                  <li key={item.href}>
                    <a
                      href={item.href}
                      aria-current={section?.href === item.href ? "page" : undefined}
                    >
                      {t(item.key)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <a href={`${props.path}${sep}lang=${other}`} lang={other} hreflang={other}>
              {t("otherLanguageName")}
            </a>
            {props.csrfToken === undefined ? null : (
              <form method="post" action={ADMIN_PATHS.logout}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit">{t("logoutButton")}</button>
              </form>
            )}
          </nav>
        </header>
        <main id="konten" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.flash === undefined ? null : <FlashBox flash={props.flash} lang={props.lang} />}
          {props.children}
        </main>
        <footer>
          <p class="attribution" lang="id">
            {DEFAULT_ATTRIBUTION}
          </p>
          <p>{t("sandboxFooter")}</p>
        </footer>
      </body>
    </html>
  );
}

function FlashBox({ flash, lang }: { readonly flash: Flash; readonly lang: ConsoleLanguage }) {
  const t = textsFor(lang);
  return (
    <div
      class={flash.kind === "error" ? "error" : "notice"}
      role={flash.kind === "error" ? "alert" : "status"}
      id="pesan"
    >
      <p>{flash.text}</p>
      {flash.code === undefined ? null : (
        <p class="code">
          {t("errorCodeLabel")}: <code>{flash.code}</code>
        </p>
      )}
    </div>
  );
}

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

function ErrorList({
  name,
  errors,
}: {
  readonly name: string;
  readonly errors?: FieldErrors | undefined;
}) {
  const list = errors?.[name];
  if (list === undefined || list.length === 0) return null;
  return (
    <div id={`${fieldId(name)}-err`}>
      {list.map((issue) => (
        <p class="field-error" key={issue.message}>
          <code>DKS_SIM_VALIDATION</code> <code>{issue.code}</code>: {issue.message}
        </p>
      ))}
    </div>
  );
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly type?: "text" | "number" | "password" | "email";
  readonly required?: boolean;
  readonly multiline?: boolean;
  readonly autocomplete?: string;
}

function Field(props: FieldProps): VNode {
  const id = fieldId(props.name);
  const invalid = (props.errors?.[props.name]?.length ?? 0) > 0;
  const described =
    [props.hint === undefined ? null : `${id}-hint`, invalid ? `${id}-err` : null]
      .filter((x) => x !== null)
      .join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint === undefined ? null : (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <textarea
          id={id}
          name={props.name}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={described}
        >
          {props.value ?? ""}
        </textarea>
      ) : (
        <input
          id={id}
          name={props.name}
          type={(props.type ?? "text") as "text"}
          value={props.value ?? ""}
          required={props.required}
          autocomplete={props.autocomplete ?? "off"}
          spellcheck={false}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={described}
        />
      )}
      <ErrorList name={props.name} errors={props.errors} />
    </div>
  );
}

function Select(props: {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly (readonly [string, string])[];
  readonly errors?: FieldErrors | undefined;
}): VNode {
  const id = fieldId(props.name);
  const invalid = (props.errors?.[props.name]?.length ?? 0) > 0;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={invalid ? `${id}-err` : undefined}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
      <ErrorList name={props.name} errors={props.errors} />
    </div>
  );
}

function Check(props: {
  readonly name: string;
  readonly label: string;
  readonly checked: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <div class="field check">
      <input id={id} type="checkbox" name={props.name} value="1" checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** The status select of an institution or a user. */
function StatusSelect(props: {
  readonly lang: ConsoleLanguage;
  readonly value: string;
  readonly errors?: FieldErrors | undefined;
}) {
  const t = textsFor(props.lang);
  return (
    <Select
      name="status"
      label={t("status")}
      value={props.value}
      options={[
        ["active", t("active")],
        ["inactive", t("inactive")],
      ]}
      errors={props.errors}
    />
  );
}

/** A checkbox per record element (ids `${idPrefix}-${element}`), then the field's errors. */
function GrantChecks(props: {
  readonly lang: ConsoleLanguage;
  readonly name: string;
  readonly idPrefix: string;
  readonly checked: readonly string[];
  readonly errors?: FieldErrors | undefined;
}) {
  const labels = PORTAL_TEXTS[props.lang].elementLabels;
  return (
    <>
      <div class="checks">
        {RECORD_ELEMENTS.map((element) => (
          <div key={element}>
            <input
              type="checkbox"
              id={`${props.idPrefix}-${element}`}
              name={props.name}
              value={element}
              checked={props.checked.includes(element)}
            />
            <label for={`${props.idPrefix}-${element}`}>
              {labels[element as RecordElement] ?? element} (<code>{element}</code>)
            </label>
          </div>
        ))}
      </div>
      <ErrorList name={props.name} errors={props.errors} />
    </>
  );
}

/** The options of an institution select: `first` (the empty value), then each institution. */
const institutionOptions = (first: string, institutions: readonly Institution[]) => [
  ["", first] as const,
  ...institutions.map((i) => [i.id, i.name] as const),
];

function Csrf({ token }: { readonly token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

function ErrorSummary({
  errors,
  lang,
}: {
  readonly errors?: FieldErrors | undefined;
  readonly lang: ConsoleLanguage;
}) {
  if (errors === undefined || Object.keys(errors).length === 0) return null;
  const t = textsFor(lang);
  return (
    <div class="error" role="alert" id="ringkasan-kesalahan">
      <p>
        <strong>{t("fixErrors")}</strong> <code>DKS_SIM_VALIDATION</code>
      </p>
      <ul>
        {Object.entries(errors).flatMap(([path, issues]) =>
          issues.map((issue) => (
            <li key={`${path}${issue.message}`}>
              {path === "" ? null : <a href={`#${fieldId(path)}`}>{path}</a>}
              {path === "" ? "" : ": "}
              {issue.message}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

// --- Login and errors ---

export function loginPageHtml(props: {
  readonly lang: ConsoleLanguage;
  readonly csrfToken: string;
  readonly notice?: string | undefined;
  readonly refusal?: { readonly message: string; readonly code: string } | undefined;
}): string {
  const t = textsFor(props.lang);
  return renderDocument(
    <Layout lang={props.lang} title={t("loginTitle")} path={ADMIN_PATHS.login}>
      {props.notice === undefined ? null : (
        <div class="notice" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {props.refusal === undefined ? null : (
        <div class="error" role="alert" id="login-refusal">
          <p>{props.refusal.message}</p>
          <p class="code">
            {t("errorCodeLabel")}: <code>{props.refusal.code}</code>
          </p>
        </div>
      )}
      <p>{t("loginIntro")}</p>
      <form method="post" action={ADMIN_PATHS.login}>
        <Csrf token={props.csrfToken} />
        <div class="field">
          <label for="admin_token">{t("tokenLabel")}</label>
          <input
            id="admin_token"
            name="admin_token"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={props.refusal === undefined ? undefined : "login-refusal"}
          />
        </div>
        <button type="submit">{t("loginButton")}</button>
      </form>
    </Layout>,
  );
}

export function errorPageHtml(props: {
  readonly lang: ConsoleLanguage;
  readonly message: string;
  readonly code: string;
  readonly csrfToken?: string | undefined;
}): string {
  const t = textsFor(props.lang);
  return renderDocument(
    <Layout
      lang={props.lang}
      title={t("errorTitle")}
      path={ADMIN_PATHS.institutions}
      csrfToken={props.csrfToken}
      flash={{ kind: "error", text: props.message, code: props.code }}
    >
      <p>
        <a href={ADMIN_PATHS.institutions}>{t("institutions")}</a>
      </p>
    </Layout>,
  );
}

// --- Institutions ---

export function institutionsPageHtml(
  page: ConsolePage & { readonly institutions: readonly Institution[] },
): string {
  const t = textsFor(page.lang);
  return renderDocument(
    <Layout {...page} title={t("institutions")}>
      <p>
        <a href={ADMIN_PATHS.newInstitution}>{t("newInstitution")}</a>
      </p>
      <table>
        <caption>{t("institutions")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("id")}</th>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("path")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("stage")}</th>
            <th scope="col">{t("allowlist")}</th>
          </tr>
        </thead>
        <tbody>
          {page.institutions.map((institution) => (
            <tr key={institution.id}>
              <td>
                <a href={ADMIN_PATHS.institution(institution.id)}>{institution.id}</a>
              </td>
              <td>{institution.name}</td>
              <td>
                <code>{institution.path}</code>
              </td>
              <td>{t(institution.status)}</td>
              <td>{institution.stage}</td>
              <td>{institution.allowlist.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>,
  );
}

/** The values of the institution form, as typed (strings) or as stored. */
export interface InstitutionFormValues {
  readonly id?: string;
  readonly name: string;
  readonly path: string;
  readonly aliases: string;
  readonly status: string;
  readonly allowlist: string;
  readonly grant: readonly string[];
  readonly numbers: string;
  readonly lookupQuotaLimiter: boolean;
  readonly stage: string;
  readonly patternPolicy: string;
  readonly accessFrom: string;
  readonly accessTo: string;
}

export function institutionFormValues(institution: Institution): InstitutionFormValues {
  return {
    name: institution.name,
    path: institution.path,
    aliases: institution.aliases.join(", "),
    status: institution.status,
    allowlist: institution.allowlist.join("\n"),
    grant: institution.grant,
    numbers: institution.dialect.numbers,
    lookupQuotaLimiter: institution.dialect.lookupQuotaLimiter,
    stage: institution.stage,
    patternPolicy: institution.patternPolicy,
    accessFrom: institution.accessHours?.from ?? "",
    accessTo: institution.accessHours?.to ?? "",
  };
}

function InstitutionForm(props: {
  readonly lang: ConsoleLanguage;
  readonly csrfToken: string;
  readonly action: string;
  readonly isNew: boolean;
  readonly values: InstitutionFormValues;
  readonly errors?: FieldErrors | undefined;
}) {
  const t = textsFor(props.lang);
  const v = props.values;
  const e = props.errors;
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrfToken} />
      {props.isNew ? (
        <Field name="id" label={t("id")} hint={t("idHint")} value={v.id} errors={e} />
      ) : null}
      <Field name="name" label={t("name")} value={v.name} errors={e} required />
      <Field name="path" label={t("path")} value={v.path} errors={e} required />
      <Field name="aliases" label={t("aliases")} value={v.aliases} errors={e} />
      <StatusSelect lang={props.lang} value={v.status} errors={e} />
      <Field name="allowlist" label={t("allowlist")} value={v.allowlist} errors={e} multiline />
      <fieldset aria-describedby="grant-hint">
        <legend>{t("grant")}</legend>
        <p class="hint" id="grant-hint">
          {t("grantHint")}
        </p>
        <GrantChecks lang={props.lang} name="grant" idPrefix="grant" checked={v.grant} errors={e} />
      </fieldset>
      <Select
        name="dialect.numbers"
        label={t("dialectNumbers")}
        value={v.numbers}
        options={[
          ["bare", "bare"],
          ["string", "string"],
        ]}
        errors={e}
      />
      <Check
        name="dialect.lookupQuotaLimiter"
        label={t("dialectQuotaLimiter")}
        checked={v.lookupQuotaLimiter}
      />
      <Select
        name="stage"
        label={t("stage")}
        value={v.stage}
        options={[
          ["onboarding", "onboarding"],
          ["poc", "poc"],
          ["production", "production"],
        ]}
        errors={e}
      />
      <Select
        name="patternPolicy"
        label={t("patternPolicy")}
        value={v.patternPolicy}
        options={[
          ["record", "record"],
          ["warn", "warn"],
          ["block", "block"],
        ]}
        errors={e}
      />
      <div class="row">
        <Field
          name="accessHours.from"
          label={t("accessFrom")}
          hint={t("accessHint")}
          value={v.accessFrom}
          errors={e}
        />
        <Field name="accessHours.to" label={t("accessTo")} value={v.accessTo} errors={e} />
      </div>
      <button type="submit">{props.isNew ? t("createButton") : t("saveButton")}</button>
    </form>
  );
}

export function newInstitutionPageHtml(
  page: ConsolePage & {
    readonly values: InstitutionFormValues;
    readonly errors?: FieldErrors | undefined;
  },
): string {
  const t = textsFor(page.lang);
  return renderDocument(
    <Layout {...page} title={t("newInstitution")}>
      <ErrorSummary errors={page.errors} lang={page.lang} />
      <InstitutionForm
        lang={page.lang}
        csrfToken={page.csrfToken}
        action={ADMIN_PATHS.institutions}
        isNew
        values={page.values}
        errors={page.errors}
      />
    </Layout>,
  );
}

/** A secret shown once (a generated password or a new token). */
export interface ShownOnce {
  readonly label: string;
  readonly value: string;
}

function SecretBox({
  secret,
  lang,
}: {
  readonly secret: ShownOnce;
  readonly lang: ConsoleLanguage;
}) {
  const t = textsFor(lang);
  return (
    <div class="warning" role="status" id="sekali">
      <p>
        <strong>{secret.label}</strong>
      </p>
      <p class="secret" id="rahasia">
        {secret.value}
      </p>
      <p>{t("shownOnce")}</p>
    </div>
  );
}

export interface InstitutionPageProps extends ConsolePage {
  readonly institution: Institution;
  readonly values: InstitutionFormValues;
  readonly errors?: FieldErrors | undefined;
  readonly users: readonly (UserAccount & { readonly effectiveDailyQuota: number | null })[];
  readonly tokens: readonly TokenView[];
  readonly tokenErrors?: FieldErrors | undefined;
  /** A refused revocation: the token and the errors of its reason field. */
  readonly revokeErrors?: { readonly tokenId: string; readonly errors: FieldErrors } | undefined;
  readonly secret?: ShownOnce | undefined;
}

export function institutionPageHtml(page: InstitutionPageProps): string {
  const t = textsFor(page.lang);
  const inst = page.institution;
  return renderDocument(
    <Layout {...page} title={`${t("editInstitution")}: ${inst.name}`}>
      {page.secret === undefined ? null : <SecretBox secret={page.secret} lang={page.lang} />}
      <p>
        {t("id")}: <code>{inst.id}</code>
      </p>
      <ErrorSummary errors={page.errors} lang={page.lang} />
      <InstitutionForm
        lang={page.lang}
        csrfToken={page.csrfToken}
        action={ADMIN_PATHS.institution(inst.id)}
        isNew={false}
        values={page.values}
        errors={page.errors}
      />

      <h2 id="pengguna">{t("users")}</h2>
      <p>
        <a href={ADMIN_PATHS.newUser(inst.id)}>{t("newUser")}</a>
      </p>
      {page.users.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table>
          <caption>{t("users")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("userId")}</th>
              <th scope="col">{t("fullName")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("ipUser")}</th>
              <th scope="col">{t("effectiveQuota")}</th>
            </tr>
          </thead>
          <tbody>
            {page.users.map((user) => (
              <tr key={user.userId}>
                <td>
                  <a href={ADMIN_PATHS.user(user.userId)}>{user.userId}</a>
                </td>
                <td>{user.officer.fullName}</td>
                <td>{t(user.status)}</td>
                <td>
                  <code>{user.ipUser}</code>
                </td>
                <td>
                  {user.effectiveDailyQuota === null ? t("unlimited") : user.effectiveDailyQuota}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="token">{t("tokens")}</h2>
      <TokensTable
        lang={page.lang}
        csrfToken={page.csrfToken}
        tokens={page.tokens}
        revokeErrors={page.revokeErrors}
      />
      <h3>{t("issueToken")}</h3>
      <ErrorSummary errors={page.tokenErrors} lang={page.lang} />
      <form method="post" action={ADMIN_PATHS.tokens(inst.id)}>
        <Csrf token={page.csrfToken} />
        <Field name="applicationId" label={t("applicationId")} errors={page.tokenErrors} />
        <Field
          name="registeredAddresses"
          label={t("registeredAddresses")}
          errors={page.tokenErrors}
          multiline
        />
        <Field
          name="validityDays"
          label={t("validityDays")}
          type="number"
          errors={page.tokenErrors}
        />
        <button type="submit">{t("issueToken")}</button>
      </form>
    </Layout>,
  );
}

function TokensTable(props: {
  readonly lang: ConsoleLanguage;
  readonly csrfToken: string;
  readonly tokens: readonly TokenView[];
  readonly revokeErrors?: { readonly tokenId: string; readonly errors: FieldErrors } | undefined;
}) {
  const t = textsFor(props.lang);
  if (props.tokens.length === 0) return <p>{t("none")}</p>;
  return (
    <table>
      <caption>{t("tokens")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("id")}</th>
          <th scope="col">{t("applicationId")}</th>
          <th scope="col">{t("state")}</th>
          <th scope="col">{t("expiresAt")}</th>
          <th scope="col">{t("daysLeft")}</th>
          <th scope="col">{t("actions")}</th>
        </tr>
      </thead>
      <tbody>
        {props.tokens.map((token) => (
          <tr
            key={token.id}
            data-token={token.id}
            class={
              token.state === "expiring-soon"
                ? "expiring"
                : token.state === "expired"
                  ? "expired"
                  : undefined
            }
          >
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{token.applicationId}</td>
            <td>
              <strong>{token.state}</strong>
              {token.warning === null ? null : (
                <p class="warning-text">
                  <strong>{t("warningLabel")}:</strong> {token.warning}
                </p>
              )}
              {token.revocation === null ? null : <p>{JSON.stringify(token.revocation)}</p>}
            </td>
            <td>{wib(token.expiresAt)}</td>
            <td>{token.daysLeft}</td>
            <td>
              {token.state === "active" || token.state === "expiring-soon" ? (
                <>
                  <form method="post" action={ADMIN_PATHS.tokenRotate(token.id)} class="inline">
                    <Csrf token={props.csrfToken} />
                    <button type="submit" class="secondary">
                      {t("rotate")} {token.applicationId}
                    </button>
                  </form>
                  <form method="post" action={ADMIN_PATHS.tokenRevoke(token.id)} class="inline">
                    <Csrf token={props.csrfToken} />
                    <div class="field">
                      <label for={`reason-${token.id}`}>{t("revokeReason")}</label>
                      <input
                        id={`reason-${token.id}`}
                        name="reason"
                        type="text"
                        required
                        aria-invalid={props.revokeErrors?.tokenId === token.id ? "true" : undefined}
                        aria-describedby={
                          props.revokeErrors?.tokenId === token.id ? "f-reason-err" : undefined
                        }
                      />
                      {props.revokeErrors?.tokenId === token.id ? (
                        <ErrorList name="reason" errors={props.revokeErrors.errors} />
                      ) : null}
                    </div>
                    <button type="submit" class="danger">
                      {t("revoke")} {token.applicationId}
                    </button>
                  </form>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// --- Users ---

export interface UserFormValues {
  readonly userId: string;
  readonly ipUser: string;
  readonly status: string;
  readonly dailyQuota: string;
  readonly officer: Readonly<Record<string, string>>;
}

export function userFormValues(user: UserAccount): UserFormValues {
  return {
    userId: user.userId,
    ipUser: user.ipUser,
    status: user.status,
    dailyQuota: user.dailyQuota === null ? "" : String(user.dailyQuota),
    officer: { ...user.officer },
  };
}

const OFFICER_FIELDS: readonly (readonly [string, ConsoleTextKey])[] = [
  ["nik", "officerNik"],
  ["fullName", "fullName"],
  ["nip", "nip"],
  ["employmentStatus", "employmentStatus"],
  ["position", "position"],
  ["officeRegionCode", "officeRegionCode"],
  ["officeName", "officeName"],
  ["officeAddress", "officeAddress"],
  ["localUserId", "localUserId"],
];

export function userPageHtml(
  page: ConsolePage & {
    readonly institution: Institution;
    readonly user?: (UserAccount & { readonly effectiveDailyQuota: number | null }) | undefined;
    readonly values: UserFormValues;
    readonly errors?: FieldErrors | undefined;
    readonly secret?: ShownOnce | undefined;
  },
): string {
  const t = textsFor(page.lang);
  const isNew = page.user === undefined;
  const v = page.values;
  const e = page.errors;
  return renderDocument(
    <Layout
      {...page}
      title={isNew ? `${t("newUser")}: ${page.institution.name}` : `${t("editUser")}: ${v.userId}`}
    >
      {page.secret === undefined ? null : <SecretBox secret={page.secret} lang={page.lang} />}
      <p>
        {t("institution")}:{" "}
        <a href={ADMIN_PATHS.institution(page.institution.id)}>{page.institution.name}</a>
      </p>
      {page.user === undefined ? null : (
        <p>
          {t("effectiveQuota")}:{" "}
          <strong>
            {page.user.effectiveDailyQuota === null
              ? t("unlimited")
              : page.user.effectiveDailyQuota}
          </strong>
        </p>
      )}
      <ErrorSummary errors={e} lang={page.lang} />
      <form
        method="post"
        action={isNew ? ADMIN_PATHS.users(page.institution.id) : ADMIN_PATHS.user(v.userId)}
      >
        <Csrf token={page.csrfToken} />
        {isNew ? (
          <>
            <Field name="userId" label={t("userId")} value={v.userId} errors={e} required />
            <Field
              name="password"
              label={t("password")}
              hint={t("passwordHint")}
              type="password"
              autocomplete="new-password"
              errors={e}
            />
          </>
        ) : null}
        <Field name="ipUser" label={t("ipUser")} value={v.ipUser} errors={e} required />
        <StatusSelect lang={page.lang} value={v.status} errors={e} />
        <Field
          name="dailyQuota"
          label={t("dailyQuota")}
          hint={t("dailyQuotaHint")}
          type="number"
          value={v.dailyQuota}
          errors={e}
        />
        <fieldset>
          <legend>{t("officer")}</legend>
          {OFFICER_FIELDS.map(([key, label]) => (
            <Field
              key={key}
              name={`officer.${key}`}
              label={t(label)}
              value={v.officer[key]}
              errors={e}
            />
          ))}
        </fieldset>
        <button type="submit">{isNew ? t("createButton") : t("saveButton")}</button>
      </form>
      {isNew ? null : (
        <>
          <h2>{t("resetPassword")}</h2>
          <form method="post" action={ADMIN_PATHS.userPassword(v.userId)}>
            <Csrf token={page.csrfToken} />
            <p class="hint">{t("passwordHint")}</p>
            <Field
              name="password"
              label={t("newPassword")}
              type="password"
              autocomplete="new-password"
              errors={e}
            />
            <button type="submit" class="secondary">
              {t("resetPassword")}
            </button>
          </form>
        </>
      )}
    </Layout>,
  );
}

// --- Onboarding ---

export function onboardingPageHtml(
  page: ConsolePage & { readonly tickets: readonly OnboardingTicket[] },
): string {
  const t = textsFor(page.lang);
  return renderDocument(
    <Layout {...page} title={t("onboarding")}>
      <p>
        <a href={ADMIN_PATHS.newTicket}>{t("newTicket")}</a>
      </p>
      {page.tickets.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table>
          <caption>{t("onboarding")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ticket")}</th>
              <th scope="col">{t("state")}</th>
              <th scope="col">{t("institution")}</th>
              <th scope="col">{t("due")}</th>
              <th scope="col">{t("missing")}</th>
            </tr>
          </thead>
          <tbody>
            {page.tickets.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <a href={ADMIN_PATHS.ticket(ticket.id)}>{ticket.id}</a>
                </td>
                <td>{ticket.state}</td>
                <td>{ticket.data.institution?.name ?? ticket.institutionId ?? ""}</td>
                <td>{ticket.dueAt === null ? "" : wib(ticket.dueAt)}</td>
                <td>{ticket.missing.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>SOP</h2>
      <dl class="record">
        {onboardingStates.map((row) => (
          <div key={row.state}>
            <dt>{row.state}</dt>
            <dd>{row.description}</dd>
          </div>
        ))}
      </dl>
    </Layout>,
  );
}

/** The ticket form's values: text fields by zod path, and the granted elements. */
export interface OnboardingFormValues {
  readonly fields: Readonly<Record<string, string>>;
  readonly grant: readonly string[];
}

/** A ticket's data as the form's values. */
export function onboardingFormValues(data: OnboardingData): OnboardingFormValues {
  const fields: Record<string, string> = {};
  const flatten = (prefix: string, value: unknown) => {
    if (Array.isArray(value)) fields[prefix] = value.join("\n");
    else if (value !== null && typeof value === "object")
      for (const [key, item] of Object.entries(value)) flatten(`${prefix}.${key}`, item);
    else if (value !== undefined) fields[prefix] = String(value);
  };
  for (const [group, value] of Object.entries(data)) flatten(group, value);
  return { fields, grant: data.institution?.grant ?? [] };
}

const GROUP_LEGENDS: Readonly<Record<keyof typeof ONBOARDING_GROUPS, ConsoleTextKey>> = {
  letter: "letter",
  institution: "institution",
  application: "application",
  user: "requestedUser",
  contact: "contact",
};

/** The label of each ticket field, by its zod path. */
const TICKET_LABELS: Readonly<Record<string, ConsoleTextKey>> = {
  "letter.number": "letterNumber",
  "letter.date": "letterDate",
  "institution.id": "id",
  "institution.name": "name",
  "institution.path": "path",
  "institution.allowlist": "allowlist",
  "institution.grant": "grant",
  "application.name": "applicationName",
  "application.description": "applicationDescription",
  "user.userId": "userId",
  "user.ipUser": "ipUser",
  "contact.name": "contactName",
  "contact.email": "contactEmail",
  "contact.phone": "contactPhone",
  ...Object.fromEntries(
    OFFICER_FIELDS.map(([key, label]) => [`user.officer.${key}`, label] as const),
  ),
};

const MULTILINE = new Set(["institution.allowlist", "application.description"]);

function OnboardingForm(props: {
  readonly lang: ConsoleLanguage;
  readonly csrfToken: string;
  readonly action: string;
  readonly values: OnboardingFormValues;
  readonly errors?: FieldErrors | undefined;
  readonly button: string;
}) {
  const t = textsFor(props.lang);
  const v = props.values.fields;
  const e = props.errors;
  const field = (path: string) => (
    <Field
      key={path}
      name={path}
      label={t(TICKET_LABELS[path] ?? "name")}
      value={v[path]}
      errors={e}
      multiline={MULTILINE.has(path)}
      type={path === "contact.email" ? "email" : "text"}
    />
  );
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrfToken} />
      {Object.entries(ONBOARDING_GROUPS).map(([group, names]) => (
        <fieldset key={group}>
          <legend>{t(GROUP_LEGENDS[group as keyof typeof ONBOARDING_GROUPS])}</legend>
          {names.map((name) =>
            name === "grant" ? (
              <fieldset key={name}>
                <legend>{t("grant")}</legend>
                <GrantChecks
                  lang={props.lang}
                  name="institution.grant"
                  idPrefix="ticket-grant"
                  checked={props.values.grant}
                  errors={e}
                />
              </fieldset>
            ) : (
              field(`${group}.${name}`)
            ),
          )}
          {group === "user" ? (
            <fieldset>
              <legend>{t("officer")}</legend>
              {OFFICER_KEYS.map((key) => field(`user.officer.${key}`))}
            </fieldset>
          ) : null}
        </fieldset>
      ))}
      <button type="submit">{props.button}</button>
    </form>
  );
}

/** A ticket's data as a definition list, by the form's groups and labels. */
function TicketData({
  data,
  lang,
}: {
  readonly data: OnboardingData;
  readonly lang: ConsoleLanguage;
}) {
  const t = textsFor(lang);
  const entries = Object.entries(onboardingFormValues(data).fields);
  if (entries.length === 0) return <p id="data-tiket">{t("none")}</p>;
  const groups = Object.keys(ONBOARDING_GROUPS) as (keyof typeof ONBOARDING_GROUPS)[];
  return (
    <dl class="record" id="data-tiket">
      {groups.map((group) => {
        const rows = entries.filter(([path]) => path.startsWith(`${group}.`));
        if (rows.length === 0) return null;
        return (
          <div key={group}>
            <dt>{t(GROUP_LEGENDS[group])}</dt>
            <dd>
              <dl>
                {rows.map(([path, value]) => (
                  <div key={path}>
                    <dt>{TICKET_LABELS[path] === undefined ? path : t(TICKET_LABELS[path])}</dt>
                    <dd>{value.includes("\n") ? value.split("\n").join(", ") : value}</dd>
                  </div>
                ))}
              </dl>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function newTicketPageHtml(
  page: ConsolePage & {
    readonly values: OnboardingFormValues;
    readonly errors?: FieldErrors | undefined;
  },
): string {
  const t = textsFor(page.lang);
  return renderDocument(
    <Layout {...page} title={t("newTicket")}>
      <p>{t("newTicketIntro")}</p>
      <ErrorSummary errors={page.errors} lang={page.lang} />
      <OnboardingForm
        lang={page.lang}
        csrfToken={page.csrfToken}
        action={ADMIN_PATHS.onboarding}
        values={page.values}
        errors={page.errors}
        button={t("submitTicket")}
      />
    </Layout>,
  );
}

export function ticketPageHtml(
  page: ConsolePage & {
    readonly ticket: OnboardingTicket;
    readonly secret?: ShownOnce | undefined;
    /** The amend form as typed, after a refusal. */
    readonly values?: OnboardingFormValues | undefined;
    readonly errors?: FieldErrors | undefined;
  },
): string {
  const t = textsFor(page.lang);
  const ticket = page.ticket;
  const current = onboardingStates.find((row) => row.state === ticket.state);
  return renderDocument(
    <Layout {...page} title={`${t("ticket")} ${ticket.id}`}>
      {page.secret === undefined ? null : <SecretBox secret={page.secret} lang={page.lang} />}
      <p>
        {t("state")}: <strong data-state={ticket.state}>{ticket.state}</strong>
        {current === undefined ? null : ` — ${current.description}`}
      </p>
      {ticket.dueAt === null ? null : (
        <p>
          {t("due")}: {wib(ticket.dueAt)}
        </p>
      )}
      {ticket.missing.length === 0 ? null : (
        <div class="warning" role="note">
          <p>
            {t("missing")}: {ticket.missing.join(", ")}
          </p>
        </div>
      )}
      {ticket.institutionId === null ? null : (
        <p>
          {t("institution")}:{" "}
          <a href={ADMIN_PATHS.institution(ticket.institutionId)}>{ticket.institutionId}</a>
        </p>
      )}
      <h2>{t("allowedTransitions")}</h2>
      {ticket.allowed.length === 0 ? (
        <p>{t("noTransitions")}</p>
      ) : (
        <form method="post" action={ADMIN_PATHS.ticketTransition(ticket.id)}>
          <Csrf token={page.csrfToken} />
          <Field name="note" label={t("note")} multiline />
          <div class="inline">
            {ticket.allowed.map((to) => (
              <button key={to} type="submit" name="to" value={to}>
                {t("moveTo")} {to}
              </button>
            ))}
          </div>
        </form>
      )}
      <h2>{t("history")}</h2>
      <table>
        <caption>{t("history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("time")}</th>
            <th scope="col">{t("from")}</th>
            <th scope="col">{t("to")}</th>
            <th scope="col">{t("note")}</th>
          </tr>
        </thead>
        <tbody>
          {ticket.history.map((entry) => (
            <tr key={`${entry.at}-${entry.to}`}>
              <td>{wib(entry.at)}</td>
              <td>{entry.from ?? ""}</td>
              <td>{entry.to}</td>
              <td>{entry.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="data">{t("ticketData")}</h2>
      <TicketData data={ticket.data} lang={page.lang} />
      <details id="ubah" open={page.errors === undefined ? undefined : true}>
        <summary>{t("amendTicket")}</summary>
        <p class="hint">{t("amendHint")}</p>
        <ErrorSummary errors={page.errors} lang={page.lang} />
        <OnboardingForm
          lang={page.lang}
          csrfToken={page.csrfToken}
          action={ADMIN_PATHS.ticket(ticket.id)}
          values={page.values ?? onboardingFormValues(ticket.data)}
          errors={page.errors}
          button={t("amendButton")}
        />
      </details>
    </Layout>,
  );
}

// --- Journal ---

export interface JournalPageProps extends ConsolePage {
  readonly query: Readonly<Record<string, string>>;
  readonly errors?: FieldErrors | undefined;
  readonly institutions: readonly Institution[];
  readonly entries: readonly JournalEntry[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

function withQuery(base: string, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(
    Object.entries(query).filter(([, value]) => value !== ""),
  ).toString();
  return params === "" ? base : `${base}?${params}`;
}

export function journalPageHtml(page: JournalPageProps): string {
  const t = textsFor(page.lang);
  const q = page.query;
  const e = page.errors;
  const prev = Math.max(0, page.offset - page.limit);
  const next = page.offset + page.limit;
  return renderDocument(
    <Layout {...page} title={t("journal")}>
      <ErrorSummary errors={e} lang={page.lang} />
      <form method="get" action={ADMIN_PATHS.journal}>
        <div class="row">
          <Select
            name="institution"
            label={t("institution")}
            value={q.institution ?? ""}
            options={institutionOptions(t("all"), page.institutions)}
            errors={e}
          />
          <Field name="user" label={t("userId")} value={q.user} errors={e} />
          <Field name="code" label={t("code")} value={q.code} errors={e} />
          <Field name="from" label={t("from")} hint={t("timeHint")} value={q.from} errors={e} />
          <Field name="to" label={t("to")} value={q.to} errors={e} />
        </div>
        <button type="submit">{t("filter")}</button>
      </form>
      <p id="jumlah">
        {t("total")}: <strong>{page.total}</strong>
      </p>
      <table>
        <caption>{t("journal")}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("time")}</th>
            <th scope="col">{t("endpoint")}</th>
            <th scope="col">{t("institution")}</th>
            <th scope="col">{t("userId")}</th>
            <th scope="col">{t("nik")}</th>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("httpStatus")}</th>
            <th scope="col">{t("findings")}</th>
            <th scope="col">{t("note")}</th>
          </tr>
        </thead>
        <tbody>
          {page.entries.map((entry) => (
            <tr key={entry.id} class={entry.findings.length > 0 ? "finding" : undefined}>
              <td>{entry.id}</td>
              <td>{wib(entry.at)}</td>
              <td>{entry.endpoint}</td>
              <td>{entry.institutionId ?? ""}</td>
              <td>{entry.userId ?? ""}</td>
              <td>
                <code>{entry.nik === null ? "" : maskNik(entry.nik)}</code>
              </td>
              <td>{entry.code ?? ""}</td>
              <td>{entry.httpStatus}</td>
              <td>
                {entry.findings.length === 0 ? "" : <strong>{entry.findings.join(", ")}</strong>}
              </td>
              <td>{entry.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label={t("journal")}>
        {page.offset > 0 ? (
          <a href={withQuery(ADMIN_PATHS.journal, { ...q, offset: String(prev) })}>
            {t("previous")}
          </a>
        ) : null}
        {next < page.total ? (
          <a href={withQuery(ADMIN_PATHS.journal, { ...q, offset: String(next) })}>{t("next")}</a>
        ) : null}
      </nav>
    </Layout>,
  );
}

// --- Usage report ---

export function reportPageHtml(
  page: ConsolePage & {
    readonly semester: string;
    readonly institution: string;
    readonly institutions: readonly Institution[];
    readonly report?: UsageReport | undefined;
    readonly errors?: FieldErrors | undefined;
  },
): string {
  const t = textsFor(page.lang);
  const query = { semester: page.semester, institution: page.institution };
  return renderDocument(
    <Layout {...page} title={t("report")}>
      <ErrorSummary errors={page.errors} lang={page.lang} />
      <form method="get" action={ADMIN_PATHS.report}>
        <div class="row">
          <Field name="semester" label={t("semester")} value={page.semester} errors={page.errors} />
          <Select
            name="institution"
            label={t("institution")}
            value={page.institution}
            options={institutionOptions(t("all"), page.institutions)}
            errors={page.errors}
          />
        </div>
        <button type="submit">{t("show")}</button>
      </form>
      {page.report === undefined ? null : (
        <>
          <p>
            <a href={withQuery(ADMIN_PATHS.reportCsv, query)} download>
              {t("downloadCsv")}
            </a>{" "}
            ({page.report.fromDay} – {page.report.toDay})
          </p>
          <table>
            <caption>{`${t("report")} ${page.report.semester}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t("institution")}</th>
                <th scope="col">{t("stage")}</th>
                <th scope="col">{t("requests")}</th>
                <th scope="col">{t("hits")}</th>
                <th scope="col">{t("findings")}</th>
                <th scope="col">{t("dataBalikanItems")}</th>
              </tr>
            </thead>
            <tbody>
              {page.report.institutions.map((row) => (
                <tr key={row.institutionId}>
                  <td>{row.name}</td>
                  <td>{row.stage}</td>
                  <td>{row.totals.requests}</td>
                  <td>{row.totals.hits}</td>
                  <td>
                    {Object.entries(row.totals.patternFindings)
                      .map(([code, n]) => `${code}: ${n}`)
                      .join(", ")}
                  </td>
                  <td>{row.totals.dataBalikanItems}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>,
  );
}

// --- Data balikan received ---

export function dataBalikanPageHtml(
  page: ConsolePage & {
    readonly institution: string;
    readonly day: string;
    readonly institutions: readonly Institution[];
    readonly items: readonly DataBalikanItem[];
    readonly total: number;
    readonly errors?: FieldErrors | undefined;
  },
): string {
  const t = textsFor(page.lang);
  return renderDocument(
    <Layout {...page} title={t("dataBalikan")}>
      <ErrorSummary errors={page.errors} lang={page.lang} />
      <form method="get" action={ADMIN_PATHS.dataBalikan}>
        <div class="row">
          <Select
            name="institution"
            label={t("institution")}
            value={page.institution}
            options={institutionOptions(t("all"), page.institutions)}
          />
          <Field name="day" label={t("day")} value={page.day} errors={page.errors} />
        </div>
        <button type="submit">{t("filter")}</button>
      </form>
      <p>
        {t("total")}: <strong>{page.total}</strong>
      </p>
      {page.items.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table>
          <caption>{t("dataBalikan")}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("receivedAt")}</th>
              <th scope="col">{t("institution")}</th>
              <th scope="col">{t("nik")}</th>
              <th scope="col">{t("params")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td>{item.id}</td>
                <td>{wib(item.receivedAt)}</td>
                <td>{item.institutionId}</td>
                <td>
                  <code>{maskNik(item.nik)}</code>
                </td>
                <td>
                  <code>{item.params}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
}

// --- Clock and faults ---

export function controlsPageHtml(
  page: ConsolePage & {
    readonly clock: ClockState;
    readonly faults: {
      readonly global: FaultPlan;
      readonly institutions: Record<string, FaultPlan>;
    };
    readonly institutions: readonly Institution[];
    readonly clockErrors?: FieldErrors | undefined;
    readonly faultErrors?: FieldErrors | undefined;
    readonly faultValues?: Readonly<Record<string, string>> | undefined;
  },
): string {
  const t = textsFor(page.lang);
  const ce = page.clockErrors;
  const fe = page.faultErrors;
  const fv = page.faultValues ?? {};
  const inForce = [
    ["", page.faults.global] as const,
    ...Object.entries(page.faults.institutions),
  ].filter(([, plan]) => Object.keys(plan).length > 0);
  const faultField = (name: string, label: ConsoleTextKey, type?: "number") => (
    <Field name={name} label={t(label)} type={type ?? "text"} value={fv[name]} errors={fe} />
  );
  return renderDocument(
    <Layout {...page} title={t("controls")}>
      <h2 id="jam">{t("clock")}</h2>
      <p id="jam-sekarang">
        {t("clockNow")}: <strong>{wib(page.clock.now)}</strong> (
        {new Date(page.clock.now).toISOString()}), {t("clockMode")}:{" "}
        <strong>{page.clock.mode}</strong>
      </p>
      <ErrorSummary errors={ce} lang={page.lang} />
      <form method="post" action={ADMIN_PATHS.clock}>
        <Csrf token={page.csrfToken} />
        <input type="hidden" name="action" value="set" />
        <Field name="set" label={t("setTo")} hint={t("timeHint")} errors={ce} />
        <Check name="frozen" label={t("frozen")} checked={page.clock.mode === "frozen"} />
        <button type="submit">{t("setClock")}</button>
      </form>
      <form method="post" action={ADMIN_PATHS.clock}>
        <Csrf token={page.csrfToken} />
        <input type="hidden" name="action" value="advance" />
        <Field name="advanceMinutes" label={t("advanceMinutes")} type="number" errors={ce} />
        <button type="submit">{t("advance")}</button>
      </form>
      <form method="post" action={ADMIN_PATHS.clock}>
        <Csrf token={page.csrfToken} />
        <input type="hidden" name="action" value="real" />
        <button type="submit" class="secondary">
          {t("realTime")}
        </button>
      </form>

      <h2 id="gangguan">{t("faults")}</h2>
      <h3>{t("faultsInForce")}</h3>
      {inForce.length === 0 ? (
        <p id="gangguan-berlaku">{t("none")}</p>
      ) : (
        <table id="gangguan-berlaku">
          <caption>{t("faultsInForce")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("scope")}</th>
              <th scope="col">{t("faults")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {inForce.map(([scope, plan]) => (
              <tr key={scope}>
                <td>{scope === "" ? t("global") : scope}</td>
                <td>
                  <code>{JSON.stringify(plan)}</code>
                </td>
                <td>
                  <form method="post" action={ADMIN_PATHS.faultsClear}>
                    <Csrf token={page.csrfToken} />
                    <input type="hidden" name="scope" value={scope} />
                    <button type="submit" class="secondary">
                      {t("clearFaults")} ({scope === "" ? t("global") : scope})
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("setFaults")}</h3>
      <ErrorSummary errors={fe} lang={page.lang} />
      <form method="post" action={ADMIN_PATHS.faults}>
        <Csrf token={page.csrfToken} />
        <Select
          name="scope"
          label={t("scope")}
          value={fv.scope ?? ""}
          options={institutionOptions(t("global"), page.institutions)}
        />
        <div class="row">
          {faultField("latencyMs", "latencyMs", "number")}
          {faultField("jitterMs", "jitterMs", "number")}
          {faultField("bandwidthKbps", "bandwidthKbps", "number")}
          <Select
            name="error"
            label={t("errorStatus")}
            value={fv.error ?? ""}
            options={[
              ["", "—"],
              ["500", "500"],
              ["502", "502"],
              ["503", "503"],
              ["504", "504"],
            ]}
            errors={fe}
          />
          {faultField("maxConcurrent", "maxConcurrent", "number")}
          {faultField("probability", "probability")}
        </div>
        <Check name="reset" label={t("resetConnection")} checked={fv.reset === "1"} />
        <Check name="noAnswer" label={t("noAnswer")} checked={fv.noAnswer === "1"} />
        <Select
          name="maintenance"
          label={t("maintenance")}
          value={fv.maintenance === "1" ? "always" : (fv.maintenance ?? "")}
          options={[
            ["", t("maintenanceOff")],
            ["always", t("maintenanceAlways")],
            ["window", t("maintenanceWindow")],
          ]}
          errors={fe}
        />
        <div class="row">
          {faultField("maintenance.from", "maintenanceFrom")}
          {faultField("maintenance.to", "maintenanceTo")}
        </div>
        <button type="submit">{t("setFaults")}</button>
      </form>
    </Layout>,
  );
}
