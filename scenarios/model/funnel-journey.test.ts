import { describe, expect, test } from 'vitest';
import { applicant, expectedFunnel } from '../../generators/index.js';
import { photo } from '../../generators/photo.js';
import type { Applicant, ApplicantTraits } from '../../generators/types.js';
import { cannedAnswer } from './canned-answers.js';
import { ScenarioError } from './errors.js';
import { HUMAN_RETRY_MEDIAN_SECONDS, PAGE_READ_SECONDS } from './funnel-journey.js';
import { solve } from './assessment-answers.js';
import { expectedFunnelShares } from './funnel-shares.js';
import { getJourney } from './journeys.js';
import { errorAnswer, type Respond, respondJson, runScripted } from './testing/scripted-runner.js';
import type { JourneyAction, StepResponse } from './types.js';

const SEED = 77;
const QUESTIONS = Array.from({ length: 10 }, (_, i) => ({
  id: `q${i + 1}`,
  prompt: `${10 + i} + 5 = ?`,
  choices: [String(15 + i), String(16 + i), String(14 + i), String(25 + i)],
}));
const withTraits =
  (traits: Partial<ApplicantTraits>) =>
  (seed: number, index: number): Applicant => {
    const a = applicant(seed, index);
    return { ...a, traits: { ...a.traits, ...traits } };
  };

