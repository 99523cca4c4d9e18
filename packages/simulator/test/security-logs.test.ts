// "No unmasked NIK in any log line" (issue 7, Security). A full run as a user does it, every
// process a child whose standard output and error are captured line by line:
//
// - `dukcapil-sandbox start` (file state, as `npm start`): every magic NIK through lookup,
//   verify and family card; failures (wrong and empty credentials, wrong ip_user, malformed
//   and 16-digit invalid NIKs, unparseable bodies, quota used up, forced codes, unknown
//   paths); data balikan (sent, duplicate, wrong token); the Web Portal (failed and good
//   login, searches, the data-balikan form and a CSV upload, logout); the admin console
//   (sign-in, journal) and the admin API (a user with an officer NIK); then SIGTERM.
// - the PATEN desk CLI (examples/paten-kecamatan) against that simulator, which logs each
//   lookup to standard error;
// - `dukcapil-sandbox load --target simulator` against it (progress and summary lines);
// - `dukcapil-sandbox poc` on the careless example (it fails on purpose: its summaries name
//   the NIKs it stored), then `dukcapil-sandbox verify` on the report, and a setup error whose
//   message carries a 16-digit path.
//
// Every captured line is scanned: no run of 16 or more digits at all (a NIK or a NO_KK), no
// NIK used in the run, and every masked NIK in core's `maskNik` form (`3204**********01`).
// The request journal and the report files may hold full data (the journal is the one place
// that does, by design): they are files, not log output.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csrfOf } from "./portal-fixtures.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const SIMULATOR_CLI = "packages/simulator/src/cli.ts";
const DESK_CLI = "examples/paten-kecamatan/src/cli.ts";
const CARELESS_DIR = "examples/careless-agency-app";
const ADMIN_TOKEN = "security-logs-admin-token-1234";
/** A well-formed NIK only in a path given to the PoC CLI (its setup error names the path). */
const SETUP_ERROR_NIK = "3204011507850007";
/** A well-formed NIK only in the path of the app given to the PoC CLI. */
const PATH_NIK = "3204014408920003";

/** A run of 16 or more digits: a NIK or a NO_KK in full. */
const DIGIT_RUN = /\d{16,}/g;
/** A token mixing digits and asterisks: a masked value. */
const MASKED_TOKEN = /[\d*]*\d[\d*]*\*[\d*]*|[\d*]*\*[\d*]*\d[\d*]*/g;
const NIK_MASK = /^\d{4}\*{10}\d{2}$/;
/** A data-balikan token (core's `dks_<16 hex id>_<base64url secret>`). */
const TOKEN = /\bdks_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}/g;
/** A hash or key fingerprint: 32 or more hex characters. */
const HEX_HASH = /(?<![0-9A-Za-z])[0-9a-f]{32,}(?![0-9A-Za-z])/gi;

/** The problems of one log line: full digit runs, used NIKs, masks of another shape. */
function logLineProblems(line: string, usedNiks: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  // Secrets and hashes printed on purpose may hold 16 digits in a row by chance: a data
  // balikan token's 16 hex id characters, a key fingerprint or a plan's SHA-256 (64 hex).
  const scrubbed = line.replace(TOKEN, "<token>").replace(HEX_HASH, "<hash>");
  for (const run of scrubbed.match(DIGIT_RUN) ?? []) {
    problems.push(`${run.length}-digit run ${run}`);
  }
  for (const nik of usedNiks) if (line.includes(nik)) problems.push(`NIK ${nik}`);
  for (const token of line.match(MASKED_TOKEN) ?? []) {
    if (!NIK_MASK.test(token) && /\d{3,}/.test(token)) problems.push(`odd mask ${token}`);
  }
  return problems;
}

