// The fast path of `gelombang generate --format ndjson`: applicant(seed, i) written straight to bytes, with no
// strings and no record object. It draws the same streams in the same order as applicant.ts and writes what
// JSON.stringify(applicant(seed, i)) would (ndjson-encoder.test.ts compares them over many seeds and indices);
// records with bad data fall back to encodeNdjson(applicant()). Why: profiling showed that building the
// record's strings and then copying them byte by byte cost several times more than all the random draws.
//
// Every table text (names, towns, regencies with the fixed JSON around them, think times with the next key,
// the flags and traits block of each combination) is encoded once, at first use, into 8-byte words and written
// with one DataView store per 8 bytes (inlined by V8; plain ES2015, so k6 and a bare VM run it too). A store
// may write up to 7 bytes past the end of a text: the next write overwrites them, and callers keep
// MAX_RECORD_BYTES free at `at` anyway. The fixed JSON between two values is merged into the table texts
// around it, so a record takes about 25 such copies plus a few digit stores.
import { bucketPermutation, checkSeedIndex, type Generator, serialBase, streetNames } from './applicant.js';
import { daysFromCivil } from './calendar.js';
import {
  BORN_IN_HOME_REGENCY,
  EDUCATION_CUMULATIVE,
  EMPLOYMENT,
  EMPLOYMENT_CUMULATIVE,
  SOCIAL_AID_SHARE,
} from './demographics.js';
import { DAY0, DAYS, MONTHS, Pool, put, put2, put4, putDdmmyy, putUint, YEARS } from './byte-writer.js';
import { encodeNdjson } from './exporters.js';
import {
  JOB_SEEKER,
  type Names,
  ndjsonTables,
  PREFIX_OFFSET,
  PREFIXES,
  REGENCY_OFFSET,
  SMA,
  type Tables,
} from './ndjson-tables.js';
import { TRAIT_PROBABILITIES } from './funnel.js';
import {
  domainCumulative,
  emailNumber,
  MOBILE_OPERATORS,
  NAME_PATTERN_BOUNDS,
  operatorCumulative,
  SYLLABLES,
} from './identity.js';
import { BUCKETS, bucketPlace, LAUNCH_DAY } from './layout.js';
import { cityName, streetPrefix } from './locale-id.js';
import { mix32, pickCumulative, streamKey } from './prng.js';
import { QUANTILE_BITS } from './quantiles.js';
import { patienceCumulative, STREAM, studentShare } from './traits.js';

// One stream of prng.ts's Rng, inlined: value n is mix32(key + n·golden). The same draws, no object per stream.
// The helpers return small integers or booleans, never a fresh double: when V8 does not inline one, its result
// then needs no heap number.
let state = 0;
/** Rng.float(). */
function float(): number {
  state = (state + 0x9e3779b9) | 0;
  return mix32(state) / 4_294_967_296;
}
/** Rng.below(n). */
const below = (n: number): number => Math.floor(float() * n);
/** Rng.between(lo, hi). */
const between = (lo: number, hi: number): number => lo + below(hi - lo + 1);
/** rng.float() < p. */
const chance = (p: number): boolean => float() < p;
/** pickCumulative(cumulative, rng.float()). */
const pick = (cumulative: ArrayLike<number>): number => pickCumulative(cumulative, float());
/** fromTable's index: the top QUANTILE_BITS of rng.u32(). */
function bin(): number {
  state = (state + 0x9e3779b9) | 0;
  return mix32(state) >>> (32 - QUANTILE_BITS);
}

// Results of the name stream for the email (module state: no object per record).
let mailFirstNames: Names | undefined;
let mailFirstAt = 0;
let mailFirstId = 0;
let mailLastPool: Pool | undefined;
let mailLastAt = 0;
let mailLastId = 0;

/** The name stream (identity.ts nameOf): writes the full name, keeps its email forms. */
function putName(t: Tables, view: DataView, at: number, key: number, female: number): number {
  state = key;
  const first = t.first[female]!;
  const last = t.last[female]!;
  const u = float();
  const a = below(first.count);
  let p = at;
  mailFirstNames = first;
  mailFirstAt = a;
  mailFirstId = first.mailId[a]!;
  if (u < NAME_PATTERN_BOUNDS[0]) {
    mailLastPool = first.mail;
    mailLastAt = a;
    mailLastId = mailFirstId;
    return put(view, p, first.plain, a);
  }
  const b = below(last.count);
  if (u < NAME_PATTERN_BOUNDS[1]) {
    p = put(view, p, first.spaced, a);
    p = put(view, p, last.plain, b);
  } else if (u < NAME_PATTERN_BOUNDS[2]) {
    p = put(view, p, last.spaced, b);
    p = put(view, p, first.plain, a);
    // Last name first: so is its email form.
    mailLastPool = first.mail;
    mailLastAt = a;
    mailLastId = mailFirstId;
    mailFirstNames = last;
    mailFirstAt = b;
    mailFirstId = last.mailId[b]!;
    return p;
  } else {
    const c = below(first.count);
    p = put(view, p, first.spaced, a);
    p = put(view, p, first.spaced, c);
    p = put(view, p, last.plain, b);
  }
  mailLastPool = last.mail;
  mailLastAt = b;
  mailLastId = last.mailId[b]!;
  return p;
}

