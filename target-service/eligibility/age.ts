// Older than 18: Kartu Prakerja's rule (launch-facts.md, sources 001, 002), judged on the wave's
// registration date, as the generators' underAge flag assumes (born after 11 April 2002 = under 18 on
// 11 April 2020).
import { ageOn, isoDateToDays } from '../../generators/calendar.js';

export const MINIMUM_AGE = 18;

/** Whole years on the registration date (both YYYY-MM-DD); NaN when a date is not real. */
export function ageOnRegistration(birthDate: string, registrationDate: string): number {
  const born = isoDateToDays(birthDate);
  const on = isoDateToDays(registrationDate);
  return Number.isNaN(born) || Number.isNaN(on) ? Number.NaN : ageOn(born, on);
}

export function isUnderAge(birthDate: string, registrationDate: string): boolean {
  return !(ageOnRegistration(birthDate, registrationDate) >= MINIMUM_AGE);
}
