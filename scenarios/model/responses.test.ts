import { describe, expect, test } from 'vitest';
import { errorCodeOf, isTransientStatus, retryAfterSeconds } from './responses.js';
import type { StepResponse } from './types.js';

const answer = (status: number, code?: string, headers: Record<string, string> = {}): StepResponse => ({
  status,
  headers,
  body: code === undefined ? '' : JSON.stringify({ statusCode: status, code }),
});

describe('reading answers', () => {
  test.each([
    { r: answer(0), code: 'GLB_ERR_CLIENT_NETWORK' },
    { r: answer(422, 'GLB_ERR_PROFILE_NIK_INVALID'), code: 'GLB_ERR_PROFILE_NIK_INVALID' },
    { r: { status: 502, headers: {}, body: '<html>' }, code: 'GLB_ERR_CLIENT_HTTP_502' },
  ])('error code of $r.status', ({ r, code }) => {
    expect(errorCodeOf(r)).toBe(code);
  });

  test.each([
    { headers: { 'retry-after': '30' }, seconds: 30 },
    { headers: { 'Retry-After': ' 2 ' }, seconds: 2 },
    { headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, seconds: undefined },
    { headers: {}, seconds: undefined },
  ] as Array<{ headers: Record<string, string>; seconds: number | undefined }>)(
    'Retry-After $headers',
    ({ headers, seconds }) => {
      expect(retryAfterSeconds(answer(429, 'X', headers))).toBe(seconds);
    },
  );

  test.each([
    [0, true],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [409, false],
    [422, false],
  ])('status %d transient: %s', (status, transient) => {
    expect(isTransientStatus(status)).toBe(transient);
  });
});
