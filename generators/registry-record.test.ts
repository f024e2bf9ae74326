import { describe, expect, test } from 'vitest';
import { applicant, createGenerator } from './applicant.js';
import { formatNik } from './nik.js';
import { createRegistry, indexOfNik, registryRecord } from './registry-record.js';

describe('registryRecord', () => {
  test('answers for every generated NIK: not-found, mismatch or the same person', () => {
    const counts = { notFound: 0, mismatch: 0, match: 0 };
    for (let k = 0; k < 20_000; k++) {
      const index = k * 7919; // spread over a few rounds of the layout's buckets
      const a = applicant(2020, index);
      const record = registryRecord(2020, a.nik);
      if (a.flags.notInRegistry) {
        expect(record).toBeUndefined();
        counts.notFound++;
      } else if (a.flags.registryMismatch) {
        expect(record).toBeDefined();
        expect(record!.nik).toBe(a.nik);
        expect(record!.fullName !== a.fullName || record!.birthDate !== a.birthDate).toBe(true);
        counts.mismatch++;
      } else {
        expect(record).toEqual({
          nik: a.nik,
          fullName: a.fullName,
          birthDate: a.birthDate,
          gender: a.gender,
        });
        counts.match++;
      }
      expect(indexOfNik(2020, a.nik)).toBe(index);
    }
    // Default shares 3 % and 5 %: all three answers occur.
    expect(counts.notFound).toBeGreaterThan(400);
    expect(counts.mismatch).toBeGreaterThan(700);
  });

  test('works at the far end of the index range and is pure', () => {
    const a = applicant(9, 1_900_000_000);
    expect(indexOfNik(9, a.nik)).toBe(1_900_000_000);
    expect(registryRecord(9, a.nik)).toEqual(registryRecord(9, a.nik));
  });

  test('valid NIKs that were never generated and malformed ones are not found', () => {
    const neverGenerated = formatNik({
      regencyCode: '3273',
      district: 99, // the layout never uses district 99 in Kota Bandung
      birthDate: { year: 1990, month: 8, day: 12 },
      gender: 'M',
      serial: 42,
    });
    expect(registryRecord(1, neverGenerated)).toBeUndefined();
    expect(registryRecord(1, '123')).toBeUndefined();
    expect(registryRecord(1, '3273051208900000')).toBeUndefined();
  });

  test('follows the bad-data mix: malformed NIKs unknown, under-age and typed-date records known', () => {
    const generator = createGenerator({
      badData: { malformedNik: 0.25, nikBirthdateMismatch: 0.25, duplicateEmail: 0.25, underAge: 0.25 },
      notInRegistryRate: 0,
      registryMismatchRate: 0,
    });
    const registry = createRegistry(generator);
    const seen = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const a = generator.applicant(5, i);
      seen.add(a.flags.badData);
      const record = registry.registryRecord(5, a.nik);
      switch (a.flags.badData) {
        case 'malformed-nik':
          expect(record).toBeUndefined();
          break;
        case 'nik-birthdate-mismatch':
          expect(record?.fullName).toBe(a.fullName);
          expect(record?.birthDate).not.toBe(a.birthDate);
          break;
        default:
          expect(record).toEqual({
            nik: a.nik,
            fullName: a.fullName,
            birthDate: a.birthDate,
            gender: a.gender,
          });
      }
    }
    expect(seen.size).toBe(4);
  });
});
