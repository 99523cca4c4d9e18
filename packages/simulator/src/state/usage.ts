/**
 * The semester usage report (Juknis V; PKS Karanganyar Pasal 9: reports in June and
 * December), built from the journal (hits, outcomes, pattern findings) and the
 * data-balikan table, and its CSV rendering.
 */
import {
  type Clock,
  isDukcapilCoreError,
  responseCodes,
  semesterRange,
  type UsagePatternCode,
  usagePatternKinds,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { institutionNotFound } from "./institutions.js";
import type { SqliteDatabase } from "./sqlite.js";
import type {
  Institution,
  InstitutionRepository,
  ReportRepository,
  UsageReport,
  UsageReportDay,
  UsageReportInstitution,
} from "./types.js";

interface DayCountRow {
  institution_id: string;
  day: string;
  n: number;
}
interface DayKeyCountRow extends DayCountRow {
  key: string | null;
}

interface DayParams {
  institution: string | null;
  from: string;
  to: string;
}
interface TimeParams {
  institution: string | null;
  from: number;
  to: number;
}

interface MutableDay {
  hits: number;
  outcomes: Record<string, number>;
  patternFindings: Partial<Record<UsagePatternCode, number>>;
  dataBalikanItems: number;
}

/**
 * The report repository over an open database.
 *
 * Hits per day are the journal rows whose request counted a quota hit, grouped by the
 * quota day the engine passed to `recordHit`; outcomes and findings are journal rows by
 * their Jakarta day; data balikan are the items received. Resetting the journal resets
 * the report's history.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createInstitutions, createReports, openDatabase } from "@dukcapil-sandbox/simulator";
 * const db = openDatabase(":memory:");
 * const clock = createManualClock(Date.parse("2026-07-01T09:00:00+07:00"));
 * const report = createReports(db, clock, createInstitutions(db, clock)).usage({ semester: "2026-1" });
 * ```
 * @internal
 */
export function createReports(
  db: SqliteDatabase,
  clock: Clock,
  institutions: InstitutionRepository,
): ReportRepository {
  const scope = "(@institution IS NULL OR institution_id = @institution)";
  const hits = db.prepare<[DayParams], DayCountRow>(
    `SELECT institution_id, quota_day AS day, count(*) AS n FROM journal
     WHERE ${scope} AND hit_counted = 1 AND quota_day >= @from AND quota_day <= @to AND institution_id IS NOT NULL
     GROUP BY institution_id, quota_day`,
  );
  const outcomes = db.prepare<[TimeParams], DayKeyCountRow>(
    `SELECT institution_id, day, code AS key, count(*) AS n FROM journal
     WHERE ${scope} AND at >= @from AND at < @to AND institution_id IS NOT NULL
     GROUP BY institution_id, day, code`,
  );
  const findings = db.prepare<[TimeParams], DayKeyCountRow>(
    `SELECT j.institution_id AS institution_id, j.day AS day, f.value AS key, count(*) AS n
     FROM journal AS j, json_each(j.findings) AS f
     WHERE (@institution IS NULL OR j.institution_id = @institution) AND j.at >= @from AND j.at < @to
       AND j.institution_id IS NOT NULL AND j.findings <> '[]'
     GROUP BY j.institution_id, j.day, f.value`,
  );
  const dataBalikan = db.prepare<[TimeParams], DayCountRow>(
    `SELECT institution_id, day, count(*) AS n FROM data_balikan
     WHERE ${scope} AND received_at >= @from AND received_at < @to
     GROUP BY institution_id, day`,
  );

  return {
    usage(options) {
      let range: ReturnType<typeof semesterRange>;
      try {
        range = semesterRange(options.semester);
      } catch (error) {
        if (isDukcapilCoreError(error, "DKS_CORE_INVALID_SEMESTER")) {
          throw new SimulatorError(
            "DKS_SIM_VALIDATION",
            error.message,
            {
              issues: [
                { path: "semester", code: "invalid_format", message: "Expected YYYY-1 or YYYY-2" },
              ],
            },
            { cause: error },
          );
        }
        throw error;
      }
      let selected: readonly Institution[];
      if (options.institutionId === undefined) {
        selected = institutions.list();
      } else {
        const one = institutions.get(options.institutionId);
        if (one === undefined) throw institutionNotFound(options.institutionId);
        selected = [one];
      }
      const only = options.institutionId ?? null;
      const days = new Map<string, Map<string, MutableDay>>();
      const dayOf = (institutionId: string, day: string): MutableDay => {
        let perInstitution = days.get(institutionId);
        if (perInstitution === undefined) {
          perInstitution = new Map();
          days.set(institutionId, perInstitution);
        }
        let entry = perInstitution.get(day);
        if (entry === undefined) {
          entry = { hits: 0, outcomes: {}, patternFindings: {}, dataBalikanItems: 0 };
          perInstitution.set(day, entry);
        }
        return entry;
      };

      for (const row of hits.all({ institution: only, from: range.fromDay, to: range.toDay })) {
        dayOf(row.institution_id, row.day).hits += row.n;
      }
      for (const row of outcomes.all({
        institution: only,
        from: range.startsAt,
        to: range.endsAt,
      })) {
        const entry = dayOf(row.institution_id, row.day);
        const key = row.key ?? "none";
        entry.outcomes[key] = (entry.outcomes[key] ?? 0) + row.n;
      }
      for (const row of findings.all({
        institution: only,
        from: range.startsAt,
        to: range.endsAt,
      })) {
        const entry = dayOf(row.institution_id, row.day);
        const key = (row.key ?? "") as UsagePatternCode;
        entry.patternFindings[key] = (entry.patternFindings[key] ?? 0) + row.n;
      }
      for (const row of dataBalikan.all({
        institution: only,
        from: range.startsAt,
        to: range.endsAt,
      })) {
        dayOf(row.institution_id, row.day).dataBalikanItems += row.n;
      }

      const report: UsageReportInstitution[] = selected.map((institution) => {
        const perDay = [...(days.get(institution.id) ?? new Map<string, MutableDay>())]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([day, entry]): UsageReportDay => ({ day, ...entry }));
        const totals: MutableDay & { requests: number } = {
          hits: 0,
          requests: 0,
          outcomes: {},
          patternFindings: {},
          dataBalikanItems: 0,
        };
        for (const day of perDay) {
          totals.hits += day.hits;
          totals.dataBalikanItems += day.dataBalikanItems;
          for (const [code, n] of Object.entries(day.outcomes)) {
            totals.outcomes[code] = (totals.outcomes[code] ?? 0) + n;
            totals.requests += n;
          }
          for (const [code, n] of Object.entries(day.patternFindings)) {
            const key = code as UsagePatternCode;
            totals.patternFindings[key] = (totals.patternFindings[key] ?? 0) + (n ?? 0);
          }
        }
        return {
          institutionId: institution.id,
          name: institution.name,
          stage: institution.stage,
          totals,
          days: perDay,
        };
      });
      return {
        semester: range.semester,
        fromDay: range.fromDay,
        toDay: range.toDay,
        generatedAt: clock.now(),
        institutions: report,
      };
    },
  };
}

