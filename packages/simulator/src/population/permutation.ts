/**
 * A keyed pseudo-random permutation of the integers [0, size): a balanced 4-round Feistel
 * network over the smallest even number of bits that covers `size`, with cycle-walking
 * (re-apply until the value falls inside the domain). Invertible in O(1) expected time,
 * so NIK → index needs no table. Consecutive inputs give unrelated outputs.
 */
import { mix32 } from "./random.js";

const ROUNDS = 4;

/**
 * A keyed bijection on [0, size).
 *
 * @example
 * ```ts
 * const p = new FeistelPermutation(1000);
 * const keys = roundKeys(1, 2, 3);
 * p.inverse(p.forward(7, keys), keys); // 7
 * ```
 * @internal
 */
export class FeistelPermutation {
  readonly size: number;
  readonly #halfBits: number;
  readonly #mask: number;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** 32) {
      throw new RangeError(`FeistelPermutation size ${size} is not an integer in [1, 2^32]`);
    }
    this.size = size;
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.#halfBits = bits / 2;
    this.#mask = 2 ** this.#halfBits - 1;
  }

  /** The image of `x` (0 ≤ x < size) under the permutation keyed by `keys` (four words). */
  forward(x: number, keys: readonly number[] = DEFAULT_KEYS): number {
    let y = x;
    do {
      y = this.#round(y, keys);
    } while (y >= this.size);
    return y;
  }

  /** The preimage of `y` (0 ≤ y < size): `inverse(forward(x, k), k) === x`. */
  inverse(y: number, keys: readonly number[] = DEFAULT_KEYS): number {
    let x = y;
    do {
      x = this.#unround(x, keys);
    } while (x >= this.size);
    return x;
  }

  #round(x: number, keys: readonly number[]): number {
    const h = this.#halfBits;
    const mask = this.#mask;
    let left = Math.floor(x / (mask + 1));
    let right = x & mask;
    for (let r = 0; r < ROUNDS; r++) {
      const next = (left ^ mix32(right ^ (keys[r] as number))) & mask;
      left = right;
      right = next;
    }
    return left * 2 ** h + right;
  }

  #unround(y: number, keys: readonly number[]): number {
    const h = this.#halfBits;
    const mask = this.#mask;
    let left = Math.floor(y / (mask + 1));
    let right = y & mask;
    for (let r = ROUNDS - 1; r >= 0; r--) {
      const previous = (right ^ mix32(left ^ (keys[r] as number))) & mask;
      right = left;
      left = previous;
    }
    return left * 2 ** h + right;
  }
}

const DEFAULT_KEYS: readonly number[] = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

/**
 * Four round keys for one (seed word, stream, key) triple.
 *
 * @example
 * ```ts
 * const keys = roundKeys(0x1234, 8, 42);
 * ```
 * @internal
 */
export function roundKeys(seedWord: number, stream: number, key: number): number[] {
  const out: number[] = [];
  let h = mix32(seedWord ^ mix32(stream * 0x9e3779b9 + key));
  for (let r = 0; r < ROUNDS; r++) {
    h = mix32(h + 0x6a09e667 + r);
    out.push(h);
  }
  return out;
}
