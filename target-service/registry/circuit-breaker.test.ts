import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitState } from './types.js';

type Step =
  | { do: 'fail' | 'succeed' }
  | { do: 'acquire'; allowed: boolean }
  | { do: 'wait'; ms: number }
  | { do: 'expect'; state: CircuitState };

/** Runs steps against a breaker (threshold 3, reset 1000 ms) on a fake clock. A 'fail'/'succeed' step
 *  first acquires a permit, as the client does before each call. */
function run(steps: Step[]): { transitions: string[] } {
  let now = 0;
  const transitions: string[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    resetMs: 1000,
    clock: () => now,
    onStateChange: (state, previous) => transitions.push(`${previous}->${state}`),
  });
  for (const [i, step] of steps.entries()) {
    const where = `step ${i} (${JSON.stringify(step)})`;
    if (step.do === 'wait') now += step.ms;
    else if (step.do === 'expect') expect(breaker.state(), where).toBe(step.state);
    else if (step.do === 'acquire') expect(breaker.tryAcquire(), where).toBe(step.allowed);
    else {
      expect(breaker.tryAcquire(), where).toBe(true);
      if (step.do === 'fail') breaker.onFailure();
      else breaker.onSuccess();
    }
  }
  return { transitions };
}

const fail = { do: 'fail' } as const;
const succeed = { do: 'succeed' } as const;
const wait = (ms: number) => ({ do: 'wait', ms }) as const;
const state = (s: CircuitState) => ({ do: 'expect', state: s }) as const;
const acquire = (allowed: boolean) => ({ do: 'acquire', allowed }) as const;

describe('CircuitBreaker', () => {
  it.each<{ name: string; steps: Step[]; transitions: string[] }>([
    {
      name: 'stays closed below the threshold',
      steps: [fail, fail, state('closed'), acquire(true)],
      transitions: [],
    },
    {
      name: 'a success resets the count of consecutive failures',
      steps: [fail, fail, succeed, fail, fail, state('closed')],
      transitions: [],
    },
    {
      name: 'opens after 3 consecutive failures and rejects while open',
      steps: [fail, fail, fail, state('open'), acquire(false), wait(999), acquire(false), state('open')],
      transitions: ['closed->open'],
    },
    {
      name: 'half-opens after the reset time and lets exactly one probe through',
      steps: [
        fail,
        fail,
        fail,
        wait(1000),
        state('half-open'),
        acquire(true),
        acquire(false),
        acquire(false),
      ],
      transitions: ['closed->open', 'open->half-open'],
    },
    {
      name: 'a successful probe closes it',
      steps: [fail, fail, fail, wait(1000), succeed, state('closed'), acquire(true), acquire(true)],
      transitions: ['closed->open', 'open->half-open', 'half-open->closed'],
    },
    {
      name: 'a failed probe re-opens it and restarts the reset timer',
      steps: [
        fail,
        fail,
        fail,
        wait(1000),
        fail,
        state('open'),
        wait(999),
        acquire(false),
        wait(1),
        state('half-open'),
      ],
      transitions: ['closed->open', 'open->half-open', 'half-open->open', 'open->half-open'],
    },
    {
      name: 'after closing again it needs the full threshold to re-open',
      steps: [fail, fail, fail, wait(1000), succeed, fail, fail, state('closed'), fail, state('open')],
      transitions: ['closed->open', 'open->half-open', 'half-open->closed', 'closed->open'],
    },
  ])('$name', ({ steps, transitions }) => {
    expect(run(steps).transitions).toEqual(transitions);
  });

  it('ignores late answers to calls let through before it opened', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetMs: 1000, clock: () => now });
    expect(breaker.tryAcquire()).toBe(true); // slow call A
    expect(breaker.tryAcquire()).toBe(true); // call B
    breaker.onFailure(); // B fails: open
    breaker.onSuccess(); // A answers late
    expect(breaker.state()).toBe('open');
    now = 1000;
    expect(breaker.state()).toBe('half-open');
  });

  it.each([{ failureThreshold: 0 }, { failureThreshold: 1.5 }])(
    'refuses failureThreshold $failureThreshold',
    (o) => {
      expect(() => new CircuitBreaker({ ...o, resetMs: 10 })).toThrow(/failureThreshold/);
    },
  );
});
