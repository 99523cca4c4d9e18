import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SimulatorError } from "../errors.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Checks `Authorization: Bearer <admin token>` in constant time; throws
 * DKS_SIM_ADMIN_UNAUTHORIZED otherwise. Used by the admin API and the sandbox controls.
 */
export function requireAdminToken(headers: IncomingHttpHeaders, adminToken: string): void {
  const match = headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  const presented = match?.[1];
  if (presented === undefined || !timingSafeEqual(digest(presented), digest(adminToken))) {
    throw new SimulatorError(
      "DKS_SIM_ADMIN_UNAUTHORIZED",
      presented === undefined
        ? "Failed to authorise the request: no admin token. Send Authorization: Bearer <admin token> (npm start prints it)."
        : "Failed to authorise the request: the admin token is wrong. Use the token npm start printed.",
    );
  }
}
