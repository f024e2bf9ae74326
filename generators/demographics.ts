// Who applies: education, employment status and social aid (ages and regions are in layout.ts).
import { cumulativeOf } from './prng.js';
import type { Education, EmploymentStatus } from './types.js';

// Assumption (launch-facts.md has no breakdown): registrants of an online programme skew to senior-high
// (SMA/SMK) graduates, with fewer primary-only workers than the labour force as a whole.
export const EDUCATION_SHARES: ReadonlyArray<readonly [Education, number]> = [
  ['SD', 0.07],
  ['SMP', 0.13],
  ['SMA', 0.33],
  ['SMK', 0.24],
  ['D3', 0.06],
  ['S1', 0.16],
  ['S2', 0.01],
];

// Kemnaker proposed 1,010,579 laid-off or furloughed formal workers and 189,452 informal workers (launch-facts.md,
// 7 April), 18.75 informal per 100 formal. Those two groups get 65.3 % of registrants in that ratio; the formal
// 55 % split 1:2 laid-off:furloughed (assumption: most were sent home, not dismissed, in April 2020); the open
// registration's others, micro-business owners and job seekers, the rest (assumption).
const FORMAL = 0.55;
const INFORMAL = (FORMAL * 189_452) / 1_010_579;
const MICRO_BUSINESS = 0.097;
export const EMPLOYMENT_SHARES: ReadonlyArray<readonly [EmploymentStatus, number]> = [
  ['laid-off', FORMAL / 3],
  ['furloughed', (2 * FORMAL) / 3],
  ['informal-worker', INFORMAL],
  ['micro-business-owner', MICRO_BUSINESS],
  ['job-seeker', 1 - FORMAL - INFORMAL - MICRO_BUSINESS],
];

/** Share of applicants on another social-aid programme (DTKS). Assumption: one in five. */
export const SOCIAL_AID_SHARE = 0.2;

/** Birth place: the home regency this often, else any town of faker's id_ID list (people move). Assumption. */
export const BORN_IN_HOME_REGENCY = 0.6;

export const EDUCATION = EDUCATION_SHARES.map(([e]) => e);
export const EDUCATION_CUMULATIVE = cumulativeOf(EDUCATION_SHARES.map(([, w]) => w));
export const EMPLOYMENT = EMPLOYMENT_SHARES.map(([e]) => e);
export const EMPLOYMENT_CUMULATIVE = cumulativeOf(EMPLOYMENT_SHARES.map(([, w]) => w));
