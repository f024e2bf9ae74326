// The funnel after the profile, over real HTTP on both storage backends: the age rule (generated applicant
// 29 of seed 20200411 is 16 on wave 1's registration date; issue 10 named applicant 139, NIK 7502010810031480,
// which the generators made before NIKs took real Kemendagri district codes), the aptitude test's preconditions and scoring,
// Dapodik at Join Batch, and joining under concurrency with the overflow to the next wave.
import { expect, test } from 'vitest';
import { applicant } from '../generators/index.js';
import type { Applicant } from '../generators/types.js';
import { answersFor, type QuestionView } from '../scenarios/model/assessment-answers.js';
import { ERRORS } from '../target-service/errors.js';
import { DEFAULT_FUNNEL_CONFIG } from '../target-service/funnel-config.js';
import { cleanApplicants, profileBody, signUpVerified } from './helpers/applicants.js';
import { describeOnBothBackends } from './helpers/backends.js';
import { api, type TestService } from './helpers/service.js';

const SEED = 20200411;
const QUOTA = 10;

/** An applicant who is verified, has uploaded and passed the test, written straight into the repository
 *  (the HTTP steps before are tested elsewhere); returns the access token. */
async function readyToJoin(s: TestService, a: Applicant): Promise<string> {
  const token = await signUpVerified(s.url, a);
  const account = (await s.app.repo.findAccountByEmail(a.email.toLowerCase()))!;
  const now = new Date();
  await s.app.repo.saveProfile({ ...profileBody(a), accountId: account.id }, 'verified', null, now, false);
  await s.app.repo.saveDocuments(
    (['ktp', 'selfie'] as const).map((part) => ({
      accountId: account.id,
      part,
      sha256: part.repeat(8),
      sizeBytes: 1,
      mediaType: 'image/jpeg',
      storedAt: now,
    })),
  );
  await s.app.repo.saveAssessment({
    accountId: account.id,
    score: 10,
    questions: 10,
    passed: true,
    answeredAt: now,
  });
  return token;
}

