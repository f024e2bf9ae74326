// Funnel calibration: the behaviour-trait probabilities that make a large default population reproduce the
// launch-day funnel (launch-facts.md: of 1,432,133 registered, 1,063,028 verified their email, 624,090 their
// NIK, 77,834 joined a batch), and expectedFunnel(), the one definition of which steps an applicant gets
// through when the service and the registry behave. The scenario journey and the tests share it.
import { AGE_BANDS, layoutShares } from './layout.js';
import { DEFAULT_OPTIONS } from './options.js';
import type { Applicant } from './types.js';

export const LAUNCH_FUNNEL = {
  registered: 1_432_133,
  emailVerified: 1_063_028,
  nikVerified: 624_090,
  joinedBatch: 77_834,
} as const;

/** Share of 18–24-year-olds in formal education (excluded via Dapodik). Assumption: launch-facts.md gives no
 *  figure; BPS puts higher-education participation of 19–23-year-olds near 30 %, and students are less
 *  likely than others to apply for a pre-employment card. */
export const STUDENT_SHARE_18_24 = 0.12;
const YOUNG_BAND = AGE_BANDS.findIndex((band) => band.name === '18-24');

// Assumptions for the steps the launch did not report separately (they only shape the split inside the
// 43.58 % → 5.43 % drop; the product is calibrated): KTP photo + selfie uploaded, motivation test passed.
export const UPLOAD_SHARE = 0.62;
export const PASS_TEST_SHARE = 0.8;

const bands = layoutShares().bands;
const underAgeShare = bands[0]!;
const studentShareOfAdults = (STUDENT_SHARE_18_24 * bands[YOUNG_BAND]!) / (1 - underAgeShare);
const registryOkShare = 1 - DEFAULT_OPTIONS.notInRegistryRate - DEFAULT_OPTIONS.registryMismatchRate;

/** P(trait | the previous trait): each trait implies the ones before it. */
export const TRAIT_PROBABILITIES = {
  verifyEmail: LAUNCH_FUNNEL.emailVerified / LAUNCH_FUNNEL.registered,
  completeProfile:
    LAUNCH_FUNNEL.nikVerified / LAUNCH_FUNNEL.emailVerified / (registryOkShare * (1 - underAgeShare)),
  upload: UPLOAD_SHARE,
  passTest: PASS_TEST_SHARE,
  joinWave:
    LAUNCH_FUNNEL.joinedBatch /
    LAUNCH_FUNNEL.nikVerified /
    (UPLOAD_SHARE * PASS_TEST_SHARE * (1 - studentShareOfAdults)),
} as const;

for (const [name, p] of Object.entries(TRAIT_PROBABILITIES)) {
  if (!(p > 0 && p < 1)) throw new Error(`funnel calibration: P(${name}) = ${p} is not a probability`);
}

export type FunnelStep = 'account' | 'verify-email' | 'profile' | 'upload' | 'test' | 'join-wave';

export interface FunnelOutcome {
  /** The account is created (fails only for a duplicate email). */
  registers: boolean;
  verifiesEmail: boolean;
  /** Profile submitted and the NIK verified: it parses, agrees with the typed birth date and gender, the
   *  registry knows it and matches name and birth date, and the applicant is 18 or older (the NIK carries
   *  the birth date, so age is decided at this step). */
  verifiesNik: boolean;
  uploads: boolean;
  passesTest: boolean;
  /** Joins a batch: all of the above, and not a student (Dapodik). Social aid only lowers priority. */
  joinsBatch: boolean;
  /** The last step completed, or null if even the account fails. */
  lastStep: FunnelStep | null;
}

/** Would this applicant's registration reach each funnel step, given a service that is up? Pure. */
export function expectedFunnel(applicant: Applicant): FunnelOutcome {
  const { traits, flags } = applicant;
  const registers = flags.badData !== 'duplicate-email';
  const verifiesEmail = registers && traits.willVerifyEmail;
  const verifiesNik =
    verifiesEmail &&
    traits.willCompleteProfile &&
    flags.badData === 'none' &&
    !flags.notInRegistry &&
    !flags.registryMismatch &&
    !flags.underAge;
  const uploads = verifiesNik && traits.willUpload;
  const passesTest = uploads && traits.willPassTest;
  const joinsBatch = passesTest && traits.willJoinWave && !flags.student;
  const lastStep: FunnelStep | null = joinsBatch
    ? 'join-wave'
    : passesTest
      ? 'test'
      : uploads
        ? 'upload'
        : verifiesNik
          ? 'profile'
          : verifiesEmail
            ? 'verify-email'
            : registers
              ? 'account'
              : null;
  return { registers, verifiesEmail, verifiesNik, uploads, passesTest, joinsBatch, lastStep };
}
