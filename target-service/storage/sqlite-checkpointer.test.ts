// The background checkpointer must move committed pages from the WAL into the database file without the
// writing connection doing it, and must stop cleanly with the repository.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createRepository } from './create-repository.js';
import { newAccount, newMail, newSession } from './repository-fixtures.js';

test('committed pages reach the database file through the background thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-ckpt-'));
  const path = join(dir, 'c.db');
  const repo = createRepository({ kind: 'sqlite', path });
  try {
    await repo.migrate();
    const before = statSync(path).size;
    // ~2,000 accounts: a few hundred pages, far below the main connection's 10,000-page autocheckpoint.
    await Promise.all(
      Array.from({ length: 2000 }, (_, n) => repo.createAccount(newAccount(n), newSession(n), newMail(n))),
    );
    const deadline = Date.now() + 5000;
    while (statSync(path).size <= before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(statSync(path).size).toBeGreaterThan(before);
    expect(await repo.countAccounts()).toBe(2000);
  } finally {
    await repo.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
