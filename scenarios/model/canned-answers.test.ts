import { describe, expect, test } from 'vitest';
import { cannedAnswer } from './canned-answers.js';
import { getJourney, JOURNEY_NAMES } from './journeys.js';
import { runScripted } from './testing/scripted-runner.js';
import { RECOVERY_STEPS } from './funnel-steps.js';

describe('canned answers', () => {
  // Every journey, answered only by the canned routes, must reach its end without a 404: the funnel stub
  // and the k6 build's journey-length estimate rely on it. A new step needs its route here.
  test.each(JOURNEY_NAMES.filter((name) => name !== 'ping'))('walk the %s journey to its end', (name) => {
    const journey = getJourney(name);
    for (let index = 0; index < 50; index++) {
      const { sent, end } = runScripted(journey, 7, index, (action) => cannedAnswer(action.request));
      expect(sent.filter((s) => s.response.status === 404).map((s) => s.action.request.path)).toEqual([]);
      expect(['completed', 'dropped-out']).toContain(end.result);
    }
  });

  test('the smoke journey (every step, no traits) completes', () => {
    const { sent, end } = runScripted(getJourney('smoke'), 7, 0, (action) => cannedAnswer(action.request));
    expect(end.result).toBe('completed');
    // Every step but the NIK-check polling, which only follows a pending (202) profile (canned is verified), and
    // the sign-in that only recovers a lost sign-up answer.
    const steps = getJourney('smoke').steps.filter((step) => !RECOVERY_STEPS.includes(step));
    expect(new Set(sent.map((s) => s.action.step))).toEqual(new Set(steps));
  });

  test('a wave id in the path still finds the join route; anything else is 404 with the catalogue code', () => {
    expect(cannedAnswer({ method: 'POST', path: '/api/v1/waves/12/join' }).status).toBe(200);
    const missing = cannedAnswer({ method: 'GET', path: '/api/v1/nope?x=1' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'GLB_ERR_REQ_NOT_FOUND' });
  });
});
