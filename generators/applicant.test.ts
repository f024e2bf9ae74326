import { describe, expect, test } from 'vitest';
import { ageOn, isoDateToDays } from './calendar.js';
import { applicant, applicantTraits, createGenerator, MAX_INDEX } from './applicant.js';
import { expectedFunnel } from './funnel.js';
import { LAUNCH_DAY } from './layout.js';
import { nikAgrees, parseNik } from './nik.js';
import { resolveOptions } from './options.js';
import { regencyByCode } from './regions.js';

describe('applicant', () => {
  test('is pure: the same seed and index give the same record, other seeds or indices another', () => {
    expect(applicant(7, 123)).toEqual(applicant(7, 123));
    expect(createGenerator().applicant(7, 123)).toEqual(applicant(7, 123));
    expect(applicant(8, 123).nik).not.toBe(applicant(7, 123).nik);
    expect(applicant(7, 124).email).not.toBe(applicant(7, 123).email);
  });

  test('fields have the formats a registration form checks', () => {
    for (let i = 0; i < 5000; i++) {
      const a = applicant(11, i * 104_729);
      expect(a.nik).toMatch(/^\d{16}$/);
      expect(a.kk).toMatch(/^\d{16}$/);
      expect(a.kk.slice(0, 6)).toBe(a.districtCode); // a family card is issued where the family lives
      expect(a.email).toMatch(/^[a-z]+([._]?[a-z]+)?\d+@(gmail|yahoo)\.(com|co\.id)$/);
      expect(a.phone).toMatch(/^08[1-9]\d{8,10}$/);
      expect(a.password).toMatch(/^[A-Z][a-z]{7}\d{2,4}$/);
      expect(a.fullName).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*){0,2}$/);
      expect(a.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(regencyByCode(a.regencyCode)?.name).toBe(a.regency);
      expect(a.districtCode.startsWith(a.regencyCode)).toBe(true);
      expect(a.address.endsWith(`${a.regency}, ${a.province}`)).toBe(true);
      const age = ageOn(isoDateToDays(a.birthDate), LAUNCH_DAY);
      expect(age).toBeGreaterThanOrEqual(16);
      expect(age).toBeLessThanOrEqual(64);
      expect(a.flags.underAge).toBe(age < 18);
      if (a.flags.student) expect(age).toBeLessThanOrEqual(24);
    }
  });

  test('each trait implies the previous ones (the funnel is ordered)', () => {
    for (let i = 0; i < 20_000; i++) {
      const t = applicant(3, i).traits;
      if (t.willCompleteProfile) expect(t.willVerifyEmail).toBe(true);
      if (t.willUpload) expect(t.willCompleteProfile).toBe(true);
      if (t.willPassTest) expect(t.willUpload).toBe(true);
      if (t.willJoinWave) expect(t.willPassTest).toBe(true);
      expect(t.thinkSeconds.account).toBeGreaterThanOrEqual(1);
      expect(t.pageViews).toBeGreaterThanOrEqual(1);
    }
  });

  test.each([-1, 1.5, MAX_INDEX + 1, Number.NaN])('rejects index %s', (index) => {
    expect(() => applicant(1, index)).toThrow(RangeError);
  });

  test.each([-1, 2 ** 32, 0.5])('rejects seed %s', (seed) => {
    expect(() => applicant(seed, 0)).toThrow(RangeError);
  });

  test('reaches the last index with a valid, agreeing NIK', () => {
    const a = applicant(1, MAX_INDEX);
    const parsed = parseNik(a.nik);
    expect(parsed.ok && nikAgrees(parsed, a)).toBe(true);
  });
});

