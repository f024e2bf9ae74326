import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '../../generators/options.js';
import { cannedAnswer } from '../model/canned-answers.js';
import { getJourney } from '../model/journeys.js';
import type { Journey, StepRequest } from '../model/types.js';
import type { SentResponse, StepTransport } from './http-transport.js';
import { type JourneyContext, runJourney, startJourney } from './journey-runner.js';
import { Recorder } from './recorder.js';
import { RECOVERY_STEPS } from '../model/funnel-steps.js';

/** Answers in-process: the canned answers of `gelombang stub funnel`, or `fail` rejects the send. */
function cannedTransport(
  fail = false,
): StepTransport & { sent: Array<{ request: StepRequest; at: number }> } {
  const sent: Array<{ request: StepRequest; at: number }> = [];
  return {
    sent,
    send: (request) => {
      const at = performance.now();
      sent.push({ request, at });
      if (fail) return Promise.reject(new Error('socket hang up'));
      return Promise.resolve<SentResponse>({
        response: cannedAnswer(request),
        sentAt: at,
        transportError: null,
      });
    },
    destroy: async () => {},
    close: async () => {},
  };
}

function contextFor(journey: Journey, transport: StepTransport, abort = new AbortController().signal) {
  let ends = 0;
  const ctx: JourneyContext = {
    journey,
    seed: DEFAULT_SEED,
    startIndex: 0,
    transport,
    recorder: new Recorder(journey.steps),
    abort,
    onEnd: () => {
      ends++;
    },
  };
  return { ctx, ends: () => ends };
}

describe('runJourney', () => {
  it('walks the smoke journey through every funnel step, each request once, to completed', async () => {
    const journey = getJourney('smoke', { thinkScale: 0 });
    const transport = cannedTransport();
    const { ctx, ends } = contextFor(journey, transport);
    await runJourney(ctx, 7, performance.now());
    expect(ends()).toBe(1);
    expect(ctx.recorder.journeyEnds.completed).toBe(1);
    const stepsSent = new Set(transport.sent.map((s) => `${s.request.method} ${s.request.path}`));
    expect(stepsSent.size).toBe(transport.sent.length);
    for (const step of journey.steps.filter((s) => !RECOVERY_STEPS.includes(s))) {
      expect(ctx.recorder.steps.get(step)?.requests, step).toBe(1);
    }
  });

  it('never sends before the intended time after a think time', async () => {
    // Think times of seconds scaled to milliseconds: the page views and the account form.
    const journey = getJourney('funnel', { thinkScale: 0.001 });
    const transport = cannedTransport();
    const { ctx } = contextFor(journey, transport);
    const arrivalAt = performance.now();
    await runJourney(ctx, 3, arrivalAt);
    expect(transport.sent.length).toBeGreaterThan(2);
    // The second request comes after the first answer plus a think time of at least 1 s × 0.001.
    expect(transport.sent[1]!.at - transport.sent[0]!.at).toBeGreaterThanOrEqual(1);
  });

  it('counts a journey whose send fails outright as errored, once', async () => {
    const journey = getJourney('smoke', { thinkScale: 0 });
    const { ctx, ends } = contextFor(journey, cannedTransport(true));
    await runJourney(ctx, 1, performance.now());
    expect(ends()).toBe(1);
    expect(ctx.recorder.journeyEnds.errored).toBe(1);
  });

  it('counts a journey whose model throws as errored', async () => {
    const broken: Journey = {
      name: 'broken',
      description: 'throws on its first answer',
      steps: ['only'],
      start: () => ({}),
      next: () => ({
        kind: 'request',
        step: 'only',
        thinkSeconds: 0,
        request: { method: 'GET', path: '/', headers: {} },
      }),
      onResponse: () => {
        throw new Error('model bug');
      },
    };
    const { ctx, ends } = contextFor(broken, cannedTransport());
    await runJourney(ctx, 0, performance.now());
    expect(ends()).toBe(1);
    expect(ctx.recorder.journeyEnds.errored).toBe(1);
  });

  it('wakes journeys asleep in think time when the run is aborted: interrupted, after their last step', async () => {
    const journey = getJourney('funnel', { thinkScale: 1 });
    const transport = cannedTransport();
    const abort = new AbortController();
    const { ctx, ends } = contextFor(journey, transport, abort.signal);
    for (let i = 0; i < 100; i++) startJourney(ctx, i, performance.now());
    // Every journey views its first page at once, then thinks for seconds (a page read, the account form).
    while (ctx.recorder.requests < 100) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ends()).toBe(0);
    abort.abort();
    while (ends() < 100) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ctx.recorder.journeyEnds.interrupted).toBe(100);
    expect(transport.sent.length).toBe(100);
    expect(ctx.recorder.byLastStep.get('visit')).toBe(100);
  });
});
