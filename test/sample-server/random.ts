// Seeded pseudo-random numbers and ULID-style ids for the sample API server.
//
// Every generated value in the sample dataset comes from a `Random` seeded from the server
// seed, so two servers started with the same seed and `now` serve byte-identical data.
// `fork(label)` derives an independent stream per entity (one per worker, per agent, …):
// changing how much data one entity generates does not reshuffle the others.

/** Crockford base32, the ULID alphabet (no I, L, O, U). */
export const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for test data, not for cryptography. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a label into a seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Sums of the weight tables passed to `weighted` (they are constants, drawn from often). */
const weightTotals = new WeakMap<ReadonlyArray<readonly [unknown, number]>, number>();

export class Random {
  private readonly nextFloat: () => number;

  constructor(readonly seed: number) {
    this.nextFloat = mulberry32(seed);
  }

  /** An independent stream for one named part of the dataset. */
  fork(label: string): Random {
    return new Random(hashString(`${this.seed}:${label}`));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextFloat();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new Error('Random.pick: empty list');
    }
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = weightTotals.get(entries);
    if (total === undefined) {
      total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      weightTotals.set(entries, total);
    }
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) {
        return value;
      }
    }
    const last = entries[entries.length - 1];
    if (!last) {
      throw new Error('Random.weighted: empty list');
    }
    return last[0];
  }

  /** Standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: keeps log() finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Right-skewed positive value around `median` (log-normal); `spread` is sigma in log space. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  chars(length: number, alphabet: string): string {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) {
      codes[i] = alphabet.charCodeAt(Math.floor(this.next() * alphabet.length));
    }
    return String.fromCharCode(...codes);
  }

  hex(length: number): string {
    return this.chars(length, '0123456789abcdef');
  }
}

/**
 * A 26-character ULID: 10 characters of millisecond timestamp then 16 random ones. Ids
 * of equal length therefore sort lexicographically by creation time, which the servers
 * rely on for "newest first" ordering and for cursors.
 */
export function ulid(timeMs: number, random: Random): string {
  const codes = new Array<number>(26);
  let rest = Math.max(0, Math.floor(timeMs));
  for (let i = 9; i >= 0; i--) {
    codes[i] = CROCKFORD_BASE32.charCodeAt(rest % 32);
    rest = Math.floor(rest / 32);
  }
  // Four draws of 20 bits, four characters each: datasets make tens of thousands of ids.
  for (let i = 10; i < 26; i += 4) {
    let bits = Math.floor(random.next() * 0x100000);
    for (let j = 3; j >= 0; j--) {
      codes[i + j] = CROCKFORD_BASE32.charCodeAt(bits & 31);
      bits >>>= 5;
    }
  }
  return String.fromCharCode(...codes);
}

/** The creation time encoded in a (possibly prefixed) ULID, e.g. `agent_01K63TW6…`. */
export function ulidTime(id: string): number {
  const body = id.slice(id.lastIndexOf('_') + 1, id.lastIndexOf('_') + 11);
  let time = 0;
  for (const char of body) {
    const digit = CROCKFORD_BASE32.indexOf(char);
    if (digit < 0) {
      throw new Error(`Not a ULID: ${id}`);
    }
    time = time * 32 + digit;
  }
  return time;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/** A uniformly random time in the window, thinned so that nights (UTC) are quieter than days. */
export function workingHoursTime(random: Random, startMs: number, endMs: number): number {
  for (;;) {
    const time = random.float(startMs, endMs);
    const hour = Math.floor(time / HOUR) % 24; // UTC
    const activity = hour >= 6 && hour < 22 ? 0.3 + 0.7 * Math.sin((Math.PI * (hour - 6)) / 16) : 0.3;
    if (random.chance(activity)) {
      return time;
    }
  }
}
