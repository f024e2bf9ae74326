// A runner for tests: drives a Journey with scripted answers instead of HTTP, exactly as types.ts describes
// (think, send, onResponse; on retry wait afterSeconds and send the same request again).
import type { Journey, JourneyAction, JourneyEnd, StepOutcome, StepResponse } from '../types.js';

export interface SentRequest {
  action: JourneyAction;
  /** Seconds waited before this send: think time, or the retry delay. */
  waitedSeconds: number;
  response: StepResponse;
  outcome: StepOutcome;
}

export type Respond = (action: JourneyAction, attempt: number) => StepResponse;

export function respondJson(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): StepResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function errorAnswer(
  status: number,
  code: string,
  headers: Record<string, string> = {},
): StepResponse {
  return respondJson(status, { statusCode: status, code, error: 'error', message: code }, headers);
}

export function runScripted<S>(
  journey: Journey<S>,
  seed: number,
  index: number,
  respond: Respond,
  maxRequests = 200,
): { sent: SentRequest[]; end: JourneyEnd } {
  const state = journey.start(seed, index);
  const sent: SentRequest[] = [];
  let next = journey.next(state);
  while (next.kind === 'request') {
    let action = next;
    let waited = action.thinkSeconds;
    for (let attempt = 1; ; attempt++) {
      if (sent.length >= maxRequests) throw new Error('the journey did not end');
      // A runner reads the request when it sends it, before the answer changes the journey's state (a
      // journey may build it only then: funnel-journey.ts lazyAction).
      void action.request;
      const response = respond(action, attempt);
      const outcome = journey.onResponse(state, action, response);
      sent.push({ action, waitedSeconds: waited, response, outcome });
      if (outcome.kind !== 'retry') break;
      waited = outcome.afterSeconds;
      // As the engine and the k6 script do: after a retry the journey offers the request again (rebuilt, with
      // whatever the answer added, such as a waiting room's ticket).
      const again = journey.next(state);
      if (again.kind !== 'request' || again.step !== action.step)
        throw new Error('a retry must offer the same step');
      action = again;
    }
    next = journey.next(state);
  }
  return { sent, end: next };
}
