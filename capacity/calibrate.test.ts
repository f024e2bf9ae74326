import { describe, expect, test } from 'vitest';
import { encodeHistogram, newHistogram, recordMs } from '../scenarios/engine/hdr.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { calibrate } from './calibrate.js';
import { CapacityError } from './errors.js';
import { SimRng } from './sim/rng.js';

/** A run.json with the given per-step latency samples (ms); only what calibrate reads is filled in. */
function runWith(samples: Record<string, number[]>): RunResult {
  return {
    kind: 'gelombang.run-result',
    scenario: { name: 'smoke', journey: 'smoke', profile: 'smoke' },
    startedAt: '2026-11-30T10:00:00Z',
    arrivals: { achievedRate: 4 },
    environment: { cpus: 2 },
    steps: Object.entries(samples).map(([step, values]) => {
      const h = newHistogram();
      for (const v of values) recordMs(h, v);
      return { step, requests: values.length, fromSend: { hdr: encodeHistogram(h) } };
    }),
  } as unknown as RunResult;
}

describe('calibrate', () => {
  const rng = new SimRng(3);
  const n = 2000;
  const base = () => 1 + rng.exponential(0.2);
  const run = runWith({
    visit: Array.from({ length: n }, base),
    'verify-email': Array.from({ length: n }, base),
    account: Array.from({ length: n }, () => base() + 50),
    profile: Array.from({ length: n }, () => base() + rng.lognormal(200, 0.5)),
  });

  test('recovers the registry lognormal and the hash from response times, each marked measured', () => {
    const model = calibrate({ run });
    const mean = model.registry.latencyMeanSeconds;
    expect(Math.abs(mean.value - 0.2) / 0.2).toBeLessThan(0.05);
    expect(Math.abs(model.registry.latencySigma.value - 0.5) / 0.5).toBeLessThan(0.1);
    expect(mean.source).toBe('measured');
    expect(mean.uncertainty).toBeGreaterThan(0);
    expect(Math.abs(model.threadPool.hashSeconds.value - 0.05) / 0.05).toBeLessThan(0.05);
    expect(model.registry.maxConcurrent.note).toContain('cannot show a capacity');
    expect(model.name).toBe('reference-service-calibrated');
  });

  test('a step that waits on the side registries (join-wave) gets the plainest step as its CPU demand', () => {
    // Its ~120 ms are Dapodik/DTKS lookups the model has no station for: put on the event loop, they made
    // the simulator predict queues that a real run does not have (test/capacity-prediction.test.ts).
    const withJoin = runWith({
      visit: Array.from({ length: n }, base),
      'join-wave': Array.from({ length: n }, () => base() + 120),
    });
    const model = calibrate({ run: withJoin });
    const visit = model.service.cpuDemandSeconds.visit!.value;
    expect(model.service.cpuDemandSeconds['join-wave']!.value).toBe(visit);
    expect(model.service.cpuDemandSeconds['join-wave']!.value).toBeLessThan(0.005);
  });

  test("a probe that saturated gives the registry's capacity by Little's law", () => {
    const levels = [
      { concurrency: 8, throughput: 30 },
      { concurrency: 16, throughput: 39 },
      { concurrency: 32, throughput: 40 },
    ];
    const probe = {
      kind: 'gelombang.probe-result',
      step: 'profile',
      levels,
      serviceDemandSeconds: 0.0004,
      demandFit: null,
    };
    const model = calibrate({ run, probe });
    // 40/s × 0.2 s = 8 calls in flight
    expect(model.registry.maxConcurrent.value).toBe(8);
    expect(model.registry.maxConcurrent.source).toBe('measured');
    expect(model.service.cpuDemandSeconds['profile']!.value).toBe(0.0004);
  });

  test('a file that is not a run, or too short, is refused with what to do', () => {
    expect(() => calibrate({ run: {} as RunResult })).toThrow(CapacityError);
    expect(() => calibrate({ run: runWith({ profile: [1, 2, 3] }) })).toThrow(/run longer/);
  });
});
