// Wave selection: the Ministry's proposed NIKs first, then the other members in a seeded random order;
// the announcement is written once, and re-running with the same inputs changes nothing. By the CLI on a
// SQLite file and by the admin route on PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERRORS } from '../target-service/errors.js';
import { createRepository } from '../target-service/storage/create-repository.js';
import { at, nik, profileInput, register } from '../target-service/storage/repository-fixtures.js';
import { weeklyWaves } from '../target-service/storage/repository-suite-waves.js';
import type { Repository } from '../target-service/storage/types.js';
import { selectApplicants } from '../target-service/waves/selection.js';
import { gelombang } from './helpers/cli.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const MEMBERS = 60;
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Accounts 1..MEMBERS with profiles, each holding a place on wave 1. */
async function members(repo: Repository): Promise<void> {
  for (let n = 1; n <= MEMBERS; n++) {
    await register(repo, n);
    await repo.saveProfile(profileInput(n), 'verified', null, at(n), false);
    expect((await repo.joinWave(`acc-${n}`, 1, at(n))).outcome).toBe('joined');
  }
}

describe('selectApplicants', () => {
  const candidates = Array.from({ length: 50 }, (_, i) => ({ accountId: `acc-${i + 1}`, nik: nik(i + 1) }));

  test('priority NIKs first, in the list order, members only, each once; then a random draw', () => {
    const picked = selectApplicants(candidates, [nik(40), nik(999), nik(3), nik(40)], 10, 7);
    expect(picked.slice(0, 2)).toEqual([
      { accountId: 'acc-40', rank: 1, basis: 'priority' },
      { accountId: 'acc-3', rank: 2, basis: 'priority' },
    ]);
    expect(picked).toHaveLength(10);
    expect(new Set(picked.map((p) => p.accountId)).size).toBe(10);
    expect(picked.slice(2).every((p) => p.basis === 'random')).toBe(true);
  });

  test('same seed, same announcement; another seed, another draw', () => {
    const a = selectApplicants(candidates, [], 20, 1);
    expect(selectApplicants(candidates, [], 20, 1)).toEqual(a);
    expect(selectApplicants(candidates, [], 20, 2)).not.toEqual(a);
    // Not simply the first 20 in account order.
    expect(a.map((p) => p.accountId)).not.toEqual(candidates.slice(0, 20).map((c) => c.accountId));
  });
});

describe('gelombang waves select (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-select-'));
  const db = `sqlite:${join(dir, 'select.db')}`;
  const csv = join(dir, 'kemnaker.csv');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const repo = await createRepository({ kind: 'sqlite', path: join(dir, 'select.db') });
    await repo.migrate();
    await repo.upsertWaves(weeklyWaves(2, 1000));
    await members(repo);
    await repo.close();
    writeFileSync(csv, `nik,name\n${nik(50)},Pekerja A\n${nik(7)},Pekerja B\n${nik(9999)},Bukan anggota\n`);
  });

  test('priority list first, the rest by seed; the announcement is written; re-run: unchanged', async () => {
    const args = [
      'waves',
      'select',
      '--wave',
      '1',
      '--db',
      db,
      '--priority',
      csv,
      '--seed',
      '7',
      '--places',
      '20',
    ];
    const first = await gelombang(args);
    expect(first.stderr).toContain('selecting wave 1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /wave 1: 60 members, 20 selected of 20 places \(2 from the priority list, 18 drawn with seed 7\); announcement written/,
    );
    const again = await gelombang(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/20 selected .* already announced at .*, unchanged/);

    const repo = await createRepository({ kind: 'sqlite', path: join(dir, 'select.db') });
    const stored = (await repo.findWaveSelection(1))!;
    await repo.close();
    expect(stored.complete).toBe(true);
    expect(stored.selected.slice(0, 2).map((a) => a.accountId)).toEqual(['acc-50', 'acc-7']);
    const candidates = Array.from({ length: MEMBERS }, (_, i) => ({
      accountId: `acc-${i + 1}`,
      nik: nik(i + 1),
    }));
    // The stored announcement is the pure function's, for the members in account-id order.
    const sorted = [...candidates].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    expect(stored.selected).toEqual(selectApplicants(sorted, [nik(50), nik(7), nik(9999)], 20, 7));
  }, 60_000);

  test.each([
    [['--wave', '1', '--seed', '8', '--places', '20'], /already announced with another seed/],
    [['--wave', 'one'], /--wave must be a whole number/],
    [['--wave', '99'], /no wave with this id .*start the service once/],
    [['--wave', '1', '--priority', '/nonexistent.csv'], /cannot read/],
  ])(
    '%j → exit 2 with a message',
    async (extra, message) => {
      const run = await gelombang(['waves', 'select', '--db', db, ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    },
    30_000,
  );

  test('a priority file with a line that is not a NIK is refused before any work', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `nik\n${nik(1)}\n12345\n`);
    const run = await gelombang(['waves', 'select', '--wave', '2', '--db', db, '--priority', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/1 line\(s\) of .* hold no 16-digit NIK \(lines 3/);
  }, 30_000);
});

