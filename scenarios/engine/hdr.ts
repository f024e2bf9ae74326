// HDR histograms for latencies: never arrays of samples, never averages of percentiles. Values are
// recorded in whole microseconds with 3 significant digits (error ≤ 0.1 %), so that shards from workers
// or machines merge exactly: the merge of encoded histograms equals one histogram of all the samples.
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** Encoded histograms are 32-bit buckets: ~2 billion samples per bucket is beyond any run we make. */
const BIT_BUCKET_SIZE = 32;

/** Per-step latencies keep 3 significant digits (0.1 %); the per-second series' histograms keep 2 (1 %),
 *  which is plenty for a p95 per second and makes closing a second cheap (encoding is ~10× faster). */
export type Precision = 2 | 3;
export const SERIES_PRECISION: Precision = 2;

export function newHistogram(digits: Precision = 3): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    // One hour in µs; autoResize lets a pathological run go beyond without throwing.
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: digits,
    bitBucketSize: BIT_BUCKET_SIZE,
    autoResize: true,
    useWebAssembly: false,
  });
}

/** Records a duration given in milliseconds (fractional) as whole microseconds. */
export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(ms > 0 ? Math.round(ms * 1000) : 0);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, BIT_BUCKET_SIZE, false);
  // Decoded histograms are fixed-size; merging a wider one into it must resize instead of throwing.
  decoded.autoResize = true;
  return decoded;
}

/** Pure: the histogram of all samples behind the encoded histograms (of the given precision). */
export function mergeEncoded(encoded: readonly string[], digits: Precision = 3): Histogram {
  const merged = newHistogram(digits);
  for (const item of encoded) merged.add(decodeHistogram(item));
  return merged;
}

/** What a reader needs without decoding: counts and percentiles in milliseconds. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** A histogram as stored in run.json: the mergeable encoding plus its summary. */
export interface HistogramBlock extends LatencySummary {
  /** hdr-histogram-js encodeIntoCompressedBase64 of values in microseconds. */
  hdr: string;
}

const US_PER_MS = 1000;

export function summarise(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
  const at = (p: number) => histogram.getValueAtPercentile(p) / US_PER_MS;
  // Every figure comes from the buckets (3 significant digits), never from the raw extremes the histogram
  // also tracks: those do not survive encoding, and a merged histogram must summarise like a single one.
  return {
    count,
    min: at(0),
    mean: histogram.mean / US_PER_MS,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: at(100),
  };
}

/** With `summaries: false` (live snapshots, judged from hdr alone) the percentiles stay 0: computing them
 *  costs more than encoding, every second, on the thread that launches arrivals. */
export function toBlock(histogram: Histogram, summaries = true): HistogramBlock {
  const summary = summaries
    ? summarise(histogram)
    : { count: histogram.totalCount, min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
  return { hdr: encodeHistogram(histogram), ...summary };
}

/** Percentile in milliseconds (p in 0–100); 0 for an empty histogram. */
export function percentileMs(histogram: Histogram, p: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / US_PER_MS;
}