/** The service's answers when it and the registry behave (api.md), decided by the applicant's record. */
function healthy(a: Applicant): Respond {
  return (action) => {
    switch (action.step) {
      case 'visit':
        return { status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>Kartu Prakerja</h1>' };
      case 'account':
        return a.flags.badData === 'duplicate-email'
          ? errorAnswer(409, 'GLB_ERR_ACCOUNT_EMAIL_TAKEN')
          : respondJson(201, {
              accountId: `acc-${a.index}`,
              accessToken: `tok-${a.index}`,
              emailVerified: false,
            });
      case 'outbox':
        return respondJson(200, {
          kind: 'email-verification',
          code: `c${a.index}`,
          sentAt: '2020-04-11T12:00:00Z',
        });
      case 'verify-email':
        return respondJson(200, { emailVerified: true });
      case 'profile':
        if (a.flags.badData === 'malformed-nik') return errorAnswer(422, 'GLB_ERR_PROFILE_NIK_INVALID');
        if (a.flags.badData === 'nik-birthdate-mismatch')
          return errorAnswer(422, 'GLB_ERR_PROFILE_NIK_MISMATCH');
        if (a.flags.notInRegistry) return errorAnswer(422, 'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY');
        if (a.flags.registryMismatch) return errorAnswer(422, 'GLB_ERR_PROFILE_REGISTRY_MISMATCH');
        if (a.flags.underAge) return errorAnswer(422, 'GLB_ERR_ELIGIBILITY_UNDER_AGE');
        return respondJson(200, { status: 'verified' });
      case 'await-nik':
        return respondJson(200, {
          status: 'verified',
          statusReason: null,
          updatedAt: '2020-04-11T12:00:00Z',
        });
      case 'upload':
        return respondJson(201, { documents: [] });
      case 'test-questions':
        return respondJson(200, { passMark: 0.6, questions: QUESTIONS, result: null });
      case 'test': {
        const { answers } = JSON.parse(action.request.body as string) as {
          answers: Array<{ choice: string }>;
        };
        const right = answers.filter((x, i) => x.choice === String(solve(QUESTIONS[i]!.prompt))).length;
        return respondJson(200, {
          score: right,
          questions: QUESTIONS.length,
          passMark: 0.6,
          passed: right >= 6,
        });
      }
      case 'wave':
        return respondJson(200, { id: 1, status: 'open', quota: 164000, joined: 0, remaining: 164000 });
      case 'join-wave':
        return a.flags.student
          ? errorAnswer(422, 'GLB_ERR_ELIGIBILITY_IN_EDUCATION')
          : respondJson(200, {
              waveId: 1,
              requestedWaveId: 1,
              placement: 'requested-wave',
              alreadyJoined: false,
            });
      default:
        throw new Error(`unexpected step ${action.step}`);
    }
  };
}

/** Healthy, except the given step answers `failure` on its first `times` attempts. */
function failing(
  a: Applicant,
  step: string,
  failure: StepResponse,
  times = Number.POSITIVE_INFINITY,
): Respond {
  const ok = healthy(a);
  return (action, attempt) => (action.step === step && attempt <= times ? failure : ok(action, attempt));
}

// A clean applicant (registry knows them, no bad data) to script failures against.
const CLEAN = (() => {
  for (let i = 0; ; i++) {
    const a = applicant(SEED, i);
    if (expectedFunnel(a).joinsBatch) return i;
  }
})();

describe('the funnel journey follows the traits', () => {
  test.each([
    {
      traits: { willVerifyEmail: true, willCompleteProfile: true, pageViews: 3 },
      steps: [
        'visit',
        'visit',
        'visit',
        'account',
        'outbox',
        'verify-email',
        'profile',
        'upload',
        'test-questions',
        'test',
        'wave',
        'join-wave',
      ],
      result: 'completed',
      lastStep: 'join-wave',
    },
    {
      traits: { willUpload: false, willPassTest: false, willJoinWave: false, pageViews: 1 },
      steps: ['visit', 'account', 'outbox', 'verify-email', 'profile'],
      result: 'dropped-out',
      lastStep: 'profile',
    },
    {
      traits: { willPassTest: false, willJoinWave: false, pageViews: 1 },
      steps: ['visit', 'account', 'outbox', 'verify-email', 'profile', 'upload', 'test-questions', 'test'],
      result: 'dropped-out',
      lastStep: 'test',
    },
    {
      traits: { willVerifyEmail: false, willCompleteProfile: false, pageViews: 1 },
      steps: ['visit', 'account'],
      result: 'dropped-out',
      lastStep: 'account',
    },
    {
      traits: { willVerifyEmail: true, willCompleteProfile: false, pageViews: 2 },
      steps: ['visit', 'visit', 'account', 'outbox', 'verify-email'],
      result: 'dropped-out',
      lastStep: 'verify-email',
    },
  ])('$traits → $result at $lastStep', ({ traits, steps, result, lastStep }) => {
    const applicantOf = withTraits(traits);
    const { sent, end } = runScripted(
      getJourney('funnel', { applicantOf }),
      SEED,
      CLEAN,
      healthy(applicantOf(SEED, CLEAN)),
    );
    expect(sent.map((s) => s.action.step)).toEqual(steps);
    expect(end).toEqual({ kind: 'end', result, lastStep });
  });

  test('think times come from the traits, scaled by thinkScale', () => {
    const applicantOf = withTraits({ willVerifyEmail: true, willCompleteProfile: true, pageViews: 2 });
    const a = applicantOf(SEED, CLEAN);
    const { sent } = runScripted(
      getJourney('funnel', { applicantOf, thinkScale: 0.1 }),
      SEED,
      CLEAN,
      healthy(a),
    );
    expect(sent.map((s) => s.waitedSeconds)).toEqual([
      0,
      PAGE_READ_SECONDS * 0.1,
      a.traits.thinkSeconds.account * 0.1,
      a.traits.thinkSeconds.verifyEmail * 0.1,
      0,
      a.traits.thinkSeconds.profile * 0.1,
      a.traits.thinkSeconds.upload * 0.1,
      PAGE_READ_SECONDS * 0.1,
      a.traits.thinkSeconds.test * 0.1,
      a.traits.thinkSeconds.joinWave * 0.1,
      0,
    ]);
  });

  test('requests carry the applicant, the token, the mailed code and a per-step Idempotency-Key', () => {
    const a = applicant(SEED, CLEAN);
    const { sent } = runScripted(getJourney('funnel'), SEED, CLEAN, healthy(a));
    const req = (step: string) => sent.find((s) => s.action.step === step)!.action.request;
    expect(req('visit')).toMatchObject({ method: 'GET', path: '/' });
    expect(req('account')).toMatchObject({ method: 'POST', path: '/api/v1/accounts' });
    expect(JSON.parse(req('account').body as string)).toEqual({
      fullName: a.fullName,
      email: a.email,
      phone: a.phone,
      password: a.password,
    });
    expect(req('account').headers['idempotency-key']).toBe(`glb-${SEED}-${CLEAN}-account`);
    expect(req('outbox').headers.authorization).toBe(`Bearer tok-${CLEAN}`);
    expect(JSON.parse(req('verify-email').body as string)).toEqual({ code: `c${CLEAN}` });
    expect(req('profile')).toMatchObject({ method: 'PUT', path: '/api/v1/profile' });
    expect(JSON.parse(req('profile').body as string)).toMatchObject({
      nik: a.nik,
      kk: a.kk,
      birthDate: a.birthDate,
    });
    expect(req('profile').headers['idempotency-key']).toBe(`glb-${SEED}-${CLEAN}-profile`);
  });

  test('202 pending on the profile counts as success', () => {
    const a = applicant(SEED, CLEAN);
    const { end } = runScripted(
      getJourney('funnel'),
      SEED,
      CLEAN,
      failing(a, 'profile', respondJson(202, { status: 'pending' })),
    );
    // The applicant then looks again until the registry has spoken (await-nik), and goes on.
    expect(end).toEqual({ kind: 'end', result: 'completed', lastStep: 'join-wave' });
  });

  test('a pending NIK that the registry later rejects ends the journey abandoned with the reason', () => {
    const a = applicant(SEED, CLEAN);
    const ok = healthy(a);
    const respond: Respond = (action, attempt) =>
      action.step === 'profile'
        ? respondJson(202, { status: 'pending' })
        : action.step === 'await-nik'
          ? respondJson(200, {
              status: attempt === 1 && action.request.path === '/api/v1/profile' ? 'rejected' : 'pending',
              statusReason: 'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY',
              updatedAt: 'now',
            })
          : ok(action, attempt);
    const { sent, end } = runScripted(getJourney('funnel'), SEED, CLEAN, respond);
    expect(sent.at(-1)!.outcome).toEqual({
      kind: 'abandon',
      errorCode: 'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY',
    });
    expect(end).toEqual({ kind: 'end', result: 'abandoned', lastStep: 'verify-email' });
  });

  test('the upload is multipart with the generated KTP photo and selfie; the test is answered from the traits', () => {
    const a = applicant(SEED, CLEAN);
    const { sent } = runScripted(getJourney('funnel'), SEED, CLEAN, healthy(a));
    const upload = sent.find((s) => s.action.step === 'upload')!.action.request;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const body = upload.body as Uint8Array;
    expect(body.length).toBeGreaterThan(
      photo(SEED, CLEAN, 'ktp').length + photo(SEED, CLEAN, 'selfie').length,
    );
    const test = sent.find((s) => s.action.step === 'test')!;
    expect(JSON.parse(test.response.body)).toMatchObject({ passed: true, score: 10 });
    expect(sent.find((s) => s.action.step === 'join-wave')!.action.request.path).toBe('/api/v1/waves/1/join');
  });
});

describe('failures: retry like a person, then abandon', () => {
  test('429 with Retry-After: waits that long and resends the same request (same Idempotency-Key)', () => {
    const applicantOf = withTraits({ patience: 3 });
    const a = applicantOf(SEED, CLEAN);
    const busy = errorAnswer(429, 'GLB_ERR_SVC_BUSY', { 'retry-after': '30' });
    const { sent, end } = runScripted(
      getJourney('funnel', { applicantOf, thinkScale: 0.01 }),
      SEED,
      CLEAN,
      failing(a, 'account', busy, 2),
    );
    const accounts = sent.filter((s) => s.action.step === 'account');
    expect(accounts).toHaveLength(3);
    expect(accounts[0]!.outcome).toEqual({ kind: 'retry', afterSeconds: 30, errorCode: 'GLB_ERR_SVC_BUSY' });
    expect(accounts.slice(1).map((s) => s.waitedSeconds)).toEqual([30, 30]);
    for (const s of accounts) expect(s.action.request).toEqual(accounts[0]!.action.request);
    expect(end.result).toBe('completed');
  });

  test('without Retry-After the delay is a human one: seeded, scaled, about the median', () => {
    const applicantOf = withTraits({ patience: 20 });
    const a = applicantOf(SEED, CLEAN);
    const down = errorAnswer(503, 'GLB_ERR_SVC_DRAINING');
    const run = () =>
      runScripted(getJourney('funnel', { applicantOf }), SEED, CLEAN, failing(a, 'profile', down, 20));
    const delays = run()
      .sent.filter((s) => s.outcome.kind === 'retry')
      .map((s) => (s.outcome as { afterSeconds: number }).afterSeconds);
    expect(delays).toHaveLength(20);
    expect(run().sent.map((s) => s.outcome)).toEqual(run().sent.map((s) => s.outcome)); // same seed, same delays
    const sorted = [...delays].sort((x, y) => x - y);
    expect(sorted[10]!).toBeGreaterThan(HUMAN_RETRY_MEDIAN_SECONDS / 2);
    expect(sorted[10]!).toBeLessThan(HUMAN_RETRY_MEDIAN_SECONDS * 2);
    expect(new Set(delays).size).toBeGreaterThan(15); // not one fixed delay
    const scaled = runScripted(
      getJourney('funnel', { applicantOf, thinkScale: 0.5 }),
      SEED,
      CLEAN,
      failing(a, 'profile', down, 20),
    );
    const first = scaled.sent.find((s) => s.outcome.kind === 'retry')!.outcome as { afterSeconds: number };
    expect(first.afterSeconds).toBeCloseTo(delays[0]! * 0.5, 9);
  });

  test.each([0, 1, 2, 5])('patience %d: that many retries, then abandon with the error code', (patience) => {
    const applicantOf = withTraits({ patience });
    const a = applicantOf(SEED, CLEAN);
    const down = errorAnswer(503, 'GLB_ERR_SVC_DRAINING', { 'retry-after': '1' });
    const { sent, end } = runScripted(
      getJourney('funnel', { applicantOf }),
      SEED,
      CLEAN,
      failing(a, 'verify-email', down),
    );
    const tries = sent.filter((s) => s.action.step === 'verify-email');
    expect(tries).toHaveLength(patience + 1);
    expect(tries.at(-1)!.outcome).toEqual({ kind: 'abandon', errorCode: 'GLB_ERR_SVC_DRAINING' });
    expect(end).toEqual({ kind: 'end', result: 'abandoned', lastStep: 'outbox' });
  });

  test.each([
    { status: 0, code: 'GLB_ERR_CLIENT_NETWORK', body: '' },
    { status: 500, code: 'GLB_ERR_SVC_INTERNAL', body: JSON.stringify({ code: 'GLB_ERR_SVC_INTERNAL' }) },
    { status: 502, code: 'GLB_ERR_CLIENT_HTTP_502', body: '<html>Bad gateway</html>' },
  ])('status $status is retried as $code', ({ status, code, body }) => {
    const applicantOf = withTraits({ patience: 1 });
    const a = applicantOf(SEED, CLEAN);
    const { sent, end } = runScripted(
      getJourney('funnel', { applicantOf }),
      SEED,
      CLEAN,
      failing(a, 'account', { status, headers: {}, body }, 1),
    );
    expect(sent.find((s) => s.action.step === 'account')!.outcome).toMatchObject({
      kind: 'retry',
      errorCode: code,
    });
    expect(end.result).toBe('completed');
  });

  test.each([
    {
      step: 'profile',
      answer: errorAnswer(422, 'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY'),
      lastStep: 'verify-email',
    },
    { step: 'profile', answer: errorAnswer(403, 'GLB_ERR_EMAIL_NOT_VERIFIED'), lastStep: 'verify-email' },
    { step: 'outbox', answer: errorAnswer(404, 'GLB_ERR_SANDBOX_DISABLED'), lastStep: 'account' },
    { step: 'account', answer: errorAnswer(409, 'GLB_ERR_ACCOUNT_EMAIL_TAKEN'), lastStep: 'visit' },
    { step: 'account', answer: respondJson(201, { accountId: 'x' }), lastStep: 'visit' }, // no token
  ])('$step answering $answer.status is not retried: abandon at once', ({ step, answer, lastStep }) => {
    const applicantOf = withTraits({ patience: 10 });
    const { sent, end } = runScripted(
      getJourney('funnel', { applicantOf }),
      SEED,
      CLEAN,
      failing(applicantOf(SEED, CLEAN), step, answer),
    );
    expect(sent.filter((s) => s.action.step === step)).toHaveLength(1);
    expect(sent.at(-1)!.outcome.kind).toBe('abandon');
    expect(end).toEqual({ kind: 'end', result: 'abandoned', lastStep });
  });

  test('409 email-taken on a retry is our own earlier account: the step counts, the applicant signs in and goes on', () => {
    const applicantOf = withTraits({ patience: 3, willVerifyEmail: true });
    const a = applicantOf(SEED, CLEAN);
    const ok = healthy(a);
    const respond: Respond = (action, attempt) =>
      action.step === 'recover-sign-in'
        ? respondJson(201, { accountId: 'x', accessToken: `signed-in-${a.index}`, expiresAt: 'later' })
        : action.step !== 'account'
          ? ok(action, attempt)
          : attempt === 1
            ? { status: 0, headers: {}, body: '' }
            : errorAnswer(409, 'GLB_ERR_ACCOUNT_EMAIL_TAKEN');
    const { sent, end } = runScripted(getJourney('funnel', { applicantOf }), SEED, CLEAN, respond);
    const steps = sent.map((s) => s.action.step);
    expect(steps.slice(steps.indexOf('account'), steps.indexOf('account') + 4)).toEqual([
      'account',
      'account',
      'recover-sign-in',
      'outbox',
    ]);
    const signIn = sent.find((s) => s.action.step === 'recover-sign-in')!.action.request;
    expect(JSON.parse(signIn.body as string)).toEqual({ email: a.email, password: a.password });
    expect(sent.find((s) => s.action.step === 'outbox')!.action.request.headers.authorization).toBe(
      `Bearer signed-in-${a.index}`,
    );
    expect(end.result).toBe('completed');
  });

  test('next() after a retry outcome returns the same request with no think time', () => {
    const applicantOf = withTraits({ patience: 2, pageViews: 1 });
    const journey = getJourney('funnel', { applicantOf });
    const state = journey.start(SEED, CLEAN);
    const visit = journey.next(state) as JourneyAction;
    journey.onResponse(state, visit, { status: 200, headers: {}, body: '' });
    const account = journey.next(state) as JourneyAction;
    expect(account.thinkSeconds).toBeGreaterThan(0);
    const sent = account.request;
    expect(journey.onResponse(state, account, errorAnswer(503, 'GLB_ERR_SVC_DRAINING')).kind).toBe('retry');
    const again = journey.next(state) as JourneyAction;
    expect({ kind: again.kind, step: again.step, thinkSeconds: again.thinkSeconds }).toEqual({
      kind: 'request',
      step: 'account',
      thinkSeconds: 0,
    });
    expect(again.request).toEqual(sent);
    expect(again.request.headers['idempotency-key']).toBe(`glb-${SEED}-${CLEAN}-account`);
  });

  test('a retried upload sends the same bytes, built again rather than held through the retry delay', () => {
    const journey = getJourney('smoke');
    const state = journey.start(SEED, CLEAN);
    let action = journey.next(state);
    while (action.kind === 'request' && action.step !== 'upload') {
      journey.onResponse(state, action, cannedAnswer(action.request));
      action = journey.next(state);
    }
    if (action.kind !== 'request') throw new Error('the smoke journey ended before its upload');
    const first = action.request;
    expect(journey.onResponse(state, action, errorAnswer(503, 'GLB_ERR_SVC_DRAINING')).kind).toBe('retry');
    const retry = journey.next(state) as JourneyAction;
    const again = retry.request;
    expect(again).not.toBe(first);
    expect({ ...again, body: undefined }).toEqual({ ...first, body: undefined });
    // Compared as bytes: a deep equality over ~1 MB element by element takes tens of seconds.
    expect(Buffer.from(again.body as Uint8Array).equals(Buffer.from(first.body as Uint8Array))).toBe(true);
    expect((first.body as Uint8Array).length).toBeGreaterThan(100_000);
  });
});

describe('the funnel journey agrees with the model', () => {
  test('against a healthy service, journeys end where expectedFunnel says, in the predicted shares', () => {
    const count = 1500;
    const journey = getJourney('funnel');
    const ends = { completed: 0, 'dropped-out': 0, abandoned: 0 };
    for (let i = 0; i < count; i++) {
      const a = applicant(SEED, i);
      const { end } = runScripted(journey, SEED, i, healthy(a));
      const predicted = expectedFunnel(a);
      // The model's lastStep is where the applicant got to; the journey's ends there or at the step before a rejection.
      const reached = predicted.joinsBatch
        ? 'join-wave'
        : predicted.passesTest && a.traits.willJoinWave
          ? 'wave' // a student: Dapodik refuses the join
          : predicted.uploads
            ? 'test' // passed and stopped there, or failed the test
            : predicted.verifiesNik
              ? 'profile'
              : predicted.verifiesEmail
                ? 'verify-email'
                : predicted.registers
                  ? 'account'
                  : 'visit';
      expect(end.lastStep).toBe(reached);
      ends[end.result] += 1;
    }
    const shares = expectedFunnelShares(SEED, 0, count);
    expect(ends.completed / count).toBe(shares.results.completed);
    expect(ends['dropped-out'] / count).toBe(shares.results['dropped-out']);
    expect(ends.abandoned / count).toBe(shares.results.abandoned);
    expect(shares.steps['join-wave']).toBe(shares.results.completed);
  });

  test('a large population reproduces the launch funnel (74.2 % email, 43.6 % NIK of registrants)', () => {
    const shares = expectedFunnelShares(20200411, 0, 20_000);
    expect(shares.steps.account).toBeGreaterThan(0.99);
    expect(Math.abs(shares.steps['verify-email'] - 1_063_028 / 1_432_133)).toBeLessThan(0.01);
    expect(Math.abs(shares.steps.profile - 624_090 / 1_432_133)).toBeLessThan(0.01);
    expect(Math.abs(shares.steps['join-wave'] - 77_834 / 1_432_133)).toBeLessThan(0.005);
  });
});

describe('smoke and ping journeys, and the registry', () => {
  test('smoke: every arrival takes one page view, account, outbox, verify-email, profile, with no think time', () => {
    const applicantOf = withTraits({ willVerifyEmail: false, willCompleteProfile: false, pageViews: 4 });
    const { sent, end } = runScripted(
      getJourney('smoke', { applicantOf }),
      SEED,
      CLEAN,
      healthy(applicantOf(SEED, CLEAN)),
    );
    expect(sent.map((s) => s.action.step)).toEqual([
      'visit',
      'account',
      'outbox',
      'verify-email',
      'profile',
      'upload',
      'test-questions',
      'test',
      'wave',
      'join-wave',
    ]);
    expect(sent.every((s) => s.waitedSeconds === 0)).toBe(true);
    expect(end.result).toBe('completed');
  });

  test('ping: one GET /ping; an error ends it abandoned without retry', () => {
    const ping = getJourney('ping');
    const ok = runScripted(ping, 1, 0, () => ({ status: 200, headers: {}, body: 'pong' }));
    expect(ok.sent.map((s) => [s.action.request.method, s.action.request.path])).toEqual([['GET', '/ping']]);
    expect(ok.end.result).toBe('completed');
    const down = runScripted(ping, 1, 0, () => errorAnswer(503, 'GLB_ERR_SVC_DRAINING'));
    expect(down.sent).toHaveLength(1);
    expect(down.end.result).toBe('abandoned');
  });

  test('an unknown journey name says which exist', () => {
    expect(() => getJourney('checkout')).toThrow(ScenarioError);
    expect(() => getJourney('checkout')).toThrow(/funnel, smoke, wave-open, ping/);
  });
});
