// Lookup tables over the 2020 province/regency codes (regions-data.ts), built once at module load.
import { PROVINCE_TABLE } from './regions-data.js';

export interface Regency {
  /** 4 digits: province (2) + regency (2), as at the start of a NIK. */
  code: string;
  name: string;
  provinceCode: string;
  /** Position inside its province's regency list (0-based). */
  indexInProvince: number;
}

export interface Province {
  code: string; // 2 digits
  name: string;
  /** SP2020 population (BPS, September 2020). */
  population: number;
  /** population / national total: the share of applicants drawn from this province. */
  weight: number;
  regencies: readonly Regency[];
}

const total = PROVINCE_TABLE.reduce((sum, row) => sum + row[2], 0);

export const PROVINCES: readonly Province[] = PROVINCE_TABLE.map(([code, name, population, list]) => {
  const regencies = list.split('|').map((entry, indexInProvince) => ({
    code: code + entry.slice(0, 2),
    name: entry.slice(3),
    provinceCode: code,
    indexInProvince,
  }));
  return { code, name, population, weight: population / total, regencies };
});

/** SP2020 national total (270,203,917). */
export const CENSUS_TOTAL = total;

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
