// The models fitted to a probe's levels, each with the reason when it cannot be: the USL on (concurrency,
// throughput), and U = U₀ + D·X on (throughput, cores busy). Pure.
import { fitServiceDemand } from '../../capacity/analytic/demand-fit.js';
import { isAnalyticError } from '../../capacity/analytic/errors.js';
import { fitUsl } from '../../capacity/analytic/usl.js';
import type { ProbeDemandFit, ProbeLevel, ProbeUsl } from './types.js';

export function demandFitOf(levels: readonly ProbeLevel[]): {
  demandFit: ProbeDemandFit | null;
  demandFitError: string | null;
} {
  const samples = levels.flatMap((l) =>
    l.service === null || l.service.completions === 0
      ? []
      : [
          {
            // X and U over the same window the CPU was counted in: a level that used up its requests early
            // is shorter than the window, and U over the level's own time would count idle CPU as busy.
            throughput: l.service.completions / (l.service.windowSeconds ?? l.durationSeconds),
            utilisation: l.service.cpuUtilisation,
          },
        ],
  );
  if (samples.length === 0) return { demandFit: null, demandFitError: 'no level has service metrics' };
  try {
    const fit = fitServiceDemand(samples);
    return {
      demandFit: {
        serviceDemandSeconds: fit.serviceDemand,
        backgroundUtilisation: fit.backgroundUtilisation,
        rSquared: fit.rSquared,
      },
      demandFitError: null,
    };
  } catch (err) {
    if (!isAnalyticError(err)) throw err;
    return { demandFit: null, demandFitError: err.message };
  }
}

/** Pooled service demand law over every level with service metrics: Σ CPU seconds / Σ completions. */
export function pooledServiceDemand(levels: readonly ProbeLevel[]): number | null {
  const measured = levels.flatMap((l) => (l.service === null ? [] : [l.service]));
  const completions = measured.reduce((s, l) => s + l.completions, 0);
  const cpu = measured.reduce((s, l) => s + l.cpuSeconds, 0);
  return completions > 0 ? cpu / completions : null;
}

export function uslOf(levels: readonly ProbeLevel[]): { usl: ProbeUsl | null; uslError: string | null } {
  const rows = levels
    .filter((l) => l.throughput > 0)
    .map((l) => ({ concurrency: l.concurrency, throughput: l.throughput }));
  if (rows.length < 3) {
    return { usl: null, uslError: `the USL needs at least 3 levels with throughput > 0; got ${rows.length}` };
  }
  try {
    const fit = fitUsl(rows);
    return {
      usl: {
        sigma: fit.sigma,
        kappa: fit.kappa,
        lambda: fit.lambda,
        // JSON has no Infinity: null means no peak (κ = 0).
        peakConcurrency: Number.isFinite(fit.peakConcurrency) ? fit.peakConcurrency : null,
        peakThroughput: Number.isFinite(fit.peakThroughput) ? fit.peakThroughput : null,
        rSquared: fit.rSquared,
        standardErrors: fit.standardErrors,
      },
      uslError: null,
    };
  } catch (err) {
    if (!isAnalyticError(err)) throw err;
    return { usl: null, uslError: err.message };
  }
}
