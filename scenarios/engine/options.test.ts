import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../generators/options.js';
import { EngineOptionsError } from './errors.js';
import { parseDurationSeconds, type RunOptionsInput, shareOf, validateRunOptions } from './options.js';
import { mergeThresholds, parseThresholdFlags } from './run-thresholds.js';

const base: RunOptionsInput = { scenario: 'smoke', target: 'http://127.0.0.1:3000' };

describe('validateRunOptions', () => {
  it('fills the defaults from the scenario and compresses think time with time', () => {
    const options = validateRunOptions({ ...base, timeScale: '10' });
    expect(options).toMatchObject({
      origin: 'http://127.0.0.1:3000',
      basePath: '',
      scale: 1,
      timeScale: 10,
      thinkScale: 0.1,
      durationSeconds: 3, // the 30 s smoke profile compressed tenfold
      seed: DEFAULT_SEED, // the scenario's seed, the project-wide default
      workers: 1,
      arrivalProcess: 'poisson',
    });
    expect(options.thresholds.length).toBeGreaterThan(0);
  });

  it('takes flags as text, as the CLI passes them', () => {
    const options = validateRunOptions({
      ...base,
      scale: '0.5',
      thinkScale: '0',
      duration: '10s',
      seed: '42',
      workers: '2',
      maxInFlight: '100',
      connections: '8',
      timeout: '2s',
      gracefulStop: '0',
      arrivalProcess: 'uniform',
    });
    expect(options).toMatchObject({
      scale: 0.5,
      thinkScale: 0,
      durationSeconds: 10,
      seed: 42,
      workers: 2,
      maxInFlight: 100,
      connections: 8,
      timeoutMs: 2000,
      gracefulStopSeconds: 0,
      arrivalProcess: 'uniform',
    });
  });

  it("takes a number from code as seconds (only a flag's text needs a unit)", () => {
    expect(validateRunOptions({ ...base, duration: 10 }).durationSeconds).toBe(10);
  });

  it.each<[string, Partial<RunOptionsInput>, string]>([
    ['an unknown scenario', { scenario: 'nope' }, 'unknown scenario'],
    ['a remote target', { target: 'http://93.184.216.34/' }, 'not a loopback address'],
    ['a zero scale', { scale: '0' }, '--scale'],
    ['a text time scale', { timeScale: 'fast' }, '--time-scale'],
    ['a negative think scale', { thinkScale: '-1' }, '--think-scale'],
    ['a duration without unit or number', { duration: '1x' }, '--duration'],
    ['a duration beyond the profile', { duration: '31s' }, 'longer than profile'],
    ['a fractional seed', { seed: '1.5' }, '--seed'],
    ['an unknown arrival process', { arrivalProcess: 'bursty' }, '--arrivals'],
    ['fewer connections than workers', { workers: 2, connections: 1 }, '--connections'],
    ['max-in-flight below the workers', { workers: 2, maxInFlight: 1 }, '--max-in-flight'],
    ['a zero timeout', { timeout: '0s' }, '--timeout'],
    // k6 reads a bare number as milliseconds, the API as seconds: a flag must say which.
    ['a duration without a unit', { duration: '10' }, '--duration 10 has no unit: write 10s for seconds'],
    ['a timeout without a unit', { timeout: '5' }, '--timeout 5 has no unit'],
    ['a graceful stop without a unit', { gracefulStop: '2.5' }, '--graceful-stop 2.5 has no unit'],
    ['a port out of range', { metricsPort: '70000' }, '--metrics-port'],
    [
      'a threshold on an unknown metric',
      { thresholds: [{ metric: 'latency', expressions: ['p(95)<1'] }] },
      'unknown metric',
    ],
    [
      'a threshold on another tag',
      { thresholds: [{ metric: 'http_req_duration{status:200}', expressions: ['p(95)<1'] }] },
      '{step:NAME} only',
    ],
    [
      'a threshold on a missing step',
      { thresholds: [{ metric: 'http_req_duration{step:checkout}', expressions: ['p(95)<1'] }] },
      'no step "checkout"',
    ],
    [
      'a per-run metric with a step',
      { thresholds: [{ metric: 'dropped_iterations{step:account}', expressions: ['count==0'] }] },
      'counted per run',
    ],
  ])('refuses %s with an EngineOptionsError that says what to do', (_what, input, says) => {
    const attempt = () => validateRunOptions({ ...base, ...input });
    expect(attempt).toThrow(EngineOptionsError);
    expect(attempt).toThrow(says);
  });
});

describe('parseDurationSeconds', () => {
  it.each<[string | number, number]>([
    ['90', 90],
    ['90s', 90],
    ['1.5m', 90],
    ['1h30m', 5400],
    ['500ms', 0.5],
    [12, 12],
  ])('%s → %d s', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', 'soon', '5 m', '1d', '-3s'])('"%s" is not a duration', (text) => {
    expect(parseDurationSeconds(text)).toBeNaN();
  });
});

describe('thresholds from flags', () => {
  it('groups expressions by metric and reads a trailing ! as abortOnFail', () => {
    expect(
      parseThresholdFlags([
        'http_req_duration{step:account}=p(95)<500',
        'http_req_duration{step:account}=p(99)<1000',
        'dropped_iterations=count==0',
        'http_req_failed=rate<0.05!',
      ]),
    ).toEqual([
      { metric: 'http_req_duration{step:account}', expressions: ['p(95)<500', 'p(99)<1000'] },
      { metric: 'dropped_iterations', expressions: ['count==0'] },
      { metric: 'http_req_failed', expressions: ['rate<0.05'], abortOnFail: true },
    ]);
  });

  it.each(['p(95)<500', '=p(95)<500', 'http_req_duration='])('refuses "%s"', (flag) => {
    expect(() => parseThresholdFlags([flag])).toThrow(/METRIC=EXPRESSION/);
  });

  it("replaces the scenario's thresholds on an overridden metric and keeps the others", () => {
    const scenario = [
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
      { metric: 'http_req_duration', expressions: ['p(95)<500'] },
    ];
    expect(mergeThresholds(scenario, [{ metric: 'http_req_duration', expressions: ['p(95)<50'] }])).toEqual([
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
      { metric: 'http_req_duration', expressions: ['p(95)<50'] },
    ]);
  });
});

describe('shareOf', () => {
  it.each([
    [10, 3],
    [7, 7],
    [128, 5],
  ])('splits %i over %i workers, whole and summing to the total', (total, workers) => {
    const shares = Array.from({ length: workers }, (_, i) => shareOf(total, workers, i));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });
});

describe('the engine is a library', () => {
  it('imports nothing from cli/ (the CLI is the edge: it maps EngineOptionsError to exit 2)', () => {
    const dir = new URL('.', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(/from '(\.\.\/)+cli\//);
    }
  });
});
