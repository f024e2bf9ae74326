// The pre-encoded texts of the NDJSON fast path (ndjson-encoder.ts): every table value with the fixed JSON
// around it, so that writing a record is a few dozen word copies. Built from the same tables applicant() draws
// from (identity.ts, traits.ts, regions.ts, locale-id.ts), so the two cannot drift apart.
import { streetNames } from './applicant.js';
import { Pool } from './byte-writer.js';
import { EDUCATION, EMPLOYMENT } from './demographics.js';
import {
  AT_DOMAINS,
  CAPITAL_SYLLABLES,
  MOBILE_OPERATORS,
  NAME_LISTS,
  type NameList,
  SYLLABLES,
} from './identity.js';
import { cityName, streetPrefix } from './locale-id.js';
import { PROVINCES } from './regions.js';
import { PAGE_VIEWS, PATIENCE_VALUES, THINK_TABLES } from './traits.js';

export interface Names {
  count: number;
  plain: Pool;
  spaced: Pool; // name + ' '
  /** Email forms: plain, + '.', + '_' (the separators of the local part). */
  mail: Pool;
  mailDot: Pool;
  mailUnderscore: Pool;
  /** Equal ids for equal email forms (emailOf compares the strings). */
  mailId: Int32Array;
}
const mailIds = new Map<string, number>();
const namesOf = (list: NameList): Names => ({
  count: list.names.length,
  plain: new Pool(list.names),
  spaced: new Pool(list.names.map((n) => n + ' ')),
  mail: new Pool(list.mail),
  mailDot: new Pool(list.mail.map((m) => m + '.')),
  mailUnderscore: new Pool(list.mail.map((m) => m + '_')),
  mailId: Int32Array.from(list.mail, (m) => {
    if (!mailIds.has(m)) mailIds.set(m, mailIds.size);
    return mailIds.get(m)!;
  }),
});

const THINK_KEYS = ['account', 'verifyEmail', 'profile', 'upload', 'test', 'joinWave'] as const;
const REGENCIES = PROVINCES.flatMap((p) => p.regencies.map((r) => ({ p, r })));
/** Index into REGENCIES of each province's first regency. */
export const REGENCY_OFFSET = PROVINCES.map((_, i) =>
  PROVINCES.slice(0, i).reduce((n, p) => n + p.regencies.length, 0),
);
export const PREFIXES = MOBILE_OPERATORS.flatMap((o) => o.prefixes);
export const PREFIX_OFFSET = MOBILE_OPERATORS.map((_, i) =>
  MOBILE_OPERATORS.slice(0, i).reduce((n, o) => n + o.prefixes.length, 0),
);
export const SMA = EDUCATION.indexOf('SMA');
export const JOB_SEEKER = EMPLOYMENT.indexOf('job-seeker');
/** Combinations of the block from education to patience's key: education × employment × underAge × student
 *  × onSocialAid × registry (none, not in, mismatch) × how far the chain of will* traits goes (0–5). */
const MIDDLES = EDUCATION.length * EMPLOYMENT.length * 2 * 2 * 2 * 3 * 6;

function middleText(combination: number): string {
  let c = combination;
  const chain = c % 6;
  c = Math.floor(c / 6);
  const registry = c % 3;
  c = Math.floor(c / 3);
  const flags = {
    underAge: Math.floor(c / 4) % 2 === 1,
    student: Math.floor(c / 2) % 2 === 1,
    onSocialAid: c % 2 === 1,
    notInRegistry: registry === 1,
    registryMismatch: registry === 2,
    badData: 'none',
  };
  c = Math.floor(c / 8);
  const employment = c % EMPLOYMENT.length;
  const education = Math.floor(c / EMPLOYMENT.length);
  const will = (k: number) => chain > k;
  return (
    `","education":"${EDUCATION[education]}","employmentStatus":"${EMPLOYMENT[employment]}",` +
    `"flags":${JSON.stringify(flags)},"traits":{"willVerifyEmail":${will(0)},"willCompleteProfile":${will(1)},` +
    `"willUpload":${will(2)},"willPassTest":${will(3)},"willJoinWave":${will(4)},"patience":`
  );
}

// Tables built on first use: applicant() users never pay for them.
function buildTables() {
  const nextKey = [...THINK_KEYS.slice(1).map((k) => `,"${k}":`), '},"pageViews":'];
  const pairs = (a: readonly string[], b: readonly string[], prefix = '') =>
    new Pool(a.flatMap((x) => b.map((y) => prefix + x + y)));
  return {
    first: [namesOf(NAME_LISTS.maleFirst), namesOf(NAME_LISTS.femaleFirst)],
    last: [namesOf(NAME_LISTS.maleLast), namesOf(NAME_LISTS.femaleLast)],
    fullNameKey: new Pool([',"fullName":"']),
    genderKeys: new Pool(['","gender":"M","birthDate":"', '","gender":"F","birthDate":"']),
    /** Towns of cityName, then each regency's name without "Kab."/"Kota": with the keys around them. */
    birthPlaces: new Pool(
      [...cityName, ...REGENCIES.map(({ r }) => r.name.slice(r.name.indexOf(' ') + 1))].map(
        (place) => `","birthPlace":"${place}","nik":"`,
      ),
    ),
    kkKeys: new Pool(REGENCIES.map(({ r }) => `","kk":"${r.code}`)),
    emailKey: new Pool(['","email":"']),
    /** Domain, phone key and operator prefix. */
    domainPrefixes: pairs(
      AT_DOMAINS.map((d) => d + '","phone":"'),
      PREFIXES,
    ),
    passwordStarts: pairs(CAPITAL_SYLLABLES, SYLLABLES, '","password":"'),
    syllablePairs: pairs(SYLLABLES, SYLLABLES),
    streetPrefixes: new Pool(streetPrefix.map((s) => `","address":"${s} `)),
    streetNames: new Pool(streetNames.map((s) => s + ' No. ')),
    /** ", RT 0xx/RW 0yy" for RT 1–15, RW 1–12. */
    rtRw: new Pool(
      Array.from({ length: 15 * 12 }, (_, k) => {
        const pad = (n: number) => String(n).padStart(3, '0');
        return `, RT ${pad(1 + Math.floor(k / 12))}/RW ${pad(1 + (k % 12))}`;
      }),
    ),
    /** ", <regency>, <province>" ending the address, through the districtCode's first 4 digits. */
    regencyTails: new Pool(
      REGENCIES.map(
        ({ p, r }) =>
          `, ${r.name}, ${p.name}","provinceCode":"${p.code}","province":"${p.name}","regencyCode":"${r.code}",` +
          `"regency":"${r.name}","districtCode":"${r.code}`,
      ),
    ),
    regencyNumbers: Int16Array.from(REGENCIES, ({ r }) => Number(r.code)),
    middles: new Pool(Array.from({ length: MIDDLES }, (_, c) => middleText(c))),
    patience: new Pool(PATIENCE_VALUES.map((p) => `${p},"thinkSeconds":{"account":`)),
    /** Per think time, per table bin: the value as JSON writes it and the next key. */
    think: THINK_KEYS.map(
      (key, k) => new Pool(Array.from(THINK_TABLES[key], (v) => JSON.stringify(v) + nextKey[k])),
    ),
    pageViews: new Pool(Array.from(PAGE_VIEWS, (v) => `${v}}}`)),
  };
}
export type Tables = ReturnType<typeof buildTables>;
let tables: Tables | undefined;

/** The tables, built on the first call (a few milliseconds, ~3 MB). */
export function ndjsonTables(): Tables {
  tables ??= buildTables();
  return tables;
}
