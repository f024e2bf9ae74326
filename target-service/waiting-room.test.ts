import { describe, expect, it } from 'vitest';
import { type Admission, WaitingRoom } from './waiting-room.js';

type Queued = Extract<Admission, { admitted: false }>;

/** Offers `offered` new applicants per second for `seconds` on a fake clock (1 ms steps); everyone
 *  refused comes back exactly Retry-After seconds later with their ticket. Returns admission times. */
function simulate(rate: number, offered: number, seconds: number) {
  let now = 0;
  const room = new WaitingRoom({ ratePerSecond: rate, clock: () => now });
  const returns = new Map<number, string[]>(); // ms → tickets coming back then
  const admittedAt: number[] = [];
  const ticketOrder: number[] = [];
  const back = (d: Queued) => {
    const at = now + d.retryAfterSeconds * 1000;
    returns.set(at, [...(returns.get(at) ?? []), d.ticket]);
  };
  let arrivals = 0;
  for (now = 0; now < seconds * 1000; now++) {
    for (const ticket of returns.get(now) ?? []) {
      const d = room.admit(ticket);
      if (d.admitted) {
        admittedAt.push(now);
        ticketOrder.push(Number(ticket.split('.')[1]));
      } else back(d);
    }
    returns.delete(now);
    while (arrivals < ((now + 1) * offered) / 1000) {
      arrivals++;
      const d = room.admit(undefined);
      if (d.admitted) admittedAt.push(now);
      else back(d);
    }
  }
  return { admittedAt, ticketOrder, room };
}

describe('waiting room', () => {
  it.each([
    { rate: 50, offered: 150 },
    { rate: 7, offered: 21 },
    { rate: 400, offered: 1200 },
  ])('admits $rate/s within 5 % while $offered/s arrive (3×), in ticket order', ({ rate, offered }) => {
    const { admittedAt, ticketOrder } = simulate(rate, offered, 60);
    const steady = admittedAt.filter((t) => t >= 10_000 && t < 60_000).length / 50;
    expect(Math.abs(steady - rate) / rate).toBeLessThan(0.05);
    expect(ticketOrder).toEqual([...ticketOrder].sort((a, b) => a - b));
  });

  it('lets everyone in at once below the rate', () => {
    const { admittedAt } = simulate(100, 50, 10);
    expect(admittedAt).toHaveLength(500);
  });

  it('answers each newcomer beyond the rate with the next place in the queue and a Retry-After', () => {
    let now = 0;
    const room = new WaitingRoom({ ratePerSecond: 10, burst: 2, clock: () => now });
    expect(room.admit(undefined).admitted).toBe(true);
    expect(room.admit(undefined).admitted).toBe(true);
    const queued = Array.from({ length: 25 }, () => room.admit(undefined) as Queued);
    expect(queued.map((q) => q.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(queued[0]!.retryAfterSeconds).toBe(1);
    expect(queued[24]!.retryAfterSeconds).toBe(3); // 25 places at 10/s
    expect(room.queueLength()).toBe(25);
    // Coming back too early keeps the place (same ticket, position now lower).
    now = 1000;
    const early = room.admit(queued[24]!.ticket) as Queued;
    expect(early.admitted).toBe(false);
    expect(early.ticket).toBe(queued[24]!.ticket);
    expect(early.position).toBe(15);
    // At its time the ticket walks in, once.
    now = 2500;
    expect(room.admit(queued[24]!.ticket).admitted).toBe(true);
    const again = room.admit(queued[24]!.ticket) as Queued;
    expect(again.admitted).toBe(false);
    expect(again.ticket).not.toBe(queued[24]!.ticket); // a used ticket counts as a newcomer
  });

  it.each(['forged', 'AAAAAAAA.0.AAAAAAAAAAAAAAAAAAAAAA'])(
    'takes a ticket it did not issue (%s) as a newcomer',
    (ticket) => {
      let now = 0;
      const room = new WaitingRoom({ ratePerSecond: 1, burst: 1, clock: () => now });
      room.admit(undefined);
      for (let i = 0; i < 10; i++) room.admit(undefined); // tickets 0–9 wait
      now = 2000; // tickets 0 and 1 have been called
      const d = room.admit(ticket) as Queued;
      // A forged ticket never jumps the queue: it is a fresh arrival, at the back.
      expect(d.admitted).toBe(false);
      expect(d.position).toBe(9);
    },
  );

  it('refuses a rate that is not positive', () => {
    expect(() => new WaitingRoom({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
