// Waves ("gelombang"): weekly intakes with a quota (about 164,000 in 2020, launch-facts.md) and a
// registration window. The storage part of "Join Batch", kept apart from the rest of the repository so
// that selection (issue 11) can build on it.

export interface NewWave {
  id: number;
  opensAt: Date;
  /** Registration closes at this instant (exclusive). */
  closesAt: Date;
  /** The date eligibility is judged on (older than 18 on it), YYYY-MM-DD in WIB. */
  registrationDate: string;
  quota: number;
}

export interface Wave extends NewWave {
  /** Places taken. Never above quota. */
  joined: number;
}

export interface WaveMembership {
  accountId: string;
  waveId: number;
  /** The wave the applicant asked to join; differs from waveId after an overflow placement. */
  requestedWaveId: number;
  joinedAt: Date;
}

export type JoinWaveResult =
  /** A place on waveId: the requested wave, or (overflow) the first later wave with room. */
  | { outcome: 'joined'; membership: WaveMembership; remaining: number }
  /** The account already holds a place (on membership.waveId); nothing changed. */
  | { outcome: 'already-joined'; membership: WaveMembership }
  /** The requested wave and every later one are full, or the requested wave does not exist. */
  | { outcome: 'no-place' };

export interface WaveStore {
  /** Creates the calendar's waves, or updates window and quota of existing ones (never `joined`). */
  upsertWaves(waves: readonly NewWave[]): Promise<void>;
  /** Every wave, by id. */
  listWaves(): Promise<Wave[]>;
  findWaveMembership(accountId: string): Promise<WaveMembership | undefined>;
  /** Takes one place for the account, atomically: on wave `waveId` if it has room, else on the first later
   *  wave with room (the 2020 overflow rule: "the rest go to the next week's slot"). Safe under any
   *  concurrency, across connections and replicas: the quota is never exceeded and an account never holds
   *  two places. */
  joinWave(accountId: string, waveId: number, now: Date): Promise<JoinWaveResult>;
}
