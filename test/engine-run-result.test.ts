// run.json is what reports, `gelombang import k6` and other runs' merges read: a run's result must conform
// to scenarios/engine/run-result.schema.json (every object there forbids extra properties, so a field added
// to the TypeScript type but not to the schema fails here), and the validator must catch what breaks it.
// The run used here also exercises an abortOnFail threshold, which stops arrivals early and leaves a
// breakpoint report, and a server that fails some requests, which leaves error codes in the outcomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../scenarios/engine/engine.js';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import schema from '../scenarios/engine/run-result.schema.json' with { type: 'json' };
import { constantScenario, startPingServer, type TestServer } from './engine-fixtures.js';

/** A histogram block holding one sample of 0 µs, as the engine encodes it. */
const ONE_ZERO_SAMPLE = {
  hdr: 'HISTFAAAABt4nJNpmSzMwMDACMXMDBDACKWZYHwmADM0AVI=',
  count: 1,
  min: 0,
  mean: 0,
  p50: 0,
  p90: 0,
  p95: 0,
  p99: 0,
  max: 0,
};

describe('a RunResult', () => {
  let server: TestServer;
  let result: RunResult;

  beforeAll(async () => {
    server = await startPingServer({ failEvery: 10 });
    const scenario = constantScenario(100, 6, {
      // 10 % of answers are 503: the failed-request rate breaks its threshold within the first second.
      thresholds: [
        { metric: 'http_req_failed', expressions: ['rate<0.05'], abortOnFail: true },
        { metric: 'http_req_duration{step:ping}', expressions: ['p(95)<5000'] },
      ],
    });
    const options = validateRunOptions({
      scenario,
      target: server.url,
      arrivalProcess: 'uniform',
      gracefulStop: '5s',
    });
    result = await startRun(options).result;
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  it('conforms to the JSON Schema', () => {
    expect(validateAgainstSchema(schema, JSON.parse(JSON.stringify(result)))).toEqual([]);
  });

  it('stops arrivals when an abortOnFail threshold fails, and says where the ramp broke', () => {
    expect(result.stopped?.reason).toContain('http_req_failed rate<0.05');
    expect(result.durationSeconds).toBeLessThan(3);
    expect(result.arrivals.launched).toBeLessThan(300);
    expect(result.arrivals.target).toBeCloseTo(result.durationSeconds * 100, 6);
    expect(result.breakpoint?.held).toBe(false);
    expect(result.thresholds.map((v) => [v.metric, v.ok])).toEqual([
      ['http_req_failed', false],
      ['http_req_duration{step:ping}', true],
    ]);
  });

  it("counts failures by status and the service's error code", () => {
    const outcomes = result.steps[0]!.outcomes;
    const failed = outcomes.find((row) => row.status === 503);
    expect(failed).toMatchObject({ outcome: 'abandon', code: 'GLB_ERR_TEST_UNAVAILABLE' });
    expect(outcomes.find((row) => row.status === 200)).toMatchObject({ outcome: 'done', code: null });
    expect(failed!.count).toBe(result.steps[0]!.failed);
  });
});

describe('the run.json validator', () => {
  const valid = (): Record<string, unknown> => ({
    kind: 'gelombang.run-result',
    version: 1,
    scenario: { name: 's', journey: 'ping', profile: 'p' },
    startedAt: '2020-04-11T12:00:00.000Z',
    endedAt: '2020-04-11T12:00:01.000Z',
    durationSeconds: 1,
    arrivals: { target: 1, scheduled: 1, launched: 1, dropped: 0, targetRate: 1, achievedRate: 1 },
    journeys: {
      completed: 1,
      abandoned: 0,
      droppedOut: 0,
      interrupted: 0,
      errored: 0,
      byLastStep: { ping: 1 },
    },
    steps: [],
    schedulerLag: { ...ONE_ZERO_SAMPLE },
    iterationDuration: { ...ONE_ZERO_SAMPLE },
    intervals: [],
    thresholds: [],
    stopped: null,
    breakpoint: null,
    environment: {
      engine: 'gelombang-engine',
      engineVersion: '0.1.0',
      node: 'v20',
      platform: 'linux',
      arch: 'x64',
      cpus: 2,
      cpuModel: 'cpu',
      host: 'h',
      seed: 1,
      options: {
        target: 'http://127.0.0.1:3000',
        scale: 1,
        timeScale: 1,
        thinkScale: 1,
        durationSeconds: 1,
        workers: 1,
        maxInFlight: 1,
        connections: 1,
        timeoutMs: 1,
        gracefulStopSeconds: 0,
        arrivalProcess: 'poisson',
      },
    },
  });

  it('accepts the minimal valid document', () => {
    expect(validateAgainstSchema(schema, valid())).toEqual([]);
  });

  /** Sets (or, with `undefined`, deletes) the value at a JSON Pointer. */
  function edit(doc: Record<string, unknown>, pointer: string, value: unknown): void {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop()!;
    let at = doc;
    for (const key of keys) at = at[key] as Record<string, unknown>;
    if (value === undefined) delete at[last];
    else at[last] = value;
  }

  it.each([
    {
      what: 'a missing field',
      pointer: '/arrivals',
      value: undefined,
      path: '',
      says: 'missing required property "arrivals"',
    },
    { what: 'a wrong version', pointer: '/version', value: 2, path: '/version', says: 'expected 1' },
    {
      what: 'a fractional count',
      pointer: '/arrivals/launched',
      value: 1.5,
      path: '/arrivals/launched',
      says: 'expected integer',
    },
    {
      what: 'a negative count',
      pointer: '/arrivals/dropped',
      value: -1,
      path: '/arrivals/dropped',
      says: 'below the minimum',
    },
    { what: 'an unknown field', pointer: '/extra', value: true, path: '/extra', says: 'not allowed' },
    {
      what: 'a bad enum',
      pointer: '/environment/options/arrivalProcess',
      value: 'bursty',
      path: '/environment/options/arrivalProcess',
      says: 'one of',
    },
    {
      what: 'a bad timestamp',
      pointer: '/startedAt',
      value: 'yesterday',
      path: '/startedAt',
      says: 'does not match',
    },
    {
      what: 'stopped of the wrong shape',
      pointer: '/stopped',
      value: { reason: 'x' },
      path: '/stopped',
      says: '"atSeconds"',
    },
    {
      what: 'a histogram not in base64',
      pointer: '/schedulerLag/hdr',
      value: 'not base64!',
      path: '/schedulerLag/hdr',
      says: 'does not match',
    },
  ])('reports $what with its path', ({ pointer, value, path, says }) => {
    const doc = valid();
    edit(doc, pointer, value);
    const errors = validateAgainstSchema(schema, doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(says);
  });

  it('refuses a schema keyword it does not implement rather than ignoring it', () => {
    expect(() => validateAgainstSchema({ type: 'string', maxLength: 3 }, 'abcd')).toThrow(/maxLength/);
  });
});
