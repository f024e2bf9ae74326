// No client input may produce a 500: a table of malformed requests, each answered 4xx with a catalogue code.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERRORS } from '../target-service/errors.js';
import { api, startTestService, type TestService } from './helpers/service.js';

let service: TestService;
let token: string; // an account whose email is not verified yet
let verifiedToken: string; // an account whose email is verified

const goodAccount = (n: number) => ({
  fullName: 'Siti Rahayu',
  email: `siti.${n}@example.id`,
  phone: '081234567890',
  password: 'rahasia-123',
});

const goodProfile = {
  nik: '3174054101900001', // Jakarta Selatan (31 74), district 05, 1 Jan 1990 + 40 (woman), serial 0001
  kk: '3174050101120003',
  fullName: 'Siti Rahayu',
  birthDate: '1990-01-01',
  birthPlace: 'Jakarta',
  gender: 'F',
  address: 'Jl. Melati No. 5',
  province: 'DKI Jakarta',
  employmentStatus: 'laid-off',
  education: 'SMA',
};

beforeAll(async () => {
  service = await startTestService();
  token = (
    await api<{ accessToken: string }>(service.url, 'POST', '/api/v1/accounts', { body: goodAccount(1) })
  ).body.accessToken;
  verifiedToken = (
    await api<{ accessToken: string }>(service.url, 'POST', '/api/v1/accounts', { body: goodAccount(2) })
  ).body.accessToken;
  const mail = await api<{ code: string }>(service.url, 'GET', '/api/v1/sandbox/outbox', {
    token: verifiedToken,
  });
  const verified = await api(service.url, 'POST', '/api/v1/email-verifications', {
    token: verifiedToken,
    body: { code: mail.body.code },
  });
  expect(verified.status).toBe(200);
});
afterAll(async () => {
  await service?.close();
});

type Case = {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  auth?: 'unverified' | 'verified';
  status: number;
  code: string;
};

// Deep enough to overflow a recursive parser, small enough to pass the 64 KiB body limit.
const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
const profile = (patch: Record<string, unknown>) => ({ ...goodProfile, ...patch });
const account = (patch: Record<string, unknown>) => ({ ...goodAccount(99), ...patch });
const E = ERRORS;

