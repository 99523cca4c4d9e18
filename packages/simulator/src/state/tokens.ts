/**
 * Data-balikan tokens on the `tokens` table, through core's token rules: the record
 * (SHA-256 of the token, never the token) is stored as JSON and found by `tokenIdOf`.
 */
import {
  type Clock,
  DAY_MS,
  isDukcapilCoreError,
  issueToken,
  reapplyToken,
  revokeToken,
  rotateToken,
  type TokenRecord,
  tokenIdOf,
  tokenRecordSchema,
  tokenState,
} from "@dukcapil-sandbox/core";
import { SimulatorError } from "../errors.js";
import { institutionNotFound } from "./institutions.js";
import {
  parseInput,
  tokenIssueSchema,
  tokenReapplySchema,
  tokenRevokeSchema,
  tokenRotateSchema,
} from "./schemas.js";
import { readJson, type SqliteDatabase } from "./sqlite.js";
import type { InstitutionRepository, StoredToken, TokenRepository, TokenView } from "./types.js";

/** Days before expiry from which a token is `expiring-soon` (core's default). */
export const TOKEN_WARNING_DAYS = 30;

interface TokenRow {
  id: string;
  institution_id: string;
  application_id: string;
  record: string;
  created_at: number;
}

/** The stored JSON of a record: checked by core's schema, keys in the schema's order. */
function recordJson(record: TokenRecord): string {
  return JSON.stringify(tokenRecordSchema.parse(record));
}

function toStored(row: TokenRow): StoredToken {
  return { record: readJson<TokenRecord>(row.record), institutionId: row.institution_id };
}

/** The `DKS_SIM_NOT_FOUND` error for a token id. */
function tokenNotFound(tokenId: string): SimulatorError {
  return new SimulatorError(
    "DKS_SIM_NOT_FOUND",
    `Failed to find token ${JSON.stringify(tokenId)}: no such token id. List GET /sandbox/admin/institutions/<id>/tokens to see the tokens of an institution.`,
    { tokenId },
  );
}

/**
 * A core token error as the simulator's own: a token in the wrong state becomes
 * `DKS_SIM_CONFLICT` (with `state`), invalid options `DKS_SIM_VALIDATION`.
 *
 * @internal
 */
export function fromCoreTokenError(action: string, error: unknown): unknown {
  if (isDukcapilCoreError(error, "DKS_CORE_TOKEN_INVALID")) {
    return new SimulatorError(
      "DKS_SIM_CONFLICT",
      error.message,
      { tokenId: error.details.tokenId, state: error.details.state },
      { cause: error },
    );
  }
  if (isDukcapilCoreError(error, "DKS_CORE_INVALID_OPTIONS")) {
    return new SimulatorError(
      "DKS_SIM_VALIDATION",
      `Failed to ${action}: ${error.message}`,
      { issues: error.details.issues },
      { cause: error },
    );
  }
  return error;
}

/**
 * The token repository over an open database.
 *
 * @example
 * ```ts
 * import { createManualClock } from "@dukcapil-sandbox/core";
 * import { createInstitutions, createTokens, openDatabase } from "@dukcapil-sandbox/simulator";
 * const db = openDatabase(":memory:");
 * const clock = createManualClock(Date.parse("2026-03-02T09:00:00+07:00"));
 * const institutions = createInstitutions(db, clock);
 * institutions.create({ id: "dinsos", name: "Dinas Sosial", path: "DINSOS_3204", allowlist: ["10.32.4.15"] });
 * const { token } = await createTokens(db, clock, institutions).issue("dinsos", { applicationId: "sipeda" });
 * ```
 * @internal
 */
