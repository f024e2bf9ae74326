// One second's counts while it is open, and the IntervalRow it becomes when it closes. The engine's
// recorder and `gelombang import k6` both build their per-second series with it, so a run.json row means
// the same whichever runner produced it.
import { encodeHistogram, type Histogram, newHistogram, percentileMs, SERIES_PRECISION } from './hdr.js';
import type { IntervalRow } from './run-result.js';

export interface IntervalTally {
  arrivals: number;
  dropped: number;
  completed: number;
  requests: number;
  errors: number;
  /** Latency from intended send (ms), at SERIES_PRECISION: one per second stays small in run.json. */
  latency: Histogram;
}

export function emptyIntervalTally(): IntervalTally {
  return {
    arrivals: 0,
    dropped: 0,
    completed: 0,
    requests: 0,
    errors: 0,
    latency: newHistogram(SERIES_PRECISION),
  };
}

/** The row of second `t` (seconds since the start): `targetArrivals` per second the profile asked for,
 *  `inFlight` journeys running at its end; p95 in ms (0 when no response). */
export function intervalRow(
  t: number,
  targetArrivals: number,
  inFlight: number,
  c: IntervalTally,
): IntervalRow {
  return {
    t,
    targetArrivals,
    arrivals: c.arrivals,
    dropped: c.dropped,
    completed: c.completed,
    requests: c.requests,
    errors: c.errors,
    p95Ms: percentileMs(c.latency, 95),
    inFlight,
    hdr: encodeHistogram(c.latency),
  };
}
