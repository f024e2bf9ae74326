// The simulator models each instance's circuit breaker towards the registry as the service runs it
// (target-service/registry/circuit-breaker.ts, client.ts): during an outage the registry answers 503, and
// after `breakerFailureThreshold` consecutive failures an instance fails its calls at once (profile 202
// pending) instead of retrying each one after Retry-After; a probe every `breakerResetSeconds` finds the
// registry back, and the background worker then verifies the pending profiles.
import { describe, expect, test } from 'vitest';
import { defaultModel } from '../model/load-model.js';
import type { CapacityModel } from '../types.js';
import { simulate } from './simulate.js';

/** The reference model on 2 instances with the registry down over [startSeconds, endSeconds). */
function withOutage(
  startSeconds: number,
  endSeconds: number,
  breakerFailureThreshold?: number,
): CapacityModel {
  const model = structuredClone(defaultModel());
  model.service.instances.value = 2;
  model.registry.outages = [{ startSeconds, endSeconds }];
  if (breakerFailureThreshold !== undefined) {
    model.registry.client.breakerFailureThreshold = {
      value: breakerFailureThreshold,
      unit: 'count',
      source: 'edited',
    };
  }
  return model;
}

const OPTIONS = { scale: 0.01, seed: 5 };
const profileP95 = (result: ReturnType<typeof simulate>) =>
  result.steps.find((s) => s.step === 'profile')!.latencyMs.p95.mean;

describe('circuit breaker towards the registry', () => {
  test('in a long outage an open breaker answers profiles at once; without it each waits out its retries', () => {
    const withBreaker = simulate('spike-80k', withOutage(0, 86_400), OPTIONS);
    const never = simulate('spike-80k', withOutage(0, 86_400, 1_000_000), OPTIONS);
    const profiles = withBreaker.steps.find((s) => s.step === 'profile')!.requests.mean;
    expect(profiles).toBeGreaterThan(500);
    // Two instances × 10 failures open both circuits; then nearly every call is refused at once.
    expect(withBreaker.circuitOpenRejections.mean).toBeGreaterThan(profiles * 0.9);
    expect(never.circuitOpenRejections.mean).toBe(0);
    // Without the breaker a profile waits two Retry-After of 1 s (503) before it is stored pending
    // (p95 ≈ 2 s, read from 1 % histogram buckets).
    expect(profileP95(never)).toBeGreaterThan(1900);
    expect(profileP95(withBreaker)).toBeLessThan(100);
    // Either way the registry never answered: every verified-at-signup profile is pending at the end.
    expect(withBreaker.pendingVerifications.mean).toBe(never.pendingVerifications.mean);
  }, 60_000);

  test('after the outage a probe closes the breaker and the worker verifies every pending profile', () => {
    const result = simulate('spike-80k', withOutage(0, 240), OPTIONS);
    expect(result.circuitOpenRejections.mean).toBeGreaterThan(0);
    const pendingPeak = Math.max(...result.minutes.pendingVerifications);
    expect(pendingPeak).toBeGreaterThan(50);
    expect(result.pendingVerifications.mean).toBe(0);
  }, 60_000);
});
