// The documented example of testing an agency app with no server: MSW handlers built from
// the simulator's engine, and core's client as the app's HTTP layer.
import { createDukcapilClient, isDukcapilNetworkError } from "@dukcapil-sandbox/core";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandlers } from "../src/msw.js";

const handlers = createHandlers({ config: { seed: "msw-example" } });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(async () => {
  server.close();
  await handlers.close();
});

async function client() {
  const { defaults } = await handlers.ready;
  if (defaults === null || defaults.password === null) throw new Error("no seeded defaults");
  return createDukcapilClient({
    // Any origin works: MSW answers before a socket is opened.
    baseUrl: "http://dukcapil.test:8080",
    path: defaults.institution.path,
    userId: defaults.user.userId,
    password: defaults.password,
    ipUser: defaults.user.ipUser,
  });
}

describe("simulator MSW handlers", () => {
  it("answers a lookup of a magic found NIK with the granted record, with no server", async () => {
    const { population } = await handlers.ready;
    const found = population.magic.find((row) => row.kind === "found");
    const outcome = await (await client()).lookup(found?.nik ?? "");
    expect(outcome.code).toBe("01");
    if (outcome.code === "01") expect(outcome.record.NIK).toBe(found?.nik);
  });

  it("answers the deceased magic NIK with its catalogue code", async () => {
    const { population } = await handlers.ready;
    const deceased = population.magic.find((row) => row.kind === "deceased");
    const outcome = await (await client()).lookup(deceased?.nik ?? "");
    expect(outcome.code).toBe("11");
  });

  it("shares faults with the server: a reset becomes a network error in the client", async () => {
    const runtime = await handlers.ready;
    runtime.faults.setGlobal({ reset: true });
    try {
      await expect((await client()).lookup("3204055502900001")).rejects.toSatisfy(
        isDukcapilNetworkError,
      );
    } finally {
      runtime.faults.clear();
    }
  });

  it("journals what the app sent, like the server does", async () => {
    const runtime = await handlers.ready;
    const before = runtime.store.journal.count().total;
    await (await client()).lookup("3204055502900001");
    expect(runtime.store.journal.count().total).toBe(before + 1);
  });
});
