// The 2020 bottleneck: the population registry is down. Profiles must go `pending` (202), the circuit must
// open, and once the registry is back every pending profile is verified from the durable queue: none lost.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningRegistryStub, startRegistryStub } from '../target-service/registry/stub-server.js';
import { cleanApplicants, profileBody, signUpVerified } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

let stub: RunningRegistryStub;
let service: TestService;

beforeAll(async () => {
  stub = await startRegistryStub({ seed: 1, behaviour: { latencyMeanMs: 1, latencySigma: 0, down: true } });
  service = await startTestService({
    logLevel: 'warn',
    verifyIntervalMs: 100,
    registry: {
      url: stub.url,
      timeoutMs: 300,
      maxInFlight: 16,
      retries: 1,
      breakerFailureThreshold: 3,
      breakerResetMs: 300,
    },
  });
});
afterAll(async () => {
  await service?.close();
  await stub?.close();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

test('registry down: profiles go pending, the circuit opens; registry back: all verified, none lost', async () => {
  const applicants = cleanApplicants(1, 12);
  const tokens: string[] = [];
  for (const a of applicants) {
    const token = await signUpVerified(service.url, a);
    tokens.push(token);
    const res = await api<{ status: string }>(service.url, 'PUT', '/api/v1/profile', {
      token,
      body: profileBody(a),
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('pending');
  }
  // Consecutive failures open the breaker: later calls fail fast instead of waiting for timeouts.
  await until('circuit open', async () => (await metric('gelombang_registry_circuit_state')) === 2);
  await until(
    'queue depth reported',
    async () => (await metric('gelombang_pending_verifications')) === applicants.length,
  );
  const before = await service.app.repo.countVerificationJobs();
  expect(before).toBe(applicants.length);

  stub.setBehaviour({ down: false });
  await until('every profile verified', async () => {
    const statuses = await Promise.all(
      tokens.map(
        async (token) =>
          (await api<{ status: string }>(service.url, 'GET', '/api/v1/profile', { token })).body.status,
      ),
    );
    return statuses.every((s) => s === 'verified');
  });
  expect(await service.app.repo.countVerificationJobs()).toBe(0);
  await until('queue gauge drained', async () => (await metric('gelombang_pending_verifications')) === 0);
  await until('circuit closed', async () => (await metric('gelombang_registry_circuit_state')) === 0);
}, 60_000);
