// The Repository for the real stack: PostgreSQL through a pg Pool, shared by a service instance's
// requests; several instances (replicas) share one database. Uniqueness, leases and migrations are
// all decided by the database, so replicas need no coordination of their own.

import { selectionStore } from './selection-store.js';
import type { SelectionStore } from './selection-types.js';
import pg from 'pg';
import { migratePostgres } from './migration-runner.js';
import { PG_SQL, type PgStatementName } from './postgres-sql.js';
import {
  type AccountRow,
  type IdempotencyRow,
  type JobRow,
  type MailRow,
  type ProfileRow,
  byDueOrder,
  mailValues,
  profileValues,
  toAccount,
  toIdempotentResponse,
  toJob,
  toMail,
  toProfile,
} from './rows.js';
import type {
  Account,
  IdempotentResponse,
  Mail,
  NewAccount,
  NewMail,
  NewSession,
  Profile,
  ProfileInput,
  ProfileStatus,
  Repository,
  VerificationJob,
  VerifyEmailResult,
  OfflineApplicant,
  OfflineOutcome,
} from './types.js';
import { fromPgError } from './unique-violations.js';
import { postgresWaveStore, WAVE_SQL } from './wave-store-postgres.js';
import type { WaveStore } from './wave-types.js';
import { StoreDelegates } from './store-delegates.js';
import { funnelRecordStore, postgresDialect } from './funnel-record-store.js';
import type { FunnelRecordStore } from './funnel-record-types.js';
import {
  DEFAULT_EMAIL_CODE_LIMITS,
  type EmailCodeLimits,
  verifyEmailOutcome,
} from './verify-email-outcome.js';

export interface PostgresRepositoryOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Work inside this schema (set as search_path on every pooled connection; migrate() creates it).
   *  Tests use a fresh one per run and drop it afterwards. */
  schema?: string;
  /** How long a query waits for a pooled connection before failing (default 10,000 ms). */
  connectionTimeoutMs?: number | undefined;
  /** Called when an idle pooled connection fails (the pool has already discarded it). */
  onIdleError?: (err: Error) => void;
}

type Queryable = pg.Pool | pg.PoolClient;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const same = (d: Date): Date => d;

function isolateSchema(schema: string | undefined): string | undefined {
  if (schema === undefined) return undefined;
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`schema must be lower-case letters, digits and _ (at most 63); got "${schema}"`);
  }
  return schema;
}

export class PostgresRepository extends StoreDelegates implements Repository {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly schema: string | undefined;
  protected readonly waves: WaveStore;
  protected readonly records: FunnelRecordStore;
  protected readonly selection: SelectionStore;

