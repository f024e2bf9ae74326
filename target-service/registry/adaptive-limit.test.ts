import { describe, expect, it } from 'vitest';
import { AimdLimit, FixedLimit } from './adaptive-limit.js';

const opts = { initial: 4, min: 1, max: 10, backoffRatio: 0.9 };

describe('AimdLimit', () => {
  it('grows by 1/limit per answered call while the pipe is at least half full: about +1 per round trip', () => {
    const limit = new AimdLimit(opts, () => 0);
    for (let i = 0; i < 4; i++) limit.onSuccess(4);
    expect(limit.current()).toBeGreaterThan(4.9);
    expect(limit.current()).toBeLessThan(5);
  });

  it('does not grow while the client is idle (fewer than half the permits in use)', () => {
    const limit = new AimdLimit(opts, () => 0);
    for (let i = 0; i < 100; i++) limit.onSuccess(1);
    expect(limit.current()).toBe(4);
  });

  it.each([
    { drops: 1, expected: 3.6 },
    { drops: 2, expected: 3.24 },
    { drops: 50, expected: 1 }, // never below min
  ])('multiplies by 0.9 per drop: $drops drop(s) → $expected', ({ drops, expected }) => {
    const limit = new AimdLimit(opts, () => 0);
    for (let i = 0; i < drops; i++) limit.onDrop();
    expect(limit.current()).toBeCloseTo(expected, 6);
  });

  it('never grows past max', () => {
    const limit = new AimdLimit(opts, () => 0);
    for (let i = 0; i < 1000; i++) limit.onSuccess(10);
    expect(limit.current()).toBe(10);
  });

  it("holds the limit after a drop for the 429's Retry-After, then grows again", () => {
    let now = 0;
    const limit = new AimdLimit(opts, () => now);
    limit.onDrop(1000);
    const held = limit.current();
    for (let i = 0; i < 20; i++) limit.onSuccess(4);
    expect(limit.current()).toBe(held);
    now = 1000;
    limit.onSuccess(4);
    expect(limit.current()).toBeGreaterThan(held);
  });

  it.each([
    { initial: 0, min: 1, max: 4, backoffRatio: 0.5 },
    { initial: 5, min: 1, max: 4, backoffRatio: 0.5 },
    { initial: 2, min: 1, max: 4, backoffRatio: 1 },
    { initial: 2, min: 0, max: 4, backoffRatio: 0.5 },
  ])('refuses inconsistent options %j', (bad) => {
    expect(() => new AimdLimit(bad)).toThrow(RangeError);
  });
});

describe('FixedLimit', () => {
  it('is the configured quota whatever happens', () => {
    const limit = new FixedLimit(7);
    limit.onDrop(5000);
    limit.onSuccess(7);
    expect(limit.current()).toBe(7);
  });

  it.each([0, 2.5, -1])('refuses %s', (bad) => {
    expect(() => new FixedLimit(bad)).toThrow(RangeError);
  });
});
