// kill -9 of the service while a bounded load is creating accounts, then a restart: every account that was
// answered 201 must be in the database. (SQLite in WAL mode with synchronous=NORMAL survives a process
// crash; only an OS crash could lose the last transactions.)
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { createRepository } from '../target-service/storage/create-repository.js';
import { startChildServer } from './helpers/child-server.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-crash-'));
const dbPath = join(dir, 'crash.db');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `gelombang serve` as its own process and resolves with its URL once it listens. */
async function serve() {
  const server = await startChildServer('cli/index.ts', [
    'serve',
    '--port',
    '0',
    '--db',
    `sqlite:${dbPath}`,
    '--scrypt-cost',
    '1024',
    '--log-level',
    'warn',
  ]);
  children.push(server.child);
  return server;
}

test('every account answered 201 survives kill -9 and a restart', async () => {
  const first = await serve();
  const acknowledged: string[] = [];
  let sent = 0;
  const MAX_REQUESTS = 5000; // bounded load: at most this many requests, for at most ~1.5 s before the kill
  const killAt = Date.now() + 1500;
  let killed = false;

  const worker = async (w: number) => {
    for (let i = 0; sent < MAX_REQUESTS && !killed; i++) {
      sent++;
      const email = `crash.${w}.${i}@example.id`;
      try {
        const res = await fetch(`${first.url}/api/v1/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            fullName: 'Applicant',
            email,
            phone: '081234567890',
            password: 'rahasia-123',
          }),
        });
        if (res.status === 201) acknowledged.push(email);
        await res.arrayBuffer();
      } catch {
        return; // the process is gone: the answer never came, so nothing was promised
      }
    }
  };
  const killer = (async () => {
    while (Date.now() < killAt && sent < MAX_REQUESTS) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    first.child.kill('SIGKILL');
  })();
  await Promise.all([killer, ...Array.from({ length: 16 }, (_, w) => worker(w))]);
  expect(acknowledged.length).toBeGreaterThan(50); // the load really ran before the crash

  const second = await serve(); // recovers the WAL and migrates again on the crashed file
  const ready = await fetch(`${second.url}/readyz`);
  expect(ready.status).toBe(200);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));

  const repo = createRepository({ kind: 'sqlite', path: dbPath });
  try {
    const missing: string[] = [];
    for (const email of acknowledged) if (!(await repo.findAccountByEmail(email))) missing.push(email);
    expect(missing).toEqual([]);
    expect(await repo.countAccounts()).toBeGreaterThanOrEqual(acknowledged.length);
  } finally {
    await repo.close();
  }
}, 60_000);
