// Applicants as NDJSON lines and CSV rows, written by hand for speed (several times faster than
// JSON.stringify on this shape). It is safe not to escape: every free-text field is drawn from fixed tables
// that are checked below, once, to hold no character JSON or CSV would need to escape.
import { cityName, streetPrefix } from './locale-id.js';
import { PROVINCES } from './regions.js';
import type { Applicant } from './types.js';
import {
  firstNameFemale,
  firstNameGeneric,
  firstNameMale,
  lastNameFemale,
  lastNameGeneric,
  lastNameMale,
} from './locale-id.js';

// ASCII only (the byte writers store one byte per character), nothing JSON or CSV must escape.
const UNSAFE = /[^\u0020-\u007e]|["\\]/;
for (const text of [
  ...firstNameMale,
  ...firstNameFemale,
  ...firstNameGeneric,
  ...lastNameMale,
  ...lastNameFemale,
  ...lastNameGeneric,
  ...cityName,
  ...streetPrefix,
  ...PROVINCES.flatMap((p) => [p.name, ...p.regencies.map((r) => r.name)]),
]) {
  if (UNSAFE.test(text)) throw new Error(`generator table entry needs escaping: ${JSON.stringify(text)}`);
}

// Byte writers: the hot path of `gelombang generate` encodes records straight into a reusable byte buffer
// (no per-record JSON.stringify, no long-lived strings). Plain Uint8Array: fine in k6 and a bare VM too.
function putText(out: Uint8Array, at: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i++) out[at + i] = text.charCodeAt(i);
  return at + n;
}

function putUint(out: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let m = value; m >= 10; m = Math.floor(m / 10)) digits++;
  let v = value;
  for (let i = at + digits - 1; i >= at; i--) {
    out[i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + digits;
}

/** A non-negative multiple of 0.1 written as JSON.stringify would (19.1, 42). */
function putTenths(out: Uint8Array, at: number, value: number): number {
  const tenths = Math.round(value * 10);
  let end = putUint(out, at, Math.floor(tenths / 10));
  const fraction = tenths % 10;
  if (fraction !== 0) {
    out[end++] = 46; // .
    out[end++] = 48 + fraction;
  }
  return end;
}

/** The most bytes one encoded record can take (names, address and codes are bounded); callers keep this much
 *  room free before encoding. */
export const MAX_RECORD_BYTES = 4096;

function putBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; i++) out[at + i] = bytes[i]!;
  return at + n;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const TRUE = ascii('true');
const FALSE = ascii('false');
const putBool = (out: Uint8Array, at: number, value: boolean): number =>
  putBytes(out, at, value ? TRUE : FALSE);

// The JSON keys and punctuation between values, encoded once. Order and names: generators/types.ts.
const K = {
  seed: ascii('{"seed":'),
  index: ascii(',"index":'),
  fullName: ascii(',"fullName":"'),
  gender: ascii('","gender":"'),
  birthDate: ascii('","birthDate":"'),
  birthPlace: ascii('","birthPlace":"'),
  nik: ascii('","nik":"'),
  kk: ascii('","kk":"'),
  email: ascii('","email":"'),
  phone: ascii('","phone":"'),
  password: ascii('","password":"'),
  address: ascii('","address":"'),
  provinceCode: ascii('","provinceCode":"'),
  province: ascii('","province":"'),
  regencyCode: ascii('","regencyCode":"'),
  regency: ascii('","regency":"'),
  districtCode: ascii('","districtCode":"'),
  education: ascii('","education":"'),
  employmentStatus: ascii('","employmentStatus":"'),
  underAge: ascii('","flags":{"underAge":'),
  student: ascii(',"student":'),
  onSocialAid: ascii(',"onSocialAid":'),
  notInRegistry: ascii(',"notInRegistry":'),
  registryMismatch: ascii(',"registryMismatch":'),
  badData: ascii(',"badData":"'),
  willVerifyEmail: ascii('"},"traits":{"willVerifyEmail":'),
  willCompleteProfile: ascii(',"willCompleteProfile":'),
  willUpload: ascii(',"willUpload":'),
  willPassTest: ascii(',"willPassTest":'),
  willJoinWave: ascii(',"willJoinWave":'),
  patience: ascii(',"patience":'),
  account: ascii(',"thinkSeconds":{"account":'),
  verifyEmail: ascii(',"verifyEmail":'),
  profile: ascii(',"profile":'),
  upload: ascii(',"upload":'),
  test: ascii(',"test":'),
  joinWave: ascii(',"joinWave":'),
  pageViews: ascii('},"pageViews":'),
  end: ascii('}}'),
};

