/// <reference types="k6" />
// The k6 side of a bundle: options, setup() and the journey of one arrival, over k6's own modules. Runs the
// scenario model's journey generically (the loop of scenarios/model/types.ts), so new funnel steps need no
// change here. Type-checked against @types/k6; bundled by build.ts with the model and the generators.
import { group, sleep } from 'k6';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import { getJourney } from '../model/journeys.js';
import { judgeReadiness } from '../model/readiness.js';
import { EXPECTED_STATUSES, parseJson } from '../model/responses.js';
import type { JourneyEnd, StepRequest, StepResponse } from '../model/types.js';
import { k6Options, knobsFromEnv } from './options.js';
import type { K6Plan } from './plan.js';

/** The custom metrics every bundle reports (docs/k6.md says what each means). */
function customMetrics() {
  return {
    completed: new Rate('gelombang_journey_completed'),
    abandoned: new Rate('gelombang_journey_abandoned'),
    ends: new Counter('gelombang_journey_ends'),
    duration: new Trend('gelombang_journey_duration', true),
    retries: new Counter('gelombang_retries'),
  };
}

/** A request body as k6 takes it: text, or the bytes of a binary body (a multipart upload) as an ArrayBuffer. */
function k6Body(body: unknown): string | ArrayBuffer | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (ArrayBuffer.isView(body)) {
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  return String(body);
}

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name]!;
  return out;
}

export interface K6Script {
  options: ReturnType<typeof k6Options>;
  setup(): { seed: number; startIndex: number };
  journey(): void;
}

/** Everything a bundle exports, for one plan. Call at init time (it reads __ENV and creates metrics). */
export function k6Script(plan: K6Plan): K6Script {
  const env = __ENV;
  const options = k6Options(plan, env);
  const knobs = knobsFromEnv(env);
  const timeout = env.TIMEOUT ?? '30s';
  const journey = getJourney(plan.journey, { thinkScale: knobs.thinkScale });
  const metrics = customMetrics();
  // The one rule for http_req_failed (model/responses.ts), which the engine's recorder applies too.
  http.setResponseCallback(
    http.expectedStatuses(
      { min: EXPECTED_STATUSES.min, max: EXPECTED_STATUSES.max },
      ...EXPECTED_STATUSES.also,
    ),
  );

  const send = (request: StepRequest, step: string): StepResponse => {
    const res = http.request(request.method, knobs.baseUrl + request.path, k6Body(request.body), {
      headers: request.headers,
      tags: { step },
      timeout,
    });
    return {
      status: res.status,
      headers: lowerCaseHeaders(res.headers),
      body: typeof res.body === 'string' ? res.body : '',
      receivedAtMs: Date.now(),
    };
  };

  const ended = (end: Pick<JourneyEnd, 'result' | 'lastStep'>, startedAt: number): void => {
    const tags = { result: end.result, last_step: end.lastStep ?? 'none' };
    metrics.completed.add(end.result === 'completed');
    metrics.abandoned.add(end.result === 'abandoned');
    metrics.ends.add(1, tags);
    metrics.duration.add(Date.now() - startedAt, tags);
  };

  return {
    options,
    // Fails fast, before any arrival, when the target is down or does not know these applicants.
    setup() {
      const res = http.get(`${knobs.baseUrl}/readyz`, { tags: { step: 'setup' }, timeout: '10s' });
      const verdict = judgeReadiness(
        { status: res.status, body: parseJson(typeof res.body === 'string' ? res.body : '') },
        { seed: plan.seed, journey: plan.journey, target: knobs.baseUrl },
      );
      if (!verdict.ok) throw new Error(`gelombang setup: ${verdict.message}`);
      return { seed: plan.seed, startIndex: plan.startIndex };
    },
    // One arrival. iterationInTest is unique over every instance of an execution-segmented run, so
    // instances never share an applicant.
    journey() {
      const index = plan.startIndex + exec.scenario.iterationInTest;
      const state = journey.start(plan.seed, index);
      const startedAt = Date.now();
      for (;;) {
        const action = journey.next(state);
        if (action.kind === 'end') return ended(action, startedAt);
        if (action.thinkSeconds > 0) sleep(action.thinkSeconds);
        const response = group(action.step, () => send(action.request, action.step));
        const outcome = journey.onResponse(state, action, response);
        if (outcome.kind === 'retry') {
          metrics.retries.add(1, { step: action.step });
          if (outcome.afterSeconds > 0) sleep(outcome.afterSeconds);
        } else if (outcome.kind === 'abandon' || outcome.kind === 'done') {
          const after = journey.next(state);
          // The outcome ended the journey; should next() disagree, the outcome (the later word) stands.
          if (after.kind === 'end') return ended(after, startedAt);
          return ended(
            { result: outcome.kind === 'abandon' ? 'abandoned' : 'completed', lastStep: null },
            startedAt,
          );
        }
      }
    },
  };
}
