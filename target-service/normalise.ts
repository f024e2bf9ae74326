// Email and phone normalisation: one applicant, one account, however they type it.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : undefined;
}

/** Indonesian mobile numbers: 08xx…, 628xx…, +628xx… with spaces, dots or dashes → +628xx… (E.164).
 *  Mobile numbers have 10–13 digits in national format (08 + 8–11 digits). */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s.\-()]/g, '');
  let national: string;
  if (compact.startsWith('+62')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('62')) national = `0${compact.slice(2)}`;
  else national = compact;
  if (!/^08\d{8,11}$/.test(national)) return undefined;
  return `+62${national.slice(1)}`;
}
