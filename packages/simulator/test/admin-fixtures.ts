// Shared fixtures of the admin API tests (not a test file itself).
import type { Clock } from "@dukcapil-sandbox/core";
import express from "express";
import { createAdminRouter } from "../src/http/admin.js";
import type { SimulatorStore } from "../src/state/types.js";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
export const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` } as const;

/** An Express app with only the admin router, mounted where the simulator mounts it. */
export function adminApp(store: SimulatorStore, clock: Clock): express.Express {
  const app = express();
  app.use("/sandbox/admin", createAdminRouter({ store, clock, adminToken: ADMIN_TOKEN }));
  return app;
}
