// The registry client against the real stub on loopback: verdicts, bulkhead, retries, breaker, timeouts.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryClientConfig } from '../config.js';
import { CIRCUIT_STATE_VALUE, createMetrics, type ServiceMetrics } from '../metrics.js';
import { type RegistryClientOptions, createRegistryClient } from './client.js';
import { populationFromRecords } from './population.js';
import { seededRandom } from './seeded-random.js';
import type { StubBehaviour } from './stub-behaviour.js';
import { type RunningRegistryStub, startRegistryStub } from './stub-server.js';
import { type RegistryClient, RegistryUnavailableError } from './types.js';

const BUDI = { nik: '3171014101900001', fullName: 'Budi Santoso', birthDate: '1990-01-01' };
const population = populationFromRecords([{ ...BUDI, gender: 'M' }]);

const BASE: Omit<RegistryClientConfig, 'url'> = {
  timeoutMs: 1000,
  maxInFlight: 8,
  retries: 0,
  breakerFailureThreshold: 100,
  breakerResetMs: 1000,
};

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function stubWith(behaviour: Partial<StubBehaviour> = {}): Promise<RunningRegistryStub> {
  const stub = await startRegistryStub({
    population,
    behaviour: { latencyMeanMs: 0, latencySigma: 0, ...behaviour },
  });
  cleanup.push(() => stub.close());
  return stub;
}

function clientFor(
  url: string,
  cfg: Partial<RegistryClientOptions> = {},
  clock?: () => number,
): { client: RegistryClient; metrics: ServiceMetrics } {
  const metrics = createMetrics({ defaultMetrics: false });
  const client = createRegistryClient(
    { ...BASE, backoffBaseMs: 1, url, ...cfg },
    { metrics, random: seededRandom(1), ...(clock ? { clock } : {}) },
  );
  cleanup.push(() => client.close());
  return { client, metrics };
}

async function failure(promise: Promise<unknown>): Promise<RegistryUnavailableError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryUnavailableError);
  return err as RegistryUnavailableError;
}

