// Latency histograms for the simulator: fixed log buckets in a Float64Array, merged by adding counts.
// Bucket i covers [LOWEST_MS · GROWTH^i, LOWEST_MS · GROWTH^(i+1)): 1 % relative resolution from 0.01 ms
// to 0.01 · 1.01^2500 ms ≈ 6.4 · 10⁸ ms ≈ 177 h (7.4 days), so any latency within a simulated launch day
// (the run stops a day and an hour after the last arrival) lands in its own bucket, not clamped into the
// last one (1600 buckets stopped at ~82 s: an undersized thread pool's hours of queueing read as 81.7 s).
// Finer than any SLO needs; one table lookup per sample.
import type { SimHistogram } from '../types.js';

export const LOWEST_MS = 0.01;
export const GROWTH = 1.01;
/** Buckets: 2500 × 8 bytes = 20 kB per histogram. */
export const BUCKETS = 2500;
const INV_LOG_GROWTH = 1 / Math.log(GROWTH);

/** The bucket of a sample by the definition: ⌊ln(ms / LOWEST_MS) / ln GROWTH⌋, clamped to the buckets. */
export function bucketByLog(ms: number): number {
  const i = ms <= LOWEST_MS ? 0 : Math.floor(Math.log(ms / LOWEST_MS) * INV_LOG_GROWTH);
  return i >= BUCKETS ? BUCKETS - 1 : i;
}

// The same bucket without a log(): bucketByLog() is monotone in ms, so each bucket i starts at a double
// LOWER[i] (found once by bisection on bucketByLog itself, so the two agree bit for bit). A sample's high
// word (exponent and 9 mantissa bits: a range 0.2 % wide, narrower than a bucket) indexes FIRST, the
// bucket at the start of that range; at most a step or two up LOWER finds the sample's own.
const LOWER = new Float64Array(BUCKETS + 1);
const WORD = new Float64Array(1);
const HALVES = new Uint32Array(WORD.buffer); // little-endian: [low 32 bits, high 32 bits]
const keyOf = (ms: number): number => {
  WORD[0] = ms;
  return HALVES[1]! >>> 11;
};
LOWER[0] = Number.NEGATIVE_INFINITY;
LOWER[BUCKETS] = Number.POSITIVE_INFINITY;
for (let i = 1; i < BUCKETS; i++) {
  let lo = LOWEST_MS * GROWTH ** (i - 1); // bucketByLog(lo) < i
  let hi = LOWEST_MS * GROWTH ** (i + 1); // bucketByLog(hi) ≥ i
  while (bucketByLog(lo) >= i) lo /= GROWTH;
  while (bucketByLog(hi) < i) hi *= GROWTH;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    if (bucketByLog(mid) >= i) hi = mid;
    else lo = mid;
  }
  LOWER[i] = hi;
}
const KEY_LOW = keyOf(LOWEST_MS);
const KEY_HIGH = keyOf(LOWER[BUCKETS - 1]!) + 1;
const FIRST = new Int16Array(KEY_HIGH - KEY_LOW);
for (let k = 0; k < FIRST.length; k++) {
  HALVES[1] = (KEY_LOW + k) << 11; // the range's smallest double
  HALVES[0] = 0;
  FIRST[k] = bucketByLog(WORD[0]!);
}

/** bucketByLog(ms), by table. */
export function bucketOf(ms: number): number {
  if (ms <= LOWEST_MS) return 0;
  const k = keyOf(ms) - KEY_LOW;
  if (k >= FIRST.length) return BUCKETS - 1;
  let i = FIRST[k]!;
  while (ms >= LOWER[i + 1]!) i++;
  return i;
}

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  total = 0;
  sumMs = 0;
  maxMs = 0;

  record(ms: number): void {
    const i = bucketOf(ms);
    this.counts[i] = this.counts[i]! + 1;
    this.total += 1;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  add(other: LogHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = this.counts[i]! + other.counts[i]!;
    this.total += other.total;
    this.sumMs += other.sumMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  /** The value at percentile p (0–100], ms: the geometric middle of the bucket holding it (≤ 0.5 % off). */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.maxMs, LOWEST_MS * GROWTH ** (i + 0.5));
    }
    return this.maxMs;
  }

  get meanMs(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }

  toJSON(): SimHistogram {
    let last = BUCKETS - 1;
    while (last >= 0 && this.counts[last] === 0) last--;
    return {
      lowestMs: LOWEST_MS,
      growth: GROWTH,
      counts: Array.from(this.counts.subarray(0, last + 1)),
      total: this.total,
      sumMs: round6(this.sumMs),
      maxMs: round6(this.maxMs),
    };
  }
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
