// Child process of the SIGKILL durability test (state-store.test.ts): records hits on a
// database file, acknowledges each on stdout after recordHit returns, then waits to be killed.
import { jakartaDay, systemClock } from "@dukcapil-sandbox/core";
import { createStore } from "../src/state/store.js";

const [file, countText] = process.argv.slice(2);
if (file === undefined || countText === undefined) process.exit(2);
const day = jakartaDay(Date.parse("2026-03-02T09:00:00+07:00"));
const store = createStore({ file, clock: systemClock });
for (let i = 1; i <= Number(countText); i += 1) {
  store.recordHit("killed.op", day, 200, (hit) => ({
    at: Date.parse("2026-03-02T09:00:00+07:00") + i,
    remoteAddress: "127.0.0.1",
    httpMethod: "POST",
    path: "/dukcapil/get_json/DINSOS_3204/CALL_NIK",
    endpoint: "lookup",
    institutionId: "dinsos",
    userId: "killed.op",
    nik: "3204051502900001",
    code: "01",
    httpStatus: 200,
    hitsLeft: hit.remaining,
    latencyMs: 1,
    findings: [],
    note: null,
  }));
  process.stdout.write(`ack ${i}\n`);
}
// Stay alive (and keep the database open) until the parent kills this process.
setInterval(() => {}, 1000);
