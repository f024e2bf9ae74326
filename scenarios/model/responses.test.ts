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
    // An HTTP-date is measured against the answer's own Date header (the server's clock).
    {
      headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      seconds: 5,
    },
    {
      headers: { 'Retry-After': 'Wed, 21 Oct 2015 07:29:00 GMT', Date: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      seconds: 60,
    },
    // In the past: no wait (not a negative one).
    {
      headers: { 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      seconds: 0,
    },
    // The obsolete RFC 850 form is still valid HTTP.
    {
      headers: { 'retry-after': 'Wednesday, 21-Oct-15 07:28:03 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' },
      seconds: 3,
    },
    // No Date header and no receivedAtMs from the runner: no "now" to measure from.
    { headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, seconds: undefined },
    { headers: { 'retry-after': 'soon' }, seconds: undefined },
    { headers: {}, seconds: undefined },
  ] as Array<{ headers: Record<string, string>; seconds: number | undefined }>)(
    'Retry-After $headers',
    ({ headers, seconds }) => {
      expect(retryAfterSeconds(answer(429, 'X', headers))).toBe(seconds);
    },
  );

  test('an HTTP-date without a Date header is measured from when the runner received the answer', () => {
    const receivedAtMs = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT') + 500;
    const r: StepResponse = {
      ...answer(503, 'X', { 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }),
      receivedAtMs,
    };
    expect(retryAfterSeconds(r)).toBe(4.5);
  });

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