/** The contact stream (identity.ts emailOf, phoneOf, passwordOf): email, phone and password with their keys.
 *  In two functions so that V8 inlines the draws into each (its inlining budget is per function). */
function putContact(t: Tables, view: DataView, at: number, key: number, emailDigits: number): number {
  return putPhoneAndPassword(t, view, putEmail(t, view, at, key, emailDigits));
}

function putEmail(t: Tables, view: DataView, at: number, key: number, emailDigits: number): number {
  state = key;
  const first = mailFirstNames!;
  let p = put(view, at, t.emailKey, 0);
  const u = float();
  if (mailFirstId === mailLastId || u < 0.25) p = put(view, p, first.mail, mailFirstAt);
  else {
    p = put(view, p, u < 0.55 ? first.mailDot : u < 0.8 ? first.mail : first.mailUnderscore, mailFirstAt);
    p = put(view, p, mailLastPool!, mailLastAt);
  }
  return putUint(view, p, emailDigits);
}

/** Continues the contact stream after putEmail: domain, phone, password. */
function putPhoneAndPassword(t: Tables, view: DataView, at: number): number {
  const domain = pick(domainCumulative);
  const operator = pick(operatorCumulative);
  const prefix = PREFIX_OFFSET[operator]! + below(MOBILE_OPERATORS[operator]!.prefixes.length);
  let p = put(view, at, t.domainPrefixes, domain * PREFIXES.length + prefix);
  const v = float();
  if (v < 0.1) p = putUint(view, p, between(1_000_000, 9_999_999));
  else if (v < 0.9) p = putUint(view, p, between(10_000_000, 99_999_999));
  else p = putUint(view, p, between(100_000_000, 999_999_999));
  const n = SYLLABLES.length;
  const capital = below(n);
  p = put(view, p, t.passwordStarts, capital * n + below(n));
  const third = below(n);
  p = put(view, p, t.syllablePairs, third * n + below(n));
  return putUint(view, p, between(10, 9999));
}

const FIRST_ISSUE = daysFromCivil(2008, 1, 1);
/** What the profile stream decides, by drawProfile: birth place (index into birthPlaces), street prefix,
 *  street name, house number, RT/RW (index into rtRw), the flags-and-traits block without the traits chain
 *  (index into middles), KK issue day number, KK serial. */
const profile = new Int32Array(8);

/** The profile stream (applicant.ts), drawn in its order into `profile`. */
function drawProfile(
  key: number,
  band: number,
  regency: number,
  notIn: number,
  notInOrMismatch: number,
): void {
  state = key;
  profile[0] = chance(BORN_IN_HOME_REGENCY) ? cityName.length + regency : below(cityName.length);
  profile[1] = below(streetPrefix.length);
  profile[2] = below(streetNames.length);
  profile[3] = between(1, 150);
  const rt = between(1, 15);
  profile[4] = (rt - 1) * 12 + between(1, 12) - 1;
  profile[6] = between(FIRST_ISSUE, LAUNCH_DAY - 30);
  profile[7] = between(1, 9999);
  drawFlags(band, notIn, notInOrMismatch);
}

/** Continues the profile stream after drawProfile (a separate function for V8's per-function inlining budget). */
function drawFlags(band: number, notIn: number, notInOrMismatch: number): void {
  const underAge = band === 0 ? 1 : 0;
  const student = underAge === 0 && chance(studentShare(band)) ? 1 : 0;
  const education = student ? SMA : pick(EDUCATION_CUMULATIVE);
  const employment = student || underAge ? JOB_SEEKER : pick(EMPLOYMENT_CUMULATIVE);
  const onSocialAid = chance(SOCIAL_AID_SHARE) ? 1 : 0;
  // notInRegistry: r < notIn; registryMismatch: notIn ≤ r < notIn + mismatch (applicant.ts).
  const r = float();
  const registry = r < notIn ? 1 : r < notInOrMismatch ? 2 : 0;
  profile[5] =
    ((((education * EMPLOYMENT.length + employment) * 2 + underAge) * 2 + student) * 2 + onSocialAid) * 18 +
    registry * 6;
}

