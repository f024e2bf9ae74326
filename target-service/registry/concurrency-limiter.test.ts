import { describe, expect, it } from 'vitest';
import { AimdLimit, FixedLimit } from './adaptive-limit.js';
import { ConcurrencyLimiter, type Permit } from './concurrency-limiter.js';

/** Records `name` when the permit is granted, and passes the permit on. */
const noting =
  (order: string[], name: string) =>
  (p: Permit | undefined): Permit | undefined => {
    order.push(name);
    return p;
  };

describe('ConcurrencyLimiter', () => {
  it('lets `limit` calls through at once; the rest wait and go, in order, as permits free', async () => {
    const limiter = new ConcurrencyLimiter(new FixedLimit(2));
    const a = (await limiter.acquire('background'))!;
    const b = (await limiter.acquire('background'))!;
    const order: string[] = [];
    const c = limiter.acquire('background').then(noting(order, 'c'));
    const d = limiter.acquire('background').then(noting(order, 'd'));
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(2);
    a.release('success');
    const permitC = (await c)!;
    expect(order).toEqual(['c']);
    b.release('success');
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(permitC.inFlightAtSend).toBe(2);
  });

  it("serves an applicant's call before the worker's", async () => {
    const limiter = new ConcurrencyLimiter(new FixedLimit(1));
    const held = (await limiter.acquire('background'))!;
    const order: string[] = [];
    const worker = limiter.acquire('background').then(noting(order, 'background'));
    const applicant = limiter.acquire('interactive').then(noting(order, 'interactive'));
    held.release('success');
    (await applicant)!.release('success');
    await worker;
    expect(order).toEqual(['interactive', 'background']);
  });

  it('gives up after waitMs without a permit (undefined), and forgets the waiter', async () => {
    const limiter = new ConcurrencyLimiter(new FixedLimit(1));
    const held = (await limiter.acquire('interactive'))!;
    expect(await limiter.acquire('interactive', 20)).toBeUndefined();
    expect(limiter.waiting).toBe(0);
    held.release('success');
    expect(limiter.active).toBe(0);
  });

  it('reports each change of the limit (for the gauge) and shrinks the permits on drops', async () => {
    const seen: number[] = [];
    const limiter = new ConcurrencyLimiter(
      new AimdLimit({ initial: 4, min: 1, max: 8, backoffRatio: 0.5 }, () => 0),
      (l) => seen.push(l),
    );
    const permits: Permit[] = [];
    for (let i = 0; i < 4; i++) permits.push((await limiter.acquire('background'))!);
    permits[0]!.release('drop');
    expect(seen).toEqual([4, 2]);
    // Three still in flight, limit 2: a new call waits until two have finished.
    let granted = false;
    const next = limiter.acquire('background').then((p) => {
      granted = true;
      return p;
    });
    permits[1]!.release('ignore');
    await Promise.resolve();
    expect(granted).toBe(false);
    permits[2]!.release('ignore');
    await next;
    expect(granted).toBe(true);
  });

  it('a permit released twice counts once', async () => {
    const limiter = new ConcurrencyLimiter(new FixedLimit(1));
    const p = (await limiter.acquire('background'))!;
    p.release('success');
    p.release('success');
    expect(limiter.active).toBe(0);
  });
});
