// The applicants a probe sends: generated (seed, index), each used once, skipping those the generators
// made deliberately bad (a duplicate email, a NIK the registry does not know…): a probe measures the
// capacity of the successful path, and a planted 409 or 422 would bend the curve.
import { applicant } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';

/** True when the applicant carries no deliberate bad data, the population registry knows them, and they
 *  are 18 or older (the service refuses younger ones at the profile: issue 10's age rule). */
export function isCleanApplicant(a: Applicant): boolean {
  return (
    !a.flags.notInRegistry && !a.flags.registryMismatch && !a.flags.underAge && a.flags.badData === 'none'
  );
}

/** Hands out clean applicants in index order from `firstIndex`; `nextIndex` is where the next one starts. */
export class ApplicantCursor {
  constructor(
    readonly seed: number,
    private index: number,
  ) {}

  get nextIndex(): number {
    return this.index;
  }

  next(): { index: number; applicant: Applicant } {
    for (;;) {
      const index = this.index++;
      const a = applicant(this.seed, index);
      if (isCleanApplicant(a)) return { index, applicant: a };
    }
  }
}
