import { describe, expect, test } from 'vitest';
import { STEPS } from '../model/funnel-steps.js';
import { ApplicantCursor, isCleanApplicant } from './applicants.js';
import { prerequisitesOf, requestFor, startState } from './funnel-states.js';

const names = (indices: number[]) => indices.map((i) => STEPS[i]!.name);

describe('probe requests come from the funnel step definitions', () => {
  test.each([
    ['visit', []],
    ['account', []],
    ['outbox', ['account']],
    ['verify-email', ['account', 'outbox']],
    ['profile', ['account', 'outbox', 'verify-email']],
  ])('%s needs %o first', (step, before) => {
    expect(names(prerequisitesOf(step))).toEqual(before);
  });

  test.each([
    ['visit', 'GET', '/'],
    ['account', 'POST', '/api/v1/accounts'],
    ['profile', 'PUT', '/api/v1/profile'],
  ])('%s sends %s %s', (step, method, path) => {
    const request = requestFor(startState(1, 0), step);
    expect(request.method).toBe(method);
    expect(request.path).toBe(path);
  });

  test('each applicant its own body and idempotency key', () => {
    const a = requestFor(startState(1, 0), 'account');
    const b = requestFor(startState(1, 1), 'account');
    expect(a.body).not.toBe(b.body);
    expect(a.headers['idempotency-key']).not.toBe(b.headers['idempotency-key']);
  });
});

describe('ApplicantCursor', () => {
  test('hands out clean applicants once each, in index order, and says where the next starts', () => {
    const cursor = new ApplicantCursor(20200411, 0);
    const taken = Array.from({ length: 300 }, () => cursor.next());
    const indices = taken.map((t) => t.index);
    expect(new Set(indices).size).toBe(300);
    expect(indices).toEqual([...indices].sort((x, y) => x - y));
    expect(taken.every((t) => isCleanApplicant(t.applicant))).toBe(true);
    expect(cursor.nextIndex).toBe(indices.at(-1)! + 1);
    // Some generated applicants are deliberately bad (duplicate email, unknown NIK): those were skipped.
    expect(cursor.nextIndex).toBeGreaterThan(300);
  });
});
