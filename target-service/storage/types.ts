import type { FunnelRecordStore } from './funnel-record-types.js';
import type { EmailCodeLimits } from './verify-email-outcome.js';
import type { SelectionStore } from './selection-types.js';
import type { WaveStore } from './wave-types.js';

// The one repository interface. Two implementations (SQLite, PostgreSQL) pass the same suite:
// storage/repository-suite.ts. Ids, tokens and codes are made by the caller, so a response
// can be saved for its Idempotency-Key in the same transaction as the write it describes.

export type ProfileStatus = 'pending' | 'verified' | 'rejected';

export interface NewAccount {
  id: string;
  fullName: string;
  email: string; // normalised (lower-case, trimmed)
  phone: string; // normalised E.164 (+628…)
  passwordHash: string;
  createdAt: Date;
}

export interface Account extends NewAccount {
  emailVerifiedAt: Date | null;
}

export interface NewSession {
  tokenHash: string; // sha256 hex of the opaque token; the token itself is never stored
  accountId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface NewMail {
  id: string;
  accountId: string;
  kind: 'email-verification';
  code: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface Mail extends NewMail {
  consumedAt: Date | null;
  /** Wrong codes guessed against this mail (verify-email-outcome.ts). */
  attempts: number;
}

/** A response to replay for a retried request with the same Idempotency-Key. */
export interface IdempotentResponse {
  scope: string; // e.g. 'POST /api/v1/accounts' or 'PUT /api/v1/profile:<accountId>'
  key: string;
  requestHash: string; // sha256 of the canonical request body
  statusCode: number;
  body: string; // JSON text as sent
  createdAt: Date;
}

export interface ProfileInput {
  accountId: string;
  nik: string;
  kk: string;
  fullName: string;
  birthDate: string; // YYYY-MM-DD
  birthPlace: string;
  gender: 'M' | 'F';
  address: string;
  province: string;
  employmentStatus: string;
  education: string;
}

export interface Profile extends ProfileInput {
  status: ProfileStatus;
  statusReason: string | null;
  updatedAt: Date;
}

/** A durable job: verify this account's NIK against the population registry. */
export interface VerificationJob {
  id: number;
  accountId: string;
  /** 'nik': check the profile's NIK (population registry); 'eligibility': Dapodik and DTKS lookups. */
  kind: 'nik' | 'eligibility';
  attempts: number;
  nextAttemptAt: Date;
}

export type VerifyEmailResult =
  | 'verified'
  | 'already-verified'
  | 'wrong-code'
  | 'expired'
  /** Too many wrong guesses at this code: it is burnt; a fresh code is needed. */
  | 'code-locked'
  /** Too many wrong guesses on this account within the window: refused until it has passed. */
  | 'attempts-exhausted';

/** Thrown by writes that hit a unique constraint. `field` says which. */
export class UniqueViolation extends Error {
  readonly field: 'email' | 'nik' | 'idempotency-key' | 'wave-member';
  constructor(field: UniqueViolation['field']) {
    super(`unique violation on ${field}`);
    this.name = 'UniqueViolation';
    this.field = field;
  }
}

export interface OfflineApplicant {
  account: NewAccount;
  profile: ProfileInput;
}

export type OfflineOutcome = 'created' | 'email-taken' | 'nik-taken';

export interface Repository extends WaveStore, FunnelRecordStore, SelectionStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema. Safe to run on every start and concurrently from replicas. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;

  findIdempotentResponse(scope: string, key: string): Promise<IdempotentResponse | undefined>;

  /** Account + session + verification mail (+ idempotent response) in one transaction.
   *  Throws UniqueViolation('email') or UniqueViolation('idempotency-key'). */
  createAccount(
    account: NewAccount,
    session: NewSession,
    mail: NewMail,
    idem?: IdempotentResponse,
  ): Promise<void>;
  findAccountBySessionToken(tokenHash: string, now: Date): Promise<Account | undefined>;
  findAccountByEmail(email: string): Promise<Account | undefined>;
  countAccounts(): Promise<number>;

  /** The newest mail sent to the account (for the sandbox outbox). */
  latestMail(accountId: string): Promise<Mail | undefined>;
  /** Checks the code against the newest unconsumed mail and marks the account verified, atomically;
   *  a wrong code is counted against the code and the account (verify-email-outcome.ts, `limits`). */
  verifyEmail(
    accountId: string,
    code: string,
    now: Date,
    idem?: IdempotentResponse,
    limits?: EmailCodeLimits,
  ): Promise<VerifyEmailResult>;
  /** Adds a fresh verification mail unless `max` mails were already sent since `since`. */
  issueMail(mail: NewMail, max: number, since: Date): Promise<'issued' | 'limit-reached'>;
  /** A new session for a sign-in. */
  createSession(session: NewSession): Promise<void>;
  /** Ends a session (sign-out); false when there was none. */
  deleteSession(tokenHash: string): Promise<boolean>;

  /** Inserts or replaces the account's profile with the given status; when `enqueue` is set, also
   *  adds a verification job (one open job per account). Throws UniqueViolation('nik'). */
  saveProfile(
    input: ProfileInput,
    status: ProfileStatus,
    statusReason: string | null,
    now: Date,
    enqueue: boolean,
    idem?: IdempotentResponse,
  ): Promise<void>;
  findProfile(accountId: string): Promise<Profile | undefined>;
  setProfileStatus(accountId: string, status: ProfileStatus, reason: string | null, now: Date): Promise<void>;

  /** Leases up to `limit` due jobs for `leaseMs` so that two workers (or replicas) never take the same one. */
  claimVerificationJobs(limit: number, now: Date, leaseMs: number): Promise<VerificationJob[]>;
  /** Queues the eligibility lookups for an account whose NIK is verified (no-op when it has an open job). */
  enqueueEligibilityCheck(accountId: string, now: Date): Promise<void>;
  /** Removes the job (the profile status is set separately, by setProfileStatus). */
  completeVerificationJob(id: number): Promise<void>;
  /** Puts the job back for a later attempt. */
  rescheduleVerificationJob(id: number, nextAttemptAt: Date, lastError: string): Promise<void>;
  /** Jobs of this kind not yet completed (default 'nik': the pending-verification queue depth). */
  countVerificationJobs(kind?: VerificationJob['kind']): Promise<number>;

  // Offline registration (routes/bulk-registrations.ts).
  /** Applicants a regional office registered: for each, account + profile (pending) + verification job,
   *  all or nothing per applicant (a savepoint each), all the rows in one transaction (one commit). Resolves
   *  with one outcome per row, in order: 'created', or which unique value was taken (nothing written). */
  createOfflineApplicants(applicants: readonly OfflineApplicant[], now: Date): Promise<OfflineOutcome[]>;
  /** Stores a response on its own (a bulk batch's result, after its rows were written).
   *  Throws UniqueViolation('idempotency-key') when the key is stored already. */
  saveIdempotentResponse(idem: IdempotentResponse): Promise<void>;
}
