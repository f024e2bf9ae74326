// The whole funnel against the real service (SQLite, in-process registry stub, loopback HTTP):
// account → code from the sandbox outbox → verify email → profile → NIK verified by the stub.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applicant } from '../generators/index.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { accountBody, cleanApplicants, profileBody, signUpVerified } from './helpers/applicants.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const SEED = DEFAULT_SEED; // the in-process registry stub answers for the default seed's population
let service: TestService;

beforeAll(async () => {
  // trace: the most verbose logging, so the PII check below sees everything the service could log.
  service = await startTestService({ logLevel: 'trace' });
});
afterAll(async () => {
  await service?.close();
});

describe('registration funnel', () => {
  const [alice, bob, carol] = cleanApplicants(SEED, 3) as [
    ReturnType<typeof applicant>,
    ReturnType<typeof applicant>,
    ReturnType<typeof applicant>,
  ];

  test('account → outbox → verify email → profile → NIK verified', async () => {
    const created = await api<{ accessToken: string; emailVerified: boolean }>(
      service.url,
      'POST',
      '/api/v1/accounts',
      {
        body: accountBody(alice),
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.emailVerified).toBe(false);
    const token = created.body.accessToken;

    const early = await api<{ code: string }>(service.url, 'PUT', '/api/v1/profile', {
      token,
      body: profileBody(alice),
    });
    expect(early.status).toBe(403);

    const mail = await api<{ code: string; kind: string }>(service.url, 'GET', '/api/v1/sandbox/outbox', {
      token,
    });
    expect(mail.status).toBe(200);
    expect(mail.body.code).toMatch(/^\d{6}$/);
    const verified = await api(service.url, 'POST', '/api/v1/email-verifications', {
      token,
      body: { code: mail.body.code },
    });
    expect(verified.status).toBe(200);

    const profile = await api<{ status: string }>(service.url, 'PUT', '/api/v1/profile', {
      token,
      body: profileBody(alice),
    });
    expect(profile.status).toBe(200);
    expect(profile.body.status).toBe('verified');
    const read = await api<{ status: string }>(service.url, 'GET', '/api/v1/profile', { token });
    expect(read.body.status).toBe('verified');
  });

  test('a duplicate email is rejected, whatever its case', async () => {
    const shouting = { ...accountBody(alice), email: alice.email.toUpperCase() };
    const again = await api<{ code: string }>(service.url, 'POST', '/api/v1/accounts', { body: shouting });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('GLB_ERR_ACCOUNT_EMAIL_TAKEN');
  });

  test('another account cannot claim a registered NIK', async () => {
    const token = await signUpVerified(service.url, bob);
    const stolen = { ...profileBody(alice) };
    const res = await api<{ code: string }>(service.url, 'PUT', '/api/v1/profile', { token, body: stolen });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('GLB_ERR_PROFILE_NIK_TAKEN');
  });

  test('a NIK the registry does not know, or data that differs from it, is rejected with a code', async () => {
    let unknown: ReturnType<typeof applicant> | undefined;
    let mismatch: ReturnType<typeof applicant> | undefined;
    for (let i = 0; !(unknown && mismatch); i++) {
      const a = applicant(SEED, i);
      if (a.flags.badData !== 'none') continue;
      if (!unknown && a.flags.notInRegistry) unknown = a;
      if (!mismatch && a.flags.registryMismatch && !a.flags.notInRegistry) mismatch = a;
    }
    for (const [a, code] of [
      [unknown!, 'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY'],
      [mismatch!, 'GLB_ERR_PROFILE_REGISTRY_MISMATCH'],
    ] as const) {
      const token = await signUpVerified(service.url, a);
      const res = await api<{ code: string }>(service.url, 'PUT', '/api/v1/profile', {
        token,
        body: profileBody(a),
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe(code);
    }
  });

  test('a retried sign-up with the same Idempotency-Key creates one applicant', async () => {
    const before = await service.app.repo.countAccounts();
    const headers = { 'idempotency-key': `signup-${carol.index}` };
    const send = () =>
      api<{ accountId: string }>(service.url, 'POST', '/api/v1/accounts', {
        body: accountBody(carol),
        headers,
      });
    const answers = [
      ...(await Promise.all([send(), send(), send(), send(), send()])),
      await send(),
      await send(),
    ];
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.accountId)).size).toBe(1);
    expect(
      answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length,
    ).toBeGreaterThanOrEqual(6);
    expect(await service.app.repo.countAccounts()).toBe(before + 1);

    const reused = await api<{ code: string }>(service.url, 'POST', '/api/v1/accounts', {
      body: { ...accountBody(carol), fullName: 'Someone Else' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('GLB_ERR_IDEMPOTENCY_KEY_REUSED');
  });

  test('/metrics exposes the service, funnel, registry and runtime metrics', async () => {
    const res = await fetch(`${service.url}/metrics`);
    const text = await res.text();
    for (const name of [
      'http_request_duration_seconds_bucket{',
      'gelombang_funnel_steps_total{step="account",outcome="created"}',
      'gelombang_password_hash_duration_seconds_count',
      'gelombang_registry_request_duration_seconds_bucket{',
      'gelombang_registry_in_flight',
      'gelombang_registry_circuit_state',
      'gelombang_registry_retries_total',
      'gelombang_pending_verifications',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('route="/api/v1/accounts"');
  });

  test('/openapi.json describes every funnel route', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      '/api/v1/accounts',
      '/api/v1/email-verifications',
      '/api/v1/profile',
      '/api/v1/sandbox/outbox',
      '/api/v1/sessions',
      '/api/v1/sessions/current',
      '/api/v1/email-verifications/codes',
      '/api/v1/documents',
      '/api/v1/assessment',
      '/api/v1/waves/current',
      '/api/v1/waves/{id}/join',
      '/api/v1/sandbox/returning-applicants',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // New routes carry their schemas: the join's answer says where the place is.
    const join = (doc.paths['/api/v1/waves/{id}/join'] as { post: { responses: Record<string, unknown> } })
      .post;
    expect(JSON.stringify(join.responses['200'])).toContain('placement');
    const upload = (doc.paths['/api/v1/documents'] as { post: { responses: Record<string, unknown> } }).post;
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '415']));
  });

  test('no NIK, email, phone, name or token reached the logs', () => {
    expect(service.logs.length).toBeGreaterThan(20);
    const logs = service.logs.join('\n');
    for (const a of [alice, bob, carol]) {
      for (const secret of [a.nik, a.email, a.phone, a.fullName, a.kk, a.password])
        expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);
  });
});
