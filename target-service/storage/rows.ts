// Row shapes shared by both dialects and their mapping to the interface's types. The dialects
// differ only in how an instant comes back (SQLite: epoch ms; PostgreSQL: Date), so each mapper
// takes the instant type as a parameter and one piece of code serves both.

import type {
  Account,
  IdempotentResponse,
  Mail,
  NewMail,
  Profile,
  ProfileInput,
  ProfileStatus,
  VerificationJob,
} from './types.js';
import type { Wave, WaveMembership } from './wave-types.js';

export interface AccountRow<T> {
  id: string;
  full_name: string;
  email: string;
  phone: string;
  password_hash: string;
  created_at: T;
  email_verified_at: T | null;
}

export interface MailRow<T> {
  id: string;
  account_id: string;
  kind: 'email-verification';
  code: string;
  created_at: T;
  expires_at: T;
  consumed_at: T | null;
  attempts: number;
}

export interface ProfileRow<T> {
  account_id: string;
  nik: string;
  kk: string;
  full_name: string;
  birth_date: string;
  birth_place: string;
  gender: 'M' | 'F';
  address: string;
  province: string;
  employment_status: string;
  education: string;
  status: ProfileStatus;
  status_reason: string | null;
  updated_at: T;
}

export interface JobRow<T> {
  // PostgreSQL returns bigint as a string; both fit a JS number for any realistic queue.
  id: number | string;
  account_id: string;
  attempts: number;
  next_attempt_at: T;
  kind: 'nik' | 'eligibility';
}

export interface IdempotencyRow<T> {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  body: string;
  created_at: T;
}

export interface WaveRow<T> {
  id: number;
  opens_at: T;
  closes_at: T;
  registration_date: string;
  quota: number;
  joined: number;
}

export interface WaveMemberRow<T> {
  account_id: string;
  wave_id: number;
  requested_wave_id: number;
  joined_at: T;
}

export type ToDate<T> = (value: T) => Date;

function maybe<T>(value: T | null, toDate: ToDate<T>): Date | null {
  return value === null ? null : toDate(value);
}

export function toAccount<T>(r: AccountRow<T>, toDate: ToDate<T>): Account {
  return {
    id: r.id,
    fullName: r.full_name,
    email: r.email,
    phone: r.phone,
    passwordHash: r.password_hash,
    createdAt: toDate(r.created_at),
    emailVerifiedAt: maybe(r.email_verified_at, toDate),
  };
}

export function toMail<T>(r: MailRow<T>, toDate: ToDate<T>): Mail {
  return {
    id: r.id,
    accountId: r.account_id,
    kind: r.kind,
    code: r.code,
    createdAt: toDate(r.created_at),
    expiresAt: toDate(r.expires_at),
    consumedAt: maybe(r.consumed_at, toDate),
    attempts: Number(r.attempts),
  };
}

export function toProfile<T>(r: ProfileRow<T>, toDate: ToDate<T>): Profile {
  return {
    accountId: r.account_id,
    nik: r.nik,
    kk: r.kk,
    fullName: r.full_name,
    birthDate: r.birth_date,
    birthPlace: r.birth_place,
    gender: r.gender,
    address: r.address,
    province: r.province,
    employmentStatus: r.employment_status,
    education: r.education,
    status: r.status,
    statusReason: r.status_reason,
    updatedAt: toDate(r.updated_at),
  };
}

export function toJob<T>(r: JobRow<T>, toDate: ToDate<T>): VerificationJob {
  return {
    id: Number(r.id),
    accountId: r.account_id,
    kind: r.kind,
    attempts: r.attempts,
    nextAttemptAt: toDate(r.next_attempt_at),
  };
}

export function toIdempotentResponse<T>(r: IdempotencyRow<T>, toDate: ToDate<T>): IdempotentResponse {
  return {
    scope: r.scope,
    key: r.key,
    requestHash: r.request_hash,
    statusCode: r.status_code,
    body: r.body,
    createdAt: toDate(r.created_at),
  };
}

/** The profile columns in insert order, with the values taken from the input (dates excluded). */
export function toWave<T>(r: WaveRow<T>, toDate: ToDate<T>): Wave {
  return {
    id: r.id,
    opensAt: toDate(r.opens_at),
    closesAt: toDate(r.closes_at),
    registrationDate: r.registration_date,
    quota: r.quota,
    joined: r.joined,
  };
}

export function toWaveMember<T>(r: WaveMemberRow<T>, toDate: ToDate<T>): WaveMembership {
  return {
    accountId: r.account_id,
    waveId: r.wave_id,
    requestedWaveId: r.requested_wave_id,
    joinedAt: toDate(r.joined_at),
  };
}

/** The values of the insertMail statement, in its column order (id, account_id, kind, code, created_at,
 *  expires_at), with instants as the dialect stores them (`fromDate`: Date for PostgreSQL, epoch ms for
 *  SQLite). */
export function mailValues<T>(m: NewMail, fromDate: (d: Date) => T): [string, string, string, string, T, T] {
  return [m.id, m.accountId, m.kind, m.code, fromDate(m.createdAt), fromDate(m.expiresAt)];
}

export function profileValues(p: ProfileInput): string[] {
  return [
    p.accountId,
    p.nik,
    p.kk,
    p.fullName,
    p.birthDate,
    p.birthPlace,
    p.gender,
    p.address,
    p.province,
    p.employmentStatus,
    p.education,
  ];
}

/** Jobs come back in due order (oldest first, then id) whatever order the database returned them. */
export function byDueOrder(a: VerificationJob, b: VerificationJob): number {
  return a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id;
}
