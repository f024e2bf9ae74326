// registryRecord(seed, nik): what the population registry (Dukcapil) holds for a NIK, without storing the
// population. The NIK is invertible (layout.ts): decode the bucket and the round from it, undo the seed's
// permutation to get the index, regenerate applicant(seed, index) and answer from it. O(1) per lookup.
import { civilFromDays, daysFromCivil, formatIsoDate, isValidDate } from './calendar.js';
import {
  bucketPermutation,
  createGenerator,
  defaultGenerator,
  type Generator,
  MAX_INDEX,
  serialBase,
  UNDER_AGE_SERIAL_BASE,
} from './applicant.js';
import { misspell, shiftedBirthDays } from './bad-data.js';
import { BUCKETS, bucketOf } from './layout.js';
import { parseNik } from './nik.js';
import type { GeneratorOptionsInput } from './options.js';
import { Rng, streamKey } from './prng.js';
import { provinceIndexOf, regencyOfNumber } from './regions.js';
import { STREAM } from './traits.js';
import type { Applicant, RegistryRecord } from './types.js';

/** The index of the applicant of `seed` whose generated NIK this is, or -1 (not a NIK we generate). */
export function indexOfNik(seed: number, nik: string): number {
  const parsed = parseNik(nik);
  if (!parsed.ok) return -1;
  const province = provinceIndexOf(Number(parsed.provinceCode));
  const regency = regencyOfNumber(Number(parsed.regencyCode))!.indexInProvince;
  const district = Number(nik.slice(4, 6));
  const female = parsed.gender === 'F';
  let birthDays = parsed.birthDays;
  let round: number;
  let bucket: number;
  if (parsed.serial >= UNDER_AGE_SERIAL_BASE) {
    // Under-age bad data: born 2004 on the original day and month; the serial carries year and round.
    const code = parsed.serial - UNDER_AGE_SERIAL_BASE;
    const birth = civilFromDays(birthDays);
    const year = 1955 + (code % 50);
    if (birth.year !== 2004 || !isValidDate(year, birth.month, birth.day)) return -1;
    birthDays = daysFromCivil(year, birth.month, birth.day);
    round = Math.floor(code / 50);
    bucket = bucketOf(province, regency, district, birthDays, female);
  } else {
    bucket = bucketOf(province, regency, district, birthDays, female);
    if (bucket < 0) return -1;
    round = parsed.serial - serialBase(seed, bucket);
  }
  if (bucket < 0 || round < 0) return -1;
  const index = round * BUCKETS + bucketPermutation(seed).inverse(bucket);
  return index <= MAX_INDEX ? index : -1;
}

function recordOf(generator: Generator, seed: number, nik: string): RegistryRecord | undefined {
  const index = indexOfNik(seed, nik);
  if (index < 0) return undefined;
  const a: Applicant = generator.applicant(seed, index);
  if (a.nik !== nik || a.flags.notInRegistry) return undefined;
  // The registry holds the NIK's own birth date (it differs from the typed one for nik-birthdate-mismatch).
  const parsed = parseNik(nik);
  let birthDate = parsed.ok ? parsed.birthDate : a.birthDate;
  let fullName = a.fullName;
  if (a.flags.registryMismatch) {
    const rng = new Rng(streamKey(seed, index, STREAM.registry));
    // Assumption: most mismatches are spellings of the name; some are an older or mistyped birth date.
    if (rng.float() < 0.7) fullName = misspell(fullName, rng);
    else birthDate = formatIsoDate(civilFromDays(shiftedBirthDays(parsed.ok ? parsed.birthDays : 0, rng)));
  }
  return { nik, fullName, birthDate, gender: a.gender };
}

/** The registry's record for a NIK in population `seed` (default options), or undefined when the registry does
 *  not know it: never generated, malformed, or an applicant flagged notInRegistry. Pure. */
export function registryRecord(seed: number, nik: string): RegistryRecord | undefined {
  return recordOf(defaultGenerator, seed, nik);
}

/** registryRecord for a population generated with non-default options (registry shares, bad data). */
export function createRegistry(options: GeneratorOptionsInput | Generator = {}) {
  const generator = 'applicant' in options ? (options as Generator) : createGenerator(options);
  return { registryRecord: (seed: number, nik: string) => recordOf(generator, seed, nik) };
}