const cases: Case[] = [
  {
    name: 'truncated JSON',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '{"fullName":',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'empty JSON body',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'JSON with a trailing comma',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '{"a":1,}',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: '__proto__ pollution',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '{"__proto__":{"admin":true}}',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'constructor.prototype pollution',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '{"constructor":{"prototype":{"x":1}}}',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'a JSON array',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '[]',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'JSON null',
    method: 'POST',
    path: '/api/v1/accounts',
    body: 'null',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'a JSON string',
    method: 'POST',
    path: '/api/v1/accounts',
    body: '"hello"',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: '30k-deep nesting',
    method: 'POST',
    path: '/api/v1/accounts',
    body: deep,
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'missing email',
    method: 'POST',
    path: '/api/v1/accounts',
    body: { fullName: 'A', phone: '081234567890', password: 'x'.repeat(9) },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'fullName a number',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ fullName: 42 }),
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'password an array',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ password: ['a'] }),
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'unknown field',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ isAdmin: true }),
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'fullName too long',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ fullName: 'A'.repeat(101) }),
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'fullName only spaces',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ fullName: '   ' }),
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'email without @',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ email: 'budi.example.id' }),
    status: 422,
    code: E.ACCOUNT_INVALID_EMAIL.code,
  },
  {
    name: 'landline phone',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ phone: '0215551234' }),
    status: 422,
    code: E.ACCOUNT_INVALID_PHONE.code,
  },
  {
    name: 'foreign phone',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ phone: '+14155550100' }),
    status: 422,
    code: E.ACCOUNT_INVALID_PHONE.code,
  },
  {
    name: 'short password',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({ password: 'abc' }),
    status: 422,
    code: E.ACCOUNT_WEAK_PASSWORD.code,
  },
  {
    name: 'body over the limit',
    method: 'POST',
    path: '/api/v1/accounts',
    body: JSON.stringify(account({ fullName: 'A'.repeat(100_000) })),
    status: 413,
    code: E.REQ_BODY_TOO_LARGE.code,
  },
  {
    name: 'text/plain body',
    method: 'POST',
    path: '/api/v1/accounts',
    body: 'fullName=A',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: E.REQ_UNSUPPORTED_MEDIA_TYPE.code,
  },
  {
    name: 'form-encoded body',
    method: 'POST',
    path: '/api/v1/accounts',
    body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: E.REQ_UNSUPPORTED_MEDIA_TYPE.code,
  },
  {
    name: 'Idempotency-Key with spaces',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({}),
    headers: { 'idempotency-key': 'a b' },
    status: 400,
    code: E.IDEMPOTENCY_KEY_INVALID.code,
  },
  {
    name: 'Idempotency-Key too long',
    method: 'POST',
    path: '/api/v1/accounts',
    body: account({}),
    headers: { 'idempotency-key': 'k'.repeat(256) },
    status: 400,
    code: E.IDEMPOTENCY_KEY_INVALID.code,
  },
  {
    name: 'verify email without a token',
    method: 'POST',
    path: '/api/v1/email-verifications',
    body: { code: '123456' },
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'verify email with a Basic header',
    method: 'POST',
    path: '/api/v1/email-verifications',
    body: { code: '123456' },
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
    status: 401,
    code: E.AUTH_INVALID_TOKEN.code,
  },
  {
    name: 'verify email with an unknown token',
    method: 'POST',
    path: '/api/v1/email-verifications',
    body: { code: '123456' },
    headers: { authorization: `Bearer ${'A'.repeat(43)}` },
    status: 401,
    code: E.AUTH_INVALID_TOKEN.code,
  },
  {
    name: 'code with letters',
    method: 'POST',
    path: '/api/v1/email-verifications',
    body: { code: '12ab56' },
    auth: 'unverified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'wrong code',
    method: 'POST',
    path: '/api/v1/email-verifications',
    body: { code: '000000' },
    auth: 'unverified',
    status: 422,
    code: E.EMAIL_CODE_INVALID.code,
  },
  {
    name: 'profile before email verification',
    method: 'PUT',
    path: '/api/v1/profile',
    body: goodProfile,
    auth: 'unverified',
    status: 403,
    code: E.EMAIL_NOT_VERIFIED.code,
  },
  {
    name: 'NIK of 15 digits',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '317405410190000' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_INVALID.code,
  },
  {
    name: 'NIK with letters',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '31740541019O0001' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_INVALID.code,
  },
  {
    name: 'NIK of an unknown province',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '9974054101900001' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_INVALID.code,
  },
  {
    name: 'NIK with month 13',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '3174054113900001' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_INVALID.code,
  },
  {
    name: 'NIK serial 0000',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '3174054101900000' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_INVALID.code,
  },
  {
    name: 'NIK says a man, profile a woman',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: '3174050101900001' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_MISMATCH.code,
  },
  {
    name: 'NIK birth date differs',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ birthDate: '1990-01-02' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_NIK_MISMATCH.code,
  },
  {
    name: 'birth date 30 February',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ birthDate: '1990-02-30' }),
    auth: 'verified',
    status: 422,
    code: E.PROFILE_INVALID_BIRTH_DATE.code,
  },
  {
    name: 'gender X',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ gender: 'X' }),
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'KK of 12 digits',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ kk: '317405010112' }),
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'unknown employment status',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ employmentStatus: 'astronaut' }),
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'NIK as a number',
    method: 'PUT',
    path: '/api/v1/profile',
    body: profile({ nik: 3174054101900001 }),
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  // Sign-in and sign-out.
  {
    name: 'sign-in: truncated JSON',
    method: 'POST',
    path: '/api/v1/sessions',
    body: '{"email":',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'sign-in: missing password',
    method: 'POST',
    path: '/api/v1/sessions',
    body: { email: 'siti.1@example.id' },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'sign-in: email a number',
    method: 'POST',
    path: '/api/v1/sessions',
    body: { email: 42, password: 'x' },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'sign-in: unknown field',
    method: 'POST',
    path: '/api/v1/sessions',
    body: { email: 'a@b.id', password: 'x', remember: true },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'sign-in: an email of only invisible characters (blank)',
    method: 'POST',
    path: '/api/v1/sessions',
    body: { email: '\u200B\u2800', password: 'whatever-1' },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'sign-out without a token',
    method: 'DELETE',
    path: '/api/v1/sessions/current',
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'fresh code without a token',
    method: 'POST',
    path: '/api/v1/email-verifications/codes',
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'fresh code for a verified email',
    method: 'POST',
    path: '/api/v1/email-verifications/codes',
    auth: 'verified',
    status: 409,
    code: E.EMAIL_ALREADY_VERIFIED.code,
  },
  // Uploads.
  {
    name: 'upload without a token',
    method: 'POST',
    path: '/api/v1/documents',
    body: 'x',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'upload as JSON',
    method: 'POST',
    path: '/api/v1/documents',
    body: { ktp: 'aGVsbG8=' },
    auth: 'verified',
    status: 415,
    code: E.UPLOAD_NOT_MULTIPART.code,
  },
  {
    name: 'upload as text/plain',
    method: 'POST',
    path: '/api/v1/documents',
    body: 'hello',
    headers: { 'content-type': 'text/plain' },
    auth: 'verified',
    status: 415,
    code: E.REQ_UNSUPPORTED_MEDIA_TYPE.code,
  },
  {
    name: 'multipart that ends mid-part',
    method: 'POST',
    path: '/api/v1/documents',
    body: '--b\r\nContent-Disposition: form-data; name="ktp"; filename="k.jpg"\r\n\r\n\xff\xd8',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    auth: 'verified',
    status: 400,
    code: E.REQ_BAD_REQUEST.code,
  },
  {
    name: 'multipart with a text field',
    method: 'POST',
    path: '/api/v1/documents',
    body: '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    auth: 'verified',
    status: 400,
    code: E.UPLOAD_UNKNOWN_PART.code,
  },
  {
    name: 'multipart with no parts',
    method: 'POST',
    path: '/api/v1/documents',
    body: '--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    auth: 'verified',
    status: 400,
    code: E.UPLOAD_MISSING_PART.code,
  },
  {
    name: 'multipart with a third file',
    method: 'POST',
    path: '/api/v1/documents',
    body: '--b\r\nContent-Disposition: form-data; name="passport"; filename="p.jpg"\r\n\r\nx\r\n--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    auth: 'verified',
    status: 400,
    code: E.UPLOAD_UNKNOWN_PART.code,
  },
  {
    name: 'upload before email verification',
    method: 'POST',
    path: '/api/v1/documents',
    body: '--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    auth: 'unverified',
    status: 403,
    code: E.EMAIL_NOT_VERIFIED.code,
  },
  // Aptitude test.
  {
    name: 'test questions without a token',
    method: 'GET',
    path: '/api/v1/assessment',
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'test before the NIK is verified',
    method: 'GET',
    path: '/api/v1/assessment',
    auth: 'verified',
    status: 409,
    code: E.ASSESSMENT_NIK_NOT_VERIFIED.code,
  },
  {
    name: 'answers not a list',
    method: 'POST',
    path: '/api/v1/assessment',
    body: { answers: 'A' },
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'answer without a choice',
    method: 'POST',
    path: '/api/v1/assessment',
    body: { answers: [{ questionId: 'q1' }] },
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'answers before the NIK is verified',
    method: 'POST',
    path: '/api/v1/assessment',
    body: { answers: [{ questionId: 'q1', choice: '1' }] },
    auth: 'verified',
    status: 409,
    code: E.ASSESSMENT_NIK_NOT_VERIFIED.code,
  },
  // Waves.
  {
    name: 'join a wave named abc',
    method: 'POST',
    path: '/api/v1/waves/abc/join',
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'join wave 0',
    method: 'POST',
    path: '/api/v1/waves/0/join',
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'join wave 10^12',
    method: 'POST',
    path: '/api/v1/waves/1000000000000/join',
    auth: 'verified',
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'join without a token',
    method: 'POST',
    path: '/api/v1/waves/1/join',
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
  {
    name: 'join a wave that does not exist',
    method: 'POST',
    path: '/api/v1/waves/999/join',
    auth: 'verified',
    status: 404,
    code: E.WAVE_NOT_FOUND.code,
  },
  {
    name: 'join before passing the test',
    method: 'POST',
    path: '/api/v1/waves/1/join',
    auth: 'verified',
    status: 409,
    code: E.WAVE_TEST_NOT_PASSED.code,
  },
  {
    name: 'join with a JSON body that is not JSON',
    method: 'POST',
    path: '/api/v1/waves/1/join',
    body: '{',
    auth: 'verified',
    status: 400,
    code: E.REQ_MALFORMED_JSON.code,
  },
  {
    name: 'the current wave with a method it does not have',
    method: 'DELETE',
    path: '/api/v1/waves/current',
    status: 404,
    code: E.REQ_NOT_FOUND.code,
  },
  // The sandbox's returning-applicant fixture.
  {
    name: 'returning applicant without a profile',
    method: 'POST',
    path: '/api/v1/sandbox/returning-applicants',
    body: { account: goodAccount(7) },
    status: 400,
    code: E.REQ_VALIDATION.code,
  },
  {
    name: 'returning applicant with an invalid email',
    method: 'POST',
    path: '/api/v1/sandbox/returning-applicants',
    body: { account: account({ email: '⠀@⠀.⠀' }), profile: goodProfile },
    status: 422,
    code: E.ACCOUNT_INVALID_EMAIL.code,
  },
  { name: 'unknown route', method: 'GET', path: '/api/v1/nope', status: 404, code: E.REQ_NOT_FOUND.code },
  {
    name: 'unknown method on a route',
    method: 'DELETE',
    path: '/api/v1/accounts',
    status: 404,
    code: E.REQ_NOT_FOUND.code,
  },
  {
    name: 'outbox without a token',
    method: 'GET',
    path: '/api/v1/sandbox/outbox',
    status: 401,
    code: E.AUTH_MISSING_TOKEN.code,
  },
];