describe('POST /api/v1/admin/waves/:waveId/selection (PostgreSQL)', () => {
  const ADMIN_KEY = 'admin-key-for-the-selection-test';
  const schema = `glb_select_${process.pid}_${Date.now()}`;
  let admin: pg.Client;
  let service: TestService;
  const path = '/api/v1/admin/waves/1/selection';
  const call = (method: string, body?: unknown, key = ADMIN_KEY) =>
    api<Record<string, unknown>>(service.url, method, path, {
      ...(body === undefined ? {} : { body }),
      headers: { 'x-api-key': key },
    });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    service = await startTestService({
      db: { kind: 'postgres', url },
      logLevel: 'warn',
      adminKey: ADMIN_KEY,
    });
    await members(service.app.repo);
  }, 60_000);
  afterAll(async () => {
    await service?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
  });

  test('announces once (201), answers the same announcement again (200), refuses other inputs (409)', async () => {
    expect((await call('GET')).body['code']).toBe(ERRORS.SELECTION_NOT_ANNOUNCED.code);
    const body = { seed: 7, places: 10, priorityNiks: [nik(5)] };
    const first = await call('POST', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      waveId: 1,
      candidates: MEMBERS,
      selected: 10,
      fromPriority: 1,
      drawn: 9,
    });
    expect((first.body['accountIds'] as string[])[0]).toBe('acc-5');
    const again = await call('POST', body);
    expect(again.status).toBe(200);
    expect(again.body['accountIds']).toEqual(first.body['accountIds']);
    expect(again.body['created']).toBe(false);
    const other = await call('POST', { ...body, seed: 8 });
    expect([other.status, other.body['code']]).toEqual([409, ERRORS.SELECTION_ALREADY_ANNOUNCED.code]);
    expect((await call('GET')).body['accountIds']).toEqual(first.body['accountIds']);
    const rows = await admin.query(
      `SELECT count(*)::int AS n FROM ${schema}.wave_announcements WHERE wave_id = 1`,
    );
    expect(rows.rows[0].n).toBe(10);
  });

  test.each([
    ['no key', 401, ERRORS.AUTH_MISSING_API_KEY.code, undefined, ''],
    ['a wrong key', 401, ERRORS.AUTH_INVALID_API_KEY.code, undefined, 'not-the-admin-key-at-all'],
    ['a NIK that is not 16 digits', 400, ERRORS.REQ_VALIDATION.code, { priorityNiks: ['123'] }, ADMIN_KEY],
    ['an unknown field', 400, ERRORS.REQ_VALIDATION.code, { seeds: 1 }, ADMIN_KEY],
  ])('%s → %i %s', async (_name, status, code, body, key) => {
    const res = await call('POST', body ?? {}, key);
    expect([res.status, res.body['code']]).toEqual([status, code]);
  });
});
