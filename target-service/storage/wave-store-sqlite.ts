// WaveStore on SQLite. Every join runs in a BEGIN IMMEDIATE transaction (through the group commit), and
// SQLite has one writer at a time, so check-then-take cannot interleave: the quota holds by construction,
// and the CHECK (joined <= quota) in the schema would refuse a bug that tried otherwise.
import type BetterSqlite3 from 'better-sqlite3';
import type { GroupCommit } from './group-commit.js';
import { fromSqliteError } from './unique-violations.js';
import { toWave as toWaveOf, toWaveMember, type WaveMemberRow, type WaveRow as WaveRowOf } from './rows.js';
import type { JoinWaveResult, NewWave, Wave, WaveMembership, WaveStore } from './wave-types.js';

type WaveRow = WaveRowOf<number>;
type MemberRow = WaveMemberRow<number>;
const toDate = (v: number): Date => new Date(v);
const toWave = (r: WaveRow): Wave => toWaveOf(r, toDate);
const toMember = (r: MemberRow): WaveMembership => toWaveMember(r, toDate);

export function sqliteWaveStore(db: BetterSqlite3.Database, group: GroupCommit): WaveStore {
  // Prepared on first use: the tables exist only after migrate().
  let s: ReturnType<typeof prepare> | undefined;
  const st = () => {
    s ??= prepare(db);
    return s;
  };

  const upsert = db.transaction((waves: readonly NewWave[]) => {
    for (const w of waves) {
      st().upsertWave.run(w.id, w.opensAt.getTime(), w.closesAt.getTime(), w.registrationDate, w.quota);
    }
  });

  const join = db.transaction((accountId: string, waveId: number, now: Date): JoinWaveResult => {
    const existing = st().findMember.get(accountId) as MemberRow | undefined;
    if (existing) return { outcome: 'already-joined', membership: toMember(existing) };
    if (st().findWave.get(waveId) === undefined) return { outcome: 'no-place' };
    const open = st().firstWithRoom.get(waveId) as { id: number; room: number } | undefined;
    if (open === undefined) return { outcome: 'no-place' };
    st().takePlace.run(open.id);
    const membership: WaveMembership = { accountId, waveId: open.id, requestedWaveId: waveId, joinedAt: now };
    st().insertMember.run(accountId, open.id, waveId, now.getTime());
    return { outcome: 'joined', membership, remaining: open.room - 1 };
  });

  return {
    async upsertWaves(waves) {
      upsert.immediate(waves);
    },
    async listWaves() {
      return (st().listWaves.all() as WaveRow[]).map(toWave);
    },
    async findWaveMembership(accountId) {
      const row = st().findMember.get(accountId) as MemberRow | undefined;
      return row === undefined ? undefined : toMember(row);
    },
    async joinWave(accountId, waveId, now) {
      try {
        return await group.submit(() => join(accountId, waveId, now));
      } catch (err) {
        throw fromSqliteError(err);
      }
    },
  };
}

function prepare(db: BetterSqlite3.Database) {
  return {
    upsertWave: db.prepare(`INSERT INTO waves (id, opens_at, closes_at, registration_date, quota)
      VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at,
        registration_date = excluded.registration_date, quota = max(excluded.quota, waves.joined)`),
    listWaves: db.prepare('SELECT * FROM waves ORDER BY id'),
    findWave: db.prepare('SELECT id FROM waves WHERE id = ?'),
    firstWithRoom: db.prepare(
      'SELECT id, quota - joined AS room FROM waves WHERE id >= ? AND joined < quota ORDER BY id LIMIT 1',
    ),
    takePlace: db.prepare('UPDATE waves SET joined = joined + 1 WHERE id = ?'),
    findMember: db.prepare('SELECT * FROM wave_members WHERE account_id = ?'),
    insertMember: db.prepare(
      'INSERT INTO wave_members (account_id, wave_id, requested_wave_id, joined_at) VALUES (?, ?, ?, ?)',
    ),
  };
}
