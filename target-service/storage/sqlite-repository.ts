// The embedded Repository: better-sqlite3, synchronous calls behind the async interface. One
// connection per process; writes are short transactions, so the event loop is blocked only for
// the microseconds a local write takes, and no two requests interleave inside a transaction.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { migrateSqlite } from './migration-runner.js';
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
import { prepareSqliteStatements, type SqliteStatements } from './sqlite-statements.js';
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
import { fromSqliteError, offlineOutcomeOf } from './unique-violations.js';
import { selectionStore } from './selection-store.js';
import type { SelectionStore } from './selection-types.js';
import { sqliteWaveStore } from './wave-store-sqlite.js';
import type { WaveStore } from './wave-types.js';
import { StoreDelegates } from './store-delegates.js';
import { funnelRecordStore, sqliteDialect } from './funnel-record-store.js';
import type { FunnelRecordStore } from './funnel-record-types.js';
import {
  DEFAULT_EMAIL_CODE_LIMITS,
  type EmailCodeLimits,
  verifyEmailOutcome,
} from './verify-email-outcome.js';

export interface SqliteRepositoryOptions {
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

const ms = (d: Date): number => d.getTime();
const date = (v: number): Date => new Date(v);

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '' || path.startsWith('file:');
}

export class SqliteRepository extends StoreDelegates implements Repository {
  readonly kind = 'sqlite' as const;
  private readonly db: BetterSqlite3.Database;
  private statements: SqliteStatements | undefined;
  /** The funnel's writes (sign-up, email, profile) share commits; see group-commit.ts. */
  private readonly group: GroupCommit;
  private readonly checkpointer: SqliteCheckpointer | undefined;
  protected readonly waves: WaveStore;
  protected readonly records: FunnelRecordStore;
  protected readonly selection: SelectionStore;

  constructor(path: string, options: SqliteRepositoryOptions = {}) {
    super();
    if (!isInMemory(path)) mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    // WAL: readers never block the writer. synchronous=NORMAL in WAL mode fsyncs at checkpoints,
    // not at each commit: a committed write survives a crash of this process (kill -9, OOM) because
    // it is already in the OS page cache, but the last commits may be lost if the OS or machine
    // crashes. That is the trade we want for a load-test target; use PostgreSQL for the other case.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.pragma('foreign_keys = ON');
    this.group = new GroupCommit(this.db);
    this.waves = sqliteWaveStore(this.db, this.group);
    this.records = funnelRecordStore(sqliteDialect(this.db));
    this.selection = selectionStore(sqliteDialect(this.db));
    if (!isInMemory(path)) {
      // Checkpoints run on a background thread (sqlite-checkpointer.ts); 10,000 pages (~40 MB) is the
      // safety valve at which this connection checkpoints by itself.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.checkpointer = new SqliteCheckpointer(path);
    }
  }

  /** Statements are prepared on first use, when the tables exist (after migrate() in a new file). */
  private get s(): SqliteStatements {
    this.statements ??= prepareSqliteStatements(this.db);
    return this.statements;
  }

