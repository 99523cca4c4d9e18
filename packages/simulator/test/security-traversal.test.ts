// "No path traversal in any file-serving route" (issue 7, Security). The simulator has no
// file-serving route: every answer is rendered from memory or the state database (the portal's
// CSV template is a constant; reports and CSV exports come from SQLite). So this test shows
// that (1) no request-handling module can read or serve files, (2) traversal requests in every
// encoding, on every prefix, are answered in that prefix's own voice (problem+json, or the
// portal's and console's HTML error page) without a byte of a file, (3) inputs that look like
// paths (ids, queries, an upload's file name) stay data. The conformance side (report and load
// file names, the storage scan) is tested in packages/conformance/test/security-traversal.test.ts.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../src/server.js";
import {
  ADMIN_AUTH,
  ADMIN_TOKEN,
  defaultAccount,
  startTestSimulator,
} from "./imitated-fixtures.js";
import { csrfOf } from "./portal-fixtures.js";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "dks-traversal-"));
const SECRET = `sentinel-${randomBytes(12).toString("hex")}`;
const secretFile = join(dir, "secret.txt");
const dbFile = join(dir, "state.db");
writeFileSync(secretFile, `${SECRET}\n`);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator({ db: dbFile });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends one request with the request target exactly as given (no URL normalisation, no
 * encoding: `..`, backslashes and raw bytes reach the server as they are).
 */
function raw(
  method: string,
  target: string | Buffer,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = text.slice(0, split === -1 ? text.length : split).split("\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0] ?? "")?.[1] ?? 0);
      const parsed: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0)
          parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status, headers: parsed, body: split === -1 ? "" : text.slice(split + 4) });
    });
    const extra = Object.entries({ ...headers, "content-length": "0" })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.end(
      Buffer.concat([
        Buffer.from(`${method} `, "latin1"),
        typeof target === "string" ? Buffer.from(target, "latin1") : target,
        Buffer.from(
          ` HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\n${extra}\r\n`,
          "latin1",
        ),
      ]),
    );
  });
}

/** What a served file would show: the sentinel, /etc/passwd, the SQLite header, a source file. */
function expectNoFileContent(answer: RawAnswer, label: string): void {
  for (const marker of [SECRET, "root:x:0:0", "root:*:0:0", "SQLite format 3", "createSimulator"]) {
    expect([label, answer.body.includes(marker)]).toEqual([label, false]);
  }
  expect([label, answer.headers["content-disposition"]]).toEqual([label, undefined]);
}

const cwdToSecret = relative(process.cwd(), secretFile).replaceAll("\\", "/");
const secretUp = `${"../".repeat(12)}${secretFile.slice(1)}`;

/** Payloads after a prefix: each encoding of "up and out to a file". */
const PAYLOADS: readonly string[] = [
  "../../../../../../etc/passwd",
  secretUp,
  `../${cwdToSecret}`,
  cwdToSecret,
  "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
  "..%2f..%2f..%2f..%2fetc%2fpasswd",
  "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
  "%25252e%25252e%25252fetc%25252fpasswd",
  "..%5c..%5c..%5c..%5cetc%5cpasswd",
  "..\\..\\..\\..\\etc\\passwd",
  "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
  "....//....//....//etc/passwd",
  "..;/..;/..;/etc/passwd",
  `/${secretFile.slice(1)}`,
  `%2f${secretFile.slice(1).replaceAll("/", "%2f")}`,
  encodeURIComponent(secretFile),
  `${secretUp}%00.csv`,
  "templat.csv%00../../../../etc/passwd",
  `${encodeURIComponent(dbFile)}`,
  `${"../".repeat(12)}${dbFile.slice(1)}`,
];

/** Every prefix the simulator answers under, with the voice of its errors. */
const PREFIXES: readonly { readonly prefix: string; readonly voice: "problem" | "html" }[] = [
  { prefix: "/", voice: "problem" },
  { prefix: "/static/", voice: "problem" },
  { prefix: "/sandbox/", voice: "problem" },
  { prefix: "/sandbox/admin/", voice: "problem" },
  { prefix: "/sandbox/admin/reports/", voice: "problem" },
  { prefix: "/sandbox/journal/", voice: "problem" },
  { prefix: "/dukcapil/", voice: "problem" },
  { prefix: "/dukcapil/get_json/", voice: "problem" },
  { prefix: "/dukcapil/get_json/DINSOS_3204/", voice: "problem" },
  { prefix: "/dukcapil/data_balikan/", voice: "problem" },
  { prefix: "/portal/", voice: "html" },
  { prefix: "/portal/data-balikan/", voice: "html" },
  { prefix: "/portal/data-balikan/templat.csv/", voice: "html" },
  { prefix: "/admin/", voice: "html" },
  { prefix: "/admin/laporan.csv/", voice: "html" },
];

