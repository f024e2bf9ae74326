// Seeded randomness for pure (seed, index) generators: a 32-bit integer hash, a small counter-based stream
// per (seed, index, purpose), and a keyed Feistel permutation (a bijection, so it can be inverted).
// Only Math.imul and 32-bit integer operators: identical results in Node, k6's goja and a bare VM.

/** A strong 32-bit integer finaliser ("lowbias32", Chris Wellons' hash-prospector). */
export function mix32(x: number): number {
  let z = x >>> 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

/** Hash of (seed, index, purpose) to a 32-bit stream key. index may be any safe integer ≥ 0. */
export function streamKey(seed: number, index: number, purpose: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4_294_967_296) >>> 0;
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ lo);
  h = mix32(h ^ hi ^ Math.imul(purpose, 0x85ebca6b));
  return h;
}

const TWO_POW_32 = 4_294_967_296;

/** A counter-based stream: value n is mix32(key + n·golden). Cheap to create, one multiply-xorshift per draw. */
export class Rng {
  private state: number;
  constructor(key: number) {
    this.state = key >>> 0;
  }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }
  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / TWO_POW_32;
  }
  /** Uniform integer in [0, n), n ≤ 2^32 (multiply-shift; bias below 2^-32·n, irrelevant here). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }
  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }
  /** Standard normal (Box–Muller; one of the pair is discarded to keep the stream simple). */
  normal(): number {
    const u = 1 - this.float(); // (0, 1]
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
  /** Lognormal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** Samples from a cumulative weight table (ascending, last = total). */
export function pickCumulative(cumulative: ArrayLike<number>, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulativeOf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** A keyed bijection on [0, size): a 4-round balanced Feistel network on the smallest even number of bits
 *  covering size, with cycle walking (re-apply until the value falls inside the domain). size ≤ 2^32. */
export class FeistelPermutation {
  readonly size: number;
  private readonly halfBits: number;
  private readonly halfMask: number;
  private readonly keys: Uint32Array;

  constructor(size: number, key: number) {
    if (!(size >= 1 && size <= TWO_POW_32)) throw new RangeError('FeistelPermutation size must be 1..2^32');
    this.size = size;
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.halfBits = bits / 2;
    this.halfMask = this.halfBits === 16 ? 0xffff : (1 << this.halfBits) - 1;
    this.keys = new Uint32Array(4);
    for (let r = 0; r < 4; r++) this.keys[r] = mix32(key + Math.imul(r + 1, 0x27d4eb2f));
  }

  // Halves are at most 16 bits, so the whole value fits 32 bits: plain integer operators suffice.
  private encryptOnce(x: number): number {
    const bits = this.halfBits;
    const mask = this.halfMask;
    const k = this.keys;
    let left = x >>> bits;
    let right = x & mask;
    let next = (left ^ mix32(right ^ k[0]!)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32(right ^ k[1]!)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32(right ^ k[2]!)) & mask;
    left = right;
    right = next;
    next = (left ^ mix32(right ^ k[3]!)) & mask;
    return ((right << bits) | next) >>> 0;
  }

  private decryptOnce(y: number): number {
    const bits = this.halfBits;
    const mask = this.halfMask;
    let left = y >>> bits;
    let right = y & mask;
    for (let r = 3; r >= 0; r--) {
      const prev = (right ^ mix32(left ^ this.keys[r]!)) & mask;
      right = left;
      left = prev;
    }
    return ((left << bits) | right) >>> 0;
  }

  forward(x: number): number {
    let y = this.encryptOnce(x);
    while (y >= this.size) y = this.encryptOnce(y);
    return y;
  }

  inverse(y: number): number {
    let x = this.decryptOnce(y);
    while (x >= this.size) x = this.decryptOnce(x);
    return x;
  }
}