describe('malformed requests are answered 4xx with a code, never 500', () => {
  test('the table has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)('$name → $status $code', async (c) => {
    const headers = { ...c.headers };
    const tok = c.auth === 'verified' ? verifiedToken : c.auth === 'unverified' ? token : undefined;
    const res = await api<{ code: string; statusCode: number }>(service.url, c.method, c.path, {
      ...(c.body !== undefined ? { body: c.body } : {}),
      headers,
      ...(tok ? { token: tok } : {}),
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: c.status, code: c.code });
    expect(res.body.statusCode).toBe(c.status);
  });

  test('a Content-Length that lies is a 400, not a hang or a 500', async () => {
    const { port } = new URL(service.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/accounts',
          headers: { 'content-type': 'application/json', 'content-length': '5' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{"a":1,"b":2}');
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  test('nothing above answered 500', () => {
    expect(service.logs.filter((l) => l.includes('"statusCode":500'))).toEqual([]);
  });
});

// Launch-scale routes (bulk registration by regional offices, wave selection by an operator), on a
// service that has an office key and an admin key.
describe('bulk registration and selection: malformed requests are answered 4xx with a code, never 500', () => {
  const KEY = 'office-key-for-malformed-tests';
  const ADMIN = 'admin-key-for-malformed-tests';
  let bulk: TestService;
  beforeAll(async () => {
    bulk = await startTestService({ regionalOfficeKeys: { 'disnaker-test': KEY }, adminKey: ADMIN });
  });
  afterAll(async () => {
    await bulk?.close();
  });

  const ndjson = { 'content-type': 'application/x-ndjson', 'x-api-key': KEY, 'x-batch-id': 'b-1' };
  const csv = { ...ndjson, 'content-type': 'text/csv' };
  const P = '/api/v1/bulk-registrations';
  const bulkCases: Case[] = [
    {
      name: 'no API key',
      method: 'POST',
      path: P,
      body: '{}',
      headers: { ...ndjson, 'x-api-key': '' },
      status: 401,
      code: E.AUTH_MISSING_API_KEY.code,
    },
    {
      name: 'wrong API key',
      method: 'POST',
      path: P,
      body: '{}',
      headers: { ...ndjson, 'x-api-key': 'nope-nope-nope-nope' },
      status: 401,
      code: E.AUTH_INVALID_API_KEY.code,
    },
    {
      name: 'no batch id',
      method: 'POST',
      path: P,
      body: '{}',
      headers: { 'content-type': 'application/x-ndjson', 'x-api-key': KEY },
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'a batch id with spaces',
      method: 'POST',
      path: P,
      body: '{}',
      headers: { ...ndjson, 'x-batch-id': 'a b' },
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'JSON instead of NDJSON or CSV',
      method: 'POST',
      path: P,
      body: '{"a":1}',
      headers: { ...ndjson, 'content-type': 'application/json' },
      status: 415,
      code: E.REQ_UNSUPPORTED_MEDIA_TYPE.code,
    },
    {
      name: 'XML',
      method: 'POST',
      path: P,
      body: '<a/>',
      headers: { ...ndjson, 'content-type': 'application/xml' },
      status: 415,
      code: E.REQ_UNSUPPORTED_MEDIA_TYPE.code,
    },
    {
      name: 'an empty NDJSON batch',
      method: 'POST',
      path: P,
      body: '\n',
      headers: ndjson,
      status: 400,
      code: E.BULK_EMPTY.code,
    },
    {
      name: 'a CSV with only a header',
      method: 'POST',
      path: P,
      body: 'fullName,email\n',
      headers: csv,
      status: 400,
      code: E.BULK_CSV_HEADER.code,
    },
    {
      name: 'a CSV with an unclosed quote',
      method: 'POST',
      path: P,
      body: 'a,b\n"x,y\n',
      headers: csv,
      status: 400,
      code: E.BULK_CSV_MALFORMED.code,
    },
    {
      name: '10,001 rows',
      method: 'POST',
      path: P,
      body: '{}\n'.repeat(10_001),
      headers: ndjson,
      status: 413,
      code: E.BULK_TOO_MANY_ROWS.code,
    },
  ];

  const S = '/api/v1/admin/waves/1/selection';
  const json = { 'content-type': 'application/json', 'x-api-key': ADMIN };
  bulkCases.push(
    {
      name: 'selection without a key',
      method: 'POST',
      path: S,
      body: '{}',
      headers: { 'content-type': 'application/json' },
      status: 401,
      code: E.AUTH_MISSING_API_KEY.code,
    },
    {
      name: 'selection with an office key',
      method: 'POST',
      path: S,
      body: '{}',
      headers: { ...json, 'x-api-key': KEY },
      status: 401,
      code: E.AUTH_INVALID_API_KEY.code,
    },
    {
      name: 'selection of wave 0',
      method: 'POST',
      path: '/api/v1/admin/waves/0/selection',
      body: '{}',
      headers: json,
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'selection of wave "x"',
      method: 'GET',
      path: '/api/v1/admin/waves/x/selection',
      headers: json,
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'selection of a wave not in the calendar',
      method: 'POST',
      path: '/api/v1/admin/waves/9999/selection',
      body: '{}',
      headers: json,
      status: 404,
      code: E.SELECTION_WAVE_NOT_FOUND.code,
    },
    {
      name: 'selection with a negative seed',
      method: 'POST',
      path: S,
      body: '{"seed":-1}',
      headers: json,
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'selection with NIKs as a string',
      method: 'POST',
      path: S,
      body: '{"priorityNiks":"3171014101900001"}',
      headers: json,
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'selection body as a JSON array',
      method: 'POST',
      path: S,
      body: '[]',
      headers: json,
      status: 400,
      code: E.REQ_VALIDATION.code,
    },
    {
      name: 'reading a selection not made',
      method: 'GET',
      path: S,
      headers: json,
      status: 404,
      code: E.SELECTION_NOT_ANNOUNCED.code,
    },
  );

  test.each(bulkCases)('$name → $status $code', async (c) => {
    const res = await api<{ code: string; statusCode: number }>(bulk.url, c.method, c.path, {
      ...(c.body !== undefined ? { body: c.body } : {}),
      headers: { ...c.headers },
    });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: c.status, code: c.code });
  });

  test('rows that are not objects are reported per row, not a 500', async () => {
    const res = await api<{ results: Array<{ status: string; code: string }> }>(bulk.url, 'POST', P, {
      body: '[]\nnull\n"x"\n{"__proto__":{"a":1}}\n',
      headers: { ...ndjson, 'x-batch-id': 'b-rows' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });

  test('both routes are described in /openapi.json', async () => {
    const doc = (await (await fetch(`${bulk.url}/openapi.json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/bulk-registrations', '/api/v1/admin/waves/{waveId}/selection']),
    );
  });

  test('the bulk route is off (404 with a code) when no office key is configured', async () => {
    const res = await api<{ code: string }>(service.url, 'POST', P, { body: '{}', headers: ndjson });
    expect([res.status, res.body.code]).toEqual([404, E.BULK_DISABLED.code]);
  });

  test('nothing above answered 500', () => {
    expect(bulk.logs.filter((l) => l.includes('"statusCode":500'))).toEqual([]);
  });
});
