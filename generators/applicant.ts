// applicant(seed, index): one synthetic applicant, a pure function of its inputs, random access by index.
// See docs/generators.md for every distribution and its source.
import { civilFromDays, daysFromCivil, formatIsoDate } from './calendar.js';
import { emailOf, nameOf, passwordOf, phoneOf } from './identity.js';
import { BUCKETS, bucketPlace, LAUNCH_DAY } from './layout.js';
import {
  cityName,
  firstNameFemale,
  firstNameMale,
  lastNameFemale,
  lastNameMale,
  streetPrefix,
} from './locale-id.js';
import {
  BORN_IN_HOME_REGENCY,
  EDUCATION,
  EDUCATION_CUMULATIVE,
  EMPLOYMENT,
  EMPLOYMENT_CUMULATIVE,
  SOCIAL_AID_SHARE,
} from './demographics.js';
import { DIGITS2, DIGITS3, decimal, digits4 } from './digits.js';
import { formatNik } from './nik.js';
import { type GeneratorOptions, type GeneratorOptionsInput, resolveOptions } from './options.js';
import { FeistelPermutation, mix32, pickCumulative, Rng, streamKey } from './prng.js';
import { PROVINCES } from './regions.js';
import { malformNik, shiftedBirthDays } from './bad-data.js';
import { STREAM, studentShare, traitsOf } from './traits.js';
import type { Applicant, ApplicantFlags, ApplicantTraits, Education, EmploymentStatus } from './types.js';

/** Indices 0..MAX_INDEX (100 × B − 1 ≈ 1.9 billion, seven times Indonesia's population) are supported: with
 *  B ≈ 19 M buckets (layout.ts) a bucket is used at most 100 times, so serials stay 4 digits (see
 *  UNDER_AGE_SERIAL_BASE); emails are unique over 2^32 indices. */
export const MAX_INDEX = Math.min(100 * BUCKETS, 4_294_967_296) - 1;

let permSeed = -1;
let perm = new FeistelPermutation(BUCKETS, 0);
/** The seed-keyed permutation of buckets (cached for the last seed: generators usually stream one seed). */
export function bucketPermutation(seed: number): FeistelPermutation {
  if (seed !== permSeed) {
    perm = new FeistelPermutation(BUCKETS, mix32(seed ^ 0x2545f491));
    permSeed = seed;
  }
  return perm;
}

/** First serial of a bucket: 1–2000, so serials look like real ones rather than all 0001. */
export function serialBase(seed: number, bucket: number): number {
  return 1 + (mix32(mix32(seed ^ 0x68e31da4) ^ bucket) % 2000);
}

/** Serials ≥ 5000 mark the under-age bad-data NIKs (the 'under-age' branch below; undone in registry-record.ts);
 *  ordinary serials stay below 2100. */
export const UNDER_AGE_SERIAL_BASE = 5000;

export function checkSeedIndex(seed: number, index: number): void {
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(Number.isInteger(index) && index >= 0 && index <= MAX_INDEX)) {
    throw new RangeError(`index must be an integer in [0, ${MAX_INDEX}], got ${index}`);
  }
}

// Street names as faker id_ID makes them: a prefix (Jln., Gg., …) and a person's first or last name.
export const streetNames = [
  ...new Set([...firstNameMale, ...firstNameFemale, ...lastNameMale, ...lastNameFemale]),
];

export interface Generator {
  readonly options: GeneratorOptions;
  applicant(seed: number, index: number): Applicant;
  /** The email applicant(seed, index) registers with (before any duplicate-email bad data). */
  ownEmail(seed: number, index: number): string;
}

