// Contract, part 1: accounts, sessions, verification mail, idempotency of account creation.

import { describe, expect, it } from 'vitest';
import { at, idem, MINUTE, newAccount, newMail, newSession, register, T0 } from './repository-fixtures.js';
import type { CurrentRepo } from './repository-suite.js';
import { UniqueViolation } from './types.js';

async function uniqueField(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UniqueViolation);
  return (err as UniqueViolation).field;
}

export function describeAccountContract(repo: CurrentRepo): void {
  describe('accounts and sessions', () => {
    it('creates an account that is found by email and by session token', async () => {
      await register(repo(), 1);
      expect(await repo().findAccountByEmail('pelamar1@example.test')).toEqual({
        ...newAccount(1),
        emailVerifiedAt: null,
      });
      expect((await repo().findAccountBySessionToken('token-1', T0))?.id).toBe('acc-1');
      expect(await repo().findAccountByEmail('nobody@example.test')).toBeUndefined();
      expect(await repo().findAccountBySessionToken('token-unknown', T0)).toBeUndefined();
      expect(await repo().countAccounts()).toBe(1);
    });

    it('rejects a second account with the same email and keeps nothing of it', async () => {
      await register(repo(), 1);
      const twin = { ...newAccount(2), email: newAccount(1).email };
      expect(await uniqueField(repo().createAccount(twin, newSession(2), newMail(2)))).toBe('email');
      expect(await repo().countAccounts()).toBe(1);
      expect(await repo().findAccountBySessionToken('token-2', T0)).toBeUndefined();
      expect(await repo().latestMail('acc-2')).toBeUndefined();
    });

    it('stops honouring a session at its expiry instant', async () => {
      await repo().createAccount(newAccount(1), newSession(1, 10 * MINUTE), newMail(1));
      expect(await repo().findAccountBySessionToken('token-1', at(10 * MINUTE - 1))).toBeDefined();
      expect(await repo().findAccountBySessionToken('token-1', at(10 * MINUTE))).toBeUndefined();
    });

    it('survives migrate() run again: no error, data kept', async () => {
      await register(repo(), 1);
      await repo().migrate();
      await repo().ping();
      expect(await repo().countAccounts()).toBe(1);
    });
  });

  describe('email verification', () => {
    it('keeps the verification mail in the outbox', async () => {
      await register(repo(), 1);
      expect(await repo().latestMail('acc-1')).toEqual({ ...newMail(1), consumedAt: null, attempts: 0 });
      expect(await repo().latestMail('acc-unknown')).toBeUndefined();
    });

    it.each([
      { name: 'a wrong code', code: '999999', when: 1, outcome: 'wrong-code' },
      { name: 'an expired code', code: '100001', when: 60 * MINUTE, outcome: 'expired' },
      {
        name: 'a wrong code that has also expired',
        code: '999999',
        when: 60 * MINUTE,
        outcome: 'wrong-code',
      },
    ] as const)('refuses $name and leaves the account unverified', async ({ code, when, outcome }) => {
      await register(repo(), 1);
      expect(await repo().verifyEmail('acc-1', code, at(when), idem('v1', 'POST /verify'))).toBe(outcome);
      expect((await repo().findAccountByEmail('pelamar1@example.test'))?.emailVerifiedAt).toBeNull();
      expect((await repo().latestMail('acc-1'))?.consumedAt).toBeNull();
      expect(await repo().findIdempotentResponse('POST /verify', 'v1')).toBeUndefined();
    });

    it('verifies with the right code, consumes the mail, saves the response, then says already-verified', async () => {
      await register(repo(), 1);
      const now = at(5 * MINUTE);
      expect(await repo().verifyEmail('acc-1', '100001', now, idem('v1', 'POST /verify'))).toBe('verified');
      expect((await repo().findAccountByEmail('pelamar1@example.test'))?.emailVerifiedAt).toEqual(now);
      expect((await repo().latestMail('acc-1'))?.consumedAt).toEqual(now);
      expect(await repo().findIdempotentResponse('POST /verify', 'v1')).toEqual(idem('v1', 'POST /verify'));
      expect(await repo().verifyEmail('acc-1', '100001', at(6 * MINUTE))).toBe('already-verified');
    });

    it('verifies once when two submissions of the right code race', async () => {
      await register(repo(), 1);
      const outcomes = await Promise.all([
        repo().verifyEmail('acc-1', '100001', at(1)),
        repo().verifyEmail('acc-1', '100001', at(1)),
      ]);
      expect(outcomes.sort()).toEqual(['already-verified', 'verified']);
    });

    it('says wrong-code for an account that does not exist', async () => {
      expect(await repo().verifyEmail('acc-unknown', '100001', T0)).toBe('wrong-code');
    });
  });

  describe('idempotency keys on account creation', () => {
    it('saves the response with the account, in the same transaction', async () => {
      await register(repo(), 1, idem('k1'));
      expect(await repo().findIdempotentResponse('POST /api/v1/accounts', 'k1')).toEqual(idem('k1'));
      expect(await repo().findIdempotentResponse('POST /api/v1/accounts', 'k2')).toBeUndefined();
    });

    it('rolls back the whole account when the key is already taken', async () => {
      await register(repo(), 1, idem('k1'));
      expect(await uniqueField(register(repo(), 2, idem('k1')))).toBe('idempotency-key');
      expect(await repo().findAccountByEmail('pelamar2@example.test')).toBeUndefined();
      expect(await repo().findAccountBySessionToken('token-2', T0)).toBeUndefined();
      expect(await repo().countAccounts()).toBe(1);
    });

    it('scopes keys: the same key in another scope is a different key', async () => {
      await register(repo(), 1, idem('k1'));
      await register(repo(), 2, idem('k1', 'POST /other'));
      expect(await repo().countAccounts()).toBe(2);
    });

    it('reports the key, not the email, when a retried request races its original', async () => {
      const fields = await Promise.all([
        register(repo(), 1, idem('k1')).then(() => 'ok'),
        repo()
          .createAccount(
            newAccount(1),
            { ...newSession(1), tokenHash: 'token-retry' },
            {
              ...newMail(1),
              id: 'mail-retry',
            },
            idem('k1'),
          )
          .then(
            () => 'ok',
            (e: unknown) => (e instanceof UniqueViolation ? e.field : String(e)),
          ),
      ]);
      expect(fields.sort()).toEqual(['idempotency-key', 'ok']);
      expect(await repo().countAccounts()).toBe(1);
    });
  });
}
