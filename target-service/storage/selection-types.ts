// Wave selection records (migration 20): who is accepted on a wave, and how they were chosen.

/** An applicant with a place on the wave, who can be selected. `nik` is null without a profile. */
export interface WaveCandidate {
  accountId: string;
  nik: string | null;
}

export interface AnnouncedApplicant {
  accountId: string;
  /** 1 = first selected. */
  rank: number;
  /** Chosen from the Ministry's priority list, or drawn at random. */
  basis: 'priority' | 'random';
}

export interface WaveSelection {
  waveId: number;
  seed: number;
  places: number;
  /** sha256 of seed, places and the priority list: a re-run with other inputs is refused. */
  paramsHash: string;
  candidates: number;
  fromPriority: number;
  drawn: number;
  /** The whole announcement, in rank order. */
  selected: AnnouncedApplicant[];
  /** Every announcement row is written. */
  complete: boolean;
  announcedAt: Date;
}

export interface SelectionStore {
  /** The wave's members with their NIK, ordered by account id (the selection's stable input). */
  listWaveCandidates(waveId: number): Promise<WaveCandidate[]>;
  findWaveSelection(waveId: number): Promise<WaveSelection | undefined>;
  /** Records the selection unless one exists for the wave; resolves with the one that is stored. */
  claimWaveSelection(selection: WaveSelection): Promise<WaveSelection>;
  /** Writes the announcement rows (again, harmlessly, after an interruption) and marks it complete. */
  completeWaveSelection(selection: WaveSelection): Promise<void>;
}
