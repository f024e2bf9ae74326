// No guessing at passwords: failed sign-ins are counted per account and per client address, and a key over
// its limit is refused (429 with Retry-After) before the password is even hashed, so a guessing client also
// stops costing scrypt time. Only failures count (a wave opening is a crowd of correct sign-ins, often from
// one carrier-grade NAT). rate-limiter-flexible keeps the counters; in memory here, one instance's view
// (its Redis/PostgreSQL stores would share them across replicas).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { FunnelConfig } from './funnel-config.js';

export interface ThrottleVerdict {
  reason: 'account' | 'address';
  retryAfterSeconds: number;
}

export class SignInThrottle {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(cfg: FunnelConfig['signIn']) {
    this.byAccount = new RateLimiterMemory({ points: cfg.perAccount, duration: cfg.windowSeconds });
    this.byAddress = new RateLimiterMemory({ points: cfg.perAddress, duration: cfg.windowSeconds });
  }

  /** Undefined when the sign-in may be tried; otherwise which limit holds and for how long (whole s). */
  async check(email: string, address: string): Promise<ThrottleVerdict | undefined> {
    const account = await this.byAccount.get(email);
    if (account !== null && account.remainingPoints <= 0) {
      return { reason: 'account', retryAfterSeconds: seconds(account) };
    }
    const addr = await this.byAddress.get(address);
    if (addr !== null && addr.remainingPoints <= 0) {
      return { reason: 'address', retryAfterSeconds: seconds(addr) };
    }
    return undefined;
  }

  /** Counts a failed sign-in against both keys. */
  async failed(email: string, address: string): Promise<void> {
    await Promise.all([consume(this.byAccount, email), consume(this.byAddress, address)]);
  }

  /** A correct password clears the account's failures (the address keeps its count). */
  async succeeded(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}

function seconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err; // over the limit: the next check() refuses
  }
}
