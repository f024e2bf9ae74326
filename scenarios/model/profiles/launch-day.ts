// The launch-day curve: sign-ups per minute for the 21 hours after registration opened (Saturday 11 April
// 2020, 19:00 WIB), a model fitted to the public anchors (launch-day-fit.ts), stored as data.
import { profileFromMinuteCounts } from '../trace.js';
import type { ArrivalProfile } from '../types.js';
import { LAUNCH_DAY_MINUTE_COUNTS } from './launch-day-data.js';
import { LAUNCH_DAY_OPENS_AT } from './launch-day-fit.js';

export function launchDayProfile(): ArrivalProfile {
  return profileFromMinuteCounts(
    'launch-day',
    'Kartu Prakerja launch, Sat 11 Apr 2020 19:00 WIB → Sun 16:00: 80,000 in the opening minute, ' +
      '1,432,133 in 21 h; evening decay, night trough, morning rise (fitted model)',
    LAUNCH_DAY_MINUTE_COUNTS,
  );
}

const WIB_OFFSET_MS = 7 * 3600 * 1000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The WIB wall clock at the start of launch-day minute m, e.g. 0 → "Sat 2020-04-11 19:00 WIB". */
export function launchDayClock(minute: number): string {
  const wib = new Date(Date.parse(LAUNCH_DAY_OPENS_AT) + minute * 60_000 + WIB_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[wib.getUTCDay()]} ${wib.getUTCFullYear()}-${pad(wib.getUTCMonth() + 1)}-${pad(wib.getUTCDate())} ` +
    `${pad(wib.getUTCHours())}:${pad(wib.getUTCMinutes())} WIB`
  );
}
