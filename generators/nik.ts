// The NIK (Nomor Induk Kependudukan), the 16-digit national ID, and its one decoder: the generators build
// NIKs with formatNik and the service checks them with parseNik (ARCHITECTURE.md: one implementation).
//
// Layout (Dukcapil; Permendagri 72/2019 for the region codes):
//   PP RR DD  ddmmyy  SSSS
//   PP province, RR regency/city inside it, DD district (kecamatan, 01–99),
//   dd day of birth (+40 for women), mm month, yy 2-digit year, SSSS serial (0001–9999).
import { daysFromCivil, isValidDate } from './calendar.js';
import { DIGITS2, digits4 } from './digits.js';
import { provinceIndexOf, regencyOfNumber } from './regions.js';
import type { Gender } from './types.js';

export type NikErrorReason =
  | 'not-16-digits'
  | 'unknown-province'
  | 'unknown-regency'
  | 'bad-district'
  | 'bad-date'
  | 'bad-serial';

export interface ParsedNik {
  ok: true;
  nik: string;
  provinceCode: string; // 2 digits
  regencyCode: string; // 4 digits: province + regency
  districtCode: string; // 6 digits: province + regency + district
  gender: Gender;
  birthDate: string; // YYYY-MM-DD
  /** Days since 1970-01-01 of birthDate (for age checks without Date). */
  birthDays: number;
  serial: number; // 1–9999
}

export interface NikError {
  ok: false;
  reason: NikErrorReason;
  message: string;
}

export type NikResult = ParsedNik | NikError;

export interface ParseNikOptions {
  /** 2-digit years above this year's last two digits are read as 19yy, the rest as 20yy. Default 2020
   *  (the launch); anyone born more than 100 years before it would be read as a baby. */
  referenceYear?: number;
}

const fail = (reason: NikErrorReason, message: string): NikError => ({ ok: false, reason, message });

// Digit value at position i, or -1 when not an ASCII digit.
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

export function parseNik(nik: string, options: ParseNikOptions = {}): NikResult {
  if (typeof nik !== 'string' || nik.length !== 16)
    return fail('not-16-digits', 'a NIK has exactly 16 digits');
  for (let i = 0; i < 16; i++) {
    if (digit(nik, i) < 0) return fail('not-16-digits', 'a NIK has only digits');
  }
  const province = two(nik, 0);
  if (provinceIndexOf(province) < 0)
    return fail('unknown-province', 'the first 2 digits are not a province code');
  const regency = regencyOfNumber(province * 100 + two(nik, 2));
  if (regency === undefined) {
    return fail('unknown-regency', 'digits 3–4 are not a regency of that province');
  }
  const district = two(nik, 4);
  if (district < 1) return fail('bad-district', 'digits 5–6 (district) must be 01–99');

  let day = two(nik, 6);
  const gender: Gender = day > 40 ? 'F' : 'M';
  if (gender === 'F') day -= 40;
  const month = two(nik, 8);
  const yy = two(nik, 10);
  const reference = options.referenceYear ?? 2020;
  const century = Math.floor(reference / 100) * 100;
  const year = century + yy > reference ? century - 100 + yy : century + yy;
  if (!isValidDate(year, month, day)) {
    return fail('bad-date', 'digits 7–12 are not a valid birth date (DDMMYY, day + 40 for women)');
  }
  const serial = Number(nik.slice(12));
  if (serial < 1) return fail('bad-serial', 'the last 4 digits (serial) must be 0001–9999');

  return {
    ok: true,
    nik,
    provinceCode: nik.slice(0, 2),
    regencyCode: regency.code,
    districtCode: nik.slice(0, 6),
    gender,
    birthDate: year + '-' + DIGITS2[month] + '-' + DIGITS2[day],
    birthDays: daysFromCivil(year, month, day),
    serial,
  };
}

/** Does the NIK agree with what the applicant typed? (birth date and gender; the region is not typed). */
export function nikAgrees(parsed: ParsedNik, typed: { birthDate: string; gender: Gender }): boolean {
  return parsed.birthDate === typed.birthDate && parsed.gender === typed.gender;
}

export interface NikParts {
  regencyCode: string; // 4 digits
  district: number; // 1–99
  birthDate: { year: number; month: number; day: number };
  gender: Gender;
  serial: number; // 1–9999
}

/** Builds a NIK from its parts. It does not validate: parseNik does (tests check the round trip). */
export function formatNik(parts: NikParts): string {
  const { birthDate: b } = parts;
  return (
    parts.regencyCode +
    DIGITS2[parts.district] +
    DIGITS2[parts.gender === 'F' ? b.day + 40 : b.day] +
    DIGITS2[b.month] +
    DIGITS2[b.year % 100] +
    digits4(parts.serial)
  );
}