describeOnBothBackends(
  'eligibility, test, waves',
  { funnel: { ...DEFAULT_FUNNEL_CONFIG, waves: { ...DEFAULT_FUNNEL_CONFIG.waves, quota: QUOTA } } },
  (service) => {
    const adults = cleanApplicants(SEED, 80).filter((a) => !a.flags.underAge && !a.flags.student);

    test('generated applicant 29 (NIK 1304075502041077, born 2004-02-15) is refused as under 18', async () => {
      const a = applicant(SEED, 29);
      expect([a.nik, a.birthDate, a.flags.underAge]).toEqual(['1304075502041077', '2004-02-15', true]);
      const token = await signUpVerified(service().url, a);
      const res = await api<{ code: string }>(service().url, 'PUT', '/api/v1/profile', {
        token,
        body: profileBody(a),
      });
      expect([res.status, res.body.code]).toEqual([422, ERRORS.ELIGIBILITY_UNDER_AGE.code]);
      const status = await api<{ status: string; statusReason: string }>(
        service().url,
        'GET',
        '/api/v1/profile',
        {
          token,
        },
      );
      expect([status.body.status, status.body.statusReason]).toEqual([
        'rejected',
        ERRORS.ELIGIBILITY_UNDER_AGE.code,
      ]);
    });

    test('the test opens only after NIK verification and both uploads, then scores against the pass mark', async () => {
      const a = adults[0]!;
      const token = await signUpVerified(service().url, a);
      const early = await api<{ code: string }>(service().url, 'GET', '/api/v1/assessment', { token });
      expect([early.status, early.body.code]).toEqual([409, ERRORS.ASSESSMENT_NIK_NOT_VERIFIED.code]);
      expect(
        (await api(service().url, 'PUT', '/api/v1/profile', { token, body: profileBody(a) })).status,
      ).toBe(200);
      // Dapodik and DTKS are looked up in the background as soon as the NIK is verified.
      const id = (await service().app.repo.findAccountByEmail(a.email.toLowerCase()))!.id;
      let decided = await service().app.repo.findEligibility(id);
      for (let i = 0; i < 50 && decided === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
        decided = await service().app.repo.findEligibility(id);
      }
      expect(decided).toMatchObject({ eligible: true, student: false, onSocialAid: a.flags.onSocialAid });
      const noDocs = await api<{ code: string }>(service().url, 'GET', '/api/v1/assessment', { token });
      expect([noDocs.status, noDocs.body.code]).toEqual([409, ERRORS.ASSESSMENT_DOCUMENTS_MISSING.code]);
      const account = (await service().app.repo.findAccountByEmail(a.email.toLowerCase()))!;
      await service().app.repo.saveDocuments(
        (['ktp', 'selfie'] as const).map((part) => ({
          accountId: account.id,
          part,
          sha256: part,
          sizeBytes: 1,
          mediaType: 'image/jpeg',
          storedAt: new Date(),
        })),
      );
      const get = () =>
        api<{ questions: QuestionView[]; passMark: number }>(service().url, 'GET', '/api/v1/assessment', {
          token,
        });
      const first = await get();
      expect(first.status).toBe(200);
      expect(first.body.questions).toHaveLength(DEFAULT_FUNNEL_CONFIG.assessment.questions);
      expect((await get()).body.questions).toEqual(first.body.questions); // deterministic per applicant

      const bad = await api<{ code: string }>(service().url, 'POST', '/api/v1/assessment', {
        token,
        body: { answers: [{ questionId: 'q1', choice: 'x' }] },
      });
      expect([bad.status, bad.body.code]).toEqual([422, ERRORS.ASSESSMENT_ANSWERS_MISMATCH.code]);
      const answer = (pass: boolean) =>
        api<{ passed: boolean; score: number }>(service().url, 'POST', '/api/v1/assessment', {
          token,
          body: { answers: answersFor(first.body.questions, pass) },
        });
      expect((await answer(false)).body).toMatchObject({ passed: false, score: 0 });
      const joinEarly = await api<{ code: string }>(service().url, 'POST', '/api/v1/waves/1/join', { token });
      expect([joinEarly.status, joinEarly.body.code]).toEqual([409, ERRORS.WAVE_TEST_NOT_PASSED.code]);
      expect((await answer(true)).body).toMatchObject({ passed: true, score: 10 });
      expect((await answer(false)).body).toMatchObject({ passed: true }); // a pass is kept
    });

    test('a student (Dapodik) is refused at Join Batch with its own code', async () => {
      const student = cleanApplicants(SEED, 400).find((a) => a.flags.student)!;
      const token = await readyToJoin(service(), student);
      const res = await api<{ code: string }>(service().url, 'POST', '/api/v1/waves/1/join', { token });
      expect([res.status, res.body.code]).toEqual([422, ERRORS.ELIGIBILITY_IN_EDUCATION.code]);
    });

    test(`${3 * QUOTA} concurrent joins on a quota of ${QUOTA}: ${QUOTA} per wave, the rest told they are on the next`, async () => {
      const applicants = adults.slice(1, 1 + 3 * QUOTA);
      const tokens = await Promise.all(applicants.map((a) => readyToJoin(service(), a)));
      const current = await api<{ id: number; status: string; remaining: number }>(
        service().url,
        'GET',
        '/api/v1/waves/current',
      );
      expect(current.body).toMatchObject({ id: 1, status: 'open' });
      const results = await Promise.all(
        tokens.map((token) =>
          api<{ waveId: number; placement: string; message: string }>(
            service().url,
            'POST',
            '/api/v1/waves/1/join',
            {
              token,
            },
          ),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      const perWave = [1, 2, 3].map((w) => results.filter((r) => r.body.waveId === w).length);
      expect(perWave).toEqual([QUOTA, QUOTA, QUOTA]);
      const overflow = results.filter((r) => r.body.placement === 'next-wave');
      expect(overflow).toHaveLength(2 * QUOTA);
      expect(overflow[0]!.body.message).toMatch(/Wave 1 is full: you have a place on wave [23]/);
      const again = await api<{ alreadyJoined: boolean; waveId: number }>(
        service().url,
        'POST',
        '/api/v1/waves/2/join',
        {
          token: tokens[0]!,
        },
      );
      expect(again.body.alreadyJoined).toBe(true);
      expect(again.body.waveId).toBe(results[0]!.body.waveId);
      const after = await api<{ remaining: number }>(service().url, 'GET', '/api/v1/waves/current');
      expect(after.body.remaining).toBe(0);
      const fresh = await readyToJoin(service(), adults[50]!);
      const notOpen = await api<{ code: string }>(service().url, 'POST', '/api/v1/waves/5/join', {
        token: fresh,
      });
      expect(notOpen.body.code).toBe(ERRORS.WAVE_NOT_OPEN.code);
      const unknown = await api<{ code: string }>(service().url, 'POST', '/api/v1/waves/999/join', {
        token: fresh,
      });
      expect([unknown.status, unknown.body.code]).toEqual([404, ERRORS.WAVE_NOT_FOUND.code]);
    }, 60_000);

    test('DTKS down: the lookups stay queued, Join Batch answers 503 with Retry-After, then joins once it is back', async () => {
      const setDtks = (down: boolean) =>
        fetch(`${service().registryUrl}/admin/behaviour/dtks`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ down }),
        });
      expect((await setDtks(true)).status).toBe(200);
      try {
        const a = adults[60]!;
        const token = await signUpVerified(service().url, a);
        expect(
          (await api(service().url, 'PUT', '/api/v1/profile', { token, body: profileBody(a) })).status,
        ).toBe(200);
        const id = (await service().app.repo.findAccountByEmail(a.email.toLowerCase()))!.id;
        await new Promise((r) => setTimeout(r, 1500)); // the worker has tried and put the job back
        expect(await service().app.repo.findEligibility(id)).toBeUndefined();
        expect(await service().app.repo.countVerificationJobs('eligibility')).toBeGreaterThan(0);
        await service().app.repo.saveAssessment({
          accountId: id,
          score: 10,
          questions: 10,
          passed: true,
          answeredAt: new Date(),
        });
        const refused = await api<{ code: string }>(service().url, 'POST', '/api/v1/waves/1/join', { token });
        expect([refused.status, refused.body.code]).toEqual([
          503,
          ERRORS.ELIGIBILITY_REGISTRY_UNAVAILABLE.code,
        ]);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        await setDtks(false);
        let joined = 0;
        for (let i = 0; i < 40 && joined !== 200; i++) {
          joined = (await api(service().url, 'POST', '/api/v1/waves/1/join', { token })).status;
          if (joined !== 200) await new Promise((r) => setTimeout(r, 500));
        }
        expect(joined).toBe(200);
      } finally {
        await setDtks(false);
      }
    }, 40_000);
  },
);
