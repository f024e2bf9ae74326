// The wave calendar: weekly waves from wave 1's opening, each with a registration window and a quota, and
// the programme clock that says which wave is current. Pure functions of the configuration.
import type { WaveCalendarConfig } from '../funnel-config.js';
import type { NewWave, Wave } from '../storage/wave-types.js';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Western Indonesia Time (WIB) is UTC+7, without daylight saving: registration dates are WIB dates. */
const WIB_OFFSET_MS = 7 * HOUR_MS;

/** The WIB calendar date of an instant, YYYY-MM-DD. */
export function wibDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** Waves 1..count: wave n opens (n − 1) × intervalDays after wave 1 and closes openHours later. */
export function waveCalendar(cfg: WaveCalendarConfig): NewWave[] {
  return Array.from({ length: cfg.count }, (_, i) => {
    const opensAt = new Date(cfg.firstOpensAt.getTime() + i * cfg.intervalDays * DAY_MS);
    return {
      id: i + 1,
      opensAt,
      closesAt: new Date(opensAt.getTime() + cfg.openHours * HOUR_MS),
      registrationDate: wibDate(opensAt),
      quota: cfg.quota,
    };
  });
}

/** The programme clock: in 'replay' mode the service started at wave 1's opening, so a load test meets
 *  the 2020 calendar as applicants did; in 'wall' mode it is the machine's clock. */
export function programmeClock(cfg: WaveCalendarConfig, serviceStartedAt: Date): (now?: Date) => Date {
  if (cfg.clock === 'wall') return (now = new Date()) => now;
  const offset = cfg.firstOpensAt.getTime() - serviceStartedAt.getTime();
  return (now = new Date()) => new Date(now.getTime() + offset);
}

export type WaveWindow = 'not-open' | 'open' | 'closed';

export function windowOf(wave: Pick<Wave, 'opensAt' | 'closesAt'>, at: Date): WaveWindow {
  if (at.getTime() < wave.opensAt.getTime()) return 'not-open';
  return at.getTime() < wave.closesAt.getTime() ? 'open' : 'closed';
}

/** The wave open at `at`; between windows the next to open; after the last, undefined. */
export function currentWave<W extends Pick<Wave, 'opensAt' | 'closesAt'>>(
  waves: readonly W[],
  at: Date,
): W | undefined {
  return waves.find((w) => windowOf(w, at) === 'open') ?? waves.find((w) => windowOf(w, at) === 'not-open');
}