interface LogLine {
  readonly source: string;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

const lines: LogLine[] = [];
const children: ChildProcess[] = [];
const usedNiks = new Set<string>();
const dir = mkdtempSync(join(tmpdir(), "dks-security-logs-"));

interface Child {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  waitFor(stream: "stdout" | "stderr", pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Runs a TypeScript entry point of the repository as a user would (tsx, source condition). */
function run(
  source: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  record = true,
): Child {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@dukcapil-sandbox/source", ...args],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    },
  );
  children.push(child);
  const text = { stdout: "", stderr: "" };
  const partial = { stdout: "", stderr: "" };
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream]?.on("data", (chunk: Buffer) => {
      const value = chunk.toString("utf8");
      text[stream] += value;
      const parts = (partial[stream] + value).split("\n");
      partial[stream] = parts.pop() ?? "";
      if (record) for (const part of parts) lines.push({ source, stream, text: part });
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.on("close", (code) => {
      for (const stream of ["stdout", "stderr"] as const) {
        if (record && partial[stream] !== "") {
          lines.push({ source, stream, text: partial[stream] });
        }
        partial[stream] = "";
      }
      resolve(code);
    });
  });
  return {
    child,
    exited,
    output: () => ({ ...text }),
    async waitFor(stream, pattern) {
      for (let i = 0; i < 1200; i++) {
        const match = text[stream].match(pattern);
        if (match) return match;
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(
        `${source}: ${pattern} not seen; stdout=${text.stdout} stderr=${text.stderr}`,
      );
    },
  };
}

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
});

/** What the simulator printed at start. */
interface Printed {
  readonly url: string;
  readonly path: string;
  readonly userId: string;
  readonly password: string;
  readonly ipUser: string;
  readonly dataBalikanToken: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    code: response.headers.get("x-sandbox-code"),
    text: await response.text(),
  };
}

async function adminCall(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text === "" ? null : (JSON.parse(text) as unknown);
}