/** Writes `a` as one JSON line (no newline) into `out` at `at`; returns the end. Byte-identical to
 *  JSON.stringify(a) for the generator's records (exporters.test.ts checks it). */
export function encodeNdjson(a: Applicant, out: Uint8Array, at: number): number {
  const f = a.flags;
  const t = a.traits;
  const s = t.thinkSeconds;
  let p = putBytes(out, at, K.seed);
  p = putUint(out, p, a.seed);
  p = putBytes(out, p, K.index);
  p = putUint(out, p, a.index);
  p = putBytes(out, p, K.fullName);
  p = putText(out, p, a.fullName);
  p = putBytes(out, p, K.gender);
  p = putText(out, p, a.gender);
  p = putBytes(out, p, K.birthDate);
  p = putText(out, p, a.birthDate);
  p = putBytes(out, p, K.birthPlace);
  p = putText(out, p, a.birthPlace);
  p = putBytes(out, p, K.nik);
  p = putText(out, p, a.nik);
  p = putBytes(out, p, K.kk);
  p = putText(out, p, a.kk);
  p = putBytes(out, p, K.email);
  p = putText(out, p, a.email);
  p = putBytes(out, p, K.phone);
  p = putText(out, p, a.phone);
  p = putBytes(out, p, K.password);
  p = putText(out, p, a.password);
  p = putBytes(out, p, K.address);
  p = putText(out, p, a.address);
  p = putBytes(out, p, K.provinceCode);
  p = putText(out, p, a.provinceCode);
  p = putBytes(out, p, K.province);
  p = putText(out, p, a.province);
  p = putBytes(out, p, K.regencyCode);
  p = putText(out, p, a.regencyCode);
  p = putBytes(out, p, K.regency);
  p = putText(out, p, a.regency);
  p = putBytes(out, p, K.districtCode);
  p = putText(out, p, a.districtCode);
  p = putBytes(out, p, K.education);
  p = putText(out, p, a.education);
  p = putBytes(out, p, K.employmentStatus);
  p = putText(out, p, a.employmentStatus);
  p = putBytes(out, p, K.underAge);
  p = putBool(out, p, f.underAge);
  p = putBytes(out, p, K.student);
  p = putBool(out, p, f.student);
  p = putBytes(out, p, K.onSocialAid);
  p = putBool(out, p, f.onSocialAid);
  p = putBytes(out, p, K.notInRegistry);
  p = putBool(out, p, f.notInRegistry);
  p = putBytes(out, p, K.registryMismatch);
  p = putBool(out, p, f.registryMismatch);
  p = putBytes(out, p, K.badData);
  p = putText(out, p, f.badData);
  p = putBytes(out, p, K.willVerifyEmail);
  p = putBool(out, p, t.willVerifyEmail);
  p = putBytes(out, p, K.willCompleteProfile);
  p = putBool(out, p, t.willCompleteProfile);
  p = putBytes(out, p, K.willUpload);
  p = putBool(out, p, t.willUpload);
  p = putBytes(out, p, K.willPassTest);
  p = putBool(out, p, t.willPassTest);
  p = putBytes(out, p, K.willJoinWave);
  p = putBool(out, p, t.willJoinWave);
  p = putBytes(out, p, K.patience);
  p = putUint(out, p, t.patience);
  p = putBytes(out, p, K.account);
  p = putTenths(out, p, s.account);
  p = putBytes(out, p, K.verifyEmail);
  p = putTenths(out, p, s.verifyEmail);
  p = putBytes(out, p, K.profile);
  p = putTenths(out, p, s.profile);
  p = putBytes(out, p, K.upload);
  p = putTenths(out, p, s.upload);
  p = putBytes(out, p, K.test);
  p = putTenths(out, p, s.test);
  p = putBytes(out, p, K.joinWave);
  p = putTenths(out, p, s.joinWave);
  p = putBytes(out, p, K.pageViews);
  p = putUint(out, p, t.pageViews);
  return putBytes(out, p, K.end);
}

