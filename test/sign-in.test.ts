// Sign-in, sign-out, token expiry and no guessing (passwords and email codes), on both storage backends.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_FUNNEL_CONFIG } from '../target-service/funnel-config.js';
import { ERRORS } from '../target-service/errors.js';
import { describeOnBothBackends } from './helpers/backends.js';
import { api, startTestService, type TestService } from './helpers/service.js';

const account = (n: number) => ({
  fullName: 'Agus Salim',
  email: `agus.${n}@example.id`,
  phone: '081234567890',
  password: `rahasia-${n}-ok`,
});

describeOnBothBackends('sign-in', {}, (service) => {
  const signUp = async (n: number) => {
    const res = await api<{ accessToken: string }>(service().url, 'POST', '/api/v1/accounts', {
      body: account(n),
    });
    expect(res.status).toBe(201);
    return res.body.accessToken;
  };
  const signIn = (email: string, password: string) =>
    api<{ accessToken: string; code: string; expiresAt: string }>(service().url, 'POST', '/api/v1/sessions', {
      body: { email, password },
    });

  test('signs in with email and password (however the email is typed) and signs out', async () => {
    await signUp(1);
    const res = await signIn(' AGUS.1@Example.ID\u200B', account(1).password);
    expect(res.status).toBe(201);
    const token = res.body.accessToken;
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const mail = await api(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    expect(mail.status).toBe(200);

    const out = await api(service().url, 'DELETE', '/api/v1/sessions/current', { token });
    expect(out.status).toBe(204);
    const after = await api<{ code: string }>(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    expect([after.status, after.body.code]).toEqual([401, ERRORS.AUTH_INVALID_TOKEN.code]);
  });

  test('wrong passwords are throttled per account, with Retry-After, before scrypt runs; the right one then waits too', async () => {
    await signUp(2);
    const limit = DEFAULT_FUNNEL_CONFIG.signIn.perAccount;
    for (let i = 0; i < limit; i++) {
      const res = await signIn(account(2).email, `wrong-${i}-password`);
      expect([res.status, res.body.code]).toEqual([401, ERRORS.AUTH_INVALID_CREDENTIALS.code]);
    }
    const throttled = await signIn(account(2).email, account(2).password);
    expect([throttled.status, throttled.body.code]).toEqual([429, ERRORS.AUTH_THROTTLED_ACCOUNT.code]);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(DEFAULT_FUNNEL_CONFIG.signIn.windowSeconds);
    // An unknown email gets the same answer as a wrong password (no account enumeration).
    const unknown = await signIn('nobody@example.id', 'whatever-password');
    expect([unknown.status, unknown.body.code]).toEqual([401, ERRORS.AUTH_INVALID_CREDENTIALS.code]);
    const metrics = await (await fetch(`${service().url}/metrics`)).text();
    expect(metrics).toMatch(/gelombang_sign_ins_total\{outcome="throttled"\} [1-9]/);
    expect(metrics).toMatch(/gelombang_throttled_total\{reason="sign_in_account"\} [1-9]/);
  });

  test('the 31st guess at an email code is not a plain 422: codes burn, the account locks, with Retry-After', async () => {
    const token = await signUp(3);
    const statuses: Array<[number, string]> = [];
    for (let i = 0; i < 31; i++) {
      const res = await api<{ code: string }>(service().url, 'POST', '/api/v1/email-verifications', {
        token,
        body: { code: String(100000 + i) === '100000' ? '000000' : String(100000 + i) },
      });
      statuses.push([res.status, res.body.code]);
      if (res.body.code === ERRORS.EMAIL_CODE_LOCKED.code) {
        const fresh = await api(service().url, 'POST', '/api/v1/email-verifications/codes', { token });
        expect([201, 429]).toContain(fresh.status);
      }
    }
    const { perCode } = DEFAULT_FUNNEL_CONFIG.emailCode;
    expect(statuses.slice(0, perCode - 1).every(([s]) => s === 422)).toBe(true);
    expect(statuses[perCode - 1]).toEqual([409, ERRORS.EMAIL_CODE_LOCKED.code]);
    expect(statuses[30]).toEqual([429, ERRORS.EMAIL_ATTEMPTS_EXHAUSTED.code]);
    // Even the right code is refused now.
    const mail = await api<{ code: string }>(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    const right = await api(service().url, 'POST', '/api/v1/email-verifications', {
      token,
      body: { code: mail.body.code },
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('a fresh code after a locked one verifies the email', async () => {
    const token = await signUp(4);
    for (let i = 0; i < DEFAULT_FUNNEL_CONFIG.emailCode.perCode; i++) {
      await api(service().url, 'POST', '/api/v1/email-verifications', { token, body: { code: '999999' } });
    }
    const fresh = await api(service().url, 'POST', '/api/v1/email-verifications/codes', { token });
    expect(fresh.status).toBe(201);
    const mail = await api<{ code: string }>(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    const ok = await api(service().url, 'POST', '/api/v1/email-verifications', {
      token,
      body: { code: mail.body.code },
    });
    expect(ok.status).toBe(200);
    const again = await api<{ code: string }>(service().url, 'POST', '/api/v1/email-verifications/codes', {
      token,
    });
    expect([again.status, again.body.code]).toEqual([409, ERRORS.EMAIL_ALREADY_VERIFIED.code]);
  });
});

describe('sign-in throttle per client address', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({
      logLevel: 'warn',
      funnel: { ...DEFAULT_FUNNEL_CONFIG, signIn: { perAccount: 100, perAddress: 3, windowSeconds: 60 } },
    });
  });
  afterAll(async () => {
    await service?.close();
  });

  test('failures spread over many emails from one address are throttled with their own code', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api<{ code: string }>(service.url, 'POST', '/api/v1/sessions', {
        body: { email: `guess${i}@example.id`, password: 'not-the-password' },
      });
      codes.push(res.body.code);
    }
    expect(codes).toEqual([
      ERRORS.AUTH_INVALID_CREDENTIALS.code,
      ERRORS.AUTH_INVALID_CREDENTIALS.code,
      ERRORS.AUTH_INVALID_CREDENTIALS.code,
      ERRORS.AUTH_THROTTLED_ADDRESS.code,
    ]);
  });
});

describeOnBothBackends('session expiry', { sessionTtlSeconds: 2 }, (service) => {
  test('a token stops working when it expires (sessionTtlSeconds)', async () => {
    const body = account(9);
    expect((await api(service().url, 'POST', '/api/v1/accounts', { body })).status).toBe(201);
    const res = await api<{ accessToken: string }>(service().url, 'POST', '/api/v1/sessions', {
      body: { email: body.email, password: body.password },
    });
    const token = res.body.accessToken;
    expect((await api(service().url, 'GET', '/api/v1/sandbox/outbox', { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await api<{ code: string }>(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    expect([expired.status, expired.body.code]).toEqual([401, ERRORS.AUTH_INVALID_TOKEN.code]);
  });
});
