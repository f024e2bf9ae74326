// The email-verification decision, shared by both dialects: the repositories fetch the facts in
// a transaction, this says what they mean, and the repository applies it in the same transaction.

import { timingSafeEqual } from 'node:crypto';
import type { VerifyEmailResult } from './types.js';

export interface VerifyEmailFacts {
  /** Undefined when the account does not exist. */
  emailVerifiedAt: Date | null | undefined;
  /** The newest mail not yet consumed, if any. */
  mail: { code: string; expiresAt: Date } | undefined;
}

/** Compares in constant time so response timing does not reveal how many leading digits matched. */
function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function verifyEmailOutcome(facts: VerifyEmailFacts, code: string, now: Date): VerifyEmailResult {
  if (facts.emailVerifiedAt instanceof Date) return 'already-verified';
  // No account or no open mail: there is nothing this code could match.
  if (facts.mail === undefined || !sameCode(facts.mail.code, code)) return 'wrong-code';
  // A code is good strictly before its expiry instant.
  if (now.getTime() >= facts.mail.expiresAt.getTime()) return 'expired';
  return 'verified';
}
