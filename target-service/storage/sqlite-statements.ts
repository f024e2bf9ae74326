// SQLite statements, prepared once per connection (after the schema exists). Instants are epoch ms.

import type { Database, Statement } from 'better-sqlite3';

const SQL = {
  insertIdempotency: `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, body, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`,
  findIdempotency: 'SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?',
  insertAccount: `INSERT INTO accounts (id, full_name, email, phone, password_hash, created_at)
    VALUES (?, ?, ?, ?, ?, ?)`,
  insertSession: 'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  insertMail: `INSERT INTO mail_outbox (id, account_id, kind, code, created_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?)`,
  accountBySession: `SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_hash = ? AND s.expires_at > ?`,
  accountByEmail: 'SELECT * FROM accounts WHERE email = ?',
  accountVerifiedAt: 'SELECT email_verified_at FROM accounts WHERE id = ?',
  countAccounts: 'SELECT count(*) FROM accounts',
  latestMail: 'SELECT * FROM mail_outbox WHERE account_id = ? ORDER BY created_at DESC, seq DESC LIMIT 1',
  latestOpenMail: `SELECT * FROM mail_outbox WHERE account_id = ? AND consumed_at IS NULL
    ORDER BY created_at DESC, seq DESC LIMIT 1`,
  consumeMail: 'UPDATE mail_outbox SET consumed_at = ? WHERE id = ?',
  // A wrong guess: count it, and burn the code (consumed without verifying) at the per-code limit.
  countWrongCode: `UPDATE mail_outbox SET attempts = attempts + 1,
    consumed_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE consumed_at END WHERE id = ?`,
  failuresSince: 'SELECT coalesce(sum(attempts), 0) FROM mail_outbox WHERE account_id = ? AND created_at > ?',
  mailsSince: 'SELECT count(*) FROM mail_outbox WHERE account_id = ? AND created_at > ?',
  deleteSession: 'DELETE FROM sessions WHERE token_hash = ?',
  markVerified: 'UPDATE accounts SET email_verified_at = ? WHERE id = ?',
  upsertProfile: `INSERT INTO profiles (account_id, nik, kk, full_name, birth_date, birth_place, gender, address,
      province, employment_status, education, status, status_reason, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id) DO UPDATE SET nik = excluded.nik, kk = excluded.kk, full_name = excluded.full_name,
      birth_date = excluded.birth_date, birth_place = excluded.birth_place, gender = excluded.gender,
      address = excluded.address, province = excluded.province, employment_status = excluded.employment_status,
      education = excluded.education, status = excluded.status, status_reason = excluded.status_reason,
      updated_at = excluded.updated_at`,
  findProfile: 'SELECT * FROM profiles WHERE account_id = ?',
  setProfileStatus: 'UPDATE profiles SET status = ?, status_reason = ?, updated_at = ? WHERE account_id = ?',
  deleteJobOfAccount: 'DELETE FROM verification_jobs WHERE account_id = ?',
  insertJob: 'INSERT INTO verification_jobs (account_id, attempts, next_attempt_at) VALUES (?, 0, ?)',
  insertEligibilityJob: `INSERT INTO verification_jobs (account_id, attempts, next_attempt_at, kind)
    VALUES (?, 0, ?, 'eligibility') ON CONFLICT (account_id) DO NOTHING`,
  // Due = its time has come and nobody holds an unexpired lease on it.
  claimJobs: `UPDATE verification_jobs SET locked_until = ?, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM verification_jobs
      WHERE next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?)
      ORDER BY next_attempt_at, id LIMIT ?)
    RETURNING id, account_id, attempts, next_attempt_at, kind`,
  completeJob: 'DELETE FROM verification_jobs WHERE id = ?',
  rescheduleJob:
    'UPDATE verification_jobs SET next_attempt_at = ?, last_error = ?, locked_until = NULL WHERE id = ?',
  countJobs: 'SELECT count(*) FROM verification_jobs WHERE kind = ?',
} as const;

export type SqliteStatements = { [K in keyof typeof SQL]: Statement<unknown[]> };

export function prepareSqliteStatements(db: Database): SqliteStatements {
  const out: Partial<Record<keyof typeof SQL, Statement<unknown[]>>> = {};
  for (const [name, text] of Object.entries(SQL) as Array<[keyof typeof SQL, string]>) {
    out[name] = db.prepare(text);
  }
  return out as SqliteStatements;
}
