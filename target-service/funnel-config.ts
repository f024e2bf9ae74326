// Settings of the funnel after the profile: sign-in throttles, email-code limits, uploads, the aptitude
// test and the wave calendar. Defaults follow 2020 (launch-facts.md) or are stated assumptions.

export interface WaveCalendarConfig {
  /** Wave 1 opened Saturday 11 April 2020, 19:00 WIB (launch-facts.md, source 001). */
  firstOpensAt: Date;
  /** Registration stayed open until Thursday 16 April 16:00 WIB: 117 hours (source 001). */
  openHours: number;
  /** Weekly waves. */
  intervalDays: number;
  /** "More than 30 planned" in 2020 (source 001). */
  count: number;
  /** About 164,000 places a week (sources 000, 001, 004). */
  quota: number;
  /** 'replay': the service's clock for waves starts at wave 1's opening when the service starts, so a
   *  load test meets the 2020 calendar as it was; 'wall': the machine's clock (for a real calendar). */
  clock: 'replay' | 'wall';
}

export interface FunnelConfig {
  /** Where uploaded documents are stored (content-addressed); undefined = `documents/` beside the SQLite
   *  file, or ./data/documents. */
  dataDir: string | undefined;
  /** Per-file upload limit, bytes (2 MiB: phone photos of 2020 after the browser's downscale). */
  uploadMaxBytes: number;
  signIn: {
    /** Failed sign-ins per account within windowSeconds before it is throttled for windowSeconds. */
    perAccount: number;
    /** Failed sign-ins per client address within windowSeconds (a shared NAT is many people: higher). */
    perAddress: number;
    windowSeconds: number;
  };
  emailCode: {
    perCode: number;
    perAccount: number;
    /** Fresh codes an account may ask for within the window. */
    resends: number;
    windowSeconds: number;
  };
  assessment: {
    questions: number;
    /** Share of right answers that passes, in (0, 1]. */
    passMark: number;
  };
  waves: WaveCalendarConfig;
}

export const DEFAULT_FUNNEL_CONFIG: FunnelConfig = {
  dataDir: undefined,
  uploadMaxBytes: 2 * 1024 * 1024,
  signIn: { perAccount: 5, perAddress: 100, windowSeconds: 900 },
  emailCode: { perCode: 5, perAccount: 15, resends: 5, windowSeconds: 24 * 3600 },
  assessment: { questions: 10, passMark: 0.6 },
  waves: {
    firstOpensAt: new Date('2020-04-11T12:00:00Z'),
    openHours: 117,
    intervalDays: 7,
    count: 30,
    quota: 164_000,
    clock: 'replay',
  },
};
