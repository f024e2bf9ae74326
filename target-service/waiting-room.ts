// A virtual waiting room for new sign-ups. On launch day 80,000 people arrived within one minute
// (launch-facts.md); a service that tries to serve them all at once serves none of them well. The room
// admits `ratePerSecond` new registrations; everyone beyond gets a numbered ticket, their place in the
// queue and a Retry-After, and is admitted when their number is called, in arrival order.
//
// Mechanics: credit accrues at `ratePerSecond`. While tickets wait, each whole credit calls the next
// ticket (so the queue moves at exactly the admission rate); when nobody waits, a fresh arrival spends a
// credit and walks in, and credit is capped at `burst`. A called ticket admits its holder once. Tickets
// are `<room>.<number>.<mac>`: HMAC-signed so a number cannot be forged, and bound to this room (one
// process), so a ticket from another process or an earlier run counts as a fresh arrival.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface WaitingRoomOptions {
  /** New registrations admitted per second, > 0. */
  ratePerSecond: number;
  /** Admissions that may go at once after a quiet spell; default ratePerSecond / 10, at least 1. */
  burst?: number;
  /** Milliseconds on any monotonic scale; tests pass a fake clock. */
  clock?: () => number;
  /** Called tickets remembered (to refuse a second use); older tickets count as fresh arrivals. */
  remember?: number;
}

export type Admission =
  | { admitted: true; ticketed: boolean }
  | {
      admitted: false;
      /** Send it back as X-Waiting-Room-Ticket to keep the place. */
      ticket: string;
      /** 1 = next to be called. */
      position: number;
      /** Whole seconds until the ticket is expected to be called (HTTP delta-seconds), ≥ 1. */
      retryAfterSeconds: number;
    };

export class WaitingRoom {
  private readonly rate: number;
  private readonly burst: number;
  private readonly clock: () => number;
  private readonly remember: number;
  private readonly room = randomBytes(6).toString('base64url');
  private readonly secret = randomBytes(32);
  private credit: number;
  private last: number;
  /** Tickets issued so far; the next ticket's number. */
  private issued = 0;
  /** Tickets called so far: numbers below this may come in. */
  private called = 0;
  private readonly used = new Set<number>();

  /** Throws RangeError for a rate or burst that is not a positive number. */
  constructor(opts: WaitingRoomOptions) {
    if (!(opts.ratePerSecond > 0 && Number.isFinite(opts.ratePerSecond))) {
      throw new RangeError(`waiting room rate must be > 0 per second; got ${opts.ratePerSecond}`);
    }
    this.rate = opts.ratePerSecond;
    this.burst = opts.burst ?? Math.max(1, Math.ceil(opts.ratePerSecond / 10));
    if (!(this.burst >= 1)) throw new RangeError(`waiting room burst must be ≥ 1; got ${this.burst}`);
    this.clock = opts.clock ?? (() => performance.now());
    this.remember = opts.remember ?? 100_000;
    this.credit = this.burst;
    this.last = this.clock();
  }

  /** Tickets waiting to be called. */
  queueLength(): number {
    this.refill();
    return this.issued - this.called;
  }

  /** Decides on one new registration. `ticket` is what the caller sent back, if anything. */
  admit(ticket: string | undefined): Admission {
    this.refill();
    const number = ticket === undefined ? undefined : this.read(ticket);
    if (number !== undefined) {
      if (number < this.called) {
        this.used.add(number);
        this.forget();
        return { admitted: true, ticketed: true };
      }
      return this.wait(number, ticket!);
    }
    if (this.issued === this.called && this.credit >= 1) {
      this.credit -= 1;
      return { admitted: true, ticketed: false };
    }
    const issued = this.issued++;
    return this.wait(issued, this.sign(issued));
  }

  private wait(number: number, ticket: string): Admission {
    const position = number - this.called + 1;
    const seconds = Math.ceil((position - this.credit) / this.rate);
    return { admitted: false, ticket, position, retryAfterSeconds: Math.max(1, seconds) };
  }

  private refill(): void {
    const now = this.clock();
    this.credit += (Math.max(0, now - this.last) / 1000) * this.rate;
    this.last = now;
    const callable = Math.min(Math.floor(this.credit), this.issued - this.called);
    this.called += callable;
    this.credit -= callable;
    if (this.issued === this.called) this.credit = Math.min(this.credit, this.burst);
  }

  private sign(number: number): string {
    return `${this.room}.${number}.${this.mac(number)}`;
  }

  private mac(number: number): string {
    return createHmac('sha256', this.secret)
      .update(`${this.room}.${number}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** The ticket's number when it is ours, well-formed, unused and not too old; else undefined. */
  private read(ticket: string): number | undefined {
    const m = /^([A-Za-z0-9_-]{8})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(ticket);
    if (!m || m[1] !== this.room) return undefined;
    const number = Number(m[2]);
    if (number >= this.issued || number < this.called - this.remember || this.used.has(number))
      return undefined;
    const expected = Buffer.from(this.mac(number));
    const given = Buffer.from(m[3]!);
    return given.length === expected.length && timingSafeEqual(given, expected) ? number : undefined;
  }

  private forget(): void {
    if (this.used.size <= this.remember) return;
    const floor = this.called - this.remember;
    for (const n of this.used) if (n < floor) this.used.delete(n);
  }
}
