// The verification worker against the real SQLite repository and the registry stub on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS } from '../errors.js';
import { createMetrics, type ServiceMetrics } from '../metrics.js';
import { createRepository } from '../storage/create-repository.js';
import { T0, enqueueJobs, profileInput } from '../storage/repository-fixtures.js';
import type { Repository } from '../storage/types.js';
import { createRegistryClient } from './client.js';
import { populationFromRecords } from './population.js';
import { seededRandom } from './seeded-random.js';
import type { StubBehaviour } from './stub-behaviour.js';
import { type RunningRegistryStub, startRegistryStub } from './stub-server.js';
import { type VerificationWorker, retryDelayMs, startVerificationWorker } from './verification-worker.js';

// Applicants 1–4 are in the registry as they typed it; 5 is not in it; 6 is under another name.
const APPLICANTS = 6;
const population = populationFromRecords(
  [1, 2, 3, 4, 6].map((n) => {
    const p = profileInput(n);
    return {
      nik: p.nik,
      fullName: n === 6 ? 'Pelamar Enam' : p.fullName,
      birthDate: p.birthDate,
      gender: p.gender,
    };
  }),
);

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Rig {
  repo: Repository;
  stub: RunningRegistryStub;
  worker: VerificationWorker;
  metrics: ServiceMetrics;
  logs: Array<{ level: string; obj: object; msg: string | undefined }>;
  advance(ms: number): void;
}

async function rig(
  opts: {
    behaviour?: Partial<StubBehaviour>;
    maxInFlight?: number;
    intervalMs?: number;
    realClock?: boolean;
  } = {},
): Promise<Rig> {
  const repo = createRepository({ kind: 'sqlite', path: ':memory:' });
  await repo.migrate();
  cleanup.push(() => repo.close());
  await enqueueJobs(repo, APPLICANTS);
  const stub = await startRegistryStub({
    population,
    behaviour: { latencyMeanMs: 0, latencySigma: 0, ...opts.behaviour },
  });
  cleanup.push(() => stub.close());
  let now = T0.getTime() + 60_000; // every job is due
  const clock = opts.realClock ? Date.now : () => now;
  const metrics = createMetrics({ defaultMetrics: false });
  const client = createRegistryClient(
    {
      url: stub.url,
      timeoutMs: 2000, // generous: a loaded CI machine must not turn a 0 ms registry into a timeout
      maxInFlight: opts.maxInFlight ?? 16,
      retries: 0,
      breakerFailureThreshold: 3,
      breakerResetMs: 1000,
    },
    { metrics, random: seededRandom(1), clock },
  );
  cleanup.push(() => client.close());
  const logs: Rig['logs'] = [];
  const log = (level: string) => (obj: object, msg?: string) => logs.push({ level, obj, msg });
  const worker = startVerificationWorker({
    repo,
    client,
    metrics,
    logger: { debug: log('debug'), warn: log('warn'), error: log('error') },
    intervalMs: opts.intervalMs ?? 3_600_000, // tests drive runOnce() unless they ask for the loop
    batchSize: 10,
    leaseMs: 30_000,
    clock,
  });
  cleanup.push(() => worker.stop());
  return { repo, stub, worker, metrics, logs, advance: (ms) => (now += ms) };
}

async function statuses(repo: Repository): Promise<Array<[string, string | null]>> {
  const out: Array<[string, string | null]> = [];
  for (let n = 1; n <= APPLICANTS; n++) {
    const p = (await repo.findProfile(`acc-${n}`))!;
    out.push([p.status, p.statusReason]);
  }
  return out;
}

async function gauge(metrics: ServiceMetrics): Promise<number> {
  return (await metrics.pendingVerifications.get()).values[0]?.value ?? Number.NaN;
}

const ALL_DECIDED: Array<[string, string | null]> = [
  ['verified', null],
  ['verified', null],
  ['verified', null],
  ['verified', null],
  ['rejected', ERRORS.PROFILE_NIK_NOT_IN_REGISTRY.code],
  ['rejected', ERRORS.PROFILE_REGISTRY_MISMATCH.code],
];

