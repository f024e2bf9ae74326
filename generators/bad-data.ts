// Deliberately wrong data: malformed NIKs, typed birth dates that disagree with the NIK, and the registry's
// differing spellings. Each variant is drawn from the record's own stream, so it is reproducible.
import type { Rng } from './prng.js';

const replaceAt = (s: string, at: number, text: string): string =>
  s.slice(0, at) + text + s.slice(at + text.length);

/** A NIK that parseNik rejects, one reason each: length, letters, province, regency, district, date, serial. */
export function malformNik(nik: string, rng: Rng): string {
  switch (rng.below(8)) {
    case 0:
      return nik.slice(0, 15); // a digit missing
    case 1:
      return nik + rng.below(10); // a digit too many
    case 2:
      return replaceAt(nik, rng.below(16), 'O'); // letter O for zero
    case 3:
      return replaceAt(nik, 0, '00'); // no province 00
    case 4:
      return replaceAt(nik, 2, '00'); // no regency 00
    case 5:
      return replaceAt(nik, 4, '00'); // no district 00
    case 6:
      return replaceAt(nik, 8, '13'); // month 13
    default:
      return replaceAt(nik, 12, '0000'); // serial 0000
  }
}

/** A birth date the applicant types that differs from the NIK's: off by 1–400 days, either way. */
export function shiftedBirthDays(birthDays: number, rng: Rng): number {
  const offset = rng.between(1, 400);
  return rng.float() < 0.5 ? birthDays - offset : birthDays + offset;
}

/** The registry's spelling of a name: one typo (dropped, doubled or swapped letter, or another vowel). */
export function misspell(name: string, rng: Rng): string {
  const at = rng.below(name.length);
  const c = name[at]!;
  let out: string;
  switch (rng.below(4)) {
    case 0:
      out = name.length > 3 && c !== ' ' ? name.slice(0, at) + name.slice(at + 1) : name + 'h';
      break;
    case 1:
      out = c === ' ' ? name + 'h' : name.slice(0, at + 1) + c + name.slice(at + 1);
      break;
    case 2:
      out = at + 1 < name.length ? name.slice(0, at) + name[at + 1] + c + name.slice(at + 2) : name + 'h';
      break;
    default: {
      // The first lower-case vowel becomes the next one (Budi → Bodi), keeping capitals as they are.
      const vowels = 'aiueo';
      const i = name.search(/[aiueo]/);
      out = i < 0 ? name + 'h' : replaceAt(name, i, vowels[(vowels.indexOf(name[i]!) + 1) % 5]!);
    }
  }
  // Swapping two equal letters changes nothing: fall back to an appended 'h' (Muhamad → Muhamadh).
  return out === name ? name + 'h' : out;
}
