// An applicant in the service's waiting room comes back when told (Retry-After) with the ticket the 429
// handed out, so they keep their place (docs/operations.md); other 429s are retried as before.
import { describe, expect, test } from 'vitest';
import { applicant } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';
import { getJourney } from './journeys.js';
import { WAITING_ROOM_TICKET_HEADER, waitingRoomTicket } from './responses.js';
import { errorAnswer, respondJson, runScripted } from './testing/scripted-runner.js';

const SEED = 5;
const patient = (seed: number, index: number): Applicant => {
  const a = applicant(seed, index);
  return { ...a, traits: { ...a.traits, patience: 5 } };
};

const queued = (ticket: string) =>
  respondJson(
    429,
    {
      statusCode: 429,
      code: 'GLB_ERR_WAITING_ROOM_QUEUED',
      details: { ticket, position: 3, retryAfterSeconds: 4 },
    },
    { 'retry-after': '4' },
  );

describe('waiting-room ticket', () => {
  test('is read from a waiting-room 429 only', () => {
    expect(waitingRoomTicket(queued('room.1.mac'))).toBe('room.1.mac');
    expect(waitingRoomTicket(errorAnswer(429, 'GLB_ERR_AUTH_THROTTLED'))).toBeUndefined();
    expect(waitingRoomTicket({ status: 429, headers: {}, body: 'not json' })).toBeUndefined();
  });

  test('the account step is retried after Retry-After with the ticket it was given, then goes on', () => {
    const ticketsSent: Array<string | undefined> = [];
    const { sent } = runScripted(
      getJourney('funnel', { applicantOf: patient, thinkScale: 0 }),
      SEED,
      0,
      (action, attempt) => {
        if (action.step === 'visit') return { status: 200, headers: {}, body: '<h1>Prakerja</h1>' };
        if (action.step !== 'account') return errorAnswer(422, 'GLB_ERR_STOP_HERE');
        ticketsSent.push(action.request.headers[WAITING_ROOM_TICKET_HEADER]);
        return attempt < 3
          ? queued(`room.${attempt}.mac`)
          : respondJson(201, { accountId: 'a', accessToken: 't', emailVerified: false });
      },
    );
    expect(ticketsSent).toEqual([undefined, 'room.1.mac', 'room.2.mac']);
    const retries = sent.filter((s) => s.action.step === 'account' && s.outcome.kind === 'retry');
    expect(retries.map((r) => r.outcome.kind === 'retry' && r.outcome.afterSeconds >= 4)).toEqual([
      true,
      true,
    ]);
  });
});
