// Names, email, phone and password: the identity fields an applicant types when creating the account.
// ndjson-encoder.ts replays the draws of nameOf, emailOf, phoneOf and passwordOf in the same order: change
// both together (ndjson-encoder.test.ts compares them byte for byte).
// Names come from faker's id_ID locale (locale-id.ts), sampled with our own seeded stream.
import {
  firstNameFemale,
  firstNameGeneric,
  firstNameMale,
  freeEmail,
  lastNameFemale,
  lastNameGeneric,
  lastNameMale,
} from './locale-id.js';
import { decimal } from './digits.js';
import { cumulativeOf, FeistelPermutation, mix32, pickCumulative, type Rng } from './prng.js';

interface NameList {
  names: readonly string[];
  /** Lower-case, letters only: the email form of each name. */
  mail: readonly string[];
}
const list = (names: readonly string[]): NameList => ({
  names,
  mail: names.map((n) => n.toLowerCase().replace(/[^a-z]/g, '')),
});
const MALE_FIRST = list([...firstNameMale, ...firstNameGeneric]);
const FEMALE_FIRST = list([...firstNameFemale, ...firstNameGeneric]);
const MALE_LAST = list([...lastNameMale, ...lastNameGeneric]);
const FEMALE_LAST = list([...lastNameFemale, ...lastNameGeneric]);
/** The name lists nameOf draws from (shared with the byte encoder, ndjson-encoder.ts). */
export const NAME_LISTS = {
  maleFirst: MALE_FIRST,
  femaleFirst: FEMALE_FIRST,
  maleLast: MALE_LAST,
  femaleLast: FEMALE_LAST,
} as const;
export type { NameList };

export interface PersonName {
  fullName: string;
  /** Email forms of the first and the last word (equal for a single name). */
  mailFirst: string;
  mailLast: string;
}

/** Share of single names (mononyms, common in Java). Assumption. */
export const SINGLE_NAME_SHARE = 0.08;
const ONE_THIRD = (1 - SINGLE_NAME_SHARE) / 3;
/** Name pattern by u: single below [0], first last below [1], last first below [2], else first first last. */
export const NAME_PATTERN_BOUNDS = [
  SINGLE_NAME_SHARE,
  SINGLE_NAME_SHARE + ONE_THIRD,
  SINGLE_NAME_SHARE + 2 * ONE_THIRD,
] as const;

/** Full name. Patterns: faker id_ID's three (first last, last first, first first last), equally likely, plus
 *  single names. */
export function nameOf(rng: Rng, female: boolean): PersonName {
  const first = female ? FEMALE_FIRST : MALE_FIRST;
  const last = female ? FEMALE_LAST : MALE_LAST;
  const u = rng.float();
  const a = rng.below(first.names.length);
  if (u < NAME_PATTERN_BOUNDS[0])
    return { fullName: first.names[a]!, mailFirst: first.mail[a]!, mailLast: first.mail[a]! };
  const b = rng.below(last.names.length);
  if (u < NAME_PATTERN_BOUNDS[1]) {
    return {
      fullName: first.names[a] + ' ' + last.names[b],
      mailFirst: first.mail[a]!,
      mailLast: last.mail[b]!,
    };
  }
  if (u < NAME_PATTERN_BOUNDS[2]) {
    return {
      fullName: last.names[b] + ' ' + first.names[a],
      mailFirst: last.mail[b]!,
      mailLast: first.mail[a]!,
    };
  }
  const c = rng.below(first.names.length);
  return {
    fullName: first.names[a] + ' ' + first.names[c] + ' ' + last.names[b],
    mailFirst: first.mail[a]!,
    mailLast: last.mail[b]!,
  };
}

// Free-mail domains from faker id_ID, weighted (assumption: Gmail dominates Indonesian personal email).
export const EMAIL_DOMAIN_WEIGHTS: Readonly<Record<string, number>> = {
  'gmail.com': 0.8,
  'yahoo.com': 0.1,
  'yahoo.co.id': 0.08,
  'gmail.co.id': 0.02,
};
export const AT_DOMAINS = freeEmail.map((d) => '@' + d);
export const domainCumulative = cumulativeOf(freeEmail.map((d) => EMAIL_DOMAIN_WEIGHTS[d] ?? 0.01));