async function counter(
  metrics: ServiceMetrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  // A histogram's values are its buckets, sum and count: read the count.
  const values = metric?.values as Array<{
    value: number;
    labels: Record<string, unknown>;
    metricName?: string;
  }>;
  const match = values?.find(
    (v) =>
      (v.metricName === undefined || v.metricName === `${name}_count`) &&
      Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return match?.value ?? 0;
}

async function stubCount(stub: RunningRegistryStub, outcome: string): Promise<number> {
  const text = await (await fetch(`${stub.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`gelombang_registry_stub_requests_total{route="verify",outcome="${outcome}"}`));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

describe('registry client: verdicts', () => {
  it.each([
    { query: BUDI, verdict: { outcome: 'match' } },
    { query: { ...BUDI, nik: '3171014101900002' }, verdict: { outcome: 'not-found' } },
    { query: { ...BUDI, birthDate: '1990-01-02' }, verdict: { outcome: 'mismatch', fields: ['birthDate'] } },
  ])('answers $verdict.outcome and counts it by outcome', async ({ query, verdict }) => {
    const stub = await stubWith();
    const { client, metrics } = clientFor(stub.url);
    expect(await client.verify(query)).toEqual(verdict);
    expect(
      await counter(metrics, 'gelombang_registry_request_duration_seconds', { outcome: verdict.outcome }),
    ).toBe(1);
  });

  it('does not retry an answer it cannot use (a wrong URL path: 404 without a verdict)', async () => {
    const stub = await stubWith();
    const { client } = clientFor(`${stub.url}/nowhere`, { retries: 3 });
    const err = await failure(client.verify(BUDI));
    expect(err.reason).toBe('server-error');
    expect(err.message).toMatch(/HTTP 404.*registry URL/);
  });
});

describe('registry client: bulkhead', () => {
  it('fails fast with bulkhead-full beyond maxInFlight and keeps the in-flight gauge', async () => {
    const stub = await stubWith({ latencyMeanMs: 150, latencySigma: 0 });
    const { client, metrics } = clientFor(stub.url, { maxInFlight: 2 });
    const first = [client.verify(BUDI), client.verify(BUDI)];
    expect(await counter(metrics, 'gelombang_registry_in_flight')).toBe(2);
    const started = performance.now();
    expect((await failure(client.verify(BUDI))).reason).toBe('bulkhead-full');
    expect(performance.now() - started).toBeLessThan(50);
    expect(await Promise.all(first)).toEqual([{ outcome: 'match' }, { outcome: 'match' }]);
    expect(await counter(metrics, 'gelombang_registry_in_flight')).toBe(0);
    // Room again once the first two are done.
    expect(await client.verify(BUDI)).toEqual({ outcome: 'match' });
  });
});

describe('registry client: retries', () => {
  it.each([
    { name: 'waits the Retry-After of 1 s', retries: 1, retryAfterCapMs: 5000, minMs: 1000, maxMs: 1800 },
    {
      name: 'waits at most retryAfterCapMs (200 ms) per retry',
      retries: 2,
      retryAfterCapMs: 200,
      minMs: 400,
      maxMs: 1000,
    },
  ])(
    'on 503 it $name, then stops after retries + 1 attempts',
    async ({ retries, retryAfterCapMs, minMs, maxMs }) => {
      const stub = await stubWith({ down: true, retryAfterSeconds: 1 });
      const { client, metrics } = clientFor(stub.url, { retries, retryAfterCapMs });
      const started = performance.now();
      const err = await failure(client.verify(BUDI));
      const elapsed = performance.now() - started;
      expect(err.reason).toBe('server-error');
      expect(elapsed).toBeGreaterThanOrEqual(minMs);
      expect(elapsed).toBeLessThan(maxMs);
      expect(await stubCount(stub, 'unavailable')).toBe(retries + 1);
      expect(await counter(metrics, 'gelombang_registry_retries_total')).toBe(retries);
      expect(
        await counter(metrics, 'gelombang_registry_request_duration_seconds', { outcome: 'error' }),
      ).toBe(retries + 1);
    },
  );

  it('retries 429 as overloaded and succeeds once there is room', async () => {
    const stub = await stubWith({
      latencyMeanMs: 100,
      latencySigma: 0,
      maxConcurrent: 1,
      retryAfterSeconds: 0,
    });
    const { client, metrics } = clientFor(stub.url, { retries: 5, backoffBaseMs: 60, backoffCapMs: 60 });
    const occupant = client.verify(BUDI);
    await new Promise((r) => setTimeout(r, 20));
    const second = client.verify(BUDI);
    expect(await Promise.all([occupant, second])).toEqual([{ outcome: 'match' }, { outcome: 'match' }]);
    expect(
      await counter(metrics, 'gelombang_registry_request_duration_seconds', { outcome: 'overloaded' }),
    ).toBeGreaterThan(0);
    expect(await counter(metrics, 'gelombang_registry_retries_total')).toBeGreaterThan(0);
  });

  it('gives up with overloaded after the last retry of a 429', async () => {
    const stub = await stubWith({
      latencyMeanMs: 400,
      latencySigma: 0,
      maxConcurrent: 1,
      retryAfterSeconds: 0,
    });
    const { client } = clientFor(stub.url, { retries: 2 });
    const occupant = client.verify(BUDI);
    await new Promise((r) => setTimeout(r, 20));
    expect((await failure(client.verify(BUDI))).reason).toBe('overloaded');
    expect(await stubCount(stub, 'overloaded')).toBe(3);
    await occupant;
  });

  it('times out each attempt after timeoutMs and reports timeout', async () => {
    const stub = await stubWith({ latencyMeanMs: 300, latencySigma: 0 });
    const { client, metrics } = clientFor(stub.url, { timeoutMs: 40, retries: 1 });
    const started = performance.now();
    expect((await failure(client.verify(BUDI))).reason).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(250);
    expect(
      await counter(metrics, 'gelombang_registry_request_duration_seconds', { outcome: 'timeout' }),
    ).toBe(2);
  });

  it('reports network when nothing listens', async () => {
    const port = await freePort();
    const { client } = clientFor(`http://127.0.0.1:${port}`, { retries: 1 });
    expect((await failure(client.verify(BUDI))).reason).toBe('network');
  });
});

