// The programme as the service sees it: the wave calendar and the clock it runs on. One per app instance;
// routes ask it which wave is current and which registration date eligibility is judged on.
import type { WaveCalendarConfig } from '../funnel-config.js';
import type { NewWave } from '../storage/wave-types.js';
import { currentWave, programmeClock, waveCalendar } from './calendar.js';

export class Programme {
  readonly waves: readonly NewWave[];
  /** Now on the programme's clock (waves/calendar.ts). */
  readonly now: (at?: Date) => Date;

  constructor(cfg: WaveCalendarConfig, serviceStartedAt: Date = new Date()) {
    this.waves = waveCalendar(cfg);
    this.now = programmeClock(cfg, serviceStartedAt);
  }

  /** The wave open now, or the next to open; the last wave once the calendar has run out. */
  currentWave(at?: Date): NewWave | undefined {
    return currentWave(this.waves, this.now(at)) ?? this.waves.at(-1);
  }

  /** The date age is judged on: the current wave's registration date. */
  registrationDate(at?: Date): string {
    return this.currentWave(at)?.registrationDate ?? new Date().toISOString().slice(0, 10);
  }
}