/** The imitated API, the data balikan, the portal, the console and the admin API. */
async function exerciseSimulator(p: Printed, magic: readonly { kind: string; nik: string }[]) {
  const api = (method: string) => `${p.url}/dukcapil/get_json/${p.path}/${method}`;
  const creds = { user_id: p.userId, password: p.password, ip_user: p.ipUser };
  for (const { nik } of magic) {
    const lookup = await post(api("CALL_NIK"), { nik, ...creds });
    expect(lookup.status).toBe(200);
    await post(api("CALL_VERIFY_BY_ELEMEN"), {
      NIK: nik,
      USER_ID: p.userId,
      PASSWORD: p.password,
      IP_USER: p.ipUser,
      TRESHOLD: "80",
      NAMA_LGKP: "NAMA YANG SALAH",
      TGL_LHR: "01-01-1990",
    });
    await post(api("CALL_NIK_GET_KK"), { nik, ...creds });
  }
  const found = magic.find((row) => row.kind === "found")?.nik as string;
  // Failures of every kind, each carrying a NIK.
  expect((await post(api("CALL_NIK"), { nik: found, ...creds, password: "salah" })).code).toBe(
    "03",
  );
  expect((await post(api("CALL_NIK"), { nik: found, ...creds, password: "" })).code).toBe("09");
  expect((await post(api("CALL_NIK"), { nik: found, ...creds, ip_user: "10.0.0.9" })).code).toBe(
    "04",
  );
  const invalid16 = "3204019913990001"; // 16 digits, no such date
  usedNiks.add(invalid16);
  expect((await post(api("CALL_NIK"), { nik: invalid16, ...creds })).code).toBe("15");
  expect((await post(api("CALL_NIK"), { nik: "32040112", ...creds })).code).toBe("15");
  expect((await post(api("CALL_NIK"), `{"nik":"${found}",`)).code).toBe("07");
  expect((await post(api("CALL_NIK"), { ...creds })).code).toBe("07");
  expect((await post(api("CALL_NIK"), { nik: found, ...creds }, { prefer: "code=14" })).code).toBe(
    "14",
  );
  await post(`${p.url}/dukcapil/get_json/${found}/CALL_NIK`, { nik: found, ...creds });
  await post(`${p.url}/sandbox/${found}`, { nik: found });
  await fetch(`${p.url}/portal/${found}`);
  // Quota used up (05), then restored.
  await adminCall(p.url, "PATCH", `/sandbox/admin/users/${p.userId}`, { dailyQuota: 0 });
  expect((await post(api("CALL_NIK"), { nik: found, ...creds })).code).toBe("05");
  await adminCall(p.url, "PATCH", `/sandbox/admin/users/${p.userId}`, { dailyQuota: null });

  // Data balikan: sent, sent again, wrong token, malformed NIK.
  const balikan = (nik: string) => [
    {
      id_lembaga: p.path,
      nama_lembaga: "Dinas Sosial",
      data: [{ NIK: nik, param: [{ NOMOR_REGISTER: "REG-1" }] }],
    },
  ];
  const auth = { authorization: `Bearer ${p.dataBalikanToken}` };
  const balikanUrl = `${p.url}/dukcapil/data_balikan`;
  expect((await post(balikanUrl, balikan(found), auth)).status).toBe(200);
  expect((await post(balikanUrl, balikan(found), auth)).status).toBe(400);
  expect((await post(balikanUrl, balikan(found), { authorization: "Bearer dks_x_y" })).status).toBe(
    401,
  );
  await post(balikanUrl, balikan(invalid16), auth);

  // The Web Portal: a failed and a good login, searches, the data balikan form and upload.
  const portal = request.agent(p.url);
  const loginPage = await portal.get("/portal/masuk");
  const failed = await portal
    .post("/portal/masuk")
    .type("form")
    .send({ _csrf: csrfOf(loginPage.text), user_id: p.userId, password: "salah-sekali" });
  expect(failed.status).not.toBe(303);
  const page = await portal.get("/portal/masuk");
  const good = await portal
    .post("/portal/masuk")
    .type("form")
    .send({ _csrf: csrfOf(page.text), user_id: p.userId, password: p.password });
  expect(good.status).toBe(303);
  for (const nik of [
    found,
    magic.find((row) => row.kind === "deceased")?.nik ?? found,
    invalid16,
  ]) {
    const form = await portal.get("/portal/cari");
    await portal
      .post("/portal/cari")
      .type("form")
      .send({ _csrf: csrfOf(form.text), nik });
  }
  const balikanForm = await portal.get("/portal/data-balikan");
  await portal
    .post("/portal/data-balikan")
    .type("form")
    .send({
      _csrf: csrfOf(balikanForm.text),
      NIK: magic.find((row) => row.kind === "deceased")?.nik ?? found,
      NOMOR_REGISTER: "REG-2",
      NAMA_USAHA: "Warung",
      JENIS_USAHA: "Dagang",
    });
  const uploadPage = await portal.get("/portal/data-balikan/unggah");
  const csv = `NIK,NOMOR_REGISTER,NAMA_USAHA,JENIS_USAHA\r\n${magic
    .map((row, i) => `${row.nik},REG-${i + 10},Usaha ${i},Dagang`)
    .join("\r\n")}\r\n${invalid16},REG-99,Usaha,Dagang\r\n`;
  const uploaded = await portal
    .post("/portal/data-balikan/unggah")
    .field("_csrf", csrfOf(uploadPage.text))
    .attach("berkas", Buffer.from(csv), { filename: "balikan.csv", contentType: "text/csv" });
  expect(uploaded.status).toBe(200);
  const searchPage = await portal.get("/portal/cari");
  await portal
    .post("/portal/keluar")
    .type("form")
    .send({ _csrf: csrfOf(searchPage.text) });

  // The admin console (sign-in, the journal with its NIK filter) and the admin API.
  const console_ = request.agent(p.url);
  const signIn = await console_.get("/admin/masuk");
  await console_
    .post("/admin/masuk")
    .type("form")
    .send({ _csrf: csrfOf(signIn.text), admin_token: "salah-token-konsol-123" });
  const signIn2 = await console_.get("/admin/masuk");
  const signedIn = await console_
    .post("/admin/masuk")
    .type("form")
    .send({ _csrf: csrfOf(signIn2.text), admin_token: ADMIN_TOKEN });
  expect(signedIn.status).toBe(303);
  expect((await console_.get("/admin/jurnal")).status).toBe(200);
  await adminCall(p.url, "POST", "/sandbox/admin/institutions/dinsos-3204/users", {
    userId: "dinsos3204.loket2",
    password: "rahasia-loket-2",
    ipUser: "10.32.4.16",
    officer: {
      nik: "3204055502900001",
      fullName: "NENG SITI",
      nip: "",
      employmentStatus: "PPPK",
      position: "Petugas Loket",
      officeRegionCode: "32.04",
      officeName: "Dinas Sosial",
      officeAddress: "Jl. Alun-alun Utara 1",
      localUserId: "loket2",
    },
  });
  usedNiks.add("3204055502900001");
  const journal = (await adminCall(p.url, "GET", "/sandbox/journal?limit=1000")) as {
    entries: { nik: string | null }[];
  };
  return journal.entries;
}

