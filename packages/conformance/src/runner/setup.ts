/**
 * Applying a criterion's declarative setup through the admin API, and restoring what it changed.
 */
import { randomBytes } from "node:crypto";
import { PocError } from "../errors.js";
import type { PlanSetup } from "../plan/schema.js";
import type { SimulatorControl } from "./control.js";

/** Who the setup acts on. */
export interface SetupTarget {
  readonly institutionId: string;
  readonly userId: string;
  /** The user's password (to restore it after `wrongPassword`), or `null` when unknown. */
  readonly password: string | null;
}

type Restore = () => Promise<void>;

function setupFailed(what: string, error: unknown): PocError {
  if (error instanceof PocError && error.code === "DKS_POC_SIMULATOR_UNAVAILABLE") return error;
  return new PocError(
    "DKS_POC_SETUP_FAILED",
    `Failed to ${what}: ${(error as Error).message}`,
    {},
    { cause: error },
  );
}

/**
 * Applies `setup` and resolves to the function that restores the previous state (in reverse
 * order). When a part fails, what was applied is restored before the error is thrown.
 *
 * @internal
 */
export async function applySetup(
  control: SimulatorControl,
  target: SetupTarget,
  setup: PlanSetup,
): Promise<Restore> {
  const restores: Restore[] = [];
  const restoreAll: Restore = async () => {
    const errors: unknown[] = [];
    for (const restore of restores.splice(0).reverse()) {
      try {
        await restore();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw setupFailed("restore the simulator state", errors[0]);
  };
  try {
    const user = setup.user;
    if (user !== undefined) {
      const patch: { dailyQuota?: number | null; status?: "active" | "inactive"; ipUser?: string } =
        {};
      if (user.dailyQuota !== undefined) patch.dailyQuota = user.dailyQuota;
      if (user.status !== undefined) patch.status = user.status;
      if (user.ipUser !== undefined) patch.ipUser = user.ipUser;
      if (Object.keys(patch).length > 0) {
        const before = await control.getUser(target.userId);
        const back: typeof patch = {};
        if (patch.dailyQuota !== undefined) back.dailyQuota = before.dailyQuota;
        if (patch.status !== undefined) back.status = before.status;
        if (patch.ipUser !== undefined) back.ipUser = before.ipUser;
        await control.patchUser(target.userId, patch);
        restores.push(() => control.patchUser(target.userId, back));
      }
      if (user.wrongPassword) {
        const password = target.password;
        if (password === null) {
          throw new PocError(
            "DKS_POC_SETUP_FAILED",
            `Failed to change the password of ${target.userId}: the runner does not know the current one, so it could not restore it. Give simulator.password in the run config.`,
          );
        }
        await control.setPassword(target.userId, `poc-wrong-${randomBytes(8).toString("hex")}`);
        restores.push(() => control.setPassword(target.userId, password));
      }
    }
    const institution = setup.institution;
    if (institution !== undefined && Object.keys(institution).length > 0) {
      const before = await control.getInstitution(target.institutionId);
      const back: Record<string, unknown> = {};
      for (const key of Object.keys(institution) as (keyof typeof institution)[]) {
        back[key] = before[key];
      }
      await control.patchInstitution(target.institutionId, institution);
      restores.push(() => control.patchInstitution(target.institutionId, back));
    }
    if (setup.faults !== undefined) {
      const before = await control.getFaults(target.institutionId);
      await control.setFaults(target.institutionId, setup.faults);
      restores.push(() => control.setFaults(target.institutionId, before));
    }
  } catch (error) {
    await restoreAll().catch(() => undefined);
    throw error instanceof PocError ? error : setupFailed("apply the criterion's setup", error);
  }
  return restoreAll;
}
