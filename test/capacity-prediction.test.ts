// Prediction against measurement (issue 8): the registry stub is limited (8 calls at once, lognormal
// latency, a FIFO queue beyond), the real service and the real engine run the smoke journey against it.
// The model is calibrated from a short run at a low rate (20 % of the registry's capacity), then the
// simulator predicts the profile step's throughput and p95 at 3× that rate and at 1.5× the registry's
// capacity; both are measured with the engine and every prediction must be within 20 % (goal 10 %).
// The rates keep the registry, not the CPU, the bottleneck, so the result holds on a loaded 2-core machine.
// Rerun: npx vitest run test/capacity-prediction.test.ts   (prints every prediction and its error)
import { expect, test } from 'vitest';
import { calibrate } from '../capacity/calibrate.js';
import { simulate } from '../capacity/sim/simulate.js';
import type { CapacityModel } from '../capacity/types.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { decodeHistogram } from '../scenarios/engine/hdr.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import type { Scenario } from '../scenarios/model/types.js';
import { registryLimitedService } from './helpers/registry-limited-service.js';
import { unstarvedRun } from './helpers/unstarved-run.js';

const REGISTRY = {
  maxConcurrent: 8,
  latencyMeanMs: 400,
  latencySigma: 0.5,
  overload: 'queue' as const,
  maxQueue: 10_000,
};
const CAPACITY_PER_SECOND = REGISTRY.maxConcurrent / (REGISTRY.latencyMeanMs / 1000); // 20/s
/** What the operator knows about the registry and the service's client without measuring it. */
const KNOWN = {
  'registry.maxConcurrent': REGISTRY.maxConcurrent,
  'registry.overload': 'queue',
  'registry.maxQueue': REGISTRY.maxQueue,
  'registry.client.timeoutSeconds': 30,
};

const rig = registryLimitedService(REGISTRY);

function measure(rate: number, seconds: number) {
  return unstarvedRun(`run at ${rate}/s`, () => {
    const scenario = rig.scenarioAt(rate, seconds);
    return {
      scenario,
      options: validateRunOptions({ scenario, target: rig.url, seed: DEFAULT_SEED, gracefulStop: '30s' }),
    };
  });
}

/** The service's adaptive registry limit now (its gelombang_registry_concurrency_limit gauge): the client
 *  keeps what it learnt in earlier runs, so the model starts each run where the service stands. */
async function registryLimit(): Promise<number> {
  const text = await (await fetch(`${rig.url}/metrics`)).text();
  const m = /^gelombang_registry_concurrency_limit\{[^}]*\} (\S+)$/m.exec(text);
  if (m === null) throw new Error('the service exposes no gelombang_registry_concurrency_limit');
  return Number(m[1]);
}

function profileOf(run: RunResult) {
  const step = run.steps.find((s) => s.step === 'profile')!;
  const h = decodeHistogram(step.fromIntended.hdr);
  return { throughput: step.requests / run.durationSeconds, p95: h.getValueAtPercentile(95) / 1000 };
}

function predict(model: CapacityModel, scenario: Scenario, limitAtStart: number) {
  const overrides = { ...KNOWN, 'registry.client.initialConcurrency': limitAtStart };
  const sim = simulate(scenario, model, { overrides, replications: 5, seed: DEFAULT_SEED });
  const step = sim.steps.find((s) => s.step === 'profile')!;
  return { throughput: step.throughputPerSecond.mean, p95: step.latencyMs.p95.mean };
}

test('calibrated at a low rate, the simulator predicts the profile step at 3× and past saturation within 20 %', async () => {
  const low = 0.2 * CAPACITY_PER_SECOND; // 4/s
  const calibration = await measure(low, 25);
  const model = calibrate({ run: calibration.run, runPath: 'calibration run' });
  console.log(
    `calibrated: registry mean ${model.registry.latencyMeanSeconds.value} s ± ${model.registry.latencyMeanSeconds.uncertainty}, ` +
      `sigma ${model.registry.latencySigma.value} (stub: ${REGISTRY.latencyMeanMs / 1000} s, ${REGISTRY.latencySigma})`,
  );
  const errors: string[] = [];
  let worst = 0;
  for (const [label, rate, seconds] of [
    ['3× the calibration rate', 3 * low, 15],
    ['1.5× the registry capacity', 1.5 * CAPACITY_PER_SECOND, 15],
  ] as const) {
    const limitAtStart = await registryLimit();
    const { scenario, run } = await measure(rate, seconds);
    const predicted = predict(model, scenario, limitAtStart);
    const measured = profileOf(run);
    for (const what of ['throughput', 'p95'] as const) {
      const error = (predicted[what] - measured[what]) / measured[what];
      worst = Math.max(worst, Math.abs(error));
      errors.push(
        `${label} (${rate}/s, client limit ${limitAtStart.toFixed(1)} at start): profile ${what} predicted ${predicted[what].toFixed(2)}, measured ${measured[what].toFixed(2)} ` +
          `${what === 'p95' ? 'ms' : '/s'}, error ${(error * 100).toFixed(1)} %`,
      );
    }
  }
  console.log(errors.join('\n'));
  expect(worst).toBeLessThan(0.2);
}, 180_000);
