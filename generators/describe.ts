// `gelombang generate --describe`: every distribution the generator draws from, with its source, as text.
// Computed from the same constants the generator uses, so it cannot drift from the code.
import { MAX_INDEX } from './applicant.js';
import {
  EDUCATION_SHARES,
  EMPLOYMENT_SHARES,
  SOCIAL_AID_SHARE,
  BORN_IN_HOME_REGENCY,
} from './demographics.js';
import { LAUNCH_FUNNEL, STUDENT_SHARE_18_24, TRAIT_PROBABILITIES } from './funnel.js';
import { EMAIL_DOMAIN_WEIGHTS, MOBILE_OPERATORS, SINGLE_NAME_SHARE } from './identity.js';
import { AGE_BANDS, BUCKETS, layoutShares } from './layout.js';
import { DEFAULT_OPTIONS } from './options.js';
import { PHOTO_SIZE } from './photo.js';
import { CENSUS_TOTAL, PROVINCES } from './regions.js';
import { PATIENCE_VALUES, THINK_TIMES } from './traits.js';

const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)} %`;
const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
};

export function describeGenerators(): string {
  const shares = layoutShares();
  const f = LAUNCH_FUNNEL;
  const operatorTotal = MOBILE_OPERATORS.reduce((sum, o) => sum + o.weight, 0);
  const sections: Array<[string, string]> = [
    [
      'Records',
      `applicant(seed, index) is pure: seed 0..4294967295, index 0..${MAX_INDEX}. NIKs are unique by construction\n` +
        `(${BUCKETS.toLocaleString('en')} census-weighted buckets × serials), emails unique per seed. Details: docs/generators.md.`,
    ],
    [
      'Provinces (34, codes of Permendagri 72/2019; weights: BPS Sensus Penduduk 2020)',
      table([
        ['code', 'province', 'SP2020', 'census', 'generated', 'regencies'],
        ...PROVINCES.map((p, i) => [
          p.code,
          p.name,
          p.population.toLocaleString('en'),
          pct(p.weight),
          pct(shares.provinces[i]!),
          String(p.regencies.length),
        ]),
        ['', 'total', CENSUS_TOTAL.toLocaleString('en'), '100.00 %', '', '514'],
      ]) + '\n  Inside a province, every regency/city gets the same share (no regency weights are used).',
    ],
    [
      'Age at launch (11 Apr 2020) — assumption, launch-facts.md gives no ages; gender 50/50',
      table([
        ['band', 'ages', 'share'],
        ...AGE_BANDS.map((b, i) => [b.name, `${b.minAge}–${b.maxAge}`, pct(shares.bands[i]!)]),
      ]),
    ],
    [
      'Employment status (1,010,579 laid-off/furloughed vs 189,452 informal proposed by Kemnaker, launch-facts.md)',
      table(EMPLOYMENT_SHARES.map(([name, share]) => [name, pct(share)])),
    ],
    ['Education (assumption)', table(EDUCATION_SHARES.map(([name, share]) => [name, pct(share)]))],
    [
      'Eligibility flags',
      table([
        ['underAge', `born after 11 Apr 2002 (the under-18 band): ${pct(shares.bands[0]!)}`],
        ['student', `${pct(STUDENT_SHARE_18_24, 0)} of 18–24-year-olds (assumption)`],
        ['onSocialAid', `${pct(SOCIAL_AID_SHARE, 0)} (assumption)`],
        ['notInRegistry', `${pct(DEFAULT_OPTIONS.notInRegistryRate, 0)} (default; --not-in-registry)`],
        [
          'registryMismatch',
          `${pct(DEFAULT_OPTIONS.registryMismatchRate, 0)} (default; --registry-mismatch)`,
        ],
        [
          'badData',
          'none by default; --bad malformed-nik|nik-birthdate-mismatch|duplicate-email|under-age=share',
        ],
      ]),
    ],
    [
      'Funnel (launch-facts.md: of 1,432,133 registered) and the calibrated traits',
      table([
        [
          'email verified',
          `${f.emailVerified.toLocaleString('en')} = ${pct(f.emailVerified / f.registered)}`,
        ],
        ['NIK verified', `${f.nikVerified.toLocaleString('en')} = ${pct(f.nikVerified / f.registered)}`],
        ['joined a batch', `${f.joinedBatch.toLocaleString('en')} = ${pct(f.joinedBatch / f.registered)}`],
      ]) +
        '\n' +
        table(Object.entries(TRAIT_PROBABILITIES).map(([name, p]) => [`P(${name} | previous)`, pct(p)])) +
        '\n  verifiesNik = verifies email, completes the profile, registry knows and matches, no bad data, 18+;' +
        '\n  joinsBatch  = verifiesNik, uploads, passes the test, joins, not a student (expectedFunnel()).',
    ],
    [
      'Behaviour (assumptions)',
      table([
        ['patience (retries)', PATIENCE_VALUES.join(', ') + ' (15/20/20/15/15/10/5 %)'],
        ...Object.entries(THINK_TIMES).map(([step, [median, sigma]]) => [
          `think ${step}`,
          `lognormal, median ${median} s, sigma ${sigma}`,
        ]),
        ['page views', '1 + exponential(mean 1.5), at most 30'],
      ]),
    ],
    [
      'Identity',
      table([
        [
          'names',
          `faker id_ID by gender; ${pct(SINGLE_NAME_SHARE, 0)} single names, else first last | last first | first first last`,
        ],
        ['birth place', `home regency ${pct(BORN_IN_HOME_REGENCY, 0)}, else a faker id_ID town`],
        [
          'email',
          Object.entries(EMAIL_DOMAIN_WEIGHTS)
            .map(([d, w]) => `${d} ${pct(w, 0)}`)
            .join(', '),
        ],
        ...MOBILE_OPERATORS.map((o) => [
          `phone ${o.name}`,
          `${pct(o.weight / operatorTotal, 1)}: ${o.prefixes.join(' ')}`,
        ]),
      ]),
    ],
    [
      'Photos',
      `  valid JPEG, lognormal size: median ${PHOTO_SIZE.medianBytes / 1024} KiB, sigma ${PHOTO_SIZE.sigma}, ` +
        `${PHOTO_SIZE.minBytes / 1024} KiB – ${PHOTO_SIZE.maxBytes / 1024} KiB;\n` +
        '  wrong files: empty, png, pdf, text, truncated-jpeg, oversized-jpeg (6–7 MiB)',
    ],
  ];
  return sections.map(([title, body]) => `${title}\n${body}\n`).join('\n');
}