describe('registry and bad-data options', () => {
  test('the registry shares follow the options', () => {
    const generator = createGenerator({ notInRegistryRate: 0.2, registryMismatchRate: 0.1 });
    let notIn = 0;
    let mismatch = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const { flags } = generator.applicant(4, i);
      expect(flags.notInRegistry && flags.registryMismatch).toBe(false);
      if (flags.notInRegistry) notIn++;
      if (flags.registryMismatch) mismatch++;
    }
    expect(notIn / n).toBeCloseTo(0.2, 1);
    expect(mismatch / n).toBeCloseTo(0.1, 1);
  });

  test('each bad-data kind is wrong in its own way, at its rate', () => {
    const generator = createGenerator({
      badData: { malformedNik: 0.1, nikBirthdateMismatch: 0.1, duplicateEmail: 0.1, underAge: 0.1 },
    });
    const counts: Record<string, number> = {};
    const reasons = new Set<string>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const a = generator.applicant(6, i);
      counts[a.flags.badData] = (counts[a.flags.badData] ?? 0) + 1;
      const parsed = parseNik(a.nik);
      switch (a.flags.badData) {
        case 'malformed-nik':
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) reasons.add(parsed.reason);
          break;
        case 'nik-birthdate-mismatch':
          expect(parsed.ok && !nikAgrees(parsed, a)).toBe(true);
          break;
        case 'duplicate-email':
          expect(a.email).not.toBe(generator.ownEmail(6, i)); // someone else's
          expect(parsed.ok && nikAgrees(parsed, a)).toBe(true);
          break;
        case 'under-age':
          expect(parsed.ok && nikAgrees(parsed, a)).toBe(true);
          expect(ageOn(isoDateToDays(a.birthDate), LAUNCH_DAY)).toBeLessThan(18);
          expect(a.flags.underAge).toBe(true);
          break;
        default:
          expect(parsed.ok && nikAgrees(parsed, a)).toBe(true);
      }
      expect(expectedFunnel(a).verifiesNik && a.flags.badData !== 'none').toBe(false);
    }
    for (const kind of ['malformed-nik', 'nik-birthdate-mismatch', 'duplicate-email', 'under-age']) {
      expect(counts[kind]! / n).toBeCloseTo(0.1, 1);
    }
    expect([...reasons].sort()).toEqual(
      [
        'bad-date',
        'bad-district',
        'bad-serial',
        'not-16-digits',
        'unknown-province',
        'unknown-regency',
      ].sort(),
    );
  });

  test('a duplicate email is another applicant’s email, from an earlier index', () => {
    const generator = createGenerator({ badData: { duplicateEmail: 1 } });
    const plain = createGenerator();
    for (let i = 1; i < 300; i++) {
      const email = generator.applicant(2, i).email;
      const earlier = Array.from(
        { length: Math.min(i, 1000) },
        (_, k) => plain.applicant(2, i - 1 - k).email,
      );
      expect(earlier).toContain(email);
    }
  });

  test.each([
    [{ notInRegistryRate: -0.1 }],
    [{ registryMismatchRate: 2 }],
    [{ notInRegistryRate: 0.6, registryMismatchRate: 0.6 }],
    [{ badData: { malformedNik: 0.7, underAge: 0.7 } }],
    [{ badData: { duplicateEmail: Number.NaN } }],
  ])('rejects options %o', (input) => {
    expect(() => resolveOptions(input)).toThrow(RangeError);
  });
});

describe('applicantTraits', () => {
  test('equals the traits of the record, for every generator option, and checks its inputs as applicant()', () => {
    const withBadData = createGenerator({
      badData: { duplicateEmail: 0.2, underAge: 0.2 },
      notInRegistryRate: 0.3,
    });
    for (const seed of [1, 20200411]) {
      for (let index = 0; index < 5000; index++) {
        const traits = applicantTraits(seed, index);
        expect(traits).toEqual(applicant(seed, index).traits);
        expect(traits).toEqual(withBadData.applicant(seed, index).traits);
      }
    }
    expect(() => applicantTraits(1, -1)).toThrow(RangeError);
    expect(() => applicantTraits(1, MAX_INDEX + 1)).toThrow(RangeError);
  });
});
