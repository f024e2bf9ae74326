// The stations that only act when switched on or when things go wrong: registry outages, the client's
// bulkhead, load shedding, the waiting room. Each is checked for what a planner relies on.
import { describe, expect, test } from 'vitest';
import { defaultModel } from '../model/load-model.js';
import { simulate } from './simulate.js';
import { constantRateScenario } from './testing.js';

const smoke = (rate: number, seconds: number) => {
  const s = constantRateScenario(rate, seconds, 'smoke');
  s.data = { seed: 20200411, startIndex: 0 };
  return s;
};
const registryOf = (r: ReturnType<typeof simulate>) => r.stations.find((s) => s.station === 'registry')!;
const step = (r: ReturnType<typeof simulate>, name: string) => r.steps.find((s) => s.step === name)!;

describe('stations that act under trouble', () => {
  test('a registry outage over the whole run: every profile goes pending, none is verified in the window', () => {
    const model = defaultModel();
    model.registry.outages = [{ startSeconds: 0, endSeconds: 10_000 }];
    const r = simulate(smoke(5, 30), model, { seed: 1 });
    expect(registryOf(r).throughputPerSecond.mean).toBe(0);
    expect(r.pendingVerifications.mean).toBeGreaterThan(100);
    // The first profiles get 202 after the client's retries (Retry-After 1 s, twice): ≥ 2 s. After 10
    // consecutive failures the instance's circuit breaker opens and the rest get 202 at once.
    expect(step(r, 'profile').latencyMs.max.mean).toBeGreaterThan(1950); // histogram buckets: 1 %
    expect(step(r, 'profile').latencyMs.p50.mean).toBeLessThan(50);
    expect(r.circuitOpenRejections.mean).toBeGreaterThan(0);
  });

  test("a registry slower than the arrivals fills the client's bulkhead: the rest go pending at once", () => {
    const r = simulate(smoke(50, 30), defaultModel(), {
      seed: 1,
      overrides: {
        'threadPool.hashSeconds': 0.001, // so that the hash (20 a second by default) is not the bottleneck
        'registry.latencyMeanSeconds': 2,
        'registry.maxConcurrent': 200,
        'registry.client.timeoutSeconds': 30,
        'registry.client.concurrency': 64, // the operator's fixed quota: the client sends all 64 at once
      },
    });
    // 64 calls in flight at most, each 2 s: ≈ 32 verifications a second of the 50 offered.
    expect(registryOf(r).meanInSystem.mean).toBeLessThanOrEqual(64);
    expect(registryOf(r).throughputPerSecond.mean).toBeLessThan(64 / 2 + 3);
    expect(registryOf(r).meanInSystem.mean).toBeGreaterThan(55);
    expect(r.pendingVerifications.mean).toBeGreaterThan(0);
  });

  test('an adaptive client starts at 4 calls in flight and grows about one per round trip', () => {
    const r = simulate(smoke(50, 30), defaultModel(), {
      seed: 1,
      overrides: {
        'threadPool.hashSeconds': 0.001,
        'registry.latencyMeanSeconds': 2,
        'registry.maxConcurrent': 200,
        'registry.client.timeoutSeconds': 30,
      },
    });
    // AIMD from 4, +1/limit per answer: ≈ +0.5 a second at 2 s a call, so ≈ 4 → 19 over the 30 s.
    expect(registryOf(r).meanInSystem.mean).toBeGreaterThan(5);
    expect(registryOf(r).meanInSystem.mean).toBeLessThan(20);
    expect(r.pendingVerifications.mean).toBeGreaterThan(0);
  });

  test("the registry's rate limit caps verified calls a second; the rest are refused with Retry-After", () => {
    const r = simulate(smoke(20, 60), defaultModel(), {
      seed: 1,
      overrides: { 'threadPool.hashSeconds': 0.001, 'registry.rateLimitPerSecond': 5 },
    });
    expect(registryOf(r).throughputPerSecond.mean).toBeLessThan(5.5);
    expect(r.pendingVerifications.mean).toBeGreaterThan(0);
  });

  test('load shedding answers 503 instead of queueing; applicants retry after Retry-After', () => {
    const model = defaultModel();
    model.loadShedding.enabled = true;
    model.loadShedding.maxQueueSeconds.value = 0.05;
    const overloaded = { 'service.cpuDemandSeconds.visit': 0.05 }; // 20 pages a second at most
    const shed = simulate(smoke(30, 30), model, { seed: 1, overrides: overloaded });
    const plain = simulate(smoke(30, 30), defaultModel(), { seed: 1, overrides: overloaded });
    expect(step(shed, 'visit').failed.mean).toBeGreaterThan(0);
    expect(step(plain, 'visit').failed.mean).toBe(0);
    const cpu = (r: typeof shed) => r.stations.find((s) => s.station === 'cpu')!;
    expect(cpu(shed).meanWaitSeconds.mean).toBeLessThan(cpu(plain).meanWaitSeconds.mean);
  });

  test('the waiting room holds applicants beyond maxActive in line and turns away beyond its queue', () => {
    const model = defaultModel();
    model.waitingRoom.enabled = true;
    model.waitingRoom.maxActive.value = 5;
    model.waitingRoom.maxQueue.value = 50;
    const r = simulate(smoke(20, 30), model, { seed: 1, overrides: { 'registry.latencyMeanSeconds': 1 } });
    const room = r.stations.find((s) => s.station === 'waiting-room')!;
    expect(room.meanWaitSeconds.mean).toBeGreaterThan(0);
    expect(r.journeys.turnedAway.mean).toBeGreaterThan(0);
    expect(room.meanQueueLength.mean).toBeLessThanOrEqual(50);
  });
});
