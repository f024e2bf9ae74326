// What the model predicts a replay's funnel will look like: the share of a population of applicants that
// completes each step, and how their journeys end, when the service and the registry behave. A replay's
// measured shares are compared with these (within 1 pp). One definition of who gets through: generators'
// expectedFunnel(), which the funnel journey follows step by step.
import { applicant as defaultApplicant, expectedFunnel } from '../../generators/index.js';
import type { Applicant } from '../../generators/types.js';

export interface FunnelShares {
  count: number;
  /** Share that completed each step (visit: made at least one page view). */
  steps: {
    visit: number;
    account: number;
    'verify-email': number;
    profile: number;
    upload: number;
    /** Passed the aptitude test. */
    test: number;
    'join-wave': number;
  };
  /** Share of journeys by how they end under the funnel journey. */
  results: { completed: number; 'dropped-out': number; abandoned: number };
}

/** Shares over applicants startIndex … startIndex + count − 1 (a replay's arrivals take them in order). */
export function expectedFunnelShares(
  seed: number,
  startIndex: number,
  count: number,
  applicantOf: (seed: number, index: number) => Applicant = defaultApplicant,
): FunnelShares {
  if (!(Number.isInteger(count) && count > 0))
    throw new RangeError(`count must be a whole number > 0, got ${count}`);
  const tally = {
    visit: 0,
    account: 0,
    verify: 0,
    profile: 0,
    upload: 0,
    test: 0,
    join: 0,
    completed: 0,
    droppedOut: 0,
    abandoned: 0,
  };
  for (let i = startIndex; i < startIndex + count; i++) {
    const a = applicantOf(seed, i);
    const f = expectedFunnel(a);
    if (a.traits.pageViews > 0) tally.visit += 1;
    if (f.registers) tally.account += 1;
    if (f.verifiesEmail) tally.verify += 1;
    if (f.verifiesNik) tally.profile += 1;
    if (f.uploads) tally.upload += 1;
    if (f.passesTest) tally.test += 1;
    if (f.joinsBatch) tally.join += 1;
    // The funnel journey's end: completed with a place on a wave; dropped out where the traits stop;
    // abandoned when the service rightly rejects the applicant (duplicate email, NIK or registry problems,
    // under 18, and at Join Batch a student in Dapodik).
    const rejectedAtProfile = f.verifiesEmail && a.traits.willCompleteProfile && !f.verifiesNik;
    const rejectedAtJoin = f.passesTest && a.traits.willJoinWave && !f.joinsBatch;
    if (f.joinsBatch) tally.completed += 1;
    else if (!f.registers || rejectedAtProfile || rejectedAtJoin) tally.abandoned += 1;
    else tally.droppedOut += 1;
  }
  return {
    count,
    steps: {
      visit: tally.visit / count,
      account: tally.account / count,
      'verify-email': tally.verify / count,
      profile: tally.profile / count,
      upload: tally.upload / count,
      test: tally.test / count,
      'join-wave': tally.join / count,
    },
    results: {
      completed: tally.completed / count,
      'dropped-out': tally.droppedOut / count,
      abandoned: tally.abandoned / count,
    },
  };
}
