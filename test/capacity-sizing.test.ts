// Sizing proven (issue 8): `plan` names the smallest registry capacity C that keeps the profile step's p95
// under the SLO at a stated rate; a real run with C meets the SLO and a run with the next smaller candidate
// breaks it. The registry stub answers in 0.4 s (lognormal, sigma 0.1) and queues beyond its capacity;
// at 3 arrivals/s it carries 1.2 Erlangs, so capacity 1 is overloaded and 2 is not: the rate and SLO sit
// where the simulator's 20 replications never overlap (C = 2: p95 ≤ 1.3 s; C = 1: ≥ 2.3 s), so the
// verdicts hold on a loaded 2-core machine. The model is calibrated first from a run below saturation.
import { expect, test } from 'vitest';
import { calibrate } from '../capacity/calibrate.js';
import { plan } from '../capacity/plan.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { judgeRun } from '../scenarios/engine/metric-view.js';
import type { ThresholdSpec } from '../scenarios/model/types.js';
import { registryLimitedService } from './helpers/registry-limited-service.js';
import { unstarvedRun } from './helpers/unstarved-run.js';

const RATE = 3;
const SECONDS = 20;
const SLO: ThresholdSpec = { metric: 'http_req_duration{step:profile}', expressions: ['p(95)<1800'] };
const STUB = { latencyMeanMs: 400, latencySigma: 0.1, overload: 'queue' as const, maxQueue: 10_000 };
const KNOWN = {
  'registry.overload': 'queue',
  'registry.maxQueue': 10_000,
  'registry.client.timeoutSeconds': 30,
};

const rig = registryLimitedService({ ...STUB, maxConcurrent: 8 });

async function measure(rate: number, seconds: number): Promise<RunResult> {
  const { run } = await unstarvedRun(`run at ${rate}/s`, () => ({
    options: validateRunOptions({
      scenario: rig.scenarioAt(rate, seconds),
      target: rig.url,
      seed: DEFAULT_SEED,
      gracefulStop: '60s',
    }),
  }));
  return run;
}

test('plan names the smallest registry capacity; a run with it meets the SLO, one with the next smaller breaks it', async () => {
  const model = calibrate({ run: await measure(RATE, 15), runPath: 'calibration run' });
  const scenario = rig.scenarioAt(RATE, SECONDS);
  const result = plan(scenario, model, {
    slos: [SLO],
    dimensions: ['registry.maxConcurrent'],
    upperBounds: { 'registry.maxConcurrent': 64 },
    overrides: KNOWN,
    replications: 5,
    seed: DEFAULT_SEED,
  });
  console.log(result.summary);
  console.log(
    result.candidates
      .map(
        (c) =>
          `C=${c.values['registry.maxConcurrent']} ${c.ok ? 'meets' : 'breaks'} (p95 ${c.verdicts[0]?.actual?.toFixed(0)} ms)`,
      )
      .join('\n'),
  );
  expect(result.recommendation).not.toBeNull();
  const capacity = result.recommendation!['registry.maxConcurrent'];
  const smaller = Math.max(
    ...result.candidates.filter((c) => !c.ok).map((c) => c.values['registry.maxConcurrent']),
  );
  expect(smaller).toBe(capacity - 1);

  const verdict = async (c: number) => {
    rig.stub.setBehaviour({ maxConcurrent: c });
    const run = judgeRun(await measure(RATE, SECONDS), [SLO]);
    const v = run.thresholds[0]!;
    console.log(
      `real run, registry capacity ${c}: profile p95 ${v.actual?.toFixed(0)} ms → ${v.ok ? 'meets' : 'breaks'} ${SLO.expressions[0]}`,
    );
    return v.ok;
  };
  expect(await verdict(capacity)).toBe(true);
  expect(await verdict(capacity - 1)).toBe(false);
}, 240_000);
