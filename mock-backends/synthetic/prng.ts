/**
 * A small seeded pseudo-random number generator (sfc32) and helpers to draw from it.
 *
 * Every synthetic record is derived from a generator keyed by (seed, stream, index), so any
 * record can be computed on its own, in any order, by any mock backend: that is what keeps a
 * member identical across the membership, claims and clinical mocks without shared state.
 */

/** A deterministic source of uniform numbers in [0, 1) plus convenience draws. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element of a non-empty list, with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

/** Streams that key independent generators for the same index. */
export const STREAM = {
  partition: 1,
  family: 2,
  member: 3,
} as const;

/** Mixes a 32-bit integer (a finalizer in the style of MurmurHash3's fmix32). */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives four well-mixed 32-bit words from a seed and keys. */
function seedWords(seed: number, keys: readonly number[]): [number, number, number, number] {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const key of keys) h = mix32(h ^ mix32(key + 0x7f4a7c15));
  return [h, mix32(h ^ 0x243f6a88), mix32(h ^ 0x85a308d3), mix32(h ^ 0x13198a2e)];
}

/**
 * Creates an sfc32 generator keyed by `seed` and any number of integer keys.
 * The same arguments always give the same sequence.
 */
export function createRng(seed: number, ...keys: number[]): Rng {
  return new Sfc32(seedWords(seed, keys));
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 128 bits of state. */
class Sfc32 implements Rng {
  // Unsigned 32-bit values in plain fields would be boxed; a typed array keeps them flat.
  private readonly state: Uint32Array;

  constructor(words: readonly number[]) {
    this.state = new Uint32Array(words);
    for (let i = 0; i < 4; i++) this.next();
  }

  next(): number {
    const s = this.state;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (a + b + d) >>> 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return pickWeighted(items, this.next());
  }
}

/** Cumulative weights per list, computed once: most lists are module-level constants. */
const cumulativeCache = new WeakMap<readonly unknown[], Float64Array>();

function cumulativeOf(items: readonly (readonly [unknown, number])[]): Float64Array {
  const cached = cumulativeCache.get(items);
  if (cached) return cached;
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach(([, weight], i) => (cumulative[i] = total += weight));
  cumulativeCache.set(items, cumulative);
  return cumulative;
}

function pickWeighted<T>(items: readonly (readonly [T, number])[], draw: number): T {
  if (items.length === 0) throw new Error('weighted() needs at least one item');
  const cumulative = cumulativeOf(items);
  const target = draw * (cumulative[cumulative.length - 1] as number);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] as number) > target) high = mid;
    else low = mid + 1;
  }
  return (items[low] as readonly [T, number])[0];
}