/** One CSV field (RFC 4180), with spreadsheet formula characters neutralised in text. */
function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The columns of the CSV usage report: one per catalogue code (`code_01` …, then
 * `code_none` for requests without an outcome) and one per usage-pattern kind, read
 * from core's tables.
 *
 * @example
 * ```ts
 * import { usageReportCsvHeader } from "@dukcapil-sandbox/simulator";
 * usageReportCsvHeader().slice(0, 7); // ["semester", "institution_id", "institution_name", "stage", "row_type", "day", "hits"]
 * ```
 * @internal
 */
export function usageReportCsvHeader(): string[] {
  return [
    "semester",
    "institution_id",
    "institution_name",
    "stage",
    "row_type",
    "day",
    "hits",
    "requests",
    ...responseCodes.map((row) => `code_${row.code}`),
    "code_none",
    ...usagePatternKinds.map((row) => row.code),
    "data_balikan_items",
  ];
}

/**
 * The usage report as CSV (RFC 4180, CRLF, a header row): one `day` row per institution
 * and active day, then one `total` row per institution (also for institutions without
 * activity). Sum `day` rows or read `total` rows, not both.
 *
 * @example
 * ```ts
 * import { usageReportCsv, type UsageReport } from "@dukcapil-sandbox/simulator";
 * const empty: UsageReport = { semester: "2026-1", fromDay: "2026-01-01", toDay: "2026-06-30", generatedAt: 0, institutions: [] };
 * usageReportCsv(empty).split("\r\n")[0]; // "semester,institution_id,…"
 * ```
 * @internal
 */
export function usageReportCsv(report: UsageReport): string {
  const lines = [usageReportCsvHeader().join(",")];
  const row = (
    institution: UsageReportInstitution,
    rowType: "day" | "total",
    day: string,
    values: Omit<UsageReportDay, "day">,
  ) =>
    [
      report.semester,
      institution.institutionId,
      institution.name,
      institution.stage,
      rowType,
      day,
      values.hits,
      Object.values(values.outcomes).reduce((sum, n) => sum + n, 0),
      ...responseCodes.map((code) => values.outcomes[code.code] ?? 0),
      values.outcomes.none ?? 0,
      ...usagePatternKinds.map((kind) => values.patternFindings[kind.code] ?? 0),
      values.dataBalikanItems,
    ]
      .map(csvField)
      .join(",");
  for (const institution of report.institutions) {
    for (const day of institution.days) lines.push(row(institution, "day", day.day, day));
    lines.push(row(institution, "total", "", institution.totals));
  }
  return `${lines.join("\r\n")}\r\n`;
}
