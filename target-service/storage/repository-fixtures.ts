// Records for the repository contract suite. Deterministic: record n is always the same, and the
// clock is fixed at the launch instant (Saturday 11 April 2020, 19:00 WIB, launch-facts.md), so
// no test depends on the machine's time. Data is synthetic (example.test addresses, made-up NIKs).

import type {
  IdempotentResponse,
  NewAccount,
  NewMail,
  NewSession,
  ProfileInput,
  Repository,
} from './types.js';

export const T0 = new Date('2020-04-11T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The fixed clock plus `ms` milliseconds. */
export function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

export function newAccount(n: number): NewAccount {
  return {
    id: `acc-${n}`,
    fullName: `Pelamar ${n}`,
    email: `pelamar${n}@example.test`,
    phone: `+62812${String(n).padStart(7, '0')}`,
    passwordHash: `scrypt$test$${n}`,
    createdAt: T0,
  };
}

export function newSession(n: number, ttlMs = 60 * MINUTE): NewSession {
  return { tokenHash: `token-${n}`, accountId: `acc-${n}`, createdAt: T0, expiresAt: at(ttlMs) };
}

export function newMail(n: number, ttlMs = 60 * MINUTE): NewMail {
  return {
    id: `mail-${n}`,
    accountId: `acc-${n}`,
    kind: 'email-verification',
    code: String(100_000 + n),
    createdAt: T0,
    expiresAt: at(ttlMs),
  };
}

/** A 16-digit NIK-shaped string, unique per n (the checksum rules live in generators/, not here). */
export function nik(n: number): string {
  return `3171014101${String(n).padStart(6, '0')}`;
}

export function profileInput(n: number, nikNumber = n): ProfileInput {
  return {
    accountId: `acc-${n}`,
    nik: nik(nikNumber),
    kk: `3171010101${String(n).padStart(6, '0')}`,
    fullName: `Pelamar ${n}`,
    birthDate: '1990-01-01',
    birthPlace: 'Jakarta',
    gender: n % 2 === 0 ? 'F' : 'M',
    address: `Jl. Percobaan ${n}`,
    province: 'DKI Jakarta',
    employmentStatus: 'laid-off',
    education: 'SMA',
  };
}

export function idem(key: string, scope = 'POST /api/v1/accounts'): IdempotentResponse {
  return {
    scope,
    key,
    requestHash: `hash-of-${key}`,
    statusCode: 201,
    body: JSON.stringify({ key }),
    createdAt: T0,
  };
}

/** Account n with its session and verification mail, as POST /accounts writes them. */
export async function register(repo: Repository, n: number, key?: IdempotentResponse): Promise<void> {
  await repo.createAccount(newAccount(n), newSession(n), newMail(n), key);
}

/** Accounts 1..count, each with a pending profile and a job due at T0 + n ms (so due order = n). */
export async function enqueueJobs(repo: Repository, count: number, first = 1): Promise<void> {
  for (let n = first; n < first + count; n++) {
    await register(repo, n);
    await repo.saveProfile(profileInput(n), 'pending', null, at(n), true);
  }
}
