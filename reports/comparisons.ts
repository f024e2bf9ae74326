// Predicted vs measured: a simulation of the same scenario, rate and compression as a run, set beside what
// the engine measured — per step p95 (from the intended send) and throughput, and journeys completed.
// Pure. Only comparable pairs are made: a simulation of other conditions predicts nothing about this run.
import type { SimResult } from '../capacity/types.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import type { Comparison } from './report-data.js';

/** True when the simulation ran the run's scenario at its scale and compression (within 0.1 %). */
export function sameConditions(sim: SimResult, run: RunResult): boolean {
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b));
  const options = run.environment.options;
  return (
    sim.scenario.name === run.scenario.name &&
    close(sim.knobs.scale, options.scale) &&
    close(sim.knobs.timeScale, options.timeScale)
  );
}

const compare = (quantity: string, unit: string, predicted: number, measured: number): Comparison => ({
  quantity,
  unit,
  predicted,
  measured,
  error: measured === 0 ? 0 : (predicted - measured) / measured,
});

export function predictedVsMeasured(sim: SimResult, run: RunResult): Comparison[] {
  const rows: Comparison[] = [];
  for (const step of run.steps) {
    const predicted = sim.steps.find((s) => s.step === step.step);
    if (predicted === undefined || step.requests === 0) continue;
    // Only the steps whose latency matters (above 5 ms measured): the rest are noise around zero.
    if (step.fromIntended.p95 >= 5) {
      rows.push(compare(`${step.step} p95`, 'ms', predicted.latencyMs.p95.mean, step.fromIntended.p95));
    }
  }
  const seconds = Math.max(1, run.durationSeconds);
  const profile = run.steps.find((s) => s.step === 'profile');
  const simProfile = sim.steps.find((s) => s.step === 'profile');
  if (profile !== undefined && simProfile !== undefined) {
    rows.push(
      compare('profile throughput', 'req/s', simProfile.throughputPerSecond.mean, profile.requests / seconds),
    );
  }
  rows.push(compare('journeys completed', 'journeys', sim.journeys.completed.mean, run.journeys.completed));
  return rows;
}
