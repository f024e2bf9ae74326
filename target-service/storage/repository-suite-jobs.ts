// Contract, part 3: the durable NIK-verification queue: claim with a lease, reschedule, complete.

import { describe, expect, it } from 'vitest';
import { at, enqueueJobs, MINUTE, profileInput } from './repository-fixtures.js';
import type { CurrentRepo } from './repository-suite.js';
import type { VerificationJob } from './types.js';

const LEASE = MINUTE;
const accounts = (jobs: VerificationJob[]): string[] => jobs.map((j) => j.accountId);

export function describeJobContract(repo: CurrentRepo): void {
  describe('verification jobs', () => {
    it('hands out due jobs oldest first, up to the limit, counting the attempt', async () => {
      await enqueueJobs(repo(), 3);
      const jobs = await repo().claimVerificationJobs(2, at(10), LEASE);
      expect(accounts(jobs)).toEqual(['acc-1', 'acc-2']);
      expect(jobs.map((j) => [j.attempts, j.nextAttemptAt])).toEqual([
        [1, at(1)],
        [1, at(2)],
      ]);
      expect(jobs[0]!.id).not.toBe(jobs[1]!.id);
      expect(accounts(await repo().claimVerificationJobs(10, at(10), LEASE))).toEqual(['acc-3']);
    });

    it('does not hand out a job before it is due', async () => {
      await enqueueJobs(repo(), 3);
      expect(accounts(await repo().claimVerificationJobs(10, at(2), LEASE))).toEqual(['acc-1', 'acc-2']);
      expect(await repo().claimVerificationJobs(0, at(10), LEASE)).toEqual([]);
    });

    it('does not hand out a leased job again until its lease has expired', async () => {
      await enqueueJobs(repo(), 2);
      await repo().claimVerificationJobs(10, at(10), LEASE);
      expect(await repo().claimVerificationJobs(10, at(10 + LEASE - 1), LEASE)).toEqual([]);
      const again = await repo().claimVerificationJobs(10, at(10 + LEASE), LEASE);
      expect(again.map((j) => [j.accountId, j.attempts])).toEqual([
        ['acc-1', 2],
        ['acc-2', 2],
      ]);
    });

    it('never hands one job to two concurrent claims, and loses none', async () => {
      await enqueueJobs(repo(), 24);
      const batches = await Promise.all(
        [1, 2, 3, 4].map(() => repo().claimVerificationJobs(8, at(100), LEASE)),
      );
      const rest = await repo().claimVerificationJobs(100, at(100), LEASE);
      const ids = [...batches.flat(), ...rest].map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(24);
    });

    it('reschedules a job: released from its lease, due again at the new time, with the attempt kept', async () => {
      await enqueueJobs(repo(), 1);
      const [job] = await repo().claimVerificationJobs(1, at(10), LEASE);
      await repo().rescheduleVerificationJob(job!.id, at(20), 'registry timeout');
      expect(await repo().claimVerificationJobs(1, at(19), LEASE)).toEqual([]);
      const [retry] = await repo().claimVerificationJobs(1, at(20), LEASE);
      expect(retry).toEqual({
        id: job!.id,
        accountId: 'acc-1',
        kind: 'nik',
        attempts: 2,
        nextAttemptAt: at(20),
      });
      expect(await repo().countVerificationJobs()).toBe(1);
    });

    it('completes a job: gone from the queue, never handed out again', async () => {
      await enqueueJobs(repo(), 2);
      const [job] = await repo().claimVerificationJobs(1, at(10), LEASE);
      await repo().completeVerificationJob(job!.id);
      expect(await repo().countVerificationJobs()).toBe(1);
      expect(accounts(await repo().claimVerificationJobs(10, at(10 + 2 * LEASE), LEASE))).toEqual(['acc-2']);
    });

    it('gives a re-saved profile a fresh job, due now, that the old job cannot complete', async () => {
      await enqueueJobs(repo(), 1);
      const [old] = await repo().claimVerificationJobs(1, at(10), LEASE);
      await repo().saveProfile(profileInput(1, 9), 'pending', null, at(20), true);
      await repo().completeVerificationJob(old!.id); // the worker that held the old job finishes late
      const [fresh] = await repo().claimVerificationJobs(1, at(20), LEASE);
      expect(fresh).toMatchObject({ accountId: 'acc-1', attempts: 1, nextAttemptAt: at(20) });
      expect(fresh!.id).not.toBe(old!.id);
    });

    it('counts jobs not yet completed', async () => {
      expect(await repo().countVerificationJobs()).toBe(0);
      await enqueueJobs(repo(), 3);
      await repo().claimVerificationJobs(1, at(10), LEASE);
      expect(await repo().countVerificationJobs()).toBe(3);
    });
  });
}
