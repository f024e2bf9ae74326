// Provinces, regencies and districts with the codes a NIK starts with (Kemendagri's, from the idn-area-data
// package: area-codes.ts), weighted by the 2020 census (census-2020.ts), built once at module load.
import { AREA_TABLE } from './area-codes.js';
import { CENSUS_2020, SPLIT_2022 } from './census-2020.js';

export interface Regency {
  /** 4 digits: province (2) + regency (2), as at the start of a NIK. */
  code: string;
  name: string;
  provinceCode: string;
  /** Position inside its province's regency list (0-based). */
  indexInProvince: number;
  /** Its districts' (kecamatan) 2-digit numbers, ascending: a NIK's digits 5–6 are one of them. */
  districts: readonly number[];
}

export interface Province {
  code: string; // 2 digits
  name: string;
  /** SP2020 population (BPS, September 2020); for the provinces of Papua's 2022 split, their share of the
   *  2020 province's count in proportion to their districts (assumption: no source in our data gives it). */
  population: number;
  /** population / national total: the share of applicants drawn from this province. */
  weight: number;
  regencies: readonly Regency[];
  /** Number of districts over all its regencies. */
  districtCount: number;
}

function regenciesOf(provinceCode: string, list: string): Regency[] {
  return list.split('|').map((entry, indexInProvince) => {
    const [rr, digits, name] = entry.split(':') as [string, string, string];
    const districts: number[] = [];
    for (let i = 0; i < digits.length; i += 2) districts.push(Number(digits.slice(i, i + 2)));
    return { code: provinceCode + rr, name, provinceCode, indexInProvince, districts };
  });
}

const areas = AREA_TABLE.map(([code, name, list]) => {
  const regencies = regenciesOf(code, list);
  return { code, name, regencies, districtCount: regencies.reduce((n, r) => n + r.districts.length, 0) };
});
const districtsOf = (code: string) => areas.find((a) => a.code === code)?.districtCount ?? 0;

const populationOf = new Map<string, number>();
for (const [code, population] of CENSUS_2020) {
  const parts = SPLIT_2022[code] ?? [code];
  const districts = parts.reduce((n, part) => n + districtsOf(part), 0);
  let left = population;
  parts.forEach((part, i) => {
    const share = i === parts.length - 1 ? left : Math.round((population * districtsOf(part)) / districts);
    populationOf.set(part, share);
    left -= share;
  });
}

/** SP2020 national total (270,203,917). */
export const CENSUS_TOTAL = CENSUS_2020.reduce((sum, [, population]) => sum + population, 0);

export const PROVINCES: readonly Province[] = areas.map((area) => {
  const population = populationOf.get(area.code);
  if (population === undefined) throw new Error(`no 2020 census count for province ${area.code}`);
  return { ...area, population, weight: population / CENSUS_TOTAL };
});

// Numeric lookups: codes are digits, so an array indexed by the number is the fastest map in any runtime.
const provinceIndexByNumber = new Int16Array(100).fill(-1);
const regencyByNumber: Array<Regency | undefined> = new Array(10_000);
PROVINCES.forEach((province, i) => {
  provinceIndexByNumber[Number(province.code)] = i;
  for (const regency of province.regencies) regencyByNumber[Number(regency.code)] = regency;
});

/** Index into PROVINCES of a 2-digit province number (e.g. 32), or -1. */
export function provinceIndexOf(provinceNumber: number): number {
  return provinceNumber >= 0 && provinceNumber < 100 ? provinceIndexByNumber[provinceNumber]! : -1;
}

export function provinceByCode(code: string): Province | undefined {
  if (!/^\d{2}$/.test(code)) return undefined;
  const i = provinceIndexOf(Number(code));
  return i < 0 ? undefined : PROVINCES[i];
}

/** The regency of a 4-digit number (e.g. 3273 = Kota Bandung), or undefined. */
export function regencyOfNumber(regencyNumber: number): Regency | undefined {
  return regencyNumber >= 0 && regencyNumber < 10_000 ? regencyByNumber[regencyNumber] : undefined;
}

export function regencyByCode(code: string): Regency | undefined {
  return /^\d{4}$/.test(code) ? regencyOfNumber(Number(code)) : undefined;
}

/** Does the 6-digit district code (province, regency, district) exist in the table? */
export function isDistrictCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return regencyOfNumber(Number(code.slice(0, 4)))?.districts.includes(Number(code.slice(4))) ?? false;
}
