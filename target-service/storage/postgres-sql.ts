// PostgreSQL statements. Each runs as a named prepared statement (parsed and planned once per
// pooled connection). Instants are timestamptz, bound from and returned as Date.

export const PG_SQL = {
  insertIdempotency: `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, body, created_at)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  findIdempotency: 'SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2',
  insertAccount: `INSERT INTO accounts (id, full_name, email, phone, password_hash, created_at)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  insertSession:
    'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
  insertMail: `INSERT INTO mail_outbox (id, account_id, kind, code, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6)`,
  accountBySession: `SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id
    WHERE s.token_hash = $1 AND s.expires_at > $2`,
  accountByEmail: 'SELECT * FROM accounts WHERE email = $1',
  // The row lock serialises concurrent verifications of one account (a double-clicked submit).
  lockAccountForVerify: 'SELECT email_verified_at FROM accounts WHERE id = $1 FOR UPDATE',
  countAccounts: 'SELECT count(*)::bigint AS n FROM accounts',
  latestMail: 'SELECT * FROM mail_outbox WHERE account_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1',
  latestOpenMail: `SELECT * FROM mail_outbox WHERE account_id = $1 AND consumed_at IS NULL
    ORDER BY created_at DESC, seq DESC LIMIT 1`,
  consumeMail: 'UPDATE mail_outbox SET consumed_at = $1 WHERE id = $2',
  countWrongCode: `UPDATE mail_outbox SET attempts = attempts + 1,
    consumed_at = CASE WHEN attempts + 1 >= $1 THEN $2 ELSE consumed_at END WHERE id = $3`,
  failuresSince:
    'SELECT coalesce(sum(attempts), 0)::bigint AS n FROM mail_outbox WHERE account_id = $1 AND created_at > $2',
  mailsSince: 'SELECT count(*)::bigint AS n FROM mail_outbox WHERE account_id = $1 AND created_at > $2',
  lockAccount: 'SELECT id FROM accounts WHERE id = $1 FOR UPDATE',
  deleteSession: 'DELETE FROM sessions WHERE token_hash = $1',
  markVerified: 'UPDATE accounts SET email_verified_at = $1 WHERE id = $2',
  upsertProfile: `INSERT INTO profiles (account_id, nik, kk, full_name, birth_date, birth_place, gender, address,
      province, employment_status, education, status, status_reason, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
    ON CONFLICT (account_id) DO UPDATE SET nik = EXCLUDED.nik, kk = EXCLUDED.kk, full_name = EXCLUDED.full_name,
      birth_date = EXCLUDED.birth_date, birth_place = EXCLUDED.birth_place, gender = EXCLUDED.gender,
      address = EXCLUDED.address, province = EXCLUDED.province, employment_status = EXCLUDED.employment_status,
      education = EXCLUDED.education, status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
      updated_at = EXCLUDED.updated_at`,
  findProfile: 'SELECT * FROM profiles WHERE account_id = $1',
  setProfileStatus:
    'UPDATE profiles SET status = $1, status_reason = $2, updated_at = $3 WHERE account_id = $4',
  deleteJobOfAccount: 'DELETE FROM verification_jobs WHERE account_id = $1',
  insertJob: 'INSERT INTO verification_jobs (account_id, attempts, next_attempt_at) VALUES ($1, 0, $2)',
  insertEligibilityJob: `INSERT INTO verification_jobs (account_id, attempts, next_attempt_at, kind)
    VALUES ($1, 0, $2, 'eligibility') ON CONFLICT (account_id) DO NOTHING`,
  // SKIP LOCKED: a concurrent claimer passes over rows another transaction is leasing instead of
  // waiting for them; a row leased and committed meanwhile fails the re-checked WHERE. Either way
  // no job is handed to two workers, across connections and across replicas.
  claimJobs: `UPDATE verification_jobs j SET locked_until = $1, attempts = j.attempts + 1
    FROM (
      SELECT id FROM verification_jobs
      WHERE next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until <= $2)
      ORDER BY next_attempt_at, id LIMIT $3
      FOR UPDATE SKIP LOCKED) due
    WHERE j.id = due.id
    RETURNING j.id, j.account_id, j.attempts, j.next_attempt_at, j.kind`,
  completeJob: 'DELETE FROM verification_jobs WHERE id = $1',
  rescheduleJob:
    'UPDATE verification_jobs SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3',
  countJobs: 'SELECT count(*)::bigint AS n FROM verification_jobs WHERE kind = $1',
} as const;

export type PgStatementName = keyof typeof PG_SQL;