/** The PATEN desk CLI against the simulator: its log lines go to standard error. */
async function exerciseDesk(p: Printed, magic: readonly { kind: string; nik: string }[]) {
  const desk = run("paten-desk", [DESK_CLI], {
    DUKCAPIL_URL: p.url,
    DUKCAPIL_PATH: p.path,
    DUKCAPIL_USER_ID: p.userId,
    DUKCAPIL_PASSWORD: p.password,
    DUKCAPIL_IP_USER: p.ipUser,
    DATA_BALIKAN_TOKEN: p.dataBalikanToken,
    DUKCAPIL_TIMEOUT_MS: "3000",
    PORT: "0",
  });
  const [, deskUrl] = await desk.waitFor("stdout", /listening on (http:\/\/\S+)/);
  const typed = [...magic.map((row) => row.nik), "3204019913990001", "3204 0112 3456"];
  for (const nik of typed) {
    await fetch(`${deskUrl}/cek`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ nik }).toString(),
    }).then((r) => r.text());
  }
  await fetch(`${deskUrl}/akhir-hari`, { method: "POST" }).then((r) => r.text());
  await desk.waitFor("stderr", /data balikan/);
  desk.child.kill("SIGTERM");
  expect(await desk.exited).toBe(0);
}

let journalNiks: (string | null)[] = [];
let exitCodes: Record<string, number | null> = {};

beforeAll(async () => {
  const reports = join(dir, "reports");
  // The careless app under a path that holds a NIK (a symbolic link to the example): the PoC
  // CLI prints the app's path in its first line.
  const appDir = join(dir, `careless-${PATH_NIK}`);
  symlinkSync(resolve(repoRoot, CARELESS_DIR), appDir, "dir");
  usedNiks.add(PATH_NIK);
  // The PoC runs its own in-process simulator: start it first, it takes longest.
  const poc = run("poc", [
    SIMULATOR_CLI,
    "poc",
    "--app",
    join(appDir, "src", "poc.ts"),
    "--report-dir",
    reports,
    "--signing-key",
    join(dir, "poc-signing-key.pem"),
  ]);

  const simulator = run("simulator", [
    SIMULATOR_CLI,
    "start",
    "--port",
    "0",
    "--population",
    "10000",
    "--db",
    join(dir, "state.db"),
    "--admin-token",
    ADMIN_TOKEN,
  ]);
  await simulator.waitFor("stdout", /Press Ctrl\+C to stop/);
  const out = simulator.output().stdout;
  const pick = (pattern: RegExp) => {
    const value = out.match(pattern)?.[1];
    if (value === undefined) throw new Error(`${pattern} not in the start output:\n${out}`);
    return value;
  };
  const printed: Printed = {
    url: pick(/listening on (http:\/\/\S+)/),
    path: pick(/get_json\/(\S+)\/CALL_NIK/),
    userId: pick(/user ID\s+(\S+)/),
    password: pick(/password\s+(\S+)/),
    ipUser: pick(/ip_user\s+(\S+)/),
    dataBalikanToken: pick(/Bearer (dks_\S+)/),
  };
  const magicAnswer = (await (await fetch(`${printed.url}/sandbox/magic`)).json()) as {
    magic: { kind: string; nik: string }[];
  };
  const magic = magicAnswer.magic;
  for (const row of magic) usedNiks.add(row.nik);

  journalNiks = (await exerciseSimulator(printed, magic)).map((item) => item.nik);
  await exerciseDesk(printed, magic);

  const load = run("load", [
    SIMULATOR_CLI,
    "load",
    "--target",
    "simulator",
    "--simulator-url",
    printed.url,
    "--admin-token",
    ADMIN_TOKEN,
    "--connections",
    "2",
    "--duration",
    "1",
    "--out",
    join(dir, "load"),
  ]);
  const loadExit = await load.exited;

  const setupError = run("poc-setup-error", [
    SIMULATOR_CLI,
    "poc",
    "--app",
    join(dir, SETUP_ERROR_NIK, `app-${SETUP_ERROR_NIK}.ts`),
    "--report-dir",
    join(dir, "unused"),
  ]);
  usedNiks.add(SETUP_ERROR_NIK);
  const setupExit = await setupError.exited;

  simulator.child.kill("SIGTERM");
  const simulatorExit = await simulator.exited;
  const pocExit = await poc.exited;
  const verify = run("verify", [
    SIMULATOR_CLI,
    "verify",
    join(reports, "report.json"),
    "--public-key",
    join(dir, "poc-signing-key.pem"),
  ]);
  exitCodes = {
    simulator: simulatorExit,
    load: loadExit,
    "poc-setup-error": setupExit,
    poc: pocExit,
    verify: await verify.exited,
  };
}, 420_000);