function expectVoice(answer: RawAnswer, voice: "problem" | "html", label: string): void {
  if (voice === "problem") {
    expect([label, answer.headers["content-type"]]).toEqual([
      label,
      "application/problem+json; charset=utf-8",
    ]);
    const problem = JSON.parse(answer.body) as { code: string; status: number };
    expect([label, problem.status]).toEqual([label, answer.status]);
    expect(problem.code).toMatch(/^DKS_SIM_/);
  } else {
    expect([label, answer.headers["content-type"]]).toEqual([label, "text/html; charset=utf-8"]);
    expect(answer.body.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(answer.headers["x-sandbox-error"]).toMatch(/^DKS_SIM_/);
  }
}

describe("no file-serving route", () => {
  it("has no request-handling module that reads files or serves them", () => {
    // Only the CLI (the operator's --config and --db) and the population's bundled village
    // table (a fixed path inside idn-area-data) touch the file system.
    const offenders: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) {
          const name = relative(srcDir, path).replaceAll("\\", "/");
          const text = readFileSync(path, "utf8");
          const servesFiles =
            /sendFile|express\.static|serve-static|createReadStream|res\.download|\.attachment\(/.test(
              text,
            );
          const readsFiles = /from "(node:)?fs(\/promises)?"/.test(text);
          const allowed = name === "cli.ts" || name === "population/geography.ts";
          if (servesFiles || (readsFiles && !allowed && !name.startsWith("state/"))) {
            offenders.push(name);
          }
        }
      }
    };
    walk(srcDir);
    expect(offenders).toEqual([]);
  });

  it("answers traversal in every encoding, on every prefix, in the prefix's voice and without a file", async () => {
    // Controls: the raw client reads answers, and the files the payloads aim at exist.
    const health = await raw("GET", "/sandbox/health");
    expect([health.status, health.headers["content-type"]]).toEqual([
      200,
      "application/json; charset=utf-8",
    ]);
    expect(readFileSync(secretFile, "utf8")).toContain(SECRET);
    expect(readFileSync(dbFile).subarray(0, 15).toString("latin1")).toBe("SQLite format 3");
    let checked = 0;
    for (const { prefix, voice } of PREFIXES) {
      const auth: Record<string, string> = prefix.startsWith("/sandbox/") ? { ...ADMIN_AUTH } : {};
      for (const payload of PAYLOADS) {
        const target = `${prefix}${payload}`;
        const methods = prefix.startsWith("/dukcapil/") ? ["GET", "POST"] : ["GET"];
        for (const method of methods) {
          const label = `${method} ${target}`;
          const answer = await raw(method, target, auth);
          expectNoFileContent(answer, label);
          expect([label, [400, 404, 405].includes(answer.status)]).toEqual([label, true]);
          expectVoice(answer, voice, label);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("answers an absolute-form request target without leaving the simulator's routes", async () => {
    for (const target of [
      `http://127.0.0.1/../../../../etc/passwd`,
      `http://127.0.0.1/portal/../../../../etc/passwd`,
      `http://127.0.0.1/${secretUp}`,
      `file://${secretFile}`,
    ]) {
      const answer = await raw("GET", target);
      expectNoFileContent(answer, target);
      expect([target, answer.status >= 400]).toEqual([target, true]);
    }
  });

  it("refuses raw NUL, CR and control bytes in the request target before any route", async () => {
    for (const target of [
      Buffer.from("/portal/data-balikan/templat.csv\u0000/../../../etc/passwd", "latin1"),
      Buffer.from(`/sandbox/${secretUp}\u0000`, "latin1"),
      Buffer.from("/admin/\u0001../../etc/passwd", "latin1"),
    ]) {
      const answer = await raw("GET", target);
      expectNoFileContent(answer, target.toString("latin1"));
      expect(answer.status).toBe(400);
    }
  });
});

describe("inputs that look like paths stay data", () => {
  it("treats traversal in ids and queries of the admin API as ids, not paths", async () => {
    const cases: readonly [string, number, string][] = [
      ["/sandbox/admin/institutions/..%2f..%2f..%2fetc%2fpasswd", 404, "DKS_SIM_NOT_FOUND"],
      [`/sandbox/admin/institutions/${encodeURIComponent(secretFile)}`, 404, "DKS_SIM_NOT_FOUND"],
      ["/sandbox/admin/users/..%2f..%2fetc%2fpasswd", 404, "DKS_SIM_NOT_FOUND"],
      ["/sandbox/admin/tokens/..%2f..%2fetc%2fpasswd", 404, "DKS_SIM_NOT_FOUND"],
      ["/sandbox/admin/onboarding/..%2f..%2fetc%2fpasswd", 404, "DKS_SIM_NOT_FOUND"],
      [
        `/sandbox/admin/reports/usage?semester=${encodeURIComponent(secretUp)}&format=csv`,
        400,
        "DKS_SIM_VALIDATION",
      ],
      [
        "/sandbox/admin/reports/usage?semester=2026-1&institution=..%2f..%2fetc%2fpasswd&format=csv",
        400,
        "DKS_SIM_VALIDATION",
      ],
    ];
    for (const [target, status, code] of cases) {
      const answer = await raw("GET", target, ADMIN_AUTH);
      expectNoFileContent(answer, target);
      expect([target, answer.status]).toEqual([target, status]);
      expect([target, (JSON.parse(answer.body) as { code: string }).code]).toEqual([target, code]);
    }
    const journal = await raw(
      "GET",
      `/sandbox/journal?institution=${encodeURIComponent(secretUp)}`,
      {
        authorization: `Bearer ${ADMIN_TOKEN}`,
      },
    );
    expect(journal.status).toBe(200);
    expect(JSON.parse(journal.body)).toMatchObject({ total: 0, entries: [] });
  });

  it("serves the portal's CSV template as a constant, whatever the query asks for", async () => {
    const account = defaultAccount(sim);
    const agent = request.agent(sim.url);
    const page = await agent.get("/portal/masuk");
    const login = await agent
      .post("/portal/masuk")
      .type("form")
      .send({ _csrf: csrfOf(page.text), user_id: account.userId, password: account.password });
    expect(login.status).toBe(303);
    const plain = await agent.get("/portal/data-balikan/templat.csv");
    expect(plain.status).toBe(200);
    for (const query of [
      `?file=${encodeURIComponent(secretUp)}`,
      "?path=/etc/passwd",
      "?f=..%2f..%2fstate.db",
    ]) {
      const answer = await agent.get(`/portal/data-balikan/templat.csv${query}`);
      expect([query, answer.status, answer.text]).toEqual([query, 200, plain.text]);
    }
  });

  it("never writes an upload to disk, whatever its file name says", async () => {
    const account = defaultAccount(sim);
    const agent = request.agent(sim.url);
    const page = await agent.get("/portal/masuk");
    const login = await agent
      .post("/portal/masuk")
      .type("form")
      .send({ _csrf: csrfOf(page.text), user_id: account.userId, password: account.password });
    expect(login.status).toBe(303);
    const before = readdirSync(dir).sort();
    const storedBefore = sim.runtime.store.dataBalikan.count({
      institutionId: account.institutionId,
    });
    const names = [
      `${"../".repeat(12)}${dir.slice(1)}/uploaded-1.csv`,
      `${dir}/uploaded-2.csv`,
      `..\\..\\..\\uploaded-3.csv`,
      "uploaded-4.csv\u0000.xlsx",
      "%2e%2e%2fuploaded-5.csv",
    ];
    let accepted = 0;
    for (const [index, filename] of names.entries()) {
      const form = await agent.get("/portal/data-balikan/unggah");
      const answer = await agent
        .post("/portal/data-balikan/unggah")
        .field("_csrf", csrfOf(form.text))
        .attach(
          "berkas",
          Buffer.from(
            `NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA\r\n3319041307949001,R-${index + 1},Usaha,Dagang\r\n`,
          ),
          {
            filename,
            contentType: "text/csv",
          },
        );
      // The name only picks the kind by its ending: a .csv is read and stored as data, the
      // rest (".xlsx" after a NUL) is refused as not a spreadsheet.
      if (filename.endsWith(".csv")) {
        expect([filename, answer.status]).toEqual([filename, 200]);
        accepted += 1;
      } else {
        expect([filename, answer.status, answer.headers["x-sandbox-error"]]).toEqual([
          filename,
          400,
          "DKS_SIM_PORTAL_UPLOAD_INVALID",
        ]);
      }
      expect(answer.text).not.toContain(SECRET);
    }
    expect(accepted).toBe(4);
    expect(sim.runtime.store.dataBalikan.count({ institutionId: account.institutionId })).toBe(
      storedBefore + accepted,
    );
    // Nothing new next to the state file (the database's own -wal/-shm files aside).
    const after = readdirSync(dir)
      .sort()
      .filter((name) => !/^state\.db(-wal|-shm|-journal)?$/.test(name));
    expect(after).toEqual(before.filter((name) => !/^state\.db(-wal|-shm|-journal)?$/.test(name)));
    expect(readdirSync(process.cwd()).some((name) => name.startsWith("uploaded-"))).toBe(false);
  });
});