export function createGenerator(input: GeneratorOptionsInput = {}): Generator {
  const options = resolveOptions(input);
  const { notInRegistryRate, registryMismatchRate } = options;
  const bad = options.badData;
  const badTotal = bad.malformedNik + bad.nikBirthdateMismatch + bad.duplicateEmail + bad.underAge;
  const badCumulative = [
    bad.malformedNik,
    bad.malformedNik + bad.nikBirthdateMismatch,
    bad.malformedNik + bad.nikBirthdateMismatch + bad.duplicateEmail,
    badTotal,
  ];

  function ownEmail(seed: number, index: number): string {
    checkSeedIndex(seed, index);
    const bucket = bucketPermutation(seed).forward(index % BUCKETS);
    // Buckets of one cell alternate male/female from an even start, so the parity is the gender.
    const name = nameOf(new Rng(streamKey(seed, index, STREAM.name)), (bucket & 1) === 1);
    return emailOf(seed, index, name, new Rng(streamKey(seed, index, STREAM.contact)));
  }

  // ndjson-encoder.ts replays these draws, in this order, to write NDJSON without the record: change both
  // together (ndjson-encoder.test.ts compares them byte for byte).
  function applicant(seed: number, index: number): Applicant {
    checkSeedIndex(seed, index);
    const bucket = bucketPermutation(seed).forward(index % BUCKETS);
    const round = Math.floor(index / BUCKETS);
    const place = bucketPlace(bucket);
    const province = PROVINCES[place.province]!;
    const regency = province.regencies[place.regency]!;
    const female = place.female;
    const gender = female ? 'F' : 'M';
    let birthDays = place.birthDays;
    let birth = civilFromDays(birthDays);
    let nik = formatNik({
      regencyCode: regency.code,
      district: place.district,
      birthDate: birth,
      gender,
      serial: serialBase(seed, bucket) + round,
    });

    const name = nameOf(new Rng(streamKey(seed, index, STREAM.name)), female);
    const fullName = name.fullName;
    const contact = new Rng(streamKey(seed, index, STREAM.contact));
    let email = emailOf(seed, index, name, contact);
    const phone = phoneOf(contact);
    const password = passwordOf(contact);

    const profile = new Rng(streamKey(seed, index, STREAM.profile));
    const regencyPlain = regency.name.slice(regency.name.indexOf(' ') + 1);
    const birthPlace = profile.float() < BORN_IN_HOME_REGENCY ? regencyPlain : profile.pick(cityName);
    const street = profile.pick(streetPrefix) + ' ' + profile.pick(streetNames);
    const address =
      street +
      ' No. ' +
      decimal(profile.between(1, 150)) +
      ', RT ' +
      DIGITS3[profile.between(1, 15)] +
      '/RW ' +
      DIGITS3[profile.between(1, 12)] +
      ', ' +
      regency.name +
      ', ' +
      province.name;
    const issued = civilFromDays(profile.between(daysFromCivil(2008, 1, 1), LAUNCH_DAY - 30));
    const kk =
      regency.code +
      DIGITS2[place.district] +
      DIGITS2[issued.day] +
      DIGITS2[issued.month] +
      DIGITS2[issued.year % 100] +
      digits4(profile.between(1, 9999));
    const underAge = place.band === 0;
    const student = !underAge && profile.float() < studentShare(place.band);
    const education: Education = student
      ? 'SMA'
      : EDUCATION[pickCumulative(EDUCATION_CUMULATIVE, profile.float())]!;
    const employmentStatus: EmploymentStatus =
      student || underAge
        ? 'job-seeker'
        : EMPLOYMENT[pickCumulative(EMPLOYMENT_CUMULATIVE, profile.float())]!;
    const onSocialAid = profile.float() < SOCIAL_AID_SHARE;
    const r = profile.float();
    const flags: ApplicantFlags = {
      underAge,
      student,
      onSocialAid,
      notInRegistry: r < notInRegistryRate,
      registryMismatch: r >= notInRegistryRate && r < notInRegistryRate + registryMismatchRate,
      badData: 'none',
    };

    let birthDate = formatIsoDate(birth);
    if (badTotal > 0) {
      const rng = new Rng(streamKey(seed, index, STREAM.bad));
      const u = rng.float();
      if (u < badCumulative[0]!) {
        flags.badData = 'malformed-nik';
        nik = malformNik(nik, rng);
      } else if (u < badCumulative[1]!) {
        flags.badData = 'nik-birthdate-mismatch';
        birthDate = formatIsoDate(civilFromDays(shiftedBirthDays(birthDays, rng)));
      } else if (u < badCumulative[2]!) {
        flags.badData = 'duplicate-email';
        const other = index > 0 ? index - 1 - (rng.u32() % Math.min(index, 1000)) : 1;
        email = ownEmail(seed, other);
      } else if (u < badCumulative[3]!) {
        flags.badData = 'under-age';
        flags.underAge = true;
        // Same day and month in 2004 (a leap year, so 29 February survives); the original year and round go
        // into the serial so the NIK stays unique and registryRecord can undo it.
        const original = birth;
        birthDays = daysFromCivil(2004, original.month, original.day);
        birth = civilFromDays(birthDays);
        birthDate = formatIsoDate(birth);
        nik = formatNik({
          regencyCode: regency.code,
          district: place.district,
          birthDate: birth,
          gender,
          serial: UNDER_AGE_SERIAL_BASE + (original.year - 1955) + 50 * round,
        });
      }
    }

    return {
      seed,
      index,
      fullName,
      gender,
      birthDate,
      birthPlace,
      nik,
      kk,
      email,
      phone,
      password,
      address,
      provinceCode: province.code,
      province: province.name,
      regencyCode: regency.code,
      regency: regency.name,
      districtCode: regency.code + DIGITS2[place.district],
      education,
      employmentStatus,
      flags,
      traits: traitsOf(new Rng(streamKey(seed, index, STREAM.traits))),
    };
  }

  return { options, applicant, ownEmail };
}

export const defaultGenerator = createGenerator();

/** Applicant `index` of the population `seed`, with the default options (no bad data). Pure. */
export function applicant(seed: number, index: number): Applicant {
  return defaultGenerator.applicant(seed, index);
}

/** applicant(seed, index).traits without making the record: the traits come from a stream of their own
 *  (STREAM.traits), which no generator option changes, so they are the same for every Generator. ~20× cheaper
 *  than the record, for runners that keep only the traits of each journey in flight (the Node engine).
 *  Throws RangeError on a seed or index out of range, as applicant(). Pure. */
export function applicantTraits(seed: number, index: number): ApplicantTraits {
  checkSeedIndex(seed, index);
  return traitsOf(new Rng(streamKey(seed, index, STREAM.traits)));
}
