// The registry stub over real HTTP on loopback: answers, latency, capacity, outages, runtime changes.
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { applicant } from '../../generators/index.js';
import { populationFromRecords } from './population.js';
import { buildRegistryStub } from './stub-app.js';
import type { StubBehaviour } from './stub-behaviour.js';
import { type RunningRegistryStub, type StartRegistryStubOptions, startRegistryStub } from './stub-server.js';

const BUDI = {
  nik: '3171014101900001',
  fullName: 'Budi Santoso',
  birthDate: '1990-01-01',
  gender: 'M',
} as const;
const SITI = {
  nik: '3273015507950002',
  fullName: 'Siti Aminah',
  birthDate: '1995-07-15',
  gender: 'F',
} as const;
const population = populationFromRecords([BUDI, SITI]);
const FAST: Partial<StubBehaviour> = { latencyMeanMs: 0, latencySigma: 0 };

let stubs: RunningRegistryStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  stubs = [];
});

async function start(opts: StartRegistryStubOptions = {}): Promise<RunningRegistryStub> {
  const stub = await startRegistryStub({ population, ...opts, behaviour: { ...FAST, ...opts.behaviour } });
  stubs.push(stub);
  return stub;
}

async function verify(stub: RunningRegistryStub, body: object) {
  const started = performance.now();
  const res = await request(`${stub.url}/v1/nik/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    body: text === '' ? undefined : JSON.parse(text),
    retryAfter: res.headers['retry-after'],
    ms: performance.now() - started,
  };
}

async function metricValue(stub: RunningRegistryStub, line: string): Promise<number> {
  const text = await (await request(`${stub.url}/metrics`)).body.text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

describe('registry stub: answers', () => {
  it.each([
    { name: 'the same name and birth date', query: BUDI, expected: { outcome: 'match' } },
    {
      name: 'another case and extra spaces in the name',
      query: { ...BUDI, fullName: '  BUDI   santoso ' },
      expected: { outcome: 'match' },
    },
    {
      name: 'an unknown NIK',
      query: { ...BUDI, nik: '3171014101900099' },
      expected: { outcome: 'not-found' },
    },
    {
      name: 'another name',
      query: { ...BUDI, fullName: 'Budi Santosa' },
      expected: { outcome: 'mismatch', fields: ['fullName'] },
    },
    {
      name: 'another name and birth date',
      query: { ...SITI, fullName: 'Siti', birthDate: '1995-07-16' },
      expected: { outcome: 'mismatch', fields: ['fullName', 'birthDate'] },
    },
  ])('POST /v1/nik/verify with $name', async ({ query, expected }) => {
    const stub = await start();
    const { nik, fullName, birthDate } = query;
    const res = await verify(stub, { nik, fullName, birthDate });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
  });

  it('GET /v1/nik/:nik answers the record or 404, and 400 for a malformed NIK or body', async () => {
    const stub = await start();
    const found = await request(`${stub.url}/v1/nik/${SITI.nik}`);
    expect(found.statusCode).toBe(200);
    expect(await found.body.json()).toEqual(SITI);
    const missing = await request(`${stub.url}/v1/nik/3171014101900099`);
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.json()).toEqual({ outcome: 'not-found' });
    const malformed = await request(`${stub.url}/v1/nik/12345`);
    expect(malformed.statusCode).toBe(400);
    await malformed.body.dump();
    expect((await verify(stub, { nik: BUDI.nik, fullName: 'Budi' })).status).toBe(400);
    expect(
      await metricValue(stub, 'gelombang_registry_stub_requests_total{route="lookup",outcome="found"}'),
    ).toBe(1);
    expect(
      await metricValue(stub, 'gelombang_registry_stub_requests_total{route="verify",outcome="bad-request"}'),
    ).toBe(1);
  });

  it('answers /healthz', async () => {
    const stub = await start();
    const res = await request(`${stub.url}/healthz`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toEqual({ status: 'ok' });
  });
});

describe('registry stub: default population', () => {
  it("knows the generators' applicants of its seed: flags decide match, not-found and mismatch", async () => {
    const stub = await startRegistryStub({ seed: 5, behaviour: FAST });
    stubs.push(stub);
    const seen = { match: 0, 'not-found': 0, mismatch: 0 };
    for (let index = 0; index < 400; index++) {
      const a = applicant(5, index);
      if (a.flags.badData !== 'none') continue;
      const { outcome } = (await verify(stub, { nik: a.nik, fullName: a.fullName, birthDate: a.birthDate }))
        .body;
      const expected = a.flags.notInRegistry ? 'not-found' : a.flags.registryMismatch ? 'mismatch' : 'match';
      expect(outcome, `applicant ${index}`).toBe(expected);
      seen[outcome as keyof typeof seen]++;
    }
    expect(seen.match).toBeGreaterThan(0);
    expect(seen['not-found'] + seen.mismatch).toBeGreaterThan(0);
    // Another seed is another population.
    const other = applicant(6, 0);
    expect(
      (await verify(stub, { nik: other.nik, fullName: other.fullName, birthDate: other.birthDate })).body,
    ).toEqual({
      outcome: 'not-found',
    });
  });
});

describe('registry stub: latency', () => {
  it('is lognormal around the configured mean (300 calls at 20 ms, sigma 0.5)', async () => {
    const stub = await start({
      seed: 7,
      behaviour: { latencyMeanMs: 20, latencySigma: 0.5, maxConcurrent: 100 },
    });
    /** 25 clients × 12 calls, as a load test would: the client-side time of each. */
    const drive = async (target: RunningRegistryStub): Promise<number[]> => {
      const ms: number[] = [];
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          for (let i = 0; i < 12; i++) ms.push((await verify(target, BUDI)).ms);
        }),
      );
      return ms;
    };
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // What the machine adds to a 20 ms answer, measured in this run (a shared CI machine adds tens of ms under
    // load): loopback HTTP (the same calls to a stub that answers at once) and timer lateness (20 ms sleeps).
    const instant = await start({ seed: 7, behaviour: { latencyMeanMs: 0, maxConcurrent: 100 } });
    const httpOverhead = avg(await drive(instant));
    const lateness = avg(
      await Promise.all(
        Array.from({ length: 300 }, async () => {
          const t0 = performance.now();
          await new Promise((resolve) => setTimeout(resolve, 20));
          return performance.now() - t0 - 20;
        }),
      ),
    );
    const latencies = await drive(stub);
    const n = latencies.length;
    const mean = latencies.reduce((a, b) => a + b, 0) / n;
    const logs = latencies.map(Math.log);
    const logMean = logs.reduce((a, b) => a + b, 0) / n;
    const logSd = Math.sqrt(logs.reduce((a, b) => a + (b - logMean) ** 2, 0) / (n - 1));
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(n / 2)]!;
    // Client-side times include loopback HTTP and timer lateness, both measured above.
    expect(mean).toBeGreaterThan(20 * 0.85);
    expect(mean).toBeLessThan(20 * 1.15 + httpOverhead + lateness + 3);
    expect(logSd).toBeGreaterThan(0.3);
    expect(logSd).toBeLessThan(0.65);
    expect(median).toBeLessThan(mean); // right-skewed, as a lognormal is
    // The stub's own view agrees: its histogram's mean.
    const sum = await metricValue(
      stub,
      'gelombang_registry_stub_request_duration_seconds_sum{route="verify"}',
    );
    const count = await metricValue(
      stub,
      'gelombang_registry_stub_request_duration_seconds_count{route="verify"}',
    );
    expect(count).toBe(n);
    expect((sum / count) * 1000).toBeGreaterThan(20 * 0.85);
    expect((sum / count) * 1000).toBeLessThan(mean);
  });
});

describe('registry stub: capacity', () => {
  const slow = { latencyMeanMs: 150, latencySigma: 0, maxConcurrent: 2 };

  it('beyond maxConcurrent answers 429 with Retry-After when overload is 429', async () => {
    const stub = await start({ behaviour: { ...slow, overload: '429', retryAfterSeconds: 2 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => verify(stub, BUDI)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.retryAfter).toBe('2');
      expect(r.ms).toBeLessThan(120); // refused at once, not after the service time
    }
    expect(
      await metricValue(stub, 'gelombang_registry_stub_requests_total{route="verify",outcome="overloaded"}'),
    ).toBe(3);
  });

  it('queues FIFO up to maxQueue when overload is queue, then answers 429', async () => {
    const stub = await start({ behaviour: { ...slow, overload: 'queue', maxQueue: 2 } });
    const pending = Array.from({ length: 5 }, () => verify(stub, BUDI));
    await new Promise((r) => setTimeout(r, 60));
    expect(await metricValue(stub, 'gelombang_registry_stub_in_flight')).toBe(2);
    expect(await metricValue(stub, 'gelombang_registry_stub_queue_length')).toBe(2);
    const results = await Promise.all(pending);
    const served = results
      .filter((r) => r.status === 200)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
    expect(served).toHaveLength(4);
    // Two served at once (~150 ms), two after waiting for them (~300 ms).
    expect(served[1]!).toBeLessThan(270);
    expect(served[2]!).toBeGreaterThanOrEqual(290);
    expect(await metricValue(stub, 'gelombang_registry_stub_queue_length')).toBe(0);
  });
});

describe('registry stub: outages', () => {
  it.each([
    { atMs: 0, status: 200 },
    { atMs: 999, status: 200 },
    { atMs: 1000, status: 503 },
    { atMs: 1999, status: 503 },
    { atMs: 2000, status: 200 },
    { atMs: 5500, status: 503 },
    { atMs: 7000, status: 200 },
  ])('with outages 1s–2s and 5s–6s, a call at $atMs ms answers $status', async ({ atMs, status }) => {
    let now = 10_000; // any origin: windows count from the stub's start
    const stub = await start({
      clock: () => now,
      behaviour: {
        outages: [
          { startMs: 1000, endMs: 2000 },
          { startMs: 5000, endMs: 6000 },
        ],
      },
    });
    now += atMs;
    const res = await verify(stub, BUDI);
    expect(res.status).toBe(status);
    if (status === 503) expect(res.retryAfter).toBe('1');
  });
});

describe('registry stub: runtime behaviour', () => {
  it('setBehaviour takes effect for the next call: down, back up, errors', async () => {
    const stub = await start();
    expect((await verify(stub, BUDI)).status).toBe(200);
    stub.setBehaviour({ down: true });
    expect((await verify(stub, BUDI)).status).toBe(503);
    stub.setBehaviour({ down: false, errorRate: 1 });
    expect((await verify(stub, BUDI)).status).toBe(500);
    expect(stub.setBehaviour({ errorRate: 0 }).errorRate).toBe(0);
    expect((await verify(stub, BUDI)).status).toBe(200);
    expect(() => stub.setBehaviour({ errorRate: 2 })).toThrow(/errorRate must be a number from 0 to 1/);
  });

  it('PUT /admin/behaviour changes it over HTTP and refuses bad values with a message', async () => {
    const stub = await start();
    const put = async (body: unknown) => {
      const res = await request(`${stub.url}/admin/behaviour`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
    };
    const down = await put({ down: true });
    expect(down.status).toBe(200);
    expect(down.body['down']).toBe(true);
    expect((await verify(stub, BUDI)).status).toBe(503);
    expect((await put({ down: false })).status).toBe(200);
    expect((await verify(stub, BUDI)).status).toBe(200);
    const bad = await put({ overload: 'drop' });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatch(/overload must be "429" or "queue"/);
    const typo = await put({ dwon: true });
    expect(typo.status).toBe(400);
    expect(typo.body['error']).toMatch(/unknown behaviour "dwon"/);
    expect(stub.behaviour().overload).toBe('429');
  });

  it('/admin/behaviour/:registry reads and changes Dapodik or DTKS, 404 for another name, 400 for bad values', async () => {
    const stub = await start();
    const call = async (method: 'GET' | 'PUT', name: string, body?: unknown) => {
      const res = await request(`${stub.url}/admin/behaviour/${name}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
    };
    const changed = await call('PUT', 'dtks', { maxConcurrent: 7 });
    expect(changed.status).toBe(200);
    expect(changed.body['maxConcurrent']).toBe(7);
    expect((await call('GET', 'dtks')).body['maxConcurrent']).toBe(7);
    expect((await call('GET', 'dapodik')).body['maxConcurrent']).not.toBe(7);
    for (const method of ['GET', 'PUT'] as const) {
      const unknown = await call(method, 'dukcapil', method === 'PUT' ? { down: true } : undefined);
      expect(unknown.status).toBe(404);
      expect(unknown.body['error']).toBe('registry is dapodik or dtks');
    }
    const bad = await call('PUT', 'dapodik', { overload: 'drop' });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatch(/overload must be "429" or "queue"/);
  });

  it('raising maxConcurrent admits queued calls at once', async () => {
    const stub = await start({
      behaviour: { latencyMeanMs: 200, latencySigma: 0, maxConcurrent: 1, overload: 'queue' },
    });
    const pending = Array.from({ length: 3 }, () => verify(stub, BUDI));
    await new Promise((r) => setTimeout(r, 50));
    expect(await metricValue(stub, 'gelombang_registry_stub_queue_length')).toBe(2);
    stub.setBehaviour({ maxConcurrent: 3 });
    const results = await Promise.all(pending);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    // Served one after another they would take 600 ms; all three finish near 250 ms.
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(450);
  });

  it('answers admin routes only on loopback', async () => {
    const app = buildRegistryStub({ population });
    const res = await app.inject({
      method: 'PUT',
      url: '/admin/behaviour',
      payload: { down: true },
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode).toBe(403);
    expect(app.stub.behaviour().down).toBe(false);
    await app.close();
  });
});
