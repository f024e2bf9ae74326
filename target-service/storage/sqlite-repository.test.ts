import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepository } from './create-repository.js';
import { MIGRATIONS } from './migrations.js';
import { at, enqueueJobs, MINUTE, register, T0 } from './repository-fixtures.js';
import { describeRepositoryContract } from './repository-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-sqlite-'));
let fileCount = 0;
const freshFile = (): string => join(dir, `nested/db-${++fileCount}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRepositoryContract('sqlite file', async () =>
  createRepository({ kind: 'sqlite', path: freshFile() }),
);
describeRepositoryContract('sqlite :memory:', async () =>
  createRepository({ kind: 'sqlite', path: ':memory:' }),
);

describe('SqliteRepository on a file', () => {
  it('creates the directory, uses WAL, and keeps data across reopening', async () => {
    const path = freshFile();
    const first = createRepository({ kind: 'sqlite', path });
    await first.migrate();
    await register(first, 1);
    await first.close();

    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(
      MIGRATIONS.map((m) => m.version),
    );
    raw.close();

    const second = createRepository({ kind: 'sqlite', path });
    await second.migrate();
    expect(await second.countAccounts()).toBe(1);
    await second.close();
  });

  it('shares leases between two connections to one file (two processes on one machine)', async () => {
    const path = freshFile();
    const a = createRepository({ kind: 'sqlite', path });
    const b = createRepository({ kind: 'sqlite', path });
    await Promise.all([a.migrate(), b.migrate()]);
    await enqueueJobs(a, 6);
    const fromA = await a.claimVerificationJobs(4, at(10), MINUTE);
    const fromB = await b.claimVerificationJobs(4, at(10), MINUTE);
    expect(fromA).toHaveLength(4);
    expect(fromB.map((j) => j.accountId)).toEqual(['acc-5', 'acc-6']);
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a committed write when the process is killed with SIGKILL (synchronous=NORMAL + WAL)', async () => {
    const path = freshFile();
    const writer = fileURLToPath(new URL('./sqlite-crash-writer.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('committed') && resolve());
      child.once('exit', () => reject(new Error('writer exited before committing')));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(`${path}-wal`)).toBe(true); // the commit lives only in the WAL, not yet checkpointed

    const reopened = createRepository({ kind: 'sqlite', path });
    expect((await reopened.findAccountBySessionToken('token-1', T0))?.email).toBe('pelamar1@example.test');
    await reopened.close();
  });
});
