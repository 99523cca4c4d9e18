/**
 * Bounded containers of the usage-pattern detector (internal: not exported from the
 * package). Every container has a fixed capacity, so a detector's memory per user
 * stays bounded however long it runs.
 */

/**
 * A first-in, first-out buffer of fixed capacity; pushing into a full buffer drops the oldest item.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity);
  }

  /** The number of items held. */
  get size(): number {
    return this.#size;
  }

  /** Appends `item`; returns the item dropped to make room, if any. */
  push(item: T): T | undefined {
    if (this.#size < this.capacity) {
      this.#items[(this.#head + this.#size) % this.capacity] = item;
      this.#size += 1;
      return undefined;
    }
    const dropped = this.#items[this.#head];
    this.#items[this.#head] = item;
    this.#head = (this.#head + 1) % this.capacity;
    return dropped;
  }

  /** The oldest item, without removing it. */
  oldest(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#head];
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#size -= 1;
    return item;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.#size; i += 1) {
      out.push(this.#items[(this.#head + i) % this.capacity] as T);
    }
    return out;
  }

  /** Removes every item. */
  clear(): void {
    this.#items = new Array<T | undefined>(this.capacity);
    this.#head = 0;
    this.#size = 0;
  }
}

/**
 * A map of fixed capacity whose entries are kept in the order they were last touched,
 * each stamped with a time: the least recently touched entry goes first when the map is
 * full, and entries older than a cutoff can be pruned from the front.
 *
 * Times passed to {@link RecentMap.touch} must not decrease (the detector guarantees it),
 * so the front of the map is always the oldest entry.
 */
export class RecentMap<K, V extends { readonly at: number }> {
  readonly capacity: number;
  readonly #map = new Map<K, V>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** The number of entries held. */
  get size(): number {
    return this.#map.size;
  }

  /** Whether `key` is held. */
  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** The value of `key`, if held. */
  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  /** Inserts or replaces `key` as the most recent entry; drops the least recent beyond capacity. */
  touch(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.capacity) {
      const first = this.#map.keys().next();
      if (first.done !== true) this.#map.delete(first.value);
    }
  }

  /** Drops every entry stamped before `cutoffMs`. */
  prune(cutoffMs: number): void {
    for (const [key, value] of this.#map) {
      if (value.at >= cutoffMs) return;
      this.#map.delete(key);
    }
  }

  /** The keys, least recent first. */
  keys(): IterableIterator<K> {
    return this.#map.keys();
  }

  /** The values, least recent first. */
  values(): IterableIterator<V> {
    return this.#map.values();
  }

  /** Removes every entry. */
  clear(): void {
    this.#map.clear();
  }
}