  /** Runs `fn` in a BEGIN IMMEDIATE transaction (takes the write lock up front, so two processes
   *  on one file serialise instead of failing on lock upgrade) and maps unique violations. */
  private write<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    // Created on first call: field initialisers run before the constructor opens the database.
    let tx: BetterSqlite3.Transaction<(...args: A) => R> | undefined;
    return (...args: A) => {
      tx ??= this.db.transaction(fn);
      try {
        return tx.immediate(...args);
      } catch (err) {
        throw fromSqliteError(err);
      }
    };
  }

  async migrate(): Promise<void> {
    migrateSqlite(this.db);
    this.statements = undefined; // re-prepare against the current schema
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  private saveIdempotency(idem: IdempotentResponse | undefined): void {
    if (idem === undefined) return;
    this.s.insertIdempotency.run(
      idem.scope,
      idem.key,
      idem.requestHash,
      idem.statusCode,
      idem.body,
      ms(idem.createdAt),
    );
  }

  async findIdempotentResponse(scope: string, key: string): Promise<IdempotentResponse | undefined> {
    const row = this.s.findIdempotency.get(scope, key) as IdempotencyRow<number> | undefined;
    return row === undefined ? undefined : toIdempotentResponse(row, date);
  }

  private readonly createAccountTx = this.write(
    (a: NewAccount, session: NewSession, mail: NewMail, idem: IdempotentResponse | undefined) => {
      // The key first: a retried request racing its original reports the key, not the email.
      this.saveIdempotency(idem);
      this.s.insertAccount.run(a.id, a.fullName, a.email, a.phone, a.passwordHash, ms(a.createdAt));
      this.s.insertSession.run(
        session.tokenHash,
        session.accountId,
        ms(session.createdAt),
        ms(session.expiresAt),
      );
      this.s.insertMail.run(...mailValues(mail, ms));
    },
  );

  async createAccount(account: NewAccount, session: NewSession, mail: NewMail, idem?: IdempotentResponse) {
    await this.group.submit(() => this.createAccountTx(account, session, mail, idem));
  }

  async findAccountBySessionToken(tokenHash: string, now: Date): Promise<Account | undefined> {
    const row = this.s.accountBySession.get(tokenHash, ms(now)) as AccountRow<number> | undefined;
    return row === undefined ? undefined : toAccount(row, date);
  }

  async findAccountByEmail(email: string): Promise<Account | undefined> {
    const row = this.s.accountByEmail.get(email) as AccountRow<number> | undefined;
    return row === undefined ? undefined : toAccount(row, date);
  }

  async countAccounts(): Promise<number> {
    return this.s.countAccounts.pluck().get() as number;
  }

  async latestMail(accountId: string): Promise<Mail | undefined> {
    const row = this.s.latestMail.get(accountId) as MailRow<number> | undefined;
    return row === undefined ? undefined : toMail(row, date);
  }

  private readonly verifyEmailTx = this.write(
    (
      accountId: string,
      code: string,
      now: Date,
      idem: IdempotentResponse | undefined,
      limits: EmailCodeLimits,
    ): VerifyEmailResult => {
      const account = this.s.accountVerifiedAt.get(accountId) as
        | { email_verified_at: number | null }
        | undefined;
      const open = this.s.latestOpenMail.get(accountId) as MailRow<number> | undefined;
      const newest = this.s.latestMail.get(accountId) as MailRow<number> | undefined;
      const mail = open === undefined ? undefined : toMail(open, date);
      const verifiedAt = account === undefined ? undefined : account.email_verified_at;
      const { result, write } = verifyEmailOutcome(
        {
          emailVerifiedAt: verifiedAt === undefined || verifiedAt === null ? verifiedAt : date(verifiedAt),
          mail,
          newest: newest === undefined ? undefined : { attempts: newest.attempts },
          failuresInWindow: this.s.failuresSince.pluck().get(accountId, ms(now) - limits.windowMs) as number,
        },
        code,
        now,
        limits,
      );
      if (mail === undefined) return result;
      if (write === 'count-wrong') this.s.countWrongCode.run(limits.perCode, ms(now), mail.id);
      if (write !== 'consume') return result;
      this.saveIdempotency(idem);
      this.s.consumeMail.run(ms(now), mail.id);
      this.s.markVerified.run(ms(now), accountId);
      return result;
    },
  );

  async verifyEmail(
    accountId: string,
    code: string,
    now: Date,
    idem?: IdempotentResponse,
    limits: EmailCodeLimits = DEFAULT_EMAIL_CODE_LIMITS,
  ) {
    return this.group.submit(() => this.verifyEmailTx(accountId, code, now, idem, limits));
  }

  private readonly issueMailTx = this.write((mail: NewMail, max: number, since: Date) => {
    const sent = this.s.mailsSince.pluck().get(mail.accountId, ms(since)) as number;
    if (sent >= max) return 'limit-reached' as const;
    this.s.insertMail.run(...mailValues(mail, ms));
    return 'issued' as const;
  });

  async issueMail(mail: NewMail, max: number, since: Date) {
    return this.group.submit(() => this.issueMailTx(mail, max, since));
  }

  async createSession(session: NewSession): Promise<void> {
    this.s.insertSession.run(
      session.tokenHash,
      session.accountId,
      ms(session.createdAt),
      ms(session.expiresAt),
    );
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return this.s.deleteSession.run(tokenHash).changes > 0;
  }

  private readonly saveProfileTx = this.write(
    (
      p: ProfileInput,
      status: ProfileStatus,
      reason: string | null,
      now: Date,
      enqueue: boolean,
      idem?: IdempotentResponse,
    ) => {
      this.saveIdempotency(idem);
      this.s.upsertProfile.run(...profileValues(p), status, reason, ms(now));
      // A new profile supersedes any open job: delete it and, when asked, enqueue a fresh one with a
      // new id, so a worker still holding the old job cannot complete the new one.
      this.s.deleteJobOfAccount.run(p.accountId);
      if (enqueue) this.s.insertJob.run(p.accountId, ms(now));
    },
  );

  async saveProfile(
    input: ProfileInput,
    status: ProfileStatus,
    statusReason: string | null,
    now: Date,
    enqueue: boolean,
    idem?: IdempotentResponse,
  ): Promise<void> {
    await this.group.submit(() => this.saveProfileTx(input, status, statusReason, now, enqueue, idem));
  }

  async findProfile(accountId: string): Promise<Profile | undefined> {
    const row = this.s.findProfile.get(accountId) as ProfileRow<number> | undefined;
    return row === undefined ? undefined : toProfile(row, date);
  }

  async setProfileStatus(accountId: string, status: ProfileStatus, reason: string | null, now: Date) {
    this.s.setProfileStatus.run(status, reason, ms(now), accountId);
  }

  private readonly claimTx = this.write((limit: number, now: Date, leaseMs: number) => {
    const t = ms(now);
    return this.s.claimJobs.all(t + leaseMs, t, t, limit) as JobRow<number>[];
  });

  async claimVerificationJobs(limit: number, now: Date, leaseMs: number): Promise<VerificationJob[]> {
    if (limit <= 0) return [];
    return this.claimTx(Math.floor(limit), now, leaseMs)
      .map((r) => toJob(r, date))
      .sort(byDueOrder);
  }

  async enqueueEligibilityCheck(accountId: string, now: Date): Promise<void> {
    this.s.insertEligibilityJob.run(accountId, ms(now));
  }

  async completeVerificationJob(id: number): Promise<void> {
    this.s.completeJob.run(id);
  }

  async rescheduleVerificationJob(id: number, nextAttemptAt: Date, lastError: string): Promise<void> {
    this.s.rescheduleJob.run(ms(nextAttemptAt), lastError, id);
  }

  async countVerificationJobs(kind: VerificationJob['kind'] = 'nik'): Promise<number> {
    return this.s.countJobs.pluck().get(kind) as number;
  }

  private readonly createOfflineApplicantsTx = this.write(
    (applicants: readonly OfflineApplicant[], now: Date): OfflineOutcome[] => {
      // A transaction inside a transaction is a savepoint in better-sqlite3: one row's failure undoes it alone.
      const one = this.db.transaction(({ account: a, profile: p }: OfflineApplicant) => {
        this.s.insertAccount.run(a.id, a.fullName, a.email, a.phone, a.passwordHash, ms(a.createdAt));
        this.s.upsertProfile.run(...profileValues(p), 'pending', null, ms(now));
        this.s.insertJob.run(p.accountId, ms(now));
      });
      return applicants.map((applicant) => {
        try {
          one(applicant);
          return 'created';
        } catch (err) {
          return offlineOutcomeOf(fromSqliteError(err));
        }
      });
    },
  );

  async createOfflineApplicants(
    applicants: readonly OfflineApplicant[],
    now: Date,
  ): Promise<OfflineOutcome[]> {
    return this.group.submit(() => this.createOfflineApplicantsTx(applicants, now));
  }

  private readonly saveIdempotentResponseTx = this.write((idem: IdempotentResponse) =>
    this.saveIdempotency(idem),
  );

  async saveIdempotentResponse(idem: IdempotentResponse): Promise<void> {
    await this.group.submit(() => this.saveIdempotentResponseTx(idem));
  }
}
