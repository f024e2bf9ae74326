// Group commit must keep each write's own outcome: concurrent sign-ups share one COMMIT, but a duplicate
// email fails alone and every other applicant in the batch is written.
import { afterEach, expect, test } from 'vitest';
import { createRepository } from './create-repository.js';
import { newAccount, newMail, newSession } from './repository-fixtures.js';
import { type Repository, UniqueViolation } from './types.js';

let repo: Repository | undefined;
afterEach(async () => {
  await repo?.close();
});

test('a duplicate in a batch fails alone; the rest of the batch commits', async () => {
  repo = createRepository({ kind: 'sqlite', path: ':memory:' });
  await repo.migrate();
  const writes = Array.from({ length: 40 }, (_, n) => {
    const account = newAccount(n);
    // Applicant 17 types applicant 3's email: the database's unique index must catch it inside the batch.
    if (n === 17) account.email = newAccount(3).email;
    return repo!.createAccount(account, newSession(n), newMail(n)).then(
      () => 'ok',
      (err: unknown) => (err instanceof UniqueViolation ? err.field : String(err)),
    );
  });
  const outcomes = await Promise.all(writes);
  expect(outcomes.filter((o) => o !== 'ok')).toEqual(['email']);
  expect(outcomes[17]).toBe('email');
  expect(await repo.countAccounts()).toBe(39);
  // The failed write left nothing behind: its session and mail rolled back with its savepoint.
  expect(await repo.latestMail('acc-17')).toBeUndefined();
  expect(await repo.latestMail('acc-16')).toBeDefined();
});
