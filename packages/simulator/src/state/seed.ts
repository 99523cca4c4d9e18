/**
 * `seedDefaults`: the PoC institution, user ID and data-balikan token that `npm start`
 * prints, derived from the seed so the README's examples work as written.
 */
import { createHash } from "node:crypto";
import { makeNik, type TokenRecord, WEB_PORTAL_GRANT } from "@dukcapil-sandbox/core";
import type { Institution, SimulatorStore, UserAccount } from "./types.js";

/**
 * Options of {@link seedDefaults}.
 *
 * @example
 * ```ts
 * import type { SeedDefaultsOptions } from "@dukcapil-sandbox/simulator";
 * const options: SeedDefaultsOptions = { seed: "demo", allowlist: ["127.0.0.1", "::1"] };
 * ```
 */
export interface SeedDefaultsOptions {
  /** The simulator's seed: the user's password and officer are derived from it. Default `"dukcapil-sandbox"`. */
  readonly seed?: string | number;
  /** Connecting addresses allowed. Default: loopback (`127.0.0.1`, `::1`, `::ffff:127.0.0.1`). */
  readonly allowlist?: readonly string[];
  /** The `ip_user` registered for the user ID (the agency's LAN address). Default `10.32.4.15`. */
  readonly ipUser?: string;
  /**
   * When the seeded application already has a valid token (a reused database file), rotate
   * it so a token can be shown again. Default `false`: the existing token stays valid and
   * `token` is `null`.
   */
  readonly rotateToken?: boolean;
}

/**
 * What {@link seedDefaults} created or found.
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import { createStore, type SeededDefaults, seedDefaults } from "@dukcapil-sandbox/simulator";
 * const seeded: SeededDefaults = await seedDefaults(createStore({ clock: systemClock }));
 * seeded.institution.path; // "DINSOS_3204"
 * seeded.user.userId; // "dinsos3204.operator"
 * seeded.token; // the data-balikan token, shown once
 * ```
 */
export interface SeededDefaults {
  /** Whether the institution was created now (`false`: it was already in the database). */
  readonly created: boolean;
  readonly institution: Institution;
  readonly user: UserAccount;
  /** The seed's password, or `null` when an administrator has changed it since. */
  readonly password: string | null;
  /** The data-balikan token text, shown once; `null` when a valid one already existed. */
  readonly token: string | null;
  readonly tokenRecord: TokenRecord;
}

/** The application id of the seeded data-balikan token. */
export const SEED_APPLICATION_ID = "sandbox-data-balikan";

const FIRST_NAMES = ["SITI", "DEDI", "RINA", "AGUS", "WULAN", "HENDRA", "NENG", "ASEP"] as const;
const LAST_NAMES = [
  "NURHAYATI",
  "SUPRIATNA",
  "MARLINA",
  "SETIAWAN",
  "KURNIASIH",
  "GUNAWAN",
] as const;

/** Deterministic bytes from the seed and a purpose. */
function derive(seed: string, purpose: string): Buffer {
  return createHash("sha256").update(`dukcapil-sandbox:${purpose}:${seed}`).digest();
}

/**
 * The default user's password for a seed: 16 base64url characters derived from it (the
 * seed is not secret, so neither is this password: it opens fake data only).
 *
 * @example
 * ```ts
 * import { seedPassword } from "@dukcapil-sandbox/simulator";
 * seedPassword("dukcapil-sandbox") === seedPassword("dukcapil-sandbox"); // true
 * ```
 */
export function seedPassword(seed: string | number): string {
  return derive(String(seed), "password").subarray(0, 12).toString("base64url");
}

/**
 * Creates (or finds, on a reused database file) the default PoC institution
 * `dinsos-3204` (`DINSOS_3204`, Web Portal grant, stage `poc`), its user ID
 * `dinsos3204.operator` with Juknis officer fields derived from the seed, and a
 * data-balikan token. The password is hashed like any other.
 *
 * @example
 * ```ts
 * import { systemClock } from "@dukcapil-sandbox/core";
 * import { createStore, seedDefaults } from "@dukcapil-sandbox/simulator";
 * const store = createStore({ clock: systemClock });
 * const seeded = await seedDefaults(store, { seed: "demo" });
 * seeded.user.userId; // "dinsos3204.operator"
 * ```
 */
export async function seedDefaults(
  store: SimulatorStore,
  options: SeedDefaultsOptions = {},
): Promise<SeededDefaults> {
  const seed = String(options.seed ?? "dukcapil-sandbox");
  const bytes = derive(seed, "officer");
  const byte = (index: number) => bytes[index] ?? 0;
  const year = 1975 + (byte(0) % 25);
  const month = 1 + (byte(1) % 12);
  const day = 1 + (byte(2) % 28);
  const female = byte(3) % 2 === 1;
  const birthDate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const serial = 1 + ((byte(4) * 256 + byte(5)) % 9999);
  const appointed = `${year + 23}${String(1 + (byte(6) % 12)).padStart(2, "0")}`;
  const password = seedPassword(seed);

  let created = false;
  let institution = store.institutions.get("dinsos-3204");
  if (institution === undefined) {
    created = true;
    institution = store.institutions.create({
      id: "dinsos-3204",
      name: "Dinas Sosial Kabupaten Bandung (sandbox)",
      path: "DINSOS_3204",
      allowlist: [...(options.allowlist ?? ["127.0.0.1", "::1", "::ffff:127.0.0.1"])],
      grant: [...WEB_PORTAL_GRANT],
      stage: "poc",
    });
  }

  const userId = "dinsos3204.operator";
  let user = store.users.get(userId);
  let knownPassword: string | null = password;
  if (user === undefined) {
    user = store.users.create(institution.id, {
      userId,
      password,
      ipUser: options.ipUser ?? "10.32.4.15",
      officer: {
        nik: makeNik({ district: "320405", birthDate, sex: female ? "F" : "M", serial }),
        fullName: `${FIRST_NAMES[byte(7) % FIRST_NAMES.length]} ${LAST_NAMES[byte(8) % LAST_NAMES.length]}`,
        nip: `${birthDate.replaceAll("-", "")}${appointed}${female ? 2 : 1}${String(1 + (byte(9) % 999)).padStart(3, "0")}`,
        employmentStatus: "PNS",
        position: "Operator Layanan Data Kependudukan",
        officeRegionCode: "32.04",
        officeName: "Dinas Sosial Kabupaten Bandung",
        officeAddress: "Jl. Raya Soreang Km. 17, Pamekaran, Soreang, Kabupaten Bandung, Jawa Barat",
        localUserId: "operator01",
      },
    }).user;
  } else if (!(await store.users.verifyPasswordAsync(userId, password))) {
    knownPassword = null;
  }

  const valid = store.tokens
    .listByInstitution(institution.id)
    .find(
      (stored) =>
        stored.record.applicationId === SEED_APPLICATION_ID &&
        ["active", "expiring-soon"].includes(store.tokens.view(stored).state),
    );
  let token: string | null = null;
  let tokenRecord: TokenRecord;
  if (valid === undefined) {
    const issued = await store.tokens.issue(institution.id, {
      applicationId: SEED_APPLICATION_ID,
      registeredAddresses: [user.ipUser],
    });
    token = issued.token;
    tokenRecord = issued.record;
  } else if (options.rotateToken === true) {
    const rotated = await store.tokens.rotate(valid.record.id);
    token = rotated.token;
    tokenRecord = rotated.record;
  } else {
    tokenRecord = valid.record;
  }
  return { created, institution, user, password: knownPassword, token, tokenRecord };
}