export function createTokens(
  db: SqliteDatabase,
  clock: Clock,
  institutions: InstitutionRepository,
): TokenRepository {
  const insert = db.prepare<[TokenRow]>(
    "INSERT INTO tokens (id, institution_id, application_id, record, created_at) VALUES (@id, @institution_id, @application_id, @record, @created_at)",
  );
  const setRecord = db.prepare<[string, string]>("UPDATE tokens SET record = ? WHERE id = ?");
  const byId = db.prepare<[string], TokenRow>("SELECT * FROM tokens WHERE id = ?");
  const byInstitution = db.prepare<[string], TokenRow>(
    "SELECT * FROM tokens WHERE institution_id = ? ORDER BY created_at, id",
  );
  const byApplication = db.prepare<[string, string], TokenRow>(
    "SELECT * FROM tokens WHERE institution_id = ? AND application_id = ?",
  );

  const get = (tokenId: string): StoredToken | undefined => {
    const row = byId.get(tokenId);
    return row === undefined ? undefined : toStored(row);
  };
  const mustGet = (tokenId: string): StoredToken => {
    const stored = get(tokenId);
    if (stored === undefined) throw tokenNotFound(tokenId);
    return stored;
  };
  const stateOf = (record: TokenRecord) =>
    tokenState(record, { clock, warningDays: TOKEN_WARNING_DAYS });

  /** One valid token per application (terms of use): refuses a second while one is valid. */
  const ensureNoValidToken = (institutionId: string, applicationId: string): void => {
    for (const row of byApplication.all(institutionId, applicationId)) {
      const record = readJson<TokenRecord>(row.record);
      const state = stateOf(record);
      if (state === "active" || state === "expiring-soon") {
        throw new SimulatorError(
          "DKS_SIM_CONFLICT",
          `Failed to issue token for application ${JSON.stringify(applicationId)}: token ${record.prefix} is still ${state}. Rotate it with POST /sandbox/admin/tokens/${record.id}/rotate, or revoke it first.`,
          { tokenId: record.id, state },
        );
      }
    }
  };

  const insertRecord = (institutionId: string, record: TokenRecord): void => {
    insert.run({
      id: record.id,
      institution_id: institutionId,
      application_id: record.applicationId,
      record: recordJson(record),
      created_at: clock.now(),
    });
  };

  /** Throws `DKS_SIM_CONFLICT` when the stored record is no longer the one `current` was read as. */
  const ensureUnchanged = (current: StoredToken): void => {
    const now = byId.get(current.record.id);
    if (now === undefined || now.record !== JSON.stringify(current.record)) {
      throw new SimulatorError(
        "DKS_SIM_CONFLICT",
        `Failed to change token ${current.record.prefix}: it was changed by another request meanwhile. Read it again and retry.`,
        { tokenId: current.record.id },
      );
    }
  };

  /** Writes `next` over `current` only if nobody changed the stored record meanwhile. */
  const replaceRecord = (current: StoredToken, next: TokenRecord): void => {
    ensureUnchanged(current);
    setRecord.run(recordJson(next), current.record.id);
  };

  const issueTx = db.transaction((institutionId: string, record: TokenRecord) => {
    ensureNoValidToken(institutionId, record.applicationId);
    insertRecord(institutionId, record);
  });
  const rotateTx = db.transaction(
    (current: StoredToken, previous: TokenRecord, record: TokenRecord) => {
      replaceRecord(current, previous);
      insertRecord(current.institutionId, record);
    },
  );
  const reapplyTx = db.transaction((current: StoredToken, record: TokenRecord) => {
    ensureUnchanged(current);
    ensureNoValidToken(current.institutionId, record.applicationId);
    insertRecord(current.institutionId, record);
  });

  const revokeTx = db.transaction((current: StoredToken, revoked: TokenRecord) =>
    replaceRecord(current, revoked),
  );

  const wrap = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw fromCoreTokenError(action, error);
    }
  };

  return {
    issue: (institutionId, input) =>
      wrap("issue token", async () => {
        const parsed = parseInput(tokenIssueSchema, input, "issue token");
        const institution = institutions.get(institutionId);
        if (institution === undefined) throw institutionNotFound(institutionId);
        const registeredAddresses =
          parsed.registeredAddresses ??
          institution.allowlist.filter((entry) => !entry.includes("/"));
        if (registeredAddresses.length === 0) {
          throw new SimulatorError(
            "DKS_SIM_VALIDATION",
            `Failed to issue token: institution ${JSON.stringify(institutionId)} has no exact address in its allowlist to register. Pass registeredAddresses.`,
            {
              issues: [
                {
                  path: "registeredAddresses",
                  code: "custom",
                  message: "Required when the allowlist has no exact address",
                },
              ],
            },
          );
        }
        ensureNoValidToken(institutionId, parsed.applicationId);
        const issued = await issueToken({
          applicationId: parsed.applicationId,
          institution: institution.name,
          registeredAddresses,
          clock,
          ...(parsed.validityDays === undefined ? {} : { validityDays: parsed.validityDays }),
        });
        issueTx(institutionId, issued.record);
        return issued;
      }),
    rotate: (tokenId, input = {}) =>
      wrap("rotate token", async () => {
        const parsed = parseInput(tokenRotateSchema, input, "rotate token");
        const current = mustGet(tokenId);
        const rotated = await rotateToken(current.record, {
          clock,
          ...(parsed.validityDays === undefined ? {} : { validityDays: parsed.validityDays }),
        });
        rotateTx(current, rotated.previous, rotated.record);
        return rotated;
      }),
    reapply: (tokenId, input = {}) =>
      wrap("reapply for token", async () => {
        const parsed = parseInput(tokenReapplySchema, input, "reapply for token");
        const current = mustGet(tokenId);
        const issued = await reapplyToken(current.record, {
          clock,
          ...(parsed.validityDays === undefined ? {} : { validityDays: parsed.validityDays }),
          ...(parsed.registeredAddresses === undefined
            ? {}
            : { registeredAddresses: parsed.registeredAddresses }),
        });
        reapplyTx(current, issued.record);
        return issued;
      }),
    revoke(tokenId, reason) {
      const parsed = parseInput(tokenRevokeSchema, { reason }, "revoke token");
      const current = mustGet(tokenId);
      let revoked: TokenRecord;
      try {
        revoked = revokeToken(current.record, { reason: parsed.reason, clock });
      } catch (error) {
        throw fromCoreTokenError("revoke token", error);
      }
      revokeTx(current, revoked);
      return revoked;
    },
    get,
    findByToken(presented) {
      const id = tokenIdOf(presented);
      return id === null ? undefined : get(id);
    },
    listByInstitution: (institutionId) => byInstitution.all(institutionId).map(toStored),
    view(stored): TokenView {
      const { record } = stored;
      const state = stateOf(record);
      const msLeft = record.expiresAt - clock.now();
      const daysLeft = msLeft >= 0 ? Math.floor(msLeft / DAY_MS) : -Math.ceil(-msLeft / DAY_MS);
      const expiresOn = new Date(record.expiresAt).toISOString();
      const warning =
        state === "expiring-soon"
          ? `Token ${record.prefix} expires in ${daysLeft} day(s), at ${expiresOn}: rotate it before then.`
          : state === "expired"
            ? `Token ${record.prefix} expired at ${expiresOn}: reapply for a new token.`
            : null;
      return {
        id: record.id,
        prefix: record.prefix,
        institutionId: stored.institutionId,
        applicationId: record.applicationId,
        approvedAt: record.approvedAt,
        expiresAt: record.expiresAt,
        registeredAddresses: record.registeredAddresses,
        revocation: record.revocation,
        replaces: record.replaces,
        state,
        daysLeft,
        warning,
      };
    },
  };
}
