// Latency histograms for the simulator: fixed log buckets in a Float64Array, merged by adding counts.
// Bucket i covers [LOWEST_MS · GROWTH^i, LOWEST_MS · GROWTH^(i+1)): 1 % relative resolution from 0.01 ms
// to ~30 h, which is finer than any SLO needs and costs one log() per sample.
import type { SimHistogram } from '../types.js';

export const LOWEST_MS = 0.01;
export const GROWTH = 1.01;
const BUCKETS = 1600;
const INV_LOG_GROWTH = 1 / Math.log(GROWTH);

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  total = 0;
  sumMs = 0;
  maxMs = 0;

  record(ms: number): void {
    let i = ms <= LOWEST_MS ? 0 : Math.floor(Math.log(ms / LOWEST_MS) * INV_LOG_GROWTH);
    if (i >= BUCKETS) i = BUCKETS - 1;
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
