// Offline registration over real HTTP, on SQLite and on PostgreSQL: a regional office sends 10,000 rows
// with 3 % bad ones; the rest are created (pending NIK verification), each bad row is reported with its
// code, and re-sending the batch creates nothing new.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Applicant } from '../generators/types.js';
import type { ServiceConfig } from '../target-service/config.js';
import { ERRORS } from '../target-service/errors.js';
import { accountBody, cleanApplicants, profileBody } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const OFFICE = 'disnaker-papua';
const KEY = 'papua-office-key-0123456789';
const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = 10_000;

type Row = Record<string, unknown>;
type Result = { row: number; status: string; code?: string; accountId?: string };
type BatchBody = {
  rows: number;
  created: number;
  duplicate: number;
  invalid: number;
  results: Result[];
  code?: string;
};

function row(a: Applicant): Row {
  const { password: _password, ...account } = accountBody(a);
  return { ...account, ...profileBody(a) };
}

/** Every 33rd row is spoiled (3 %), cycling through the ways a row goes wrong; returns the lines and the
 *  code each spoiled row must be reported with. */
function batch(applicants: Applicant[]): { lines: string[]; expected: Map<number, [string, string]> } {
  const spoilers: Array<[string, string, (r: Row, n: number) => Row | string]> = [
    ['invalid', ERRORS.ACCOUNT_INVALID_EMAIL.code, (r) => ({ ...r, email: 'not-an-email' })],
    ['invalid', ERRORS.ACCOUNT_INVALID_PHONE.code, (r) => ({ ...r, phone: '12345678' })],
    ['invalid', ERRORS.PROFILE_NIK_INVALID.code, (r) => ({ ...r, nik: '9999999999999999' })],
    ['invalid', ERRORS.PROFILE_NIK_MISMATCH.code, (r) => ({ ...r, gender: r['gender'] === 'M' ? 'F' : 'M' })],
    ['invalid', ERRORS.PROFILE_INVALID_BIRTH_DATE.code, (r) => ({ ...r, birthDate: '1990-02-30' })],
    ['invalid', ERRORS.REQ_VALIDATION.code, (r) => ({ ...r, shoeSize: 42 })],
    ['invalid', ERRORS.BULK_ROW_MALFORMED.code, (r) => JSON.stringify(r).slice(0, 40)],
    ['duplicate', ERRORS.ACCOUNT_EMAIL_TAKEN.code, (r, n) => ({ ...r, email: applicants[n - 1]!.email })],
  ];
  const expected = new Map<number, [string, string]>();
  const lines = applicants.map((a, i) => {
    const n = i + 1;
    if (n % 33 !== 0) return JSON.stringify(row(a));
    const [status, code, spoil] = spoilers[(n / 33) % spoilers.length]!;
    expected.set(n, [status, code]);
    const spoiled = spoil(row(a), i);
    return typeof spoiled === 'string' ? spoiled : JSON.stringify(spoiled);
  });
  return { lines, expected };
}

const send = (url: string, body: string, batchId: string, type = 'application/x-ndjson', key = KEY) =>
  api<BatchBody>(url, 'POST', '/api/v1/bulk-registrations', {
    body,
    headers: { 'content-type': type, 'x-api-key': key, 'x-batch-id': batchId },
  });

describe.each<{ db: 'sqlite' | 'postgres' }>([{ db: 'sqlite' }, { db: 'postgres' }])(
  'bulk registration on $db',
  ({ db }) => {
    let service: TestService;
    let admin: pg.Client | undefined;
    const schema = `glb_bulk_${process.pid}_${Date.now()}`;

    beforeAll(async () => {
      const overrides: Partial<ServiceConfig> = { logLevel: 'warn', regionalOfficeKeys: { [OFFICE]: KEY } };
      if (db === 'postgres') {
        admin = new pg.Client({ connectionString: PG_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        overrides.db = { kind: 'postgres', url };
      }
      service = await startTestService(overrides);
    }, 60_000);
    afterAll(async () => {
      await service?.close();
      await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin?.end();
    });

    test(`${ROWS} rows, 3 % bad: the rest created, each bad row reported with its code; re-sent, nothing new`, async () => {
      const { lines, expected } = batch(cleanApplicants(11, ROWS));
      const file = `${lines.join('\n')}\n`;
      const first = await send(service.url, file, 'papua-2020-04-20');
      expect(first.status).toBe(200);
      expect(first.body.rows).toBe(ROWS);
      expect(first.body.results).toHaveLength(ROWS);
      expect(first.body.created).toBe(ROWS - expected.size);
      expect(first.body.invalid + first.body.duplicate).toBe(expected.size);
      for (const r of first.body.results) {
        const bad = expected.get(r.row);
        if (bad === undefined) {
          expect(r.status, `row ${r.row}`).toBe('created');
        } else {
          expect([r.status, r.code], `row ${r.row}`).toEqual(bad);
        }
      }
      const created = first.body.created;
      expect(await service.app.repo.countAccounts()).toBe(created);
      // Each created row has its profile, pending or already checked by the verification worker.
      const createdIds = first.body.results.filter((r) => r.status === 'created').map((r) => r.accountId!);
      for (let i = 0; i < createdIds.length; i += 500) {
        const profiles = await Promise.all(
          createdIds.slice(i, i + 500).map((id) => service.app.repo.findProfile(id)),
        );
        expect(profiles.every((p) => p !== undefined)).toBe(true);
      }

      const again = await send(service.url, file, 'papua-2020-04-20');
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await service.app.repo.countAccounts()).toBe(created);

      const other = await send(service.url, lines.slice(0, 10).join('\n'), 'papua-2020-04-20');
      expect(other.status).toBe(422);
      expect(other.body.code).toBe(ERRORS.BULK_BATCH_ID_REUSED.code);
    }, 180_000);

    test('CSV: header row, quoted fields; rows already registered by another batch are duplicates', async () => {
      const applicants = cleanApplicants(11, ROWS + 3).slice(ROWS);
      const columns = Object.keys(row(applicants[0]!));
      const quote = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
      const csv = [
        columns.join(','),
        ...applicants.map((a) => columns.map((c) => quote(row(a)[c])).join(',')),
        columns.map((c) => quote(row(cleanApplicants(11, 1)[0]!)[c])).join(','), // from the NDJSON batch
        'too,few,fields',
        // A new email with a NIK the NDJSON batch registered: refused whole, no account left behind.
        columns
          .map((c) => quote({ ...row(cleanApplicants(11, 2)[1]!), email: 'new.person@example.id' }[c]))
          .join(','),
      ].join('\r\n');
      const res = await send(service.url, csv, 'papua-csv-1', 'text/csv');
      expect(res.status).toBe(200);
      expect(res.body.results.map((r) => [r.row, r.status, r.code])).toEqual([
        [1, 'created', undefined],
        [2, 'created', undefined],
        [3, 'created', undefined],
        [4, 'duplicate', ERRORS.ACCOUNT_EMAIL_TAKEN.code],
        [5, 'invalid', ERRORS.BULK_ROW_MALFORMED.code],
        [6, 'duplicate', ERRORS.PROFILE_NIK_TAKEN.code],
      ]);
      expect(await service.app.repo.findAccountByEmail('new.person@example.id')).toBeUndefined();
    });

    test('a batch from an unknown office, or with no key, is refused before anything is read', async () => {
      const wrong = await send(service.url, '{}', 'b1', 'application/x-ndjson', 'not-the-key-0123456789');
      expect([wrong.status, wrong.body.code]).toEqual([401, ERRORS.AUTH_INVALID_API_KEY.code]);
    });
  },
);
