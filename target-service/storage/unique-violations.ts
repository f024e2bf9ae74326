// Maps a driver's unique-constraint error to the field the caller can act on. Only the constraints
// a client can trip are mapped; any other violation (a reused id or token: a bug in the caller)
// stays the driver's error so it surfaces as a 500 rather than a misleading 409.

import { UniqueViolation } from './types.js';

type Field = UniqueViolation['field'];

/** PostgreSQL constraint names, as spelled in migrations.ts. */
const PG_CONSTRAINTS: Record<string, Field> = {
  accounts_email_key: 'email',
  profiles_nik_key: 'nik',
  idempotency_keys_pkey: 'idempotency-key',
  wave_members_pkey: 'wave-member',
};

/** SQLite names the first column of the violated index: "UNIQUE constraint failed: accounts.email". */
const SQLITE_COLUMNS: Record<string, Field> = {
  'accounts.email': 'email',
  'profiles.nik': 'nik',
  'idempotency_keys.scope': 'idempotency-key',
  'wave_members.account_id': 'wave-member',
};

export function fromPgError(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const { code, constraint } = err as { code?: unknown; constraint?: unknown };
  if (code !== '23505' || typeof constraint !== 'string') return err;
  const field = PG_CONSTRAINTS[constraint];
  return field === undefined ? err : new UniqueViolation(field);
}

export function fromSqliteError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: unknown }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return err;
  const match = /constraint failed: ([\w.]+)/.exec(err.message);
  const field = match?.[1] === undefined ? undefined : SQLITE_COLUMNS[match[1]];
  return field === undefined ? err : new UniqueViolation(field);
}

/** A bulk row's failed write as its outcome: a taken email or NIK; anything else is rethrown. */
export function offlineOutcomeOf(err: unknown): 'email-taken' | 'nik-taken' {
  if (err instanceof UniqueViolation && err.field === 'email') return 'email-taken';
  if (err instanceof UniqueViolation && err.field === 'nik') return 'nik-taken';
  throw err;
}
