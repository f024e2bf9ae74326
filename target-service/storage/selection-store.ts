// SelectionStore for both dialects (the funnel's SqlDialect): each method is one or a few single-statement
// writes, safe to repeat. The selection row is claimed first (INSERT … ON CONFLICT DO NOTHING) and carries
// the whole ordered list; announcement rows are then inserted idempotently and the row marked complete.
import type { SqlDialect } from './funnel-record-store.js';
import type { AnnouncedApplicant, SelectionStore, WaveCandidate, WaveSelection } from './selection-types.js';

interface SelectionRow {
  wave_id: number;
  seed: number | string;
  places: number;
  params_hash: string;
  candidates: number;
  from_priority: number;
  drawn: number;
  selected_json: string;
  complete: number | boolean;
  announced_at: unknown;
}

/** Announcement rows per INSERT statement: 4 values each, well under both databases' parameter limits. */
const CHUNK = 1000;

export function selectionStore(d: SqlDialect): SelectionStore {
  const toSelection = (r: SelectionRow): WaveSelection => ({
    waveId: r.wave_id,
    seed: Number(r.seed),
    places: r.places,
    paramsHash: r.params_hash,
    candidates: r.candidates,
    fromPriority: r.from_priority,
    drawn: r.drawn,
    selected: JSON.parse(r.selected_json) as AnnouncedApplicant[],
    complete: Boolean(r.complete),
    announcedAt: d.date(r.announced_at),
  });

  const find = async (waveId: number): Promise<WaveSelection | undefined> => {
    const rows = await d.query<SelectionRow>('SELECT * FROM wave_selections WHERE wave_id = ?', [waveId]);
    return rows[0] === undefined ? undefined : toSelection(rows[0]);
  };

  return {
    async listWaveCandidates(waveId) {
      const rows = await d.query<{ account_id: string; nik: string | null }>(
        `SELECT m.account_id AS account_id, p.nik AS nik FROM wave_members m
         LEFT JOIN profiles p ON p.account_id = m.account_id WHERE m.wave_id = ? ORDER BY m.account_id`,
        [waveId],
      );
      return rows.map((r): WaveCandidate => ({ accountId: r.account_id, nik: r.nik }));
    },
    findWaveSelection: find,
    async claimWaveSelection(s) {
      await d.query(
        `INSERT INTO wave_selections (wave_id, seed, places, params_hash, candidates, from_priority, drawn,
           selected_json, complete, announced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (wave_id) DO NOTHING`,
        [
          s.waveId,
          s.seed,
          s.places,
          s.paramsHash,
          s.candidates,
          s.fromPriority,
          s.drawn,
          JSON.stringify(s.selected),
          d.bool(false),
          d.instant(s.announcedAt),
        ],
      );
      return (await find(s.waveId))!;
    },
    async completeWaveSelection(s) {
      for (let i = 0; i < s.selected.length; i += CHUNK) {
        const chunk = s.selected.slice(i, i + CHUNK);
        await d.query(
          `INSERT INTO wave_announcements (wave_id, account_id, rank, basis) VALUES
           ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT (wave_id, account_id) DO NOTHING`,
          chunk.flatMap((a) => [s.waveId, a.accountId, a.rank, a.basis]),
        );
      }
      await d.query('UPDATE wave_selections SET complete = ? WHERE wave_id = ?', [d.bool(true), s.waveId]);
    },
  };
}
