import type { Clock } from "@dukcapil-sandbox/core";
import type { Population } from "../population/types.js";
import type { Institution, SimulatorStore, StoredToken, UserAccount } from "../state/types.js";

/**
 * What the request engine needs from the rest of the simulator. The server, the MSW
 * handlers and the tests all build one of these from the same store and population,
 * so every surface answers through the same code.
 */
export interface EngineDeps {
  readonly clock: Clock;
  readonly population: Population;
  findInstitutionByPath(path: string): Institution | undefined;
  findInstitution(id: string): Institution | undefined;
  findUser(userId: string): UserAccount | undefined;
  /**
   * Whether the password is the user's. A check that is not cached runs scrypt (tens of ms),
   * so the runtime answers a promise and runs it on libuv's thread pool: a stream of wrong
   * passwords must not stall every other request on the event loop.
   */
  verifyPassword(userId: string, password: string): boolean | Promise<boolean>;
  /** Hits per day for this user, `null` for unlimited. */
  dailyLimit(user: UserAccount, institution: Institution): number | null;
  /**
   * Consumes one hit and appends its journal row in one transaction (see SimulatorStore);
   * may settle later (the runtime uses the store's group commit, `recordHitGrouped`).
   */
  recordHit(
    ...args: Parameters<SimulatorStore["recordHit"]>
  ): ReturnType<SimulatorStore["recordHit"]> | Promise<ReturnType<SimulatorStore["recordHit"]>>;
  appendJournal: SimulatorStore["appendJournal"];
  /** Hits used today without consuming one (for `quotaLimiter` on refusals). */
  hitsUsed(key: string, day: string): Promise<number>;
  findToken(tokenId: string): StoredToken | undefined;
  /**
   * Records data-balikan items of one institution, all or nothing: when any item (NIK +
   * params, compared as canonical JSON) was received before, nothing is stored and the
   * duplicates are returned.
   */
  receiveDataBalikan(
    institutionId: string,
    items: readonly { readonly nik: string; readonly params: unknown }[],
    tokenId: string,
  ): { readonly duplicates: readonly unknown[] };
}
