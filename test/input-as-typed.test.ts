// Input as people type it, through the real service: invisible characters, Unicode forms and Indonesian
// phone formats are normalised in one place before validation and before uniqueness (normalise.ts).
import { describe, expect, test } from 'vitest';
import { ERRORS } from '../target-service/errors.js';
import { describeOnBothBackends } from './helpers/backends.js';
import { api } from './helpers/service.js';

const account = (patch: Record<string, string>) => ({
  fullName: 'Dewi Lestari',
  email: 'dewi@example.id',
  phone: '081234567890',
  password: 'rahasia-123',
  ...patch,
});

describeOnBothBackends('input as people type it', {}, (service) => {
  async function signUp(body: Record<string, string>) {
    return api<{ code?: string; accessToken?: string }>(service().url, 'POST', '/api/v1/accounts', { body });
  }

  describe('invisible and format characters', () => {
    test('an email of Braille blanks (⠀@⠀.⠀) is an invalid email', async () => {
      const res = await signUp(account({ email: '⠀@⠀.⠀' }));
      expect([res.status, res.body.code]).toEqual([422, ERRORS.ACCOUNT_INVALID_EMAIL.code]);
    });

    test('a zero-width space (or BOM, soft hyphen, NFD accent) never makes a second account', async () => {
      expect((await signUp(account({ email: 'rina.andre\u0301@example.id' }))).status).toBe(201);
      for (const email of [
        'rina.andr\u00E9@example.id',
        'rina.andr\u200B\u00E9@example.id',
        '\uFEFFRina.Andr\u00E9@Example.id',
        'ri\u00ADna.andr\u00E9@example.id\u2800',
      ]) {
        const res = await signUp(account({ email, phone: '081234567891' }));
        expect([email, res.status, res.body.code]).toEqual([email, 409, ERRORS.ACCOUNT_EMAIL_TAKEN.code]);
      }
    });

    test.each(['\u2800\u2800\u2800', '\u200B\u200B', '\u3164', '   ', '\uFEFF \u00A0'])(
      'a name of only %j is refused as a blank one is',
      async (fullName) => {
        const res = await signUp(account({ fullName, email: 'blank@example.id' }));
        expect([res.status, res.body.code]).toEqual([400, ERRORS.REQ_VALIDATION.code]);
      },
    );
  });

  describe('Indonesian phone forms are accepted and stored as E.164', () => {
    test.each([
      ['+62 (0)812-3456-7001', '+6281234567001'],
      ['+62 0812 3456 7002', '+6281234567002'],
      ['0812.3456.7003', '+6281234567003'],
      ['62 812 3456 7004', '+6281234567004'],
      ['0062 812 3456 7006', '+6281234567006'],
    ])('%s → %s', async (phone, e164) => {
      const email = `hp${e164.slice(-4)}@example.id`;
      const res = await signUp(account({ email, phone }));
      expect(res.status).toBe(201);
      expect((await service().app.repo.findAccountByEmail(email))?.phone).toBe(e164);
    });
  });
});
