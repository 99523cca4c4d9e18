/**
 * Seeded, counter-based randomness for the fake population: every draw is a pure function
 * of (seed, stream, key), so a resident never depends on the order residents are read in.
 * `Math.random` is never used.
 */

/**
 * A 32-bit integer finaliser (the "lowbias32" hash of Chris Wellons): avalanche-mixes `x`.
 *
 * @example
 * ```ts
 * mix32(1) !== mix32(2); // true
 * ```
 * @internal
 */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Hashes three 32-bit words into one (order-sensitive).
 *
 * @example
 * ```ts
 * hash3(1, 2, 3) !== hash3(3, 2, 1); // true
 * ```
 * @internal
 */
export function hash3(a: number, b: number, c: number): number {
  return mix32(a ^ mix32((b ^ mix32(c + 0x632be5ab)) + 0x9e3779b9));
}

/**
 * The two 32-bit words of a population seed. The seed is read as text (`42` and `"42"`
 * give the same population); the hash is cyrb53-like over its UTF-16 code units.
 *
 * @example
 * ```ts
 * const [a, b] = seedWords("demo");
 * ```
 * @internal
 */
export function seedWords(seed: string): readonly [number, number] {
  let h1 = 0xdeadbeef ^ seed.length;
  let h2 = 0x41c6ce57 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [mix32(h1), mix32(h2)];
}

/** One entry of a weighted table: a value and its relative weight. */
export type Weighted<T> = readonly [value: T, weight: number];

/** A weighted table prepared for drawing: values and cumulative weights. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

/**
 * Prepares a weighted table once (at module load), so draws are a short scan.
 *
 * @example
 * ```ts
 * const coin = weightedTable([["heads", 1], ["tails", 1]] as const);
 * ```
 * @internal
 */
export function weightedTable<T>(entries: readonly Weighted<T>[]): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { values: entries.map(([value]) => value), cumulative, total };
}

/**
 * A small splitmix32-style generator whose start state is a hash of (seed word, stream, key).
 *
 * @example
 * ```ts
 * const rng = new Rng(seedWords("demo")[0], 7, 42);
 * rng.int(1, 6); // a die roll, the same every time for (demo, 7, 42)
 * ```
 * @internal
 */
export class Rng {
  #state: number;

  constructor(seedWord: number, stream: number, key: number) {
    this.#state = hash3(seedWord, stream, key);
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    this.#state = (this.#state + 0x9e3779b9) | 0;
    return mix32(this.#state);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.float() * values.length)] as T;
  }

  /** One value of a weighted table. */
  weighted<T>(table: WeightedTable<T>): T {
    const x = this.float() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i++) {
      if (x < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  }
}

/**
 * Stream identifiers: each purpose draws from its own stream, so adding a draw to one
 * purpose never shifts the values of another.
 *
 * @internal
 */
export const STREAM = {
  blockLayout: 1,
  family: 2,
  address: 3,
  resident: 4,
  name: 5,
  virtualName: 6,
  blockPermutation: 7,
  nikPermutation: 8,
  kkPermutation: 9,
  kkMoverPermutation: 10,
} as const;
