// 2020's bottleneck replayed: the population registry serves few calls at once and goes down while
// applicants submit their profiles. Every profile goes pending (202); once the registry is back, the
// pending queue must drain at ≥ 80 % of the registry's capacity (max-concurrent / mean latency), with
// every verification done and none lost. Before the adaptive limit it drained at ~1/s against ~26/s.
//
// The registry's simulated latency (timers, not CPU) dominates each verification, so the rate holds on a
// loaded 2-core machine. The drain period runs from the first verdict recorded after the registry came
// back to the last (profiles' updatedAt): the time the breaker takes to notice the registry is back is
// its reset timer (breakerResetMs), reported beside the rate, not part of it.
import { afterEach, describe, expect, test } from 'vitest';
import type { Applicant } from '../generators/types.js';
import type { StubBehaviour } from '../target-service/registry/stub-behaviour.js';
import { type RunningRegistryStub, startRegistryStub } from '../target-service/registry/stub-server.js';
import { eachLimited } from './helpers/each-limited.js';
import { cleanApplicants, profileBody, signUpVerified } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const SEED = 1;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

interface DrainCase {
  name: string;
  behaviour: Partial<StubBehaviour>;
  applicants: number;
}

describe('pending verifications drain at the registry capacity', () => {
  test.each<DrainCase>([
    {
      name: "2020's numbers: 4 at once, 150 ms, 429 beyond",
      behaviour: { maxConcurrent: 4, latencyMeanMs: 150, overload: '429', retryAfterSeconds: 1 },
      applicants: 300,
    },
    {
      name: 'other numbers: 10 at once, 300 ms, a queue of 5 then 429 with Retry-After 2 s',
      behaviour: {
        maxConcurrent: 10,
        latencyMeanMs: 300,
        overload: 'queue',
        maxQueue: 5,
        retryAfterSeconds: 2,
      },
      applicants: 300,
    },
  ])(
    '$name',
    async ({ behaviour, applicants: count }) => {
      const stub: RunningRegistryStub = await startRegistryStub({
        seed: SEED,
        behaviour: { latencySigma: 0.5, ...behaviour, down: true },
      });
      cleanup.push(() => stub.close());
      // The service as an operator runs it: default registry client settings, pointed at the stub.
      const service: TestService = await startTestService({
        logLevel: 'warn',
        registry: { url: stub.url } as TestService['app']['config']['registry'],
      });
      cleanup.push(() => service.close());

      // The outage: every profile is accepted as pending.
      // Of age too, so that the registry's match is the whole verdict (the worker rejects the under-age).
      const applicants = cleanApplicants(SEED, 2 * count)
        .filter((a) => !a.flags.underAge)
        .slice(0, count);
      const tokens = await eachLimited(applicants, 16, async (a: Applicant) => {
        const token = await signUpVerified(service.url, a);
        const res = await api<{ status: string }>(service.url, 'PUT', '/api/v1/profile', {
          token,
          body: profileBody(a),
        });
        expect(res.status).toBe(202);
        return token;
      });
      expect(await service.app.repo.countVerificationJobs()).toBe(count);

      const back = Date.now();
      stub.setBehaviour({ down: false });
      await until(
        'pending queue empty',
        async () => (await service.app.repo.countVerificationJobs()) === 0,
        120_000,
      );

      const profiles = await eachLimited(tokens, 16, async (token) => {
        const res = await api<{ status: string; updatedAt: string }>(service.url, 'GET', '/api/v1/profile', {
          token,
        });
        return { status: res.body.status, at: Date.parse(res.body.updatedAt) };
      });
      // No verification lost: every applicant is in the registry as typed and of age, so every one ends verified.
      expect(profiles.filter((p) => p.status !== 'verified')).toEqual([]);

      const times = profiles.map((p) => p.at).sort((a, b) => a - b);
      const first = times[0]!;
      const last = times[times.length - 1]!;
      const drainRate = (count - 1) / ((last - first) / 1000);
      const capacity = behaviour.maxConcurrent! / (behaviour.latencyMeanMs! / 1000);
      const limit = (await service.app.metrics.registryConcurrencyLimit.get()).values[0]?.value;
      console.log(
        `${count} pending drained in ${((last - first) / 1000).toFixed(1)} s: ${drainRate.toFixed(1)}/s ` +
          `= ${((100 * drainRate) / capacity).toFixed(0)} % of capacity ${capacity.toFixed(1)}/s; ` +
          `first verdict ${first - back} ms after the registry came back; concurrency limit now ${limit}`,
      );
      expect(first).toBeGreaterThanOrEqual(back - 5); // verdicts came after the outage, not before
      expect(drainRate).toBeGreaterThanOrEqual(0.8 * capacity);
    },
    240_000,
  );
});
