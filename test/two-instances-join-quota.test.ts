// Several service instances behind a balancer stay correct: two instances on one PostgreSQL take 2,000
// "Join Batch" requests (alternating, many at once) for a wave of 1,000 places. Exactly 1,000 join it,
// the other 1,000 are placed on the next wave (the 2020 overflow rule), and nobody holds two places.
// The applicants are written straight to the database as having passed the test and the eligibility
// check; the joins go over HTTP, half to each instance.
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServiceConfig } from '../target-service/config.js';
import { DEFAULT_FUNNEL_CONFIG } from '../target-service/funnel-config.js';
import { newId, newToken, sha256Hex } from '../target-service/secrets.js';
import { profileInput } from '../target-service/storage/repository-fixtures.js';
import { eachLimited } from './helpers/each-limited.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const APPLICANTS = 2000;
const QUOTA = 1000;
const schema = `glb_two_${process.pid}_${Date.now()}`;
let admin: pg.Client;
const instances: TestService[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const config: Partial<ServiceConfig> = {
    db: { kind: 'postgres', url },
    logLevel: 'warn',
    funnel: { ...DEFAULT_FUNNEL_CONFIG, waves: { ...DEFAULT_FUNNEL_CONFIG.waves, quota: QUOTA } },
  };
  // One after the other: the second finds the schema migrated (migrations take an advisory lock anyway).
  instances.push(await startTestService(config));
  instances.push(await startTestService(config));
}, 60_000);
afterAll(async () => {
  for (const s of instances) await s.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

/** An applicant with a verified profile (of age), who passed the test and is eligible for wave 1;
 *  returns their bearer token. */
async function passedApplicant(n: number): Promise<string> {
  const repo = instances[0]!.app.repo;
  const now = new Date();
  const id = newId(now.getTime());
  const token = newToken();
  await repo.createAccount(
    {
      id,
      fullName: `Pelamar ${n}`,
      email: `join${n}@example.test`,
      phone: `+62812${String(n).padStart(7, '0')}`,
      passwordHash: 'scrypt$test',
      createdAt: now,
    },
    {
      tokenHash: sha256Hex(token),
      accountId: id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
    {
      id: newId(now.getTime()),
      accountId: id,
      kind: 'email-verification',
      code: '000000',
      createdAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
  );
  await repo.saveProfile({ ...profileInput(n), accountId: id }, 'verified', null, now, false);
  await repo.saveAssessment({ accountId: id, score: 10, questions: 10, passed: true, answeredAt: now });
  await repo.saveEligibility({
    accountId: id,
    eligible: true,
    reason: null,
    student: false,
    onSocialAid: false,
    waveId: 1,
    checkedAt: now,
  });
  return token;
}

test(`two instances, ${APPLICANTS} joins, quota ${QUOTA}: exactly ${QUOTA} on wave 1, the rest on wave 2`, async () => {
  const tokens = await eachLimited(
    Array.from({ length: APPLICANTS }, (_, i) => i + 1),
    16,
    (n) => passedApplicant(n),
  );
  // Alternate instances, 64 joins in flight at once, each applicant asking once.
  const answers = await eachLimited(tokens, 64, (token, i) =>
    api<{ waveId: number; placement: string; code?: string }>(
      instances[i % 2]!.url,
      'POST',
      '/api/v1/waves/1/join',
      { token },
    ),
  );
  const byStatus = answers.reduce<Record<number, number>>((acc, a) => {
    acc[a.status] = (acc[a.status] ?? 0) + 1;
    return acc;
  }, {});
  expect(byStatus).toEqual({ 200: APPLICANTS });
  expect(answers.filter((a) => a.body.waveId === 1)).toHaveLength(QUOTA);
  expect(answers.filter((a) => a.body.waveId === 2 && a.body.placement === 'next-wave')).toHaveLength(
    APPLICANTS - QUOTA,
  );
  const waves = await admin.query(`SELECT id, joined, quota FROM ${schema}.waves WHERE id <= 2 ORDER BY id`);
  expect(waves.rows).toEqual([
    { id: 1, joined: QUOTA, quota: QUOTA },
    { id: 2, joined: APPLICANTS - QUOTA, quota: QUOTA },
  ]);
  const members = await admin.query(
    `SELECT count(DISTINCT account_id)::int AS n FROM ${schema}.wave_members`,
  );
  expect(members.rows[0].n).toBe(APPLICANTS);
}, 240_000);
