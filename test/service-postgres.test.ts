// The whole funnel on PostgreSQL (the "real stack" database), in a schema of its own that is dropped after.
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_SEED } from '../generators/options.js';
import { cleanApplicants, profileBody, signUpVerified } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const BASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `glb_service_${process.pid}_${Date.now()}`;
let admin: pg.Client;
let service: TestService;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${BASE_URL} (${err.message}); start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`',
    );
  });
  await admin.query(`CREATE SCHEMA ${schema}`);
  // Every pooled connection of the service works in the test's schema.
  const url = `${BASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  service = await startTestService({ db: { kind: 'postgres', url }, logLevel: 'warn' });
});

afterAll(async () => {
  await service?.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

test('account → email → profile → NIK verified, on PostgreSQL', async () => {
  const [a, b] = cleanApplicants(DEFAULT_SEED, 2);
  const token = await signUpVerified(service.url, a!);
  const res = await api<{ status: string }>(service.url, 'PUT', '/api/v1/profile', {
    token,
    body: profileBody(a!),
  });
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('verified');
  // The database enforces NIK uniqueness across accounts here too.
  const other = await signUpVerified(service.url, b!);
  const stolen = await api<{ code: string }>(service.url, 'PUT', '/api/v1/profile', {
    token: other,
    body: profileBody(a!),
  });
  expect(stolen.status).toBe(409);
  expect(stolen.body.code).toBe('GLB_ERR_PROFILE_NIK_TAKEN');
  const tables = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.accounts`);
  expect(tables.rows[0].n).toBe(2);
  const ready = await api<{ database: string }>(service.url, 'GET', '/readyz');
  expect(ready.body.database).toBe('postgres');
});
