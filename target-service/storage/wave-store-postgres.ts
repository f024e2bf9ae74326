// WaveStore on PostgreSQL, shared by replicas. A place is taken with
//   UPDATE waves SET joined = joined + 1 WHERE id = $1 AND joined < quota
// which locks the wave's row; a concurrent joiner waits for that lock and then re-checks `joined < quota`
// against the committed row (READ COMMITTED re-evaluation), so the quota is never exceeded, and a joiner
// that finds the wave full moves on to the next wave (overflow). Each transaction holds at most one wave
// lock, so joiners cannot deadlock. The member row's primary key makes a second place for the same account
// fail, which rolls back its counter too.
import type pg from 'pg';
import { UniqueViolation } from './types.js';
import { toWave as toWaveOf, toWaveMember, type WaveMemberRow, type WaveRow as WaveRowOf } from './rows.js';
import type { JoinWaveResult, NewWave, Wave, WaveMembership, WaveStore } from './wave-types.js';

type WaveRow = WaveRowOf<Date>;
type MemberRow = WaveMemberRow<Date>;
const toDate = (d: Date): Date => d;
const toWave = (r: WaveRow): Wave => toWaveOf(r, toDate);
const toMember = (r: MemberRow): WaveMembership => toWaveMember(r, toDate);

export const WAVE_SQL = {
  upsertWave: `INSERT INTO waves (id, opens_at, closes_at, registration_date, quota) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET opens_at = EXCLUDED.opens_at, closes_at = EXCLUDED.closes_at,
      registration_date = EXCLUDED.registration_date, quota = greatest(EXCLUDED.quota, waves.joined)`,
  listWaves: 'SELECT * FROM waves ORDER BY id',
  findWave: 'SELECT id FROM waves WHERE id = $1',
  // A snapshot read: a wave it calls full is full (joined only grows); one it calls open may fill before
  // our UPDATE, which then matches no row and we try the next.
  candidates: 'SELECT id FROM waves WHERE id >= $1 AND joined < quota ORDER BY id',
  takePlace:
    'UPDATE waves SET joined = joined + 1 WHERE id = $1 AND joined < quota RETURNING quota - joined AS room',
  findMember: 'SELECT * FROM wave_members WHERE account_id = $1',
  insertMember:
    'INSERT INTO wave_members (account_id, wave_id, requested_wave_id, joined_at) VALUES ($1, $2, $3, $4)',
} as const;

type Query = <R extends pg.QueryResultRow>(
  db: pg.Pool | pg.PoolClient,
  name: keyof typeof WAVE_SQL,
  values: unknown[],
) => Promise<pg.QueryResult<R>>;

export function postgresWaveStore(
  pool: pg.Pool,
  q: Query,
  tx: <R>(fn: (client: pg.PoolClient) => Promise<R>) => Promise<R>,
): WaveStore {
  const membership = async (db: pg.Pool | pg.PoolClient, accountId: string) => {
    const { rows } = await q<MemberRow>(db, 'findMember', [accountId]);
    return rows[0] === undefined ? undefined : toMember(rows[0]);
  };

  return {
    async upsertWaves(waves: readonly NewWave[]) {
      await tx(async (c) => {
        for (const w of waves) {
          await q(c, 'upsertWave', [w.id, w.opensAt, w.closesAt, w.registrationDate, w.quota]);
        }
      });
    },
    async listWaves() {
      const { rows } = await q<WaveRow>(pool, 'listWaves', []);
      return rows.map(toWave);
    },
    findWaveMembership: (accountId) => membership(pool, accountId),
    async joinWave(accountId, waveId, now): Promise<JoinWaveResult> {
      const held = await membership(pool, accountId);
      if (held) return { outcome: 'already-joined', membership: held };
      try {
        return await tx(async (c): Promise<JoinWaveResult> => {
          if ((await q(c, 'findWave', [waveId])).rowCount === 0) return { outcome: 'no-place' };
          const { rows } = await q<{ id: number }>(c, 'candidates', [waveId]);
          for (const { id } of rows) {
            const taken = await q<{ room: number }>(c, 'takePlace', [id]);
            if (taken.rowCount === 0) continue; // filled meanwhile: overflow to the next wave
            await q(c, 'insertMember', [accountId, id, waveId, now]);
            return {
              outcome: 'joined',
              membership: { accountId, waveId: id, requestedWaveId: waveId, joinedAt: now },
              remaining: taken.rows[0]!.room,
            };
          }
          return { outcome: 'no-place' };
        });
      } catch (err) {
        // The same account joining twice at once: the other transaction won and this one rolled back.
        if (err instanceof UniqueViolation && err.field === 'wave-member') {
          const won = await membership(pool, accountId);
          if (won) return { outcome: 'already-joined', membership: won };
        }
        throw err;
      }
    },
  };
}