/** CSV columns: nested fields flattened with a dot (flags.student, traits.thinkSeconds.test). */
export const CSV_COLUMNS = [
  'seed',
  'index',
  'fullName',
  'gender',
  'birthDate',
  'birthPlace',
  'nik',
  'kk',
  'email',
  'phone',
  'password',
  'address',
  'provinceCode',
  'province',
  'regencyCode',
  'regency',
  'districtCode',
  'education',
  'employmentStatus',
  'flags.underAge',
  'flags.student',
  'flags.onSocialAid',
  'flags.notInRegistry',
  'flags.registryMismatch',
  'flags.badData',
  'traits.willVerifyEmail',
  'traits.willCompleteProfile',
  'traits.willUpload',
  'traits.willPassTest',
  'traits.willJoinWave',
  'traits.patience',
  'traits.thinkSeconds.account',
  'traits.thinkSeconds.verifyEmail',
  'traits.thinkSeconds.profile',
  'traits.thinkSeconds.upload',
  'traits.thinkSeconds.test',
  'traits.thinkSeconds.joinWave',
  'traits.pageViews',
] as const;

export const CSV_HEADER = CSV_COLUMNS.join(',');

const COMMA = 44;
const QUOTE = 34;

function putQuoted(out: Uint8Array, at: number, value: string): number {
  out[at] = QUOTE;
  const end = putText(out, at + 1, value);
  out[end] = QUOTE;
  return end + 1;
}

/** Writes `a` as one RFC 4180 row (no newline) in CSV_COLUMNS order; returns the end. Free text is always
 *  quoted (addresses hold commas); codes are bare digits, so import them as text (leading zeros). */
export function encodeCsv(a: Applicant, out: Uint8Array, at: number): number {
  const text = putText;
  const f = a.flags;
  const t = a.traits;
  const s = t.thinkSeconds;
  let p = putUint(out, at, a.seed);
  out[p++] = COMMA;
  p = putUint(out, p, a.index);
  out[p++] = COMMA;
  p = putQuoted(out, p, a.fullName);
  out[p++] = COMMA;
  for (const value of [a.gender, a.birthDate]) {
    p = text(out, p, value);
    out[p++] = COMMA;
  }
  p = putQuoted(out, p, a.birthPlace);
  out[p++] = COMMA;
  for (const value of [a.nik, a.kk, a.email, a.phone, a.password]) {
    p = text(out, p, value);
    out[p++] = COMMA;
  }
  p = putQuoted(out, p, a.address);
  out[p++] = COMMA;
  p = text(out, p, a.provinceCode);
  out[p++] = COMMA;
  p = putQuoted(out, p, a.province);
  out[p++] = COMMA;
  p = text(out, p, a.regencyCode);
  out[p++] = COMMA;
  p = putQuoted(out, p, a.regency);
  out[p++] = COMMA;
  for (const value of [a.districtCode, a.education, a.employmentStatus]) {
    p = text(out, p, value);
    out[p++] = COMMA;
  }
  for (const flag of [f.underAge, f.student, f.onSocialAid, f.notInRegistry, f.registryMismatch]) {
    p = putBool(out, p, flag);
    out[p++] = COMMA;
  }
  p = text(out, p, f.badData);
  out[p++] = COMMA;
  for (const trait of [
    t.willVerifyEmail,
    t.willCompleteProfile,
    t.willUpload,
    t.willPassTest,
    t.willJoinWave,
  ]) {
    p = putBool(out, p, trait);
    out[p++] = COMMA;
  }
  p = putUint(out, p, t.patience);
  for (const seconds of [s.account, s.verifyEmail, s.profile, s.upload, s.test, s.joinWave]) {
    out[p++] = COMMA;
    p = putTenths(out, p, seconds);
  }
  out[p++] = COMMA;
  return putUint(out, p, t.pageViews);
}

const scratch = new Uint8Array(MAX_RECORD_BYTES);

function asciiOf(bytes: Uint8Array, end: number): string {
  let text = '';
  for (let i = 0; i < end; i += 1024) {
    text += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, Math.min(end, i + 1024))));
  }
  return text;
}

/** One applicant as a CSV row string (convenience; `gelombang generate` uses encodeCsv). */
export function toCsvRow(a: Applicant): string {
  return asciiOf(scratch, encodeCsv(a, scratch, 0));
}

/** One applicant as a JSON line string (convenience; `gelombang generate` uses encodeNdjson). */
export function toNdjson(a: Applicant): string {
  return asciiOf(scratch, encodeNdjson(a, scratch, 0));
}
