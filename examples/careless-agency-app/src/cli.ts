#!/usr/bin/env -S npx tsx
// The careless app as a standalone web app (for demonstrations of a FAILED PoC only).
// Same variables as the PATEN desk, plus STORAGE_DIR, where it (wrongly) keeps data.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_DATA_BALIKAN_PATH } from "@dukcapil-sandbox/core";
import { z } from "zod";
import { startCarelessServer } from "./app.js";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);
const httpUrl = z.url({ protocol: /^https?$/, error: "Expected an http(s) URL" });

const envSchema = z
  .object({
    DUKCAPIL_URL: optional(httpUrl.default("http://127.0.0.1:8080")),
    DUKCAPIL_PATH: optional(z.string().trim().min(1).default("DINSOS_3204")),
    DUKCAPIL_USER_ID: optional(z.string().trim().min(1).default("dinsos3204.operator")),
    DUKCAPIL_PASSWORD: optional(z.string().min(1).default("ioFdmiOsrMAV3aZL")),
    DUKCAPIL_IP_USER: optional(z.union([z.ipv4(), z.ipv6()]).default("10.32.4.15")),
    DATA_BALIKAN_TOKEN: optional(
      z.string({ error: "Required: the data balikan token of the institution" }),
    ),
    DATA_BALIKAN_URL: optional(httpUrl.optional()),
    STORAGE_DIR: optional(z.string().min(1).default(join(tmpdir(), "careless-agency-app"))),
    PORT: optional(z.coerce.number().int().min(0).max(65_535).default(3001)),
  })
  .strict();

const keys = Object.keys(envSchema.shape);
const parsed = envSchema.safeParse(
  Object.fromEntries(keys.map((key) => [key, process.env[key]]).filter(([, v]) => v !== undefined)),
);
if (!parsed.success) {
  process.stderr.write(
    `Failed to start the careless app: the environment is invalid.\n${z.prettifyError(parsed.error)}\nSet the named variables (see examples/careless-agency-app/README.md).\n`,
  );
  process.exit(2);
}
const env = parsed.data;

try {
  const server = await startCarelessServer({
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
    storageDir: env.STORAGE_DIR,
    now: () => new Date(),
  });
  process.stdout.write(
    `Careless app listening on ${server.url} (it FAILS the PoC on purpose; it writes to ${env.STORAGE_DIR}). Ctrl+C stops it.\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  process.stderr.write(`Failed to start the careless app: ${(error as Error).message}\n`);
  process.exit(2);
}
