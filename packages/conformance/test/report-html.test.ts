import { describe, expect, it } from "vitest";
import { renderHtml } from "../src/report/html.js";
import { signReport } from "../src/report/sign.js";
import { failedReport, passedReport } from "./fixtures/report-fixtures.js";
import { testKeyPair } from "./fixtures/report-keys.js";
import { findAll, parseXml, textOf, type XmlElement } from "./fixtures/report-xml.js";

const SCRIPT = `<script>alert("pwned")</script>`;

/** Every attribute value in the document, with its element and attribute names. */
function attributes(root: XmlElement): { element: string; name: string; value: string }[] {
  const out: { element: string; name: string; value: string }[] = [];
  const visit = (node: XmlElement): void => {
    for (const [name, value] of Object.entries(node.attributes)) {
      out.push({ element: node.name, name, value });
    }
    for (const child of node.children) if (typeof child !== "string") visit(child);
  };
  visit(root);
  return out;
}

describe("renderHtml", () => {
  it("is well-formed markup with one h1, a language and a title", () => {
    for (const report of [passedReport(), failedReport()]) {
      const root = parseXml(renderHtml(report), { allowDoctype: true });
      expect(root.name).toBe("html");
      expect(root.attributes.lang).toBe("en");
      expect(findAll(root, "h1")).toHaveLength(1);
      expect(textOf(findAll(root, "title")[0]!)).toBe(
        `PoC report: ${report.manifest.app.name} (${report.verdict === "passed" ? "PASSED" : "FAILED"})`,
      );
    }
  });

  it("shows the verdict banner with the counts and the blocking criteria", () => {
    const failed = renderHtml(failedReport());
    expect(failed).toContain('class="banner banner-failed"');
    expect(failed).toContain('Verdict: FAILED <span lang="id">(TIDAK LULUS)</span>');
    expect(failed).toContain(
      "Mandatory criteria not passed: POC-DATA-04, POC-QUOTA-02, POC-PATTERN-01, POC-STORE-01, POC-ATTR-01, POC-BALIKAN-01.",
    );
    const passed = renderHtml(passedReport());
    expect(passed).toContain('class="banner banner-passed"');
    expect(passed).toContain(
      "13 criteria (11 mandatory): 11 passed, 1 failed, 1 skipped, 0 error.",
    );
  });

  it("has the manifest, the verdict rules, the production access and the signature", () => {
    const report = signReport(passedReport(), testKeyPair().privateKeyPem);
    const html = renderHtml(report);
    for (const text of [
      report.manifest.runId,
      report.manifest.plan.sha256,
      report.manifest.simulator.datasetSha256,
      report.manifest.simulator.seed,
      "1,000,000",
      "Kecamatan Jumantono",
      ...report.verdictRules,
      "http://127.0.0.1:41873/dukcapil/get_json/kec_jumantono",
      "CALL_NIK_GET_KK",
      report.signature.keyFingerprint,
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain("answers within 12.00 s, at most 2 retries per action, grace 500 ms");
    expect(html).toContain("Layanan ini menggunakan API Dukcapil");
    expect(renderHtml(failedReport())).not.toContain("Selection seed");
    expect(renderHtml(failedReport())).not.toContain('id="production"');
    expect(renderHtml(failedReport())).toContain("This report is not signed");
  });

  it("has a section per criterion with its checks, actions and requests, NIKs as given", () => {
    const report = failedReport();
    const root = parseXml(renderHtml(report), { allowDoctype: true });
    const articles = findAll(root, "article");
    expect(articles.map((article) => article.attributes.id)).toEqual(
      report.criteria.map((criterion) => `crit-${criterion.id}`),
    );
    const data = articles.find((article) => article.attributes.id === "crit-POC-DATA-02")!;
    const text = textOf(data);
    expect(text).toContain("Data Ditemukan, Meninggal Dunia");
    expect(text).toContain("5208**********02");
    expect(text).toContain("code 11");
    const captions = findAll(data, "caption").map(textOf);
    expect(captions).toEqual([
      "Checks of POC-DATA-02",
      "App actions of POC-DATA-02 (4)",
      "Upstream requests of POC-DATA-02 (4)",
    ]);
    const crashed = articles.find((article) => article.attributes.id === "crit-POC-DATA-04")!;
    expect(textOf(crashed)).toContain("Driver error: TypeError");
  });

  it("gives every table column and row headers a scope", () => {
    const root = parseXml(renderHtml(passedReport()), { allowDoctype: true });
    const headers = findAll(root, "th");
    expect(headers.length).toBeGreaterThan(50);
    expect(
      headers.every((th) => th.attributes.scope === "col" || th.attributes.scope === "row"),
    ).toBe(true);
  });

  it("escapes every text: a <script> in any report text stays text", () => {
    const report = failedReport();
    report.manifest.app.name = SCRIPT;
    report.manifest.institution.name = `Dinas "A" & <B>`;
    const quota = report.criteria.find((criterion) => criterion.id === "POC-QUOTA-02")!;
    quota.summary = `summary ${SCRIPT}`;
    quota.title = `title ${SCRIPT}`;
    quota.checks[0]!.name = `check ${SCRIPT}`;
    quota.checks[0]!.detail = `detail ${SCRIPT}`;
    quota.evidence.actions[0]!.excerpt = `{"html":"${SCRIPT}"}`;
    quota.evidence.requests[0]!.endpoint = `/x"><img src=x onerror=alert(1)>`;
    quota.evidence.requests[0]!.findings = [SCRIPT];
    quota.evidence.notes = [`note ${SCRIPT}`];
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    const root = parseXml(html, { allowDoctype: true });
    expect(findAll(root, "script")).toHaveLength(0);
    expect(findAll(root, "img")).toHaveLength(0);
    expect(textOf(root)).toContain(`summary ${SCRIPT}`);
    expect(textOf(root)).toContain(`Dinas "A" & <B>`);
  });

  it("is self-contained: no script, stylesheet link, external URL or remote resource", () => {
    for (const report of [passedReport(), failedReport()]) {
      const html = renderHtml(report);
      const root = parseXml(html, { allowDoctype: true });
      for (const { element, name, value } of attributes(root)) {
        if (name === "src" || name === "href" || name === "xlink:href") {
          expect(value, `${element} ${name}`).toMatch(/^#/);
        }
        expect(name.startsWith("on"), `${element} ${name}`).toBe(false);
      }
      expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
      expect(html).not.toMatch(/<(?:script|link|iframe|object|embed|img)\b/i);
      expect(html).not.toMatch(/url\(|@import/i);
      expect(findAll(root, "style")).toHaveLength(1);
    }
  });

  it("draws an accessible SVG timeline with one row per upstream answer and a legend", () => {
    const report = failedReport();
    const root = parseXml(renderHtml(report), { allowDoctype: true });
    const svg = findAll(root, "svg").find((element) => element.attributes.class === "chart")!;
    expect(svg.attributes.role).toBe("img");
    expect(svg.attributes["aria-labelledby"]).toBe("chart-title chart-desc");
    const requests = report.criteria.flatMap((criterion) => criterion.evidence.requests);
    expect(findAll(svg, "circle")).toHaveLength(requests.length);
    const actions = report.criteria.flatMap((criterion) => criterion.evidence.actions);
    const bars = findAll(svg, "rect").filter((rect) => rect.attributes.height === "10");
    expect(bars).toHaveLength(actions.length);
    const legend = findAll(root, "ul").filter((ul) => ul.attributes.class === "legend");
    expect(textOf(legend[0]!)).toMatch(
      /code 01 \(\d+\).*code 05 \(38\).*HTTP 500 \(1\).*HTTP 503 \(3\).*no answer \(1\)/,
    );
    expect(textOf(legend[1]!)).toContain("driver error (1)");
    expect(textOf(findAll(svg, "desc")[0]!)).toContain(`${requests.length} upstream requests`);
  });

  it("shows timings per criterion", () => {
    const root = parseXml(renderHtml(passedReport()), { allowDoctype: true });
    const timings = findAll(root, "section").find(
      (section) => section.attributes.id === "timings",
    )!;
    const rows = findAll(timings, "tr");
    expect(rows).toHaveLength(1 + passedReport().criteria.length);
    expect(textOf(timings)).toContain("10.42 s");
  });

  it("cuts long evidence tables and says so", () => {
    const html = renderHtml(failedReport(), { maxRowsPerTable: 5 });
    expect(html).toContain(
      "Showing the first 5 of 41 upstream requests; report.json has all of them.",
    );
  });

  it("masks a stray NIK in free text", () => {
    const report = passedReport();
    report.criteria[0]!.evidence.actions[0]!.excerpt = '{"nik":"3319041307949001"}';
    const html = renderHtml(report);
    expect(html).not.toContain("3319041307949001");
    expect(html).toContain("3319**********01");
  });
});
