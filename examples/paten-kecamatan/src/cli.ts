#!/usr/bin/env -S npx tsx
// The PATEN desk as a standalone web app, configured by environment variables. The defaults
// are the simulator's seeded PoC account (`npm start` at the repository root); the data
// balikan token is random per simulator database, so it must always be given.
import { DEFAULT_ATTRIBUTION, DEFAULT_DATA_BALIKAN_PATH } from "@dukcapil-sandbox/core";
import { z } from "zod";
import { startPatenServer } from "./server.js";

/** An unset or empty variable takes the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

const httpUrl = z.url({ protocol: /^https?$/, error: "Expected an http(s) URL" });

export const envSchema = z
  .object({
    DUKCAPIL_URL: optional(httpUrl.default("http://127.0.0.1:8080")),
    DUKCAPIL_PATH: optional(z.string().trim().min(1).default("DINSOS_3204")),
    DUKCAPIL_USER_ID: optional(z.string().trim().min(1).default("dinsos3204.operator")),
    DUKCAPIL_PASSWORD: optional(z.string().min(1).default("ioFdmiOsrMAV3aZL")),
    DUKCAPIL_IP_USER: optional(
      z
        .union([z.ipv4(), z.ipv6()], { error: "Expected an IPv4 or IPv6 address" })
        .default("10.32.4.15"),
    ),
    DUKCAPIL_TIMEOUT_MS: optional(z.coerce.number().int().min(50).max(120_000).default(5_000)),
    DATA_BALIKAN_TOKEN: optional(
      z.string({
        error:
          'Required: the data balikan token of the institution (the simulator prints it on its "data balikan" line)',
      }),
    ),
    DATA_BALIKAN_URL: optional(httpUrl.optional()),
    ATTRIBUTION: optional(z.string().trim().min(1).default(DEFAULT_ATTRIBUTION)),
    PORT: optional(z.coerce.number().int().min(0).max(65_535).default(3000)),
    HOST: optional(z.string().trim().min(1).default("127.0.0.1")),
  })
  .strict();

const keys = Object.keys(envSchema.shape);
const parsed = envSchema.safeParse(
  Object.fromEntries(keys.map((key) => [key, process.env[key]]).filter(([, v]) => v !== undefined)),
);
if (!parsed.success) {
  process.stderr.write(
    `Failed to start the PATEN desk: the environment is invalid.\n${z.prettifyError(parsed.error)}\nSet the named variables (see examples/paten-kecamatan/README.md).\n`,
  );
  process.exit(2);
}
const env = parsed.data;

try {
  const server = await startPatenServer({
    host: env.HOST,
    port: env.PORT,
    upstream: {
      baseUrl: env.DUKCAPIL_URL,
      path: env.DUKCAPIL_PATH,
      userId: env.DUKCAPIL_USER_ID,
      password: env.DUKCAPIL_PASSWORD,
      ipUser: env.DUKCAPIL_IP_USER,
    },
    dataBalikan: {
      url:
        env.DATA_BALIKAN_URL ??
        `${env.DUKCAPIL_URL.replace(/\/+$/, "")}${DEFAULT_DATA_BALIKAN_PATH}`,
      token: env.DATA_BALIKAN_TOKEN,
      institutionId: env.DUKCAPIL_PATH,
    },
    attribution: env.ATTRIBUTION,
    now: () => new Date(),
    timeoutMs: env.DUKCAPIL_TIMEOUT_MS,
    // Log lines carry masked NIKs only.
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(
    `PATEN desk listening on ${server.url} (Dukcapil at ${env.DUKCAPIL_URL}, path ${env.DUKCAPIL_PATH}). Ctrl+C stops it.\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`Failed to start the PATEN desk: ${(error as Error).message}\n`);
  process.exit(2);
}
