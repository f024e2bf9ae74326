// Checks and writes the rows of one bulk-registration batch (routes/bulk-registrations.ts). Checks are
// the forms' own (normaliseAccountInput, checkProfileInput); each valid row becomes an account, a pending
// profile and a verification job, all or nothing per row (a savepoint), CHUNK rows per transaction (one
// commit each, not one per row: 10,000 commits made a 10 k batch take a minute on PostgreSQL). Duplicates
// inside the batch are decided first, in row order, so every row's result is deterministic.
//
// Account ids are derived from (office, batch, row): when a batch is re-sent after a crash half-way, a row
// written the first time is recognised by its id and reported created, not as a duplicate of itself.
import { createHash, randomBytes } from 'node:crypto';
import type { RawRow } from './bulk-rows.js';
import { ERRORS, type ErrorSpec, isGlbError } from './errors.js';
import { cleanJson } from './normalise.js';
import { validationIssues } from './plugins/errors.js';
import { normaliseAccountInput } from './routes/accounts.js';
import { checkProfileInput, type ProfileBody } from './routes/profile.js';
import { hashPassword } from './secrets.js';
import type { Repository } from './storage/types.js';

export interface BulkRowResult {
  row: number;
  status: 'created' | 'duplicate' | 'invalid';
  accountId?: string;
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
}

export type CheckedRow =
  | { row: number; account: { fullName: string; email: string; phone: string }; profile: ProfileBody }
  | { row: number; result: BulkRowResult };

type Validate = ((value: unknown) => boolean) & {
  errors?: Array<{ instancePath: string; keyword: string; params: unknown; message?: string }> | null;
};

/** Rows per transaction: a 10 k batch is 40 commits. */
const CHUNK = 250;
/** Chunks written at once (each its own transaction, so a PostgreSQL pool's connections work together).
 *  Rows of one batch never share an email or NIK (decided above), so its chunks never wait on each other. */
const CHUNKS_AT_ONCE = 4;

/** scrypt cost for the placeholder password of an offline applicant: its strength is the 256 random bits
 *  nobody knows, not the KDF; the applicant sets a real password later. */
const PLACEHOLDER_COST = 16;

function refused(
  row: number,
  status: 'duplicate' | 'invalid',
  spec: ErrorSpec,
  details?: Record<string, unknown>,
) {
  return {
    row,
    result: { row, status, code: spec.code, message: spec.message, ...(details ? { details } : {}) },
  };
}

/** Schema, then the sign-up form's normalisation, then the profile form's NIK checks. */
export function validateBulkRow(raw: RawRow, validate: Validate): CheckedRow {
  if ('unreadable' in raw)
    return refused(raw.row, 'invalid', ERRORS.BULK_ROW_MALFORMED, { reason: raw.unreadable });
  cleanJson(raw.value); // as app.ts does for every JSON body: the same text, however it was typed
  if (!validate(raw.value)) {
    return refused(raw.row, 'invalid', ERRORS.REQ_VALIDATION, {
      issues: validationIssues(validate.errors ?? []),
    });
  }
  const value = raw.value as unknown as ProfileBody & { email: string; phone: string };
  try {
    const account = normaliseAccountInput(value);
    const { email: _e, phone: _p, ...profile } = value;
    checkProfileInput(profile);
    return { row: raw.row, account, profile };
  } catch (err) {
    if (!isGlbError(err)) throw err;
    const result: BulkRowResult = { row: raw.row, status: 'invalid', code: err.code, message: err.message };
    if (err.details) result.details = err.details;
    return { row: raw.row, result };
  }
}

/** Writes the valid rows; resolves with one result per row, in row order. */
export async function writeBulkRows(
  repo: Repository,
  rows: CheckedRow[],
  batch: { office: string; batchId: string },
): Promise<BulkRowResult[]> {
  const results: BulkRowResult[] = [];
  const toWrite: Array<Extract<CheckedRow, { account: unknown }>> = [];
  const emails = new Map<string, number>();
  const niks = new Map<string, number>();
  for (const r of rows) {
    if ('result' in r) {
      results.push(r.result);
      continue;
    }
    const sameEmail = emails.get(r.account.email);
    const sameNik = niks.get(r.profile.nik);
    if (sameEmail !== undefined) {
      results.push(refused(r.row, 'duplicate', ERRORS.ACCOUNT_EMAIL_TAKEN, { sameAsRow: sameEmail }).result);
    } else if (sameNik !== undefined) {
      results.push(refused(r.row, 'duplicate', ERRORS.PROFILE_NIK_TAKEN, { sameAsRow: sameNik }).result);
    } else {
      emails.set(r.account.email, r.row);
      niks.set(r.profile.nik, r.row);
      toWrite.push(r);
    }
  }
  const chunks: Array<typeof toWrite> = [];
  for (let i = 0; i < toWrite.length; i += CHUNK) chunks.push(toWrite.slice(i, i + CHUNK));
  let next = 0;
  const writer = async () => {
    while (next < chunks.length) results.push(...(await writeChunk(repo, chunks[next++]!, batch)));
  };
  await Promise.all(Array.from({ length: CHUNKS_AT_ONCE }, writer));
  return results.sort((a, b) => a.row - b.row);
}

async function writeChunk(
  repo: Repository,
  rows: Array<Extract<CheckedRow, { account: unknown }>>,
  batch: { office: string; batchId: string },
): Promise<BulkRowResult[]> {
  const now = new Date();
  const applicants = await Promise.all(
    rows.map(async (r) => {
      const accountId = bulkAccountId(batch.office, batch.batchId, r.row);
      return {
        account: {
          id: accountId,
          ...r.account,
          passwordHash: await hashPassword(randomBytes(32).toString('base64url'), PLACEHOLDER_COST),
          createdAt: now,
        },
        profile: { ...r.profile, accountId },
      };
    }),
  );
  const outcomes = await repo.createOfflineApplicants(applicants, now);
  return Promise.all(
    rows.map(async (r, i): Promise<BulkRowResult> => {
      const accountId = applicants[i]!.account.id;
      const outcome = outcomes[i];
      if (outcome === 'created') return { row: r.row, status: 'created', accountId };
      if (outcome === 'email-taken') {
        const existing = await repo.findAccountByEmail(r.account.email);
        // This batch's own row, written before an interruption: created, not a duplicate of itself.
        if (existing?.id === accountId) return { row: r.row, status: 'created', accountId };
        return refused(r.row, 'duplicate', ERRORS.ACCOUNT_EMAIL_TAKEN).result;
      }
      return refused(r.row, 'duplicate', ERRORS.PROFILE_NIK_TAKEN).result;
    }),
  );
}

/** A UUID-shaped id (version 8, RFC 9562 "custom") from the office, batch id and row: the same row of
 *  the same batch always gets the same account id. */
export function bulkAccountId(office: string, batchId: string, row: number): string {
  const h = createHash('sha256').update(`${office}\n${batchId}\n${row}`).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
