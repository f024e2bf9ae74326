// Contract, part 5: the funnel after the profile — sign-in sessions, no guessing at email codes, documents,
// eligibility and the aptitude test.

import { describe, expect, it } from 'vitest';
import { at, HOUR, MINUTE, newMail, newSession, profileInput, register, T0 } from './repository-fixtures.js';
import type { CurrentRepo } from './repository-suite.js';
import type { EmailCodeLimits } from './verify-email-outcome.js';

const LIMITS: EmailCodeLimits = { perCode: 3, perAccount: 5, windowMs: 24 * HOUR };

export function describeFunnelContract(repo: CurrentRepo): void {
  describe('sign-in sessions', () => {
    it('adds a session for an account and ends it on sign-out', async () => {
      await register(repo(), 1);
      await repo().createSession({ ...newSession(1), tokenHash: 'token-1b' });
      expect((await repo().findAccountBySessionToken('token-1b', T0))?.id).toBe('acc-1');
      expect(await repo().deleteSession('token-1b')).toBe(true);
      expect(await repo().deleteSession('token-1b')).toBe(false);
      expect(await repo().findAccountBySessionToken('token-1b', T0)).toBeUndefined();
      expect((await repo().findAccountBySessionToken('token-1', T0))?.id).toBe('acc-1'); // the other one stays
    });
  });

  describe('no guessing at email codes', () => {
    it('burns a code after perCode wrong guesses; the right code no longer works', async () => {
      await register(repo(), 1);
      const guess = (code: string, n: number) => repo().verifyEmail('acc-1', code, at(n), undefined, LIMITS);
      expect(await guess('000000', 1)).toBe('wrong-code');
      expect(await guess('000001', 2)).toBe('wrong-code');
      expect(await guess('000002', 3)).toBe('code-locked');
      expect(await guess('100001', 4)).toBe('code-locked'); // the right code, too late
      expect((await repo().latestMail('acc-1'))?.attempts).toBe(3);
      expect((await repo().findAccountByEmail('pelamar1@example.test'))?.emailVerifiedAt).toBeNull();
    });

    it('a fresh code works again until the account has used its guesses for the window', async () => {
      await register(repo(), 1);
      const guess = (code: string, n: number) => repo().verifyEmail('acc-1', code, at(n), undefined, LIMITS);
      for (let i = 0; i < 3; i++) await guess('000000', i);
      const fresh = { ...newMail(1), id: 'mail-1b', code: '222222', createdAt: at(10), expiresAt: at(HOUR) };
      expect(await repo().issueMail(fresh, 5, at(10 - HOUR))).toBe('issued');
      expect(await guess('000000', 11)).toBe('wrong-code');
      expect(await guess('000000', 12)).toBe('attempts-exhausted'); // 5 wrong on the account
      expect(await guess('222222', 13)).toBe('attempts-exhausted'); // even the right one, until the window passes
      expect(await guess('222222', 25 * HOUR)).toBe('expired'); // the window has passed; this code expired too
    });

    it('issues at most `max` mails in the window', async () => {
      await register(repo(), 1);
      const mail = (n: number) => ({ ...newMail(1), id: `m-${n}`, createdAt: at(n), expiresAt: at(HOUR) });
      expect(await repo().issueMail(mail(1), 2, at(-HOUR))).toBe('issued');
      expect(await repo().issueMail(mail(2), 2, at(-HOUR))).toBe('limit-reached'); // register() sent one
      expect(await repo().issueMail(mail(3), 2, at(5))).toBe('issued'); // a later window: none sent in it
    });
  });

  describe('eligibility jobs in the durable queue', () => {
    it('queues one eligibility job per account, never beside an open NIK job', async () => {
      await register(repo(), 1);
      await register(repo(), 2);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      await repo().enqueueEligibilityCheck('acc-1', at(2)); // the NIK job is still open: no-op
      await repo().enqueueEligibilityCheck('acc-2', at(2));
      await repo().enqueueEligibilityCheck('acc-2', at(3)); // already queued: no-op
      expect([
        await repo().countVerificationJobs(),
        await repo().countVerificationJobs('eligibility'),
      ]).toEqual([1, 1]);
      const jobs = await repo().claimVerificationJobs(10, at(10), MINUTE);
      expect(jobs.map((j) => [j.accountId, j.kind])).toEqual([
        ['acc-1', 'nik'],
        ['acc-2', 'eligibility'],
      ]);
      await repo().completeVerificationJob(jobs[0]!.id);
      await repo().enqueueEligibilityCheck('acc-1', at(20));
      const next = await repo().claimVerificationJobs(10, at(20), MINUTE);
      expect(next.map((j) => [j.accountId, j.kind])).toEqual([['acc-1', 'eligibility']]);
    });
  });

  describe('documents, eligibility, assessment', () => {
    it('saves both documents in one write and replaces them on a second upload', async () => {
      await register(repo(), 1);
      const doc = (part: 'ktp' | 'selfie', sha: string) => ({
        accountId: 'acc-1',
        part,
        sha256: sha,
        sizeBytes: 1000,
        mediaType: 'image/jpeg',
        storedAt: at(MINUTE),
      });
      await repo().saveDocuments([doc('ktp', 'a'.repeat(64)), doc('selfie', 'b'.repeat(64))]);
      await repo().saveDocuments([doc('ktp', 'c'.repeat(64))]);
      const docs = await repo().listDocuments('acc-1');
      expect(docs.map((d) => [d.part, d.sha256[0]])).toEqual([
        ['ktp', 'c'],
        ['selfie', 'b'],
      ]);
      expect(docs[0]).toEqual(doc('ktp', 'c'.repeat(64)));
      expect(await repo().documentInUse('a'.repeat(64))).toBe(false);
      expect(await repo().documentInUse('b'.repeat(64))).toBe(true);
      expect(await repo().listDocuments('acc-2')).toEqual([]);
    });

    it('keeps the latest eligibility decision and test result', async () => {
      await register(repo(), 1);
      const e = {
        accountId: 'acc-1',
        eligible: false,
        reason: 'GLB_ERR_ELIGIBILITY_UNDER_AGE',
        student: null,
        onSocialAid: true,
        waveId: 1,
        checkedAt: at(1),
      };
      await repo().saveEligibility(e);
      expect(await repo().findEligibility('acc-1')).toEqual(e);
      await repo().saveEligibility({ ...e, eligible: true, reason: null, student: false, checkedAt: at(2) });
      expect(await repo().findEligibility('acc-1')).toMatchObject({ eligible: true, student: false });
      expect(await repo().findEligibility('acc-2')).toBeUndefined();

      const a = { accountId: 'acc-1', score: 8, questions: 10, passed: true, answeredAt: at(3) };
      await repo().saveAssessment(a);
      expect(await repo().findAssessment('acc-1')).toEqual(a);
      await repo().saveAssessment({ ...a, score: 2, passed: false });
      expect(await repo().findAssessment('acc-1')).toMatchObject({ score: 2, passed: false });
      expect(await repo().findAssessment('acc-2')).toBeUndefined();
    });
  });
}
