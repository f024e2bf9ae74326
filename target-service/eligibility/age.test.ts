import { describe, expect, test } from 'vitest';
import { applicant } from '../../generators/index.js';
import { DEFAULT_FUNNEL_CONFIG } from '../funnel-config.js';
import { waveCalendar } from '../waves/calendar.js';
import { isUnderAge } from './age.js';

describe('age on the registration date', () => {
  const wave1 = waveCalendar(DEFAULT_FUNNEL_CONFIG.waves)[0]!;

  test('wave 1 of the default calendar registers on 11 April 2020 (19:00 WIB)', () => {
    expect(wave1.registrationDate).toBe('2020-04-11');
    expect(wave1.opensAt.toISOString()).toBe('2020-04-11T12:00:00.000Z');
  });

  test.each([
    ['2002-04-11', false], // 18 that very day
    ['2002-04-12', true], // 18 the day after
    ['2003-10-08', true], // the example (applicant 139 of the generators before real district codes): 16
    ['2004-02-15', true], // generated applicant 29 of seed 20200411: 16
    ['1990-01-01', false],
    ['2002-02-30', true], // not a real date: never eligible
  ])('born %s → under age: %s', (birthDate, under) => {
    expect(isUnderAge(birthDate, wave1.registrationDate)).toBe(under);
  });

  test('applicant 29 of seed 20200411 is generated under age, and is', () => {
    const a = applicant(20200411, 29);
    expect([a.nik, a.birthDate, a.flags.underAge]).toEqual(['1304075502041077', '2004-02-15', true]);
    expect(isUnderAge(a.birthDate, wave1.registrationDate)).toBe(true);
  });
});
