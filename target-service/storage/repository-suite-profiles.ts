// Contract, part 2: profiles, NIK uniqueness, status changes, idempotency of profile saves.

import { describe, expect, it } from 'vitest';
import { at, idem, nik, profileInput, register, T0 } from './repository-fixtures.js';
import type { CurrentRepo } from './repository-suite.js';
import { UniqueViolation } from './types.js';

const PUT = 'PUT /api/v1/profile';

export function describeProfileContract(repo: CurrentRepo): void {
  describe('profiles', () => {
    it('saves a profile with its status and enqueues one verification job', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      expect(await repo().findProfile('acc-1')).toEqual({
        ...profileInput(1),
        status: 'pending',
        statusReason: null,
        updatedAt: at(1),
      });
      expect(await repo().findProfile('acc-unknown')).toBeUndefined();
      expect(await repo().countVerificationJobs()).toBe(1);
    });

    it('replaces the profile on a second save, keeping one open job per account', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      await repo().saveProfile(
        { ...profileInput(1, 7), address: 'Jl. Baru 2' },
        'pending',
        null,
        at(2),
        true,
      );
      const saved = await repo().findProfile('acc-1');
      expect(saved?.nik).toBe(nik(7));
      expect(saved?.address).toBe('Jl. Baru 2');
      expect(saved?.updatedAt).toEqual(at(2));
      expect(await repo().countVerificationJobs()).toBe(1);
    });

    it('accepts the same NIK again for the same account', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      await repo().saveProfile(profileInput(1), 'verified', null, at(2), false);
      expect((await repo().findProfile('acc-1'))?.status).toBe('verified');
    });

    it('refuses a NIK registered to another account, on first save and on replace, changing nothing', async () => {
      await register(repo(), 1);
      await register(repo(), 2);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      const first = repo().saveProfile(profileInput(2, 1), 'pending', null, at(2), true);
      await expect(first).rejects.toBeInstanceOf(UniqueViolation);
      await expect(first).rejects.toHaveProperty('field', 'nik');
      expect(await repo().findProfile('acc-2')).toBeUndefined();

      await repo().saveProfile(profileInput(2), 'pending', null, at(3), true);
      const replace = repo().saveProfile(profileInput(2, 1), 'pending', null, at(4), true);
      await expect(replace).rejects.toHaveProperty('field', 'nik');
      expect((await repo().findProfile('acc-2'))?.nik).toBe(nik(2));
      expect(await repo().countVerificationJobs()).toBe(2);
    });

    it('sets the status and reason', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      await repo().setProfileStatus('acc-1', 'rejected', 'registry-mismatch', at(9));
      const saved = await repo().findProfile('acc-1');
      expect([saved?.status, saved?.statusReason, saved?.updatedAt]).toEqual([
        'rejected',
        'registry-mismatch',
        at(9),
      ]);
    });

    it('drops the open job when a profile is saved without enqueue (its status is already decided)', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true);
      await repo().saveProfile(profileInput(1), 'verified', null, at(2), false);
      expect(await repo().countVerificationJobs()).toBe(0);
    });
  });

  describe('idempotency keys on profile saves', () => {
    it('saves the response with the profile', async () => {
      await register(repo(), 1);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true, idem('p1', PUT));
      expect(await repo().findIdempotentResponse(PUT, 'p1')).toEqual(idem('p1', PUT));
    });

    it('rolls back the profile and its job when the key is already taken', async () => {
      await register(repo(), 1);
      await register(repo(), 2);
      await repo().saveProfile(profileInput(1), 'pending', null, at(1), true, idem('p1', PUT));
      const again = repo().saveProfile(profileInput(2), 'pending', null, at(2), true, idem('p1', PUT));
      await expect(again).rejects.toHaveProperty('field', 'idempotency-key');
      expect(await repo().findProfile('acc-2')).toBeUndefined();
      expect(await repo().countVerificationJobs()).toBe(1);
      expect((await repo().findIdempotentResponse(PUT, 'p1'))?.createdAt).toEqual(T0);
    });
  });
}
