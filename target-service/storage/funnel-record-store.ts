// FunnelRecordStore written once for both dialects: each method is one statement (atomic on its own), and
// the dialects differ only in placeholders and in how instants and booleans are stored, which the
// SqlDialect below hides. Documents, eligibility and the test result are small per-account records.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type {
  AssessmentResult,
  DocumentPart,
  Eligibility,
  FunnelRecordStore,
  StoredDocument,
} from './funnel-record-types.js';

export interface SqlDialect {
  /** Runs one statement written with `?` placeholders; resolves with its rows. */
  query<R>(sql: string, values: unknown[]): Promise<R[]>;
  instant(d: Date): unknown;
  date(v: unknown): Date;
  bool(b: boolean): unknown;
}

export function sqliteDialect(db: BetterSqlite3.Database): SqlDialect {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    async query<R>(sql: string, values: unknown[]) {
      let st = cache.get(sql);
      if (st === undefined) {
        st = db.prepare(sql);
        cache.set(sql, st);
      }
      if (st.reader) return st.all(...values) as R[];
      st.run(...values);
      return [];
    },
    instant: (d) => d.getTime(),
    date: (v) => new Date(v as number),
    bool: (b) => (b ? 1 : 0),
  };
}

export function postgresDialect(pool: pg.Pool, mapError: (err: unknown) => unknown): SqlDialect {
  const texts = new Map<string, string>();
  return {
    async query<R>(sql: string, values: unknown[]) {
      let text = texts.get(sql);
      if (text === undefined) {
        let n = 0;
        text = sql.replace(/\?/g, () => `$${++n}`);
        texts.set(sql, text);
      }
      try {
        return (await pool.query(text, values)).rows as R[];
      } catch (err) {
        throw mapError(err);
      }
    },
    instant: (d) => d,
    date: (v) => v as Date,
    bool: (b) => b,
  };
}

const nullableBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));

export function funnelRecordStore(d: SqlDialect): FunnelRecordStore {
  return {
    async saveDocuments(docs) {
      if (docs.length === 0) return;
      const rows = docs.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
      const values = docs.flatMap((x) => [
        x.accountId,
        x.part,
        x.sha256,
        x.sizeBytes,
        x.mediaType,
        d.instant(x.storedAt),
      ]);
      await d.query(
        `INSERT INTO documents (account_id, part, sha256, size_bytes, media_type, stored_at) VALUES ${rows}
         ON CONFLICT (account_id, part) DO UPDATE SET sha256 = excluded.sha256,
           size_bytes = excluded.size_bytes, media_type = excluded.media_type, stored_at = excluded.stored_at`,
        values,
      );
    },
    async listDocuments(accountId) {
      const rows = await d.query<Record<string, unknown>>(
        'SELECT * FROM documents WHERE account_id = ? ORDER BY part',
        [accountId],
      );
      return rows.map(
        (r): StoredDocument => ({
          accountId: r['account_id'] as string,
          part: r['part'] as DocumentPart,
          sha256: r['sha256'] as string,
          sizeBytes: Number(r['size_bytes']),
          mediaType: r['media_type'] as string,
          storedAt: d.date(r['stored_at']),
        }),
      );
    },
    async documentInUse(sha256) {
      const rows = await d.query('SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1', [sha256]);
      return rows.length > 0;
    },
    async saveEligibility(e) {
      await d.query(
        `INSERT INTO eligibility (account_id, eligible, reason, student, on_social_aid, wave_id, checked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET eligible = excluded.eligible, reason = excluded.reason,
           student = excluded.student, on_social_aid = excluded.on_social_aid, wave_id = excluded.wave_id,
           checked_at = excluded.checked_at`,
        [
          e.accountId,
          d.bool(e.eligible),
          e.reason,
          e.student === null ? null : d.bool(e.student),
          e.onSocialAid === null ? null : d.bool(e.onSocialAid),
          e.waveId,
          d.instant(e.checkedAt),
        ],
      );
    },
    async findEligibility(accountId) {
      const [r] = await d.query<Record<string, unknown>>('SELECT * FROM eligibility WHERE account_id = ?', [
        accountId,
      ]);
      if (r === undefined) return undefined;
      return {
        accountId,
        eligible: Boolean(r['eligible']),
        reason: (r['reason'] as string | null) ?? null,
        student: nullableBool(r['student']),
        onSocialAid: nullableBool(r['on_social_aid']),
        waveId: Number(r['wave_id']),
        checkedAt: d.date(r['checked_at']),
      } satisfies Eligibility;
    },
    async saveAssessment(a) {
      await d.query(
        `INSERT INTO assessments (account_id, score, questions, passed, answered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET score = excluded.score, questions = excluded.questions,
           passed = excluded.passed, answered_at = excluded.answered_at`,
        [a.accountId, a.score, a.questions, d.bool(a.passed), d.instant(a.answeredAt)],
      );
    },
    async findAssessment(accountId) {
      const [r] = await d.query<Record<string, unknown>>('SELECT * FROM assessments WHERE account_id = ?', [
        accountId,
      ]);
      if (r === undefined) return undefined;
      return {
        accountId,
        score: Number(r['score']),
        questions: Number(r['questions']),
        passed: Boolean(r['passed']),
        answeredAt: d.date(r['answered_at']),
      } satisfies AssessmentResult;
    },
  };
}