  constructor(url: string, options: PostgresRepositoryOptions = {}) {
    super();
    this.schema = isolateSchema(options.schema);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      application_name: 'gelombang',
      // Set at connection start-up, so every query on every pooled connection sees the schema.
      ...(this.schema === undefined ? {} : { options: `-c search_path=${this.schema}` }),
    });
    // Without a listener an idle connection dropped by the server would crash the process.
    this.pool.on('error', options.onIdleError ?? (() => {}));
    this.waves = postgresWaveStore(
      this.pool,
      async (db, name, values) => {
        try {
          return await db.query({ name: `glbw_${name}`, text: WAVE_SQL[name], values });
        } catch (err) {
          throw fromPgError(err);
        }
      },
      (fn) => this.tx(fn),
    );
    this.records = funnelRecordStore(postgresDialect(this.pool, fromPgError));
    this.selection = selectionStore(postgresDialect(this.pool, fromPgError));
  }

  private async q<R extends pg.QueryResultRow>(db: Queryable, name: PgStatementName, values: unknown[]) {
    try {
      return await db.query<R>({ name: `glb_${name}`, text: PG_SQL[name], values });
    } catch (err) {
      throw fromPgError(err);
    }
  }

  private async tx<R>(fn: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        broken = rollbackErr as Error; // the connection is unusable: let the pool discard it
      }
      throw fromPgError(err);
    } finally {
      client.release(broken);
    }
  }

  async migrate(): Promise<void> {
    await this.tx((c) => migratePostgres(c, this.schema));
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async saveIdempotency(c: pg.PoolClient, idem: IdempotentResponse | undefined): Promise<void> {
    if (idem === undefined) return;
    const { scope, key, requestHash, statusCode, body, createdAt } = idem;
    await this.q(c, 'insertIdempotency', [scope, key, requestHash, statusCode, body, createdAt]);
  }

  async findIdempotentResponse(scope: string, key: string): Promise<IdempotentResponse | undefined> {
    const { rows } = await this.q<IdempotencyRow<Date>>(this.pool, 'findIdempotency', [scope, key]);
    return rows[0] === undefined ? undefined : toIdempotentResponse(rows[0], same);
  }

  async createAccount(a: NewAccount, session: NewSession, mail: NewMail, idem?: IdempotentResponse) {
    await this.tx(async (c) => {
      // The key first: a retried request racing its original waits on the key's row and then
      // reports the key (so the caller replays the response), not a taken email.
      await this.saveIdempotency(c, idem);
      await this.q(c, 'insertAccount', [a.id, a.fullName, a.email, a.phone, a.passwordHash, a.createdAt]);
      await this.q(c, 'insertSession', [
        session.tokenHash,
        session.accountId,
        session.createdAt,
        session.expiresAt,
      ]);
      await this.q(c, 'insertMail', mailValues(mail, same));
    });
  }

  async findAccountBySessionToken(tokenHash: string, now: Date): Promise<Account | undefined> {
    const { rows } = await this.q<AccountRow<Date>>(this.pool, 'accountBySession', [tokenHash, now]);
    return rows[0] === undefined ? undefined : toAccount(rows[0], same);
  }

  async findAccountByEmail(email: string): Promise<Account | undefined> {
    const { rows } = await this.q<AccountRow<Date>>(this.pool, 'accountByEmail', [email]);
    return rows[0] === undefined ? undefined : toAccount(rows[0], same);
  }

  async countAccounts(): Promise<number> {
    const { rows } = await this.q<{ n: string }>(this.pool, 'countAccounts', []);
    return Number(rows[0]?.n ?? 0);
  }

  async latestMail(accountId: string): Promise<Mail | undefined> {
    const { rows } = await this.q<MailRow<Date>>(this.pool, 'latestMail', [accountId]);
    return rows[0] === undefined ? undefined : toMail(rows[0], same);
  }

  async verifyEmail(
    accountId: string,
    code: string,
    now: Date,
    idem?: IdempotentResponse,
    limits: EmailCodeLimits = DEFAULT_EMAIL_CODE_LIMITS,
  ) {
    return this.tx(async (c): Promise<VerifyEmailResult> => {
      // The account row lock serialises concurrent guesses, so each is counted before the next is judged.
      const account = await this.q<{ email_verified_at: Date | null }>(c, 'lockAccountForVerify', [
        accountId,
      ]);
      const open = await this.q<MailRow<Date>>(c, 'latestOpenMail', [accountId]);
      const newest = await this.q<MailRow<Date>>(c, 'latestMail', [accountId]);
      const failures = await this.q<{ n: string }>(c, 'failuresSince', [
        accountId,
        new Date(now.getTime() - limits.windowMs),
      ]);
      const mail = open.rows[0] === undefined ? undefined : toMail(open.rows[0], same);
      const { result, write } = verifyEmailOutcome(
        {
          emailVerifiedAt: account.rows[0]?.email_verified_at,
          mail,
          newest: newest.rows[0] === undefined ? undefined : { attempts: newest.rows[0].attempts },
          failuresInWindow: Number(failures.rows[0]?.n ?? 0),
        },
        code,
        now,
        limits,
      );
      if (mail === undefined) return result;
      if (write === 'count-wrong') await this.q(c, 'countWrongCode', [limits.perCode, now, mail.id]);
      if (write !== 'consume') return result;
      await this.saveIdempotency(c, idem);
      await this.q(c, 'consumeMail', [now, mail.id]);
      await this.q(c, 'markVerified', [now, accountId]);
      return result;
    });
  }

  async issueMail(mail: NewMail, max: number, since: Date) {
    return this.tx(async (c) => {
      await this.q(c, 'lockAccount', [mail.accountId]);
      const sent = await this.q<{ n: string }>(c, 'mailsSince', [mail.accountId, since]);
      if (Number(sent.rows[0]?.n ?? 0) >= max) return 'limit-reached' as const;
      await this.q(c, 'insertMail', mailValues(mail, same));
      return 'issued' as const;
    });
  }

  async createSession(s: NewSession): Promise<void> {
    await this.q(this.pool, 'insertSession', [s.tokenHash, s.accountId, s.createdAt, s.expiresAt]);
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    const { rowCount } = await this.q(this.pool, 'deleteSession', [tokenHash]);
    return (rowCount ?? 0) > 0;
  }

  async saveProfile(
    input: ProfileInput,
    status: ProfileStatus,
    statusReason: string | null,
    now: Date,
    enqueue: boolean,
    idem?: IdempotentResponse,
  ): Promise<void> {
    await this.tx(async (c) => {
      await this.saveIdempotency(c, idem);
      // The upsert locks the account's profile row, so concurrent saves for one account run one
      // after the other through the job replacement below.
      await this.q(c, 'upsertProfile', [...profileValues(input), status, statusReason, now]);
      // A new profile supersedes any open job: a fresh job gets a new id, so a worker still holding
      // the old one cannot complete the new one.
      await this.q(c, 'deleteJobOfAccount', [input.accountId]);
      if (enqueue) await this.q(c, 'insertJob', [input.accountId, now]);
    });
  }

  async findProfile(accountId: string): Promise<Profile | undefined> {
    const { rows } = await this.q<ProfileRow<Date>>(this.pool, 'findProfile', [accountId]);
    return rows[0] === undefined ? undefined : toProfile(rows[0], same);
  }

  async setProfileStatus(accountId: string, status: ProfileStatus, reason: string | null, now: Date) {
    await this.q(this.pool, 'setProfileStatus', [status, reason, now, accountId]);
  }

  async claimVerificationJobs(limit: number, now: Date, leaseMs: number): Promise<VerificationJob[]> {
    if (limit <= 0) return [];
    const leaseEnd = new Date(now.getTime() + leaseMs);
    // One statement is its own transaction: select-and-lease is atomic.
    const { rows } = await this.q<JobRow<Date>>(this.pool, 'claimJobs', [leaseEnd, now, Math.floor(limit)]);
    return rows.map((r) => toJob(r, same)).sort(byDueOrder);
  }

  async enqueueEligibilityCheck(accountId: string, now: Date): Promise<void> {
    await this.q(this.pool, 'insertEligibilityJob', [accountId, now]);
  }

  async completeVerificationJob(id: number): Promise<void> {
    await this.q(this.pool, 'completeJob', [id]);
  }

  async rescheduleVerificationJob(id: number, nextAttemptAt: Date, lastError: string): Promise<void> {
    await this.q(this.pool, 'rescheduleJob', [nextAttemptAt, lastError, id]);
  }

  async countVerificationJobs(kind: VerificationJob['kind'] = 'nik'): Promise<number> {
    const { rows } = await this.q<{ n: string }>(this.pool, 'countJobs', [kind]);
    return Number(rows[0]?.n ?? 0);
  }

  async createOfflineApplicants(
    applicants: readonly OfflineApplicant[],
    now: Date,
  ): Promise<OfflineOutcome[]> {
    // Two offices sending overlapping rows at once can deadlock on the unique indexes; PostgreSQL then
    // aborts one transaction whole (40P01), which is safe to run again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createOfflineApplicantsOnce(applicants, now);
      } catch (err) {
        if ((err as { code?: string }).code !== '40P01' || attempt >= 3) throw err;
      }
    }
  }

  /** Set-based, four statements for the whole chunk (a row at a time was 5 round trips a row: a minute
   *  for 10,000 on a busy machine): accounts whose email is free, then profiles whose NIK is free, then
   *  the accounts left without a profile are removed again, then the jobs. */
  private async createOfflineApplicantsOnce(
    applicants: readonly OfflineApplicant[],
    now: Date,
  ): Promise<OfflineOutcome[]> {
    return this.tx(async (c) => {
      const column = <T>(pick: (a: OfflineApplicant) => T) => applicants.map(pick);
      const accounts = await c.query<{ id: string }>(
        `INSERT INTO accounts (id, full_name, email, phone, password_hash, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          column((a) => a.account.id),
          column((a) => a.account.fullName),
          column((a) => a.account.email),
          column((a) => a.account.phone),
          column((a) => a.account.passwordHash),
          column((a) => a.account.createdAt),
        ],
      );
      const withAccount = new Set(accounts.rows.map((r) => r.id));
      const next = applicants.filter((a) => withAccount.has(a.account.id));
      const values = next.map((a) => profileValues(a.profile));
      const profiles = await c.query<{ account_id: string }>(
        `INSERT INTO profiles (account_id, nik, kk, full_name, birth_date, birth_place, gender, address,
           province, employment_status, education, status, status_reason, updated_at)
         SELECT *, 'pending', NULL, $12::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
           $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         ON CONFLICT (nik) DO NOTHING RETURNING account_id`,
        [...Array.from({ length: 11 }, (_, k) => values.map((v) => v[k])), now],
      );
      const withProfile = new Set(profiles.rows.map((r) => r.account_id));
      const orphans = next.filter((a) => !withProfile.has(a.account.id)).map((a) => a.account.id);
      if (orphans.length > 0) await c.query('DELETE FROM accounts WHERE id = ANY($1::text[])', [orphans]);
      await c.query(
        `INSERT INTO verification_jobs (account_id, attempts, next_attempt_at)
         SELECT unnest($1::text[]), 0, $2::timestamptz`,
        [[...withProfile], now],
      );
      return applicants.map(
        (a): OfflineOutcome =>
          withProfile.has(a.account.id)
            ? 'created'
            : withAccount.has(a.account.id)
              ? 'nik-taken'
              : 'email-taken',
      );
    });
  }

  async saveIdempotentResponse(idem: IdempotentResponse): Promise<void> {
    await this.tx((c) => this.saveIdempotency(c, idem));
  }
}
