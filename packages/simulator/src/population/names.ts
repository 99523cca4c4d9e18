/**
 * Indonesian names from `@faker-js/faker`'s `id_ID` locale, one seeded draw per person.
 *
 * Cost: faker's default randomizer (Mersenne Twister) costs about 27 µs per `seed()`, which
 * would cap generation near 35,000 residents per second (a resident needs up to three
 * names: its own and its parents'). So the Faker instance here runs on faker's documented
 * `randomizer` option with a splitmix32 randomizer whose `seed()` is one hash: about
 * 0.5 µs per name. Only the `id_ID` locale module is loaded (about 25 ms and 3 MB, against
 * 120 ms and 18 MB for the package's main entry, which loads every locale); its `Faker`
 * class is taken from that module's instance.
 */

import type { NikSex } from "@dukcapil-sandbox/core";
import type { Faker, Randomizer } from "@faker-js/faker";
import { faker as fakerIdId } from "@faker-js/faker/locale/id_ID";
import { hash3, mix32 } from "./random.js";

/**
 * A faker randomizer whose seeding is one hash (splitmix32 with the lowbias32 finaliser).
 * Faker calls `next` unbound, so the state lives in a closure, not on `this`.
 */
function splitMixRandomizer(): Randomizer {
  let state = 0;
  return {
    next: () => {
      state = (state + 0x9e3779b9) | 0;
      return mix32(state) / 4294967296;
    },
    seed: (seed) => {
      state = typeof seed === "number" ? seed | 0 : (seed[0] ?? 0) | 0;
    },
  };
}

const FakerClass = fakerIdId.constructor as typeof Faker;
const faker: Faker = new FakerClass({
  locale: fakerIdId.rawDefinitions,
  randomizer: splitMixRandomizer(),
});

const { first_name: firstNames, last_name: lastNames } = faker.definitions.person;
/**
 * First names by sex: only the sex-specific lists (faker's `firstName(sex)` would also mix in
 * its `generic` list, which holds unisex names such as "Tri").
 */
const FIRST_NAMES: Readonly<Record<NikSex, readonly string[]>> = {
  M: firstNames.male ?? firstNames.generic ?? [],
  F: firstNames.female ?? firstNames.generic ?? [],
};
const LAST_NAMES: Readonly<Record<NikSex, readonly string[]>> = {
  M: lastNames.male ?? lastNames.generic ?? [],
  F: lastNames.female ?? lastNames.generic ?? [],
};

/**
 * The full name (upper case) of the person with this key, drawn from faker `id_ID`:
 * a first name from the list of the person's sex, sometimes a second one, often a last name
 * of that sex.
 * The same (seed word, stream, key, sex) always gives the same name.
 *
 * @example
 * ```ts
 * personName(0x1234, 5, 42, "F"); // e.g. "SITI RAHAYU HANDAYANI"
 * ```
 * @internal
 */
export function personName(seedWord: number, stream: number, key: number, sex: NikSex): string {
  faker.seed(hash3(seedWord, stream, key));
  const first = faker.helpers.arrayElement(FIRST_NAMES[sex]);
  let name = first;
  if (faker.datatype.boolean(0.35)) {
    const second = faker.helpers.arrayElement(FIRST_NAMES[sex]);
    if (second !== first) name += ` ${second}`;
  }
  if (faker.datatype.boolean(0.6)) {
    const last = faker.helpers.arrayElement(LAST_NAMES[sex]);
    if (!name.includes(last)) name += ` ${last}`;
  }
  return name.toUpperCase();
}

/**
 * The last word of a name (a family name a child may carry on).
 *
 * @example
 * ```ts
 * lastWord("BUDI HIDAYAT"); // "HIDAYAT"
 * ```
 * @internal
 */
export function lastWord(name: string): string {
  const space = name.lastIndexOf(" ");
  return space === -1 ? name : name.slice(space + 1);
}