let emailPermSeed = -1;
let emailPerm = new FeistelPermutation(4_294_967_296, 0);

/** The unique number that ends the email's local part: a seed-keyed permutation of index on [0, 2^32). */
export function emailNumber(seed: number, index: number): number {
  if (seed !== emailPermSeed) {
    emailPerm = new FeistelPermutation(4_294_967_296, mix32(seed ^ 0x5bd1e995));
    emailPermSeed = seed;
  }
  return emailPerm.forward(index);
}

/** The email for (seed, index). Unique across indices for a seed by construction: the local part ends with the
 *  decimal digits of a seed-keyed permutation of index (a bijection on [0, 2^32)), and the letters before them
 *  contain no digit, so two indices always differ in that suffix. */
export function emailOf(seed: number, index: number, name: PersonName, rng: Rng): string {
  const u = rng.float();
  let local: string;
  if (name.mailFirst === name.mailLast || u < 0.25) local = name.mailFirst;
  else if (u < 0.55) local = name.mailFirst + '.' + name.mailLast;
  else if (u < 0.8) local = name.mailFirst + name.mailLast;
  else local = name.mailFirst + '_' + name.mailLast;
  return (
    local + decimal(emailNumber(seed, index)) + AT_DOMAINS[pickCumulative(domainCumulative, rng.float())]!
  );
}

// Mobile prefixes (national format) by operator, weighted by approximate 2019 subscriber numbers from the
// operators' annual reports (Telkomsel ~170 M, Indosat ~59 M, XL+Axis ~57 M, Tri ~40 M, Smartfren ~27 M).
export const MOBILE_OPERATORS: ReadonlyArray<{ name: string; weight: number; prefixes: readonly string[] }> =
  [
    {
      name: 'Telkomsel',
      weight: 170,
      prefixes: ['0811', '0812', '0813', '0821', '0822', '0823', '0851', '0852', '0853'],
    },
    {
      name: 'Indosat Ooredoo',
      weight: 59,
      prefixes: ['0814', '0815', '0816', '0855', '0856', '0857', '0858'],
    },
    {
      name: 'XL Axiata + Axis',
      weight: 57,
      prefixes: ['0817', '0818', '0819', '0859', '0877', '0878', '0831', '0832', '0833', '0838'],
    },
    { name: 'Tri (Hutchison 3)', weight: 40, prefixes: ['0895', '0896', '0897', '0898', '0899'] },
    {
      name: 'Smartfren',
      weight: 27,
      prefixes: ['0881', '0882', '0883', '0884', '0885', '0886', '0887', '0888', '0889'],
    },
  ];
export const operatorCumulative = cumulativeOf(MOBILE_OPERATORS.map((o) => o.weight));

/** Indonesian mobile number, national format: 4-digit prefix + 7–9 digits (11–13 digits in all). */
export function phoneOf(rng: Rng): string {
  const prefixes = MOBILE_OPERATORS[pickCumulative(operatorCumulative, rng.float())]!.prefixes;
  const prefix = prefixes[rng.below(prefixes.length)]!;
  const u = rng.float();
  // The subscriber part: leading digit 1–9, then the rest, drawn as one number.
  if (u < 0.1) return prefix + decimal(rng.between(1_000_000, 9_999_999));
  if (u < 0.9) return prefix + decimal(rng.between(10_000_000, 99_999_999));
  return prefix + decimal(rng.between(100_000_000, 999_999_999));
}

// Consonant-vowel syllables: passwords people choose look like words more than like noise.
export const SYLLABLES = 'bcdfghjklmnprstwy'.split('').flatMap((c) => 'aiueo'.split('').map((v) => c + v));
export const CAPITAL_SYLLABLES = SYLLABLES.map((s) => s[0]!.toUpperCase() + s[1]);

/** A password that passes common rules (≥ 10 characters, upper, lower and digits); no quotes or backslashes. */
export function passwordOf(rng: Rng): string {
  return (
    CAPITAL_SYLLABLES[rng.below(SYLLABLES.length)]! +
    SYLLABLES[rng.below(SYLLABLES.length)]! +
    SYLLABLES[rng.below(SYLLABLES.length)]! +
    SYLLABLES[rng.below(SYLLABLES.length)]! +
    decimal(rng.between(10, 9999))
  );
}
