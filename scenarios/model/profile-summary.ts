// A profile's shape in one line, for `gelombang scenarios` and reports: length, arrivals, peak, and a
// sparkline of the expected arrivals per slice of the run.
import type { CompiledProfile } from './profile.js';

const BARS = '▁▂▃▄▅▆▇█';

export interface ProfileSummary {
  durationSeconds: number;
  totalArrivals: number;
  peakRate: number;
  peakAtSeconds: number;
  /** Mean rate (arrivals/s) over the run. */
  meanRate: number;
  /** One character per equal slice of the run, height ∝ arrivals in the slice (a blank = none). */
  sparkline: string;
}

export function summarizeProfile(profile: CompiledProfile, width = 48): ProfileSummary {
  const slice = profile.durationSeconds / width;
  const perSlice = Array.from({ length: width }, (_, i) =>
    profile.expectedArrivals(i * slice, (i + 1) * slice),
  );
  const max = Math.max(...perSlice);
  const sparkline = perSlice
    .map((n) =>
      n <= 0 || max <= 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor((n / max) * BARS.length))]!,
    )
    .join('');
  return {
    durationSeconds: profile.durationSeconds,
    totalArrivals: profile.totalArrivals,
    peakRate: profile.peak.rate,
    peakAtSeconds: profile.peak.atSeconds,
    meanRate: profile.totalArrivals / profile.durationSeconds,
    sparkline,
  };
}
