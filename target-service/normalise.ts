// Input as people type it: one place that turns what a phone keyboard sends into what the service compares.
// Every text field of a JSON body passes through cleanText() before the schema validates it (app.ts hook),
// so a zero-width space cannot make a second account and a name of invisible characters is a blank one.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Characters that render as nothing: Unicode format characters (Cf: zero-width space/joiners, BOM, bidi
// marks, soft hyphen, word joiner …) and the blank "letters" and symbols that chat apps and phone keyboards
// use as invisible padding (Braille pattern blank U+2800, Hangul fillers U+115F U+1160 U+3164 U+FFA0,
// combining grapheme joiner U+034F, Mongolian vowel separator U+180E). Default_Ignorable_Code_Point is the
// Unicode property for the first group; the others are listed because they are not in it.
const INVISIBLE = /\p{Cf}|\u034F|[\u115F\u1160\u180E\u2800\u3164\uFFA0]/gu;
// Any other space (no-break, ideographic, en/em, line and paragraph separators) and control characters are
// a plain space: "Budi\u00A0Santoso" is "Budi Santoso".
const ODD_SPACE = /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}]/gu;

/** NFC, invisible characters removed, every run of spaces one space, trimmed. Pure. */
export function cleanText(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Fields whose bytes are the secret itself: never rewritten (a password is compared, not read). */
const VERBATIM_FIELDS = new Set(['password']);

/** cleanText() on every string of a JSON value, except the values of VERBATIM_FIELDS keys; other values
 *  are returned as they are. Arrays and objects are rewritten in place (the body is the request's own). */
export function cleanJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cleanText(value);
  // Bodies are shallow; the depth bound keeps a hostile 30,000-deep array from recursing (the schema
  // rejects it anyway).
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanJson(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!VERBATIM_FIELDS.has(key)) record[key] = cleanJson(record[key], depth + 1);
  }
  return record;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;

/** The address an account is known by: cleanText, then lower case. Undefined when it is not an address
 *  (no local part, no dotted domain, spaces inside, longer than RFC 5321's 254). */
export function normaliseEmail(raw: string): string | undefined {
  const email = cleanText(raw).toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : undefined;
}

/** Indonesian mobile numbers however they are written — 0812…, 62812…, +62 812…, +62 (0)812…, +62 0812…,
 *  0062 812…, (0812) 3456-7890, dots, dashes, full-width digits — as E.164 (+62812…). Undefined for a
 *  number that is not an Indonesian mobile (landlines, foreign numbers, wrong lengths). libphonenumber-js
 *  ("max" metadata, which knows number types) decides what is a mobile number. */
export function normalisePhone(raw: string): string | undefined {
  // "00" is how many people dial abroad; Indonesia's own international prefixes are 001/007/008.
  const text = cleanText(raw).replace(/^00\s*(?=62)/, '+');
  const parsed = parsePhoneNumberFromString(text, 'ID');
  if (parsed === undefined || parsed.country !== 'ID' || !parsed.isValid()) return undefined;
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? parsed.number : undefined;
}