describe('verification worker', () => {
  it('records match as verified and not-found / mismatch as rejected, and empties the queue', async () => {
    const { repo, worker, metrics } = await rig();
    expect(await worker.runOnce()).toBe(APPLICANTS);
    expect(await statuses(repo)).toEqual(ALL_DECIDED);
    expect(await repo.countVerificationJobs()).toBe(0);
    expect(await gauge(metrics)).toBe(0);
    expect(await worker.runOnce()).toBe(0);
  });

  it('keeps every job while the registry is down: nothing claimed while the circuit is open, one probe per reset; all verified once it is back', async () => {
    const { repo, stub, worker, metrics, logs, advance } = await rig({ behaviour: { down: true } });
    const pending = Array.from({ length: APPLICANTS }, () => ['pending', null]);

    // Calls fail and open the breaker (threshold 3); every job is rescheduled 1 s later, none lost.
    expect(await worker.runOnce()).toBe(APPLICANTS);
    expect(await statuses(repo)).toEqual(pending);
    expect(await repo.countVerificationJobs()).toBe(APPLICANTS);
    expect(await gauge(metrics)).toBe(APPLICANTS);
    const reasons = logs.map((l) => (l.obj as { reason: string }).reason);
    expect(reasons).toHaveLength(APPLICANTS);
    for (const reason of reasons) expect(['server-error', 'circuit-open']).toContain(reason);

    // Open circuit: due jobs stay in the queue, no call is made.
    advance(999);
    expect(await worker.runOnce(), 'open circuit: nothing claimed').toBe(0);
    // Half-open after the reset time: exactly one job goes as the probe; it fails and the circuit re-opens.
    advance(1);
    expect(await worker.runOnce(), 'half-open: one probe').toBe(1);
    expect(await worker.runOnce(), 'open again').toBe(0);
    expect(await repo.countVerificationJobs()).toBe(APPLICANTS);
    expect(await statuses(repo)).toEqual(pending);

    stub.setBehaviour({ down: false });
    advance(1000);
    expect(await worker.runOnce(), 'the probe that closes the circuit').toBe(1);
    // A finished job pulls the next ones in at once; stop() waits for every job in hand.
    advance(60_000);
    await worker.runOnce();
    await worker.stop();
    expect(await statuses(repo)).toEqual(ALL_DECIDED);
    expect(await repo.countVerificationJobs()).toBe(0);

    // Logs carry job ids and attempts, never a NIK or a name.
    const logged = JSON.stringify(logs);
    for (let n = 1; n <= APPLICANTS; n++) {
      expect(logged).not.toContain(profileInput(n).nik);
      expect(logged).not.toContain(profileInput(n).fullName);
    }
  });

  it('reschedules jobs the client refuses (bulkhead full) instead of dropping them', async () => {
    const { repo, worker, advance } = await rig({
      behaviour: { latencyMeanMs: 50, latencySigma: 0 },
      maxInFlight: 2,
    });
    // The limit is capped at 2: the worker holds 3 jobs per permit; the client refuses the four beyond.
    expect(await worker.runOnce()).toBe(APPLICANTS);
    expect((await statuses(repo)).filter(([s]) => s !== 'pending')).toHaveLength(2);
    expect(await repo.countVerificationJobs()).toBe(APPLICANTS - 2);
    // Refused locally, not by the registry: due again after the base delay (1 s), whatever the attempt.
    for (let round = 0; round < 5 && (await repo.countVerificationJobs()) > 0; round++) {
      advance(1000);
      expect(await worker.runOnce()).toBeGreaterThan(0);
    }
    expect(await statuses(repo)).toEqual(ALL_DECIDED);
  });

  it('completes the job of a profile that is no longer pending without asking the registry', async () => {
    const { repo, stub, worker } = await rig();
    stub.setBehaviour({ down: true }); // a call would fail and keep the job
    for (let n = 1; n <= APPLICANTS; n++) await repo.setProfileStatus(`acc-${n}`, 'verified', null, T0);
    expect(await worker.runOnce()).toBe(APPLICANTS);
    expect(await repo.countVerificationJobs()).toBe(0);
  });

  it('polls on its own every intervalMs and stops cleanly', async () => {
    const { repo, worker } = await rig({ intervalMs: 20, realClock: true });
    const deadline = Date.now() + 5000;
    while ((await repo.countVerificationJobs()) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await statuses(repo)).toEqual(ALL_DECIDED);
    await worker.stop();
  });
});

describe('retryDelayMs', () => {
  it.each([
    { attempts: 1, expected: 1000 },
    { attempts: 2, expected: 2000 },
    { attempts: 6, expected: 32_000 },
    { attempts: 7, expected: 60_000 },
    { attempts: 50, expected: 60_000 },
  ])(
    'after attempt $attempts waits $expected ms (1 s doubling, capped at 60 s)',
    ({ attempts, expected }) => {
      expect(retryDelayMs(attempts, 1000, 60_000)).toBe(expected);
    },
  );
});
