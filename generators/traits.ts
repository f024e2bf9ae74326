// Behaviour traits (what the applicant will do in the funnel) and the stream ids of an applicant's record.
import { STUDENT_SHARE_18_24, TRAIT_PROBABILITIES } from './funnel.js';
import { AGE_BANDS } from './layout.js';
import { cumulativeOf, pickCumulative, type Rng } from './prng.js';
import { exponentialIntTable, fromTable, lognormalTable } from './quantiles.js';
import type { ApplicantTraits } from './types.js';

/** Independent random streams per field group, so adding a field to one group never shifts another. */
export const STREAM = { name: 1, contact: 2, profile: 3, traits: 4, bad: 5, registry: 6 } as const;

const YOUNG_BAND = AGE_BANDS.findIndex((band) => band.name === '18-24');

/** P(student) for an age band: only 18–24-year-olds are in formal education here. */
export function studentShare(band: number): number {
  return band === YOUNG_BAND ? STUDENT_SHARE_18_24 : 0;
}

// Patience: retries of a failed step before giving up. Assumption, shaped by the launch reports of people
// trying "again and again" (launch-facts.md): most retry a few times, a persistent tail keeps going.
export const PATIENCE_VALUES = [0, 1, 2, 3, 5, 10, 20] as const;
export const patienceCumulative = cumulativeOf([0.15, 0.2, 0.2, 0.15, 0.15, 0.1, 0.05]);

/** Think time before each step: lognormal, [median seconds, log-space sigma]. Assumptions: typing the account
 *  form, opening the mailbox, finding the KTP and typing the NIK, photographing it, a ~15-minute test. */
export const THINK_TIMES = {
  account: [40, 0.5],
  verifyEmail: [90, 0.9],
  profile: [150, 0.6],
  upload: [60, 0.7],
  test: [900, 0.35],
  joinWave: [30, 0.6],
} as const;

// Tenths of a second, between 1 s and 2 h.
const think = (spec: readonly [number, number]) => lognormalTable(spec[0], spec[1], 1, 1, 7200);
export const THINK_TABLES = {
  account: think(THINK_TIMES.account),
  verifyEmail: think(THINK_TIMES.verifyEmail),
  profile: think(THINK_TIMES.profile),
  upload: think(THINK_TIMES.upload),
  test: think(THINK_TIMES.test),
  joinWave: think(THINK_TIMES.joinWave),
};
// Landing page, FAQ, … before registering: 1 + exponential with mean 1.5, at most 30.
export const PAGE_VIEWS = exponentialIntTable(1.5).map((n) => Math.min(30, 1 + n));

// ndjson-encoder.ts replays these draws in this order: change both together.
export function traitsOf(rng: Rng): ApplicantTraits {
  const p = TRAIT_PROBABILITIES;
  const willVerifyEmail = rng.float() < p.verifyEmail;
  const willCompleteProfile = willVerifyEmail && rng.float() < p.completeProfile;
  const willUpload = willCompleteProfile && rng.float() < p.upload;
  const willPassTest = willUpload && rng.float() < p.passTest;
  const willJoinWave = willPassTest && rng.float() < p.joinWave;
  const t = THINK_TABLES;
  return {
    willVerifyEmail,
    willCompleteProfile,
    willUpload,
    willPassTest,
    willJoinWave,
    patience: PATIENCE_VALUES[pickCumulative(patienceCumulative, rng.float())]!,
    thinkSeconds: {
      account: fromTable(t.account, rng.u32()),
      verifyEmail: fromTable(t.verifyEmail, rng.u32()),
      profile: fromTable(t.profile, rng.u32()),
      upload: fromTable(t.upload, rng.u32()),
      test: fromTable(t.test, rng.u32()),
      joinWave: fromTable(t.joinWave, rng.u32()),
    },
    pageViews: fromTable(PAGE_VIEWS, rng.u32()),
  };
}