describe("no unmasked NIK in any log line of a full run", () => {
  it("flags a full NIK, a NO_KK, a used NIK and an odd mask, and passes core's mask", () => {
    const used = new Set(["3319041307949001"]);
    expect(logLineProblems("lookup 3319**********01: 01 found", used)).toEqual([]);
    expect(logLineProblems("lookup 3319041307949001: 01 found", used)).toHaveLength(2);
    expect(logLineProblems("NO_KK 33190412345678901", used)).toEqual([
      "17-digit run 33190412345678901",
    ]);
    expect(logLineProblems("nik 331904130794****", used)).toEqual(["odd mask 331904130794****"]);
    expect(logLineProblems("took 12 ms, **bold**", used)).toEqual([]);
    // A fingerprint or a token that holds 16 digits by chance is not a NIK.
    expect(
      logLineProblems(`fingerprint ${"1234567890123456".repeat(2)}ab${"c".repeat(30)}`, used),
    ).toEqual([]);
    expect(logLineProblems(`Bearer dks_1234567890123456_${"A".repeat(43)}`, used)).toEqual([]);
    // …but a NIK glued to hex letters is still found.
    expect(logLineProblems("id abc3319041307949001", used)).toHaveLength(2);
  });

  it("ran every process to its expected end", () => {
    expect(exitCodes).toEqual({
      simulator: 0,
      load: 0,
      "poc-setup-error": 2,
      // The careless app fails the PoC on purpose.
      poc: 1,
      verify: 0,
    });
    const sources = new Set(lines.map((line) => line.source));
    expect([...sources].sort()).toEqual([
      "load",
      "paten-desk",
      "poc",
      "poc-setup-error",
      "simulator",
      "verify",
    ]);
    const all = lines.map((line) => line.text).join("\n");
    // The output did talk about NIKs, masked: the magic table, the desk's lookups, the
    // PoC's failure summaries and the setup error's path.
    expect(all).toMatch(/found {10}3319\*{10}01 {2}An active adult/);
    expect(all).toMatch(/lookup \d{4}\*{10}\d{2}: 01/);
    expect(all).toMatch(/FAIL POC-STORAGE-01.*canary/);
    expect(all).toMatch(/^PoC standard-poc on .*careless-3204\*{10}03\/src\/poc\.ts/m);
    expect(all).toMatch(/DKS_POC_APP_LOAD_FAILED: .*3204\*{10}07/);
  });

  it("has no 16-digit run, no NIK used in the run and no odd mask in any captured line", () => {
    const leaks = lines
      .map((line) => ({ ...line, problems: logLineProblems(line.text, usedNiks) }))
      .filter((line) => line.problems.length > 0)
      .map((line) => `${line.source} ${line.stream}: ${line.problems.join(", ")} in: ${line.text}`);
    expect(leaks).toEqual([]);
    expect(lines.length).toBeGreaterThan(50);
  });

  it("kept the full NIKs in the request journal, the one place meant for them", () => {
    for (const nik of usedNiks) {
      if ([SETUP_ERROR_NIK, PATH_NIK, "3204055502900001"].includes(nik)) continue;
      expect(journalNiks).toContain(nik);
    }
  });
});

describe("the start output's masking", () => {
  it("masks NIKs but prints the secrets verbatim, even a token with 16 digits in a row", async () => {
    const token = "1234567890123456789";
    const simulator = run(
      "start-secrets",
      [SIMULATOR_CLI, "start", "--port", "0", "--population", "1000", "--db", ":memory:"],
      {},
      false,
    );
    try {
      await simulator.waitFor("stdout", /Press Ctrl\+C to stop/);
    } finally {
      simulator.child.kill("SIGTERM");
    }
    await simulator.exited;
    const plain = simulator.output().stdout;
    expect(plain).not.toMatch(/\d{16}/);

    const withDigits = run(
      "start-secrets",
      [
        SIMULATOR_CLI,
        "start",
        "--port",
        "0",
        "--population",
        "1000",
        "--db",
        ":memory:",
        "--admin-token",
        token,
      ],
      {},
      false,
    );
    try {
      await withDigits.waitFor("stdout", /Press Ctrl\+C to stop/);
    } finally {
      withDigits.child.kill("SIGTERM");
    }
    await withDigits.exited;
    const out = withDigits.output().stdout;
    expect(out).toContain(`admin token  ${token} `);
    // Everything else is still masked: the magic table and the family's NIKs and NO_KK.
    expect(out.replace(token, "")).not.toMatch(/\d{16}/);
    expect(out).toMatch(/3319\*{10}06/);
  }, 60_000);
});
