import { describe, expect, test } from 'vitest';
import { formatNik, nikAgrees, parseNik } from './nik.js';
import { PROVINCES } from './regions.js';

describe('parseNik', () => {
  test.each([
    // Kota Bandung (3273), district 05, man born 12 Aug 1990, serial 0042.
    [
      '3273051208900042',
      { regencyCode: '3273', districtCode: '327305', gender: 'M', birthDate: '1990-08-12' },
    ],
    // Woman: day + 40 (52 = the 12th).
    [
      '3273055208900042',
      { regencyCode: '3273', districtCode: '327305', gender: 'F', birthDate: '1990-08-12' },
    ],
    // 2-digit years at or below the reference year's read as 20yy: born 3 Jan 2002.
    [
      '1101010301020001',
      { regencyCode: '1101', districtCode: '110101', gender: 'M', birthDate: '2002-01-03' },
    ],
    // 29 February in a leap year, Papua (Kemendagri 91; BPS numbers it 94), Kota Jayapura (71).
    [
      '9171026902960001',
      { regencyCode: '9171', districtCode: '917102', gender: 'F', birthDate: '1996-02-29' },
    ],
    // Kota Dumai is 14.72 in Kemendagri's table (BPS: 14.73); Papua Pegunungan (95) is in the table.
    [
      '1472010101900001',
      { regencyCode: '1472', districtCode: '147201', gender: 'M', birthDate: '1990-01-01' },
    ],
    [
      '9501010101900001',
      { regencyCode: '9501', districtCode: '950101', gender: 'M', birthDate: '1990-01-01' },
    ],
  ])('%s decodes', (nik, expected) => {
    const parsed = parseNik(nik);
    expect(parsed).toMatchObject({ ok: true, nik, provinceCode: nik.slice(0, 2), ...expected });
  });

  test.each([
    ['327305120890004', 'not-16-digits'],
    ['32730512089000421', 'not-16-digits'],
    ['32730512O8900042', 'not-16-digits'],
    ['0073051208900042', 'unknown-province'],
    ['2073051208900042', 'unknown-province'], // no province 20
    ['9773051208900042', 'unknown-province'], // no province 97
    ['1473051208900042', 'unknown-regency'], // BPS's code for Kota Dumai, not Kemendagri's
    ['3299051208900042', 'unknown-regency'],
    ['3180051208900042', 'unknown-regency'], // DKI has 3101 and 3171–3175 only
    ['3273001208900042', 'bad-district'],
    ['3273053208900042', 'bad-date'], // day 32
    ['3273051213900042', 'bad-date'], // month 13
    ['3273052902910042', 'bad-date'], // 29 Feb 1991
    ['3273057208900042', 'bad-date'], // day 72 - 40 = 32
    ['3273050008900042', 'bad-date'], // day 00
    ['3273051208900000', 'bad-serial'],
  ])('%s is rejected: %s', (nik, reason) => {
    const parsed = parseNik(nik);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toBe(reason);
      expect(parsed.message.length).toBeGreaterThan(10);
    }
  });

  test('the reference year decides the century', () => {
    expect(parseNik('3273051208250042')).toMatchObject({ birthDate: '1925-08-12' });
    expect(parseNik('3273051208250042', { referenceYear: 2030 })).toMatchObject({ birthDate: '2025-08-12' });
  });

  test("every regency code of Kemendagri's table is accepted and only those", () => {
    let accepted = 0;
    for (let p = 0; p < 100; p++) {
      for (let r = 0; r < 100; r++) {
        const code = String(p * 100 + r).padStart(4, '0');
        if (parseNik(`${code}011208900042`).ok) accepted++;
      }
    }
    expect(accepted).toBe(514);
    expect(PROVINCES).toHaveLength(38);
  });
});

describe('formatNik', () => {
  test('round-trips through parseNik for both genders and padded serials', () => {
    for (const [gender, serial] of [
      ['M', 1],
      ['F', 37],
      ['M', 512],
      ['F', 9999],
    ] as const) {
      const nik = formatNik({
        regencyCode: '3578',
        district: 7,
        birthDate: { year: 1999, month: 1, day: 9 },
        gender,
        serial,
      });
      expect(nik).toHaveLength(16);
      const parsed = parseNik(nik);
      expect(parsed).toMatchObject({
        ok: true,
        gender,
        birthDate: '1999-01-09',
        serial,
        districtCode: '357807',
      });
    }
  });
});

describe('nikAgrees', () => {
  const parsed = parseNik('3273055208900042');
  if (!parsed.ok) throw new Error('fixture NIK must parse');
  test.each([
    [{ birthDate: '1990-08-12', gender: 'F' as const }, true],
    [{ birthDate: '1990-08-12', gender: 'M' as const }, false],
    [{ birthDate: '1990-08-13', gender: 'F' as const }, false],
  ])('%o → %s', (typed, expected) => {
    expect(nikAgrees(parsed, typed)).toBe(expected);
  });
});
