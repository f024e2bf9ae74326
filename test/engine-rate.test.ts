// The engine offers the load it claims: a constant 500 arrivals/s for 20 s against a fast server on
// loopback is sent at that rate (within 1 %), every arrival once, the server answers them all, and the
// per-second series shows the rate sustained second by second, not made up in bursts at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun, type TickEvent } from '../scenarios/engine/engine.js';
import { validateRunOptions } from '../scenarios/engine/options.js';
import type { RunResult } from '../scenarios/engine/run-result.js';
import { constantScenario, startPingServer, type TestServer } from './engine-fixtures.js';

const RATE = 500;
const SECONDS = 20;
const TARGET = RATE * SECONDS;

describe('a constant 500 arrivals/s for 20 s', () => {
  let server: TestServer;
  let result: RunResult;
  const ticks: TickEvent[] = [];

  beforeAll(async () => {
    server = await startPingServer();
    const run = startRun(
      validateRunOptions({
        scenario: constantScenario(RATE, SECONDS),
        target: server.url,
        arrivalProcess: 'uniform',
        gracefulStop: '5s',
      }),
    );
    run.on('tick', (tick) => ticks.push(tick));
    result = await run.result;
  }, 40_000);

  afterAll(async () => {
    await server?.close();
  });

  it('launches the target count within 1 %, drops none, and the server answers each one', () => {
    expect(Math.abs(result.arrivals.launched - TARGET)).toBeLessThanOrEqual(TARGET * 0.01);
    expect(result.arrivals.dropped).toBe(0);
    expect(Math.abs(server.answered - TARGET)).toBeLessThanOrEqual(TARGET * 0.01);
    expect(result.steps[0]!.requests).toBe(result.arrivals.launched);
    expect(result.journeys.completed).toBe(result.arrivals.launched);
  });

  it('achieves the target rate within 1 %', () => {
    expect(result.arrivals.targetRate).toBeCloseTo(RATE, 6);
    expect(Math.abs(result.arrivals.achievedRate - RATE)).toBeLessThanOrEqual(RATE * 0.01);
  });

  it('sustains it every second: the series matches the target and no second falls behind', () => {
    const window = result.intervals.filter((row) => row.t < SECONDS);
    expect(window).toHaveLength(SECONDS);
    for (const row of window) {
      expect(row.targetArrivals).toBeCloseTo(RATE, 6);
      expect(row.arrivals).toBeGreaterThan(RATE * 0.9);
      expect(row.arrivals).toBeLessThan(RATE * 1.1);
    }
    // The tick events carry the same seconds as run.json, with running totals.
    expect(ticks.map((tick) => tick.row.t).slice(0, SECONDS)).toEqual(window.map((row) => row.t));
    expect(ticks.at(-1)!.totals.arrivals).toBe(result.arrivals.launched);
  });
});