describe('registry client: backpressure', () => {
  it('takes a 429 as backpressure: the concurrency limit comes down, the breaker stays closed', async () => {
    const stub = await stubWith({
      latencyMeanMs: 100,
      latencySigma: 0,
      maxConcurrent: 1,
      retryAfterSeconds: 1,
    });
    // One failure would open this breaker: a 429 must not count as one.
    const { client, metrics } = clientFor(stub.url, {
      retries: 1,
      backoffBaseMs: 30,
      backoffCapMs: 30,
      breakerFailureThreshold: 1,
    });
    const limitGauge = () =>
      counter(metrics, 'gelombang_registry_concurrency_limit', { registry: 'population' });
    expect(await limitGauge()).toBe(4);
    const both = await Promise.all([client.verify(BUDI), client.verify(BUDI)]);
    expect(both).toEqual([{ outcome: 'match' }, { outcome: 'match' }]);
    expect(await stubCount(stub, 'overloaded')).toBeGreaterThan(0);
    expect(client.circuitState()).toBe('closed');
    expect(await limitGauge()).toBeLessThan(4);
    expect(client.concurrencyLimit()).toBeLessThan(4);
  });

  it('holds an operator-given quota: never more calls in flight than the quota, and no 429 at all', async () => {
    const stub = await stubWith({ latencyMeanMs: 50, latencySigma: 0, maxConcurrent: 2 });
    const { client, metrics } = clientFor(stub.url, { concurrency: 2, maxInFlight: 16 });
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, () => client.verify(BUDI, { priority: 'background' })),
    );
    expect(verdicts.every((v) => v.outcome === 'match')).toBe(true);
    expect(await stubCount(stub, 'overloaded')).toBe(0);
    expect(client.concurrencyLimit()).toBe(2);
    expect(await counter(metrics, 'gelombang_registry_concurrency_limit', { registry: 'population' })).toBe(
      2,
    );
  });
});

describe('registry client: circuit breaker', () => {
  it('opens after N failures, rejects without calling, half-opens after the reset time, closes on success', async () => {
    let now = 0;
    const stub = await stubWith({ down: true });
    const { client, metrics } = clientFor(
      stub.url,
      { breakerFailureThreshold: 3, breakerResetMs: 5000 },
      () => now,
    );
    const gauge = () => counter(metrics, 'gelombang_registry_circuit_state');
    for (let i = 0; i < 3; i++) expect((await failure(client.verify(BUDI))).reason).toBe('server-error');
    expect(client.circuitState()).toBe('open');
    expect(await gauge()).toBe(CIRCUIT_STATE_VALUE.open);

    stub.setBehaviour({ down: false });
    const started = performance.now();
    expect((await failure(client.verify(BUDI))).reason).toBe('circuit-open');
    expect(performance.now() - started).toBeLessThan(20);
    expect(await stubCount(stub, 'unavailable')).toBe(3);
    expect(await stubCount(stub, 'match')).toBe(0); // the rejected call never reached the registry

    now += 5000;
    expect(client.circuitState()).toBe('half-open');
    expect(await gauge()).toBe(CIRCUIT_STATE_VALUE['half-open']);
    expect(await client.verify(BUDI)).toEqual({ outcome: 'match' });
    expect(client.circuitState()).toBe('closed');
    expect(await gauge()).toBe(CIRCUIT_STATE_VALUE.closed);
  });

  it('re-opens when the half-open probe fails', async () => {
    let now = 0;
    const stub = await stubWith({ errorRate: 1 });
    const { client } = clientFor(stub.url, { breakerFailureThreshold: 2, breakerResetMs: 1000 }, () => now);
    await failure(client.verify(BUDI));
    await failure(client.verify(BUDI));
    now += 1000;
    expect((await failure(client.verify(BUDI))).reason).toBe('server-error'); // the probe
    expect(client.circuitState()).toBe('open');
    expect(await stubCount(stub, 'error')).toBe(3);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