/** The traits stream (traits.ts traitsOf), from the flags-and-traits block to the end of the record. */
function putTraits(t: Tables, view: DataView, at: number, key: number, middleBase: number): number {
  state = key;
  const q = TRAIT_PROBABILITIES;
  let chain = 0;
  if (chance(q.verifyEmail)) {
    chain = 1;
    if (chance(q.completeProfile)) {
      chain = 2;
      if (chance(q.upload)) {
        chain = 3;
        if (chance(q.passTest)) {
          chain = 4;
          if (chance(q.joinWave)) chain = 5;
        }
      }
    }
  }
  let p = put(view, at, t.middles, middleBase + chain);
  p = put(view, p, t.patience, pick(patienceCumulative));
  const think = t.think;
  for (let k = 0; k < 6; k++) p = put(view, p, think[k]!, bin());
  return put(view, p, t.pageViews, bin());
}

/** Writes one JSON line (no newline) of applicant(seed, index) into `out` at `at`; returns the end. */
export type NdjsonEncoder = (seed: number, index: number, out: Uint8Array, at: number) => number;

/** The byte-level NDJSON encoder of a generator: encoder(seed, i, out, at) writes exactly
 *  encodeNdjson(generator.applicant(seed, i)) and may scribble up to 7 bytes after the end (keep
 *  MAX_RECORD_BYTES free at `at`, as for encodeNdjson). */
export function createNdjsonEncoder(generator: Generator): NdjsonEncoder {
  const t = ndjsonTables();
  const { notInRegistryRate, registryMismatchRate } = generator.options;
  const bad = generator.options.badData;
  // The same sums as applicant.ts, so the same comparisons decide which records carry bad data.
  const c0 = bad.malformedNik;
  const c1 = bad.malformedNik + bad.nikBirthdateMismatch;
  const c2 = bad.malformedNik + bad.nikBirthdateMismatch + bad.duplicateEmail;
  const c3 = bad.malformedNik + bad.nikBirthdateMismatch + bad.duplicateEmail + bad.underAge;
  const notIn = notInRegistryRate;
  const notInOrMismatch = notInRegistryRate + registryMismatchRate;
  let lastOut: Uint8Array | undefined;
  let view: DataView = new DataView(new ArrayBuffer(0));
  let lastSeed = -1;
  let head = new Pool(['']);

  return function encode(seed: number, index: number, out: Uint8Array, at: number): number {
    checkSeedIndex(seed, index);
    if (c3 > 0) {
      state = streamKey(seed, index, STREAM.bad) >>> 0;
      const u = float();
      if (u < c0 || u < c1 || u < c2 || u < c3)
        return encodeNdjson(generator.applicant(seed, index), out, at);
    }
    if (out !== lastOut) {
      view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      lastOut = out;
    }
    if (seed !== lastSeed) {
      head = new Pool([`{"seed":${seed},"index":`]);
      lastSeed = seed;
    }

    const bucket = bucketPermutation(seed).forward(index % BUCKETS);
    const place = bucketPlace(bucket);
    const female = place.female ? 1 : 0;
    const birth = place.birthDays - DAY0;
    const regency = REGENCY_OFFSET[place.province]! + place.regency;
    const regencyNumber = t.regencyNumbers[regency]!;

    let p = put(view, at, head, 0);
    p = putUint(view, p, index);
    p = put(view, p, t.fullNameKey, 0);
    p = putName(t, view, p, streamKey(seed, index, STREAM.name) >>> 0, female);
    p = put(view, p, t.genderKeys, female);
    // Birth years are 1955–2004 (layout.ts age bands): always 4 digits.
    p = put4(view, p, YEARS[birth]!);
    view.setUint8(p, 45); // -
    p = put2(view, p + 1, MONTHS[birth]!);
    view.setUint8(p, 45);
    p = put2(view, p + 1, DAYS[birth]!);

    drawProfile(streamKey(seed, index, STREAM.profile) >>> 0, place.band, regency, notIn, notInOrMismatch);
    p = put(view, p, t.birthPlaces, profile[0]!);
    p = put4(view, p, regencyNumber);
    p = put2(view, p, place.district);
    p = putDdmmyy(view, p, female ? DAYS[birth]! + 40 : DAYS[birth]!, MONTHS[birth]!, YEARS[birth]!);
    p = put4(view, p, serialBase(seed, bucket) + Math.floor(index / BUCKETS));
    p = put(view, p, t.kkKeys, regency);
    p = put2(view, p, place.district);
    const issued = profile[6]! - DAY0;
    p = putDdmmyy(view, p, DAYS[issued]!, MONTHS[issued]!, YEARS[issued]!);
    p = put4(view, p, profile[7]!);
    p = putContact(t, view, p, streamKey(seed, index, STREAM.contact) >>> 0, emailNumber(seed, index));
    p = put(view, p, t.streetPrefixes, profile[1]!);
    p = put(view, p, t.streetNames, profile[2]!);
    p = putUint(view, p, profile[3]!);
    p = put(view, p, t.rtRw, profile[4]!);
    p = put(view, p, t.regencyTails, regency);
    p = put2(view, p, place.district);
    return putTraits(t, view, p, streamKey(seed, index, STREAM.traits) >>> 0, profile[5]!);
  };
}
