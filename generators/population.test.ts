// The launch day's population, generated once: 1,432,133 applicants (launch-facts.md) of the default seed.
import { beforeAll, describe, expect, test } from 'vitest';
import { applicant, createGenerator } from './applicant.js';
import { expectedFunnel, LAUNCH_FUNNEL } from './funnel.js';
import { nikAgrees, parseNik } from './nik.js';
import { PROVINCES, provinceByCode } from './regions.js';

const SEED = 20_200_411;
const N = LAUNCH_FUNNEL.registered;

interface Tally {
  count: number;
  badNiks: number;
  duplicateNiks: number;
  duplicateEmails: number;
  byProvince: Map<string, number>;
  emailVerified: number;
  nikVerified: number;
  joinedBatch: number;
  sequentialMillionth: string;
}
let tally: Tally;

beforeAll(() => {
  // A fresh generator, so no cached state from other tests is involved; one sequential pass over 0..N-1.
  const generator = createGenerator();
  const niks = new Set<number>(); // 16 digits < 2^53: a number is exact and half the memory of a string
  const emails = new Set<string>();
  tally = {
    count: 0,
    badNiks: 0,
    duplicateNiks: 0,
    duplicateEmails: 0,
    byProvince: new Map(),
    emailVerified: 0,
    nikVerified: 0,
    joinedBatch: 0,
    sequentialMillionth: '',
  };
  for (let i = 0; i < N; i++) {
    const a = generator.applicant(SEED, i);
    if (i === 1_000_000) tally.sequentialMillionth = JSON.stringify(a);
    tally.count++;
    const parsed = parseNik(a.nik);
    const agrees =
      parsed.ok &&
      nikAgrees(parsed, a) &&
      parsed.provinceCode === a.provinceCode &&
      parsed.regencyCode === a.regencyCode &&
      parsed.districtCode === a.districtCode &&
      provinceByCode(a.provinceCode)?.name === a.province;
    if (!agrees) tally.badNiks++;
    const nikNumber = Number(a.nik);
    if (niks.has(nikNumber)) tally.duplicateNiks++;
    niks.add(nikNumber);
    if (emails.has(a.email)) tally.duplicateEmails++;
    emails.add(a.email);
    tally.byProvince.set(a.provinceCode, (tally.byProvince.get(a.provinceCode) ?? 0) + 1);
    const funnel = expectedFunnel(a);
    if (funnel.verifiesEmail) tally.emailVerified++;
    if (funnel.verifiesNik) tally.nikVerified++;
    if (funnel.joinsBatch) tally.joinedBatch++;
  }
}, 300_000);

describe(`a launch-day population of ${N.toLocaleString('en')} applicants`, () => {
  test('index 1,000,000 generated alone equals the one from the sequential run', () => {
    expect(JSON.stringify(applicant(SEED, 1_000_000))).toBe(tally.sequentialMillionth);
  });

  test('every NIK parses and agrees with birth date, gender and region', () => {
    expect(tally.count).toBe(N);
    expect(tally.badNiks).toBe(0);
  });

  test('no NIK and no email occurs twice', () => {
    expect(tally.duplicateNiks).toBe(0);
    expect(tally.duplicateEmails).toBe(0);
  });

  test('province shares are within 1 pp of the 2020 census weights', () => {
    for (const province of PROVINCES) {
      const share = (tally.byProvince.get(province.code) ?? 0) / N;
      expect(Math.abs(share - province.weight), province.name).toBeLessThan(0.01);
    }
  });

  test('funnel shares are within 0.3 pp of the launch-day counts', () => {
    expect(Math.abs(tally.emailVerified / N - LAUNCH_FUNNEL.emailVerified / N)).toBeLessThan(0.003);
    expect(Math.abs(tally.nikVerified / N - LAUNCH_FUNNEL.nikVerified / N)).toBeLessThan(0.003);
    expect(Math.abs(tally.joinedBatch / N - LAUNCH_FUNNEL.joinedBatch / N)).toBeLessThan(0.003);
  });
});
