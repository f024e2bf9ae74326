// NIKs a real validator accepts: every generated NIK (and KK) starts with a district that exists in
// Kemendagri's table (the idn-area-data package). Before, only 44 % did (e.g. 3304 22: Banjarnegara has
// districts 01–20), and 2 % carried a statistics-bureau regency code (Kota Dumai 14.73 for 14.72).
import { expect, test } from 'vitest';
import { applicant } from './applicant.js';
import { areaSnapshot } from './area-codes.extract.js';
import { AREA_TABLE } from './area-codes.js';
import { DEFAULT_SEED } from './options.js';
import { registryRecord } from './registry-record.js';
import { isDistrictCode, PROVINCES } from './regions.js';

test("the snapshot equals idn-area-data's tables (run area-codes.extract.ts after an upgrade)", () => {
  expect(AREA_TABLE.map((row) => [...row])).toEqual(areaSnapshot().provinces);
});

test('the table holds 38 provinces, 514 regencies and 7,285 districts', () => {
  expect(PROVINCES).toHaveLength(38);
  expect(PROVINCES.reduce((n, p) => n + p.regencies.length, 0)).toBe(514);
  expect(PROVINCES.reduce((n, p) => n + p.districtCount, 0)).toBe(7285);
  expect(isDistrictCode('330420')).toBe(true);
  expect(isDistrictCode('330422')).toBe(false); // Banjarnegara has districts 01–20
  expect(isDistrictCode('147201')).toBe(true);
  expect(isDistrictCode('147301')).toBe(false); // BPS's Kota Dumai
});

test('1 M applicants: every NIK and KK starts with a real district code; NIKs are unique and invertible', () => {
  const N = 1_000_000;
  const niks = new Set<string>();
  const districts = new Set<string>();
  let wrong = 0;
  for (let i = 0; i < N; i++) {
    const a = applicant(DEFAULT_SEED, i);
    if (!isDistrictCode(a.nik.slice(0, 6)) || !isDistrictCode(a.kk.slice(0, 6))) wrong++;
    if (a.districtCode !== a.nik.slice(0, 6)) wrong++;
    niks.add(a.nik);
    districts.add(a.districtCode);
    // The registry finds every 1,000th applicant back from the NIK alone.
    if (i % 1000 === 0 && !a.flags.notInRegistry) {
      expect(registryRecord(DEFAULT_SEED, a.nik)?.fullName.length).toBeGreaterThan(0);
    }
  }
  expect(wrong).toBe(0);
  expect(niks.size).toBe(N);
  // The draws reach most of the country's districts, not a few per regency.
  expect(districts.size).toBeGreaterThan(7000);
}, 120_000);
