// The email-verification decision, shared by both dialects: the repositories fetch the facts in
// a transaction, this says what they mean and what to write, and the repository applies it in the same
// transaction (the account row is locked, so concurrent guesses are counted one after the other).
//
// No guessing: a six-digit code has 10^6 values; unlimited guesses at a few thousand a second find it in
// minutes. Each code takes `perCode` wrong guesses, then it is burnt and a fresh code is needed; an account
// takes `perAccount` wrong guesses over all its codes within `windowMs`, then every guess is refused until
// the window has passed. With the defaults an attacker gets 15 guesses a day: a 1.5 × 10⁻⁵ chance.

import { timingSafeEqual } from 'node:crypto';
import type { VerifyEmailResult } from './types.js';

export interface EmailCodeLimits {
  /** Wrong guesses a code takes before it is burnt. */
  perCode: number;
  /** Wrong guesses an account takes over all its codes within windowMs. */
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_EMAIL_CODE_LIMITS: EmailCodeLimits = {
  perCode: 5,
  perAccount: 15,
  windowMs: 24 * 3600 * 1000,
};

export interface VerifyEmailFacts {
  /** Undefined when the account does not exist. */
  emailVerifiedAt: Date | null | undefined;
  /** The newest mail not yet consumed, if any. */
  mail: { code: string; expiresAt: Date; attempts: number } | undefined;
  /** The newest mail whether consumed or not (a burnt code is consumed without verifying). */
  newest: { attempts: number } | undefined;
  /** Wrong guesses counted on the account's mails created within the window. */
  failuresInWindow: number;
}

export type VerifyEmailWrite = 'consume' | 'count-wrong' | 'none';

/** Compares in constant time so response timing does not reveal how many leading digits matched. */
function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What the guess means and what to write: 'count-wrong' adds one to the open mail's attempts and burns it
 *  (consumed without verifying) when that reaches limits.perCode. */
export function verifyEmailOutcome(
  facts: VerifyEmailFacts,
  code: string,
  now: Date,
  limits: EmailCodeLimits = DEFAULT_EMAIL_CODE_LIMITS,
): { result: VerifyEmailResult; write: VerifyEmailWrite } {
  if (facts.emailVerifiedAt instanceof Date) return { result: 'already-verified', write: 'none' };
  if (facts.emailVerifiedAt === undefined) return { result: 'wrong-code', write: 'none' };
  if (facts.failuresInWindow >= limits.perAccount) return { result: 'attempts-exhausted', write: 'none' };
  if (facts.mail === undefined) {
    const burnt = facts.newest !== undefined && facts.newest.attempts >= limits.perCode;
    return { result: burnt ? 'code-locked' : 'wrong-code', write: 'none' };
  }
  if (!sameCode(facts.mail.code, code)) {
    if (facts.mail.attempts + 1 >= limits.perCode) return { result: 'code-locked', write: 'count-wrong' };
    if (facts.failuresInWindow + 1 >= limits.perAccount)
      return { result: 'attempts-exhausted', write: 'count-wrong' };
    return { result: 'wrong-code', write: 'count-wrong' };
  }
  // A code is good strictly before its expiry instant.
  if (now.getTime() >= facts.mail.expiresAt.getTime()) return { result: 'expired', write: 'none' };
  return { result: 'verified', write: 'consume' };
}
