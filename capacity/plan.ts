// plan(): the smallest service instances, registry capacity and database connections that meet every SLO,
// found by simulation with replications. One dimension at a time (in the order given), the others held at
// their upper bounds until sized: a bracket by doubling from the model's current value, then bisection
// inside it (capacity is monotone: more servers never make a queue longer). Every candidate is recorded.
// The same seed serves every candidate (common random numbers), so candidates differ only by capacity.
import type { Scenario } from '../scenarios/model/types.js';
import { CAPACITY_ERROR_CODES, CapacityError } from './errors.js';
import { modelRef, validateModel } from './model/load-model.js';
import { applyOverrides } from './model/overrides.js';
import { resolveScenario, simulate } from './sim/simulate.js';
import {
  type CapacityModel,
  PLAN_RESULT_KIND,
  PLAN_RESULT_VERSION,
  type PlanCandidate,
  type PlanDimension,
  type PlanOptions,
  type PlanResult,
  type SimResult,
} from './types.js';

export const PLAN_DIMENSIONS: readonly PlanDimension[] = [
  'service.instances',
  'registry.maxConcurrent',
  'database.connections',
];
export const DEFAULT_UPPER_BOUNDS: Readonly<Record<PlanDimension, number>> = {
  'service.instances': 256,
  'registry.maxConcurrent': 4096,
  'database.connections': 1024,
};

function currentValue(model: CapacityModel, d: PlanDimension): number {
  if (d === 'service.instances') return model.service.instances.value;
  if (d === 'registry.maxConcurrent') return model.registry.maxConcurrent.value;
  return model.database.connections.value;
}

export function plan(
  scenarioIn: string | Scenario,
  modelIn: CapacityModel,
  options: PlanOptions,
): PlanResult {
  const fail = (message: string): never => {
    throw new CapacityError(CAPACITY_ERROR_CODES.OPTIONS_INVALID, message);
  };
  const scenario = resolveScenario(scenarioIn);
  if (options.slos.length === 0)
    fail('give at least one SLO, e.g. http_req_duration{step:profile}=p(95)<2000');
  const base = applyOverrides(modelIn, options.overrides ?? {});
  let dimensions = [...(options.dimensions ?? PLAN_DIMENSIONS)];
  for (const d of dimensions)
    if (!PLAN_DIMENSIONS.includes(d)) fail(`unknown dimension "${d}"; use ${PLAN_DIMENSIONS.join(', ')}`);
  // SQLite has one writer whatever the pool (all instances share one file): nothing to size. Said in the
  // result, and refused when asked for by name, rather than silently skipped.
  const notSearched: { dimension: PlanDimension; reason: string }[] = [];
  if (base.database.kind === 'sqlite') {
    const asked =
      options.dimensions?.includes('database.connections') === true
        ? 'database.connections (--dimension db) cannot be sized'
        : options.upperBounds?.['database.connections'] !== undefined
          ? 'an upper bound for database.connections (--max db=…) means nothing'
          : null;
    if (asked !== null) {
      fail(
        `${asked} on this model: its database is SQLite, one writer for all instances whatever the ` +
          'connections, so there is nothing to search. Leave db out (e.g. --dimension instances --dimension ' +
          'registry), or size a PostgreSQL pool with --set database.kind=postgres',
      );
    }
    if (dimensions.includes('database.connections')) {
      dimensions = dimensions.filter((d) => d !== 'database.connections');
      notSearched.push({
        dimension: 'database.connections',
        reason: 'database: SQLite has one writer; connections not searched',
      });
    }
  }
  const upper: Record<PlanDimension, number> = { ...DEFAULT_UPPER_BOUNDS, ...options.upperBounds };
  for (const d of dimensions) {
    if (!(Number.isInteger(upper[d]) && upper[d] >= 1))
      fail(`upper bound of ${d} must be a whole number ≥ 1, got ${upper[d]}`);
  }
  const values = Object.fromEntries(
    PLAN_DIMENSIONS.map((d) => [d, dimensions.includes(d) ? upper[d] : currentValue(base, d)]),
  ) as Record<PlanDimension, number>;
  // The first candidate is every upper bound at once: the simulator must be able to hold it.
  validateModel(applyOverrides(base, values), "the plan's upper bounds (--max)");

  const candidates: PlanCandidate[] = [];
  const sims = new Map<string, SimResult>();
  const estimatedRuns = dimensions.length * 14 + 1;
  const trial = (dimension: PlanDimension, at: Record<PlanDimension, number>): boolean => {
    const key = JSON.stringify(at);
    let sim = sims.get(key);
    if (sim === undefined) {
      options.onProgress?.({
        label: `candidate ${candidates.length + 1}: ${PLAN_DIMENSIONS.map((d) => `${d}=${at[d]}`).join(' ')}`,
        fraction: Math.min(0.99, candidates.length / estimatedRuns),
      });
      sim = simulate(scenario, base, {
        ...options,
        onProgress: undefined,
        overrides: { ...at },
        thresholds: options.slos,
        modelPath: options.modelPath,
      });
      sims.set(key, sim);
    }
    const ok = sim.thresholds.every((v) => v.ok);
    candidates.push({ order: candidates.length, dimension, values: { ...at }, verdicts: sim.thresholds, ok });
    return ok;
  };

  let feasible = trial(dimensions[0] ?? 'service.instances', values);
  if (feasible) {
    for (const d of dimensions) {
      // Bracket: from the model's value (within bounds), double until the SLOs hold.
      let lo = 1;
      let hi = Math.max(1, Math.min(upper[d], Math.round(currentValue(base, d))));
      while (!trial(d, { ...values, [d]: hi })) {
        lo = hi + 1;
        if (hi >= upper[d]) break;
        hi = Math.min(upper[d], hi * 2);
      }
      if (lo > hi) hi = upper[d];
      // Bisection for the smallest value that holds in [lo, hi] (hi holds).
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (trial(d, { ...values, [d]: mid })) hi = mid;
        else lo = mid + 1;
      }
      values[d] = hi;
    }
    // The last dimension's answer was simulated with every other dimension at its final value.
    const final = sims.get(JSON.stringify(values));
    feasible =
      final === undefined
        ? trial(dimensions[dimensions.length - 1]!, values)
        : final.thresholds.every((v) => v.ok);
  }
  options.onProgress?.({ label: 'plan done', fraction: 1 });
  const simulation = sims.get(JSON.stringify(values))!;
  const failing = simulation.thresholds
    .filter((v) => !v.ok)
    .map((v) => `${v.metric} ${v.expression} (${v.actual})`);
  const summary = feasible
    ? `smallest sizing meeting every SLO: ${dimensions.map((d) => `${d} = ${values[d]}`).join(', ')} (${candidates.length} candidates simulated, ${simulation.replications} replications each)`
    : `no sizing up to the upper bounds (${dimensions.map((d) => `${d} ≤ ${upper[d]}`).join(', ')}) meets every SLO; failing: ${failing.join('; ')}`;
  const aside = notSearched.map((n) => `; ${n.reason}`).join('');
  return {
    kind: PLAN_RESULT_KIND,
    version: PLAN_RESULT_VERSION,
    model: modelRef(base, options.modelPath ?? null, options.overrides ?? {}),
    scenario: simulation.scenario,
    knobs: simulation.knobs,
    seed: simulation.seed,
    replications: simulation.replications,
    slos: options.slos,
    dimensions,
    notSearched,
    database: base.database.kind,
    candidates,
    recommendation: feasible ? values : null,
    summary: `${summary}${aside}`,
    simulation,
  };
}
