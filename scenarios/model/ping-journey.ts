// One GET /ping per arrival and nothing else: the engine's own benchmark, where the server costs almost
// nothing and the arrival scheduler is what is measured. No think time, no retry.
import { errorCodeOf } from './responses.js';
import type { Journey, JourneyAction, JourneyEnd } from './types.js';

export interface PingState {
  end: JourneyEnd | null;
}

const PING: JourneyAction = {
  kind: 'request',
  step: 'ping',
  thinkSeconds: 0,
  request: { method: 'GET', path: '/ping', headers: {} },
};

export function createPingJourney(): Journey<PingState> {
  return {
    name: 'ping',
    description: 'GET /ping once per arrival (engine benchmarks)',
    steps: ['ping'],
    start: () => ({ end: null }),
    next: (s) => s.end ?? PING,
    onResponse(s, _action, response) {
      if (response.status >= 200 && response.status < 300) {
        s.end = { kind: 'end', result: 'completed', lastStep: 'ping' };
        return { kind: 'done' };
      }
      s.end = { kind: 'end', result: 'abandoned', lastStep: null };
      return { kind: 'abandon', errorCode: errorCodeOf(response) };
    },
  };
}
