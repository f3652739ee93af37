// Maps whose largest entries are generated on first use.
//
// Every server start generates the dataset, and most tests never look at the 30-day archive
// worker and agent (12,000 deliveries each). Their histories are therefore filled in by a
// deferred step that runs, once, the first time one of the maps it writes to is asked for
// something it might hold: a key it does not have yet, its size, or any iteration. The maps
// are real Maps, so callers (handlers, tests, deepEqual) see the same contents as if
// everything had been generated up front.
//
// Fills only add keys the map does not have, so a key already present is answered without
// filling (reading the busy worker's history does not generate the archive), and `set` of a
// new key (a live addition) does not need to wait for them.

/** A Map that runs its deferred fills before answering anything they could change. */
export class LazyMap<K, V> extends Map<K, V> {
  // A private field, not a property: deep equality compares own properties, and two
  // datasets' pending fills are different closures.
  readonly #pending: Array<() => void> = [];

  /** Runs `fill` (once, however many maps share it) before this map is next used. */
  defer(fill: () => void): void {
    this.#pending.push(fill);
  }

  #settle(): void {
    while (this.#pending.length > 0) {
      this.#pending.shift()?.();
    }
  }

  override get(key: K): V | undefined {
    if (this.#pending.length > 0 && !super.has(key)) {
      this.#settle();
    }
    return super.get(key);
  }

  override has(key: K): boolean {
    if (this.#pending.length > 0 && !super.has(key)) {
      this.#settle();
    }
    return super.has(key);
  }

  override delete(key: K): boolean {
    this.#settle();
    return super.delete(key);
  }

  override clear(): void {
    this.#settle();
    super.clear();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.#settle();
    super.forEach(callback, thisArg);
  }

  override keys(): MapIterator<K> {
    this.#settle();
    return super.keys();
  }

  override values(): MapIterator<V> {
    this.#settle();
    return super.values();
  }

  override entries(): MapIterator<[K, V]> {
    this.#settle();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    this.#settle();
    return super[Symbol.iterator]();
  }

  static {
    // `size` is an accessor on Map.prototype (TypeScript types it as a property, which a
    // subclass may not override with an accessor).
    Object.defineProperty(LazyMap.prototype, 'size', {
      configurable: true,
      get(this: LazyMap<unknown, unknown>): number {
        this.#settle();
        return Reflect.get<Map<unknown, unknown>, 'size'>(Map.prototype, 'size', this);
      },
    });
  }
}

/**
 * Defers `fill` on every map it writes to: the first use of any of them runs it, once.
 * Fills must be deterministic (their own random stream), so when they run does not matter.
 */
export function deferFill(maps: ReadonlyArray<{ defer(fill: () => void): void }>, fill: () => void): void {
  let done = false;
  const once = (): void => {
    if (!done) {
      done = true;
      fill();
    }
  };
  for (const map of maps) {
    map.defer(once);
  }
}
