// The service's error catalogue: every error a client can see, with a stable code.
// Codes are never reused once retired (fastify's lib/errors.js discipline); docs/errors.md lists them.
import { GelombangError } from '../shared/errors.js';

export class GlbError extends GelombangError {
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, statusCode: number, details?: Record<string, unknown>) {
    super('GlbError', code, message);
    this.statusCode = statusCode;
    this.details = details;
  }
}

export interface ErrorSpec {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

function spec(code: string, status: number, message: string): ErrorSpec {
  return { code, status, message };
}

export const ERRORS = {
  // Requests that cannot be read at all.
  REQ_MALFORMED_JSON: spec('GLB_ERR_REQ_MALFORMED_JSON', 400, 'The request body is not valid JSON'),
  REQ_VALIDATION: spec('GLB_ERR_REQ_VALIDATION', 400, 'The request does not match the schema'),
  REQ_BODY_TOO_LARGE: spec('GLB_ERR_REQ_BODY_TOO_LARGE', 413, 'The request body is larger than allowed'),
  REQ_UNSUPPORTED_MEDIA_TYPE: spec(
    'GLB_ERR_REQ_UNSUPPORTED_MEDIA_TYPE',
    415,
    'Send the body as application/json',
  ),
  REQ_NOT_FOUND: spec('GLB_ERR_REQ_NOT_FOUND', 404, 'No such route'),
  REQ_BAD_REQUEST: spec('GLB_ERR_REQ_BAD_REQUEST', 400, 'The request is malformed'),
  // Who is asking.
  AUTH_MISSING_TOKEN: spec(
    'GLB_ERR_AUTH_MISSING_TOKEN',
    401,
    'Send the access token as "Authorization: Bearer <token>"',
  ),
  AUTH_INVALID_TOKEN: spec('GLB_ERR_AUTH_INVALID_TOKEN', 401, 'The access token is unknown or expired'),
  // Funnel step 1: accounts.
  ACCOUNT_EMAIL_TAKEN: spec('GLB_ERR_ACCOUNT_EMAIL_TAKEN', 409, 'An account with this email already exists'),
  ACCOUNT_INVALID_EMAIL: spec('GLB_ERR_ACCOUNT_INVALID_EMAIL', 422, 'The email address is not valid'),
  ACCOUNT_INVALID_PHONE: spec(
    'GLB_ERR_ACCOUNT_INVALID_PHONE',
    422,
    'The phone number is not an Indonesian mobile number (08…, +628…)',
  ),
  ACCOUNT_WEAK_PASSWORD: spec(
    'GLB_ERR_ACCOUNT_WEAK_PASSWORD',
    422,
    'The password needs at least 8 characters',
  ),
  // Funnel step 2: email verification.
  EMAIL_CODE_INVALID: spec('GLB_ERR_EMAIL_CODE_INVALID', 422, 'The verification code is wrong'),
  EMAIL_CODE_EXPIRED: spec('GLB_ERR_EMAIL_CODE_EXPIRED', 422, 'The verification code has expired'),
  EMAIL_NOT_VERIFIED: spec('GLB_ERR_EMAIL_NOT_VERIFIED', 403, 'Verify the email address first'),
  // Funnel step 3: profile and NIK.
  PROFILE_NIK_INVALID: spec('GLB_ERR_PROFILE_NIK_INVALID', 422, 'The NIK is not a valid national ID number'),
  PROFILE_NIK_MISMATCH: spec(
    'GLB_ERR_PROFILE_NIK_MISMATCH',
    422,
    'The NIK does not agree with the birth date or gender',
  ),
  PROFILE_NIK_TAKEN: spec(
    'GLB_ERR_PROFILE_NIK_TAKEN',
    409,
    'This NIK is already registered to another account',
  ),
  PROFILE_NIK_NOT_IN_REGISTRY: spec(
    'GLB_ERR_PROFILE_NIK_NOT_IN_REGISTRY',
    422,
    'The population registry does not know this NIK',
  ),
  PROFILE_REGISTRY_MISMATCH: spec(
    'GLB_ERR_PROFILE_REGISTRY_MISMATCH',
    422,
    'The population registry has a different name or birth date for this NIK',
  ),
  PROFILE_INVALID_BIRTH_DATE: spec(
    'GLB_ERR_PROFILE_INVALID_BIRTH_DATE',
    422,
    'The birth date is not a real date',
  ),
  // Idempotency.
  IDEMPOTENCY_KEY_INVALID: spec(
    'GLB_ERR_IDEMPOTENCY_KEY_INVALID',
    400,
    'Idempotency-Key must be 1–255 visible ASCII characters',
  ),
  IDEMPOTENCY_KEY_REUSED: spec(
    'GLB_ERR_IDEMPOTENCY_KEY_REUSED',
    422,
    'This Idempotency-Key was used with a different request',
  ),
  // Sign-in, sign-out and throttling (no guessing). 429s carry Retry-After.
  AUTH_INVALID_CREDENTIALS: spec('GLB_ERR_AUTH_INVALID_CREDENTIALS', 401, 'The email or password is wrong'),
  AUTH_THROTTLED_ACCOUNT: spec(
    'GLB_ERR_AUTH_THROTTLED_ACCOUNT',
    429,
    'Too many failed sign-ins for this account; retry after the Retry-After seconds',
  ),
  AUTH_THROTTLED_ADDRESS: spec(
    'GLB_ERR_AUTH_THROTTLED_ADDRESS',
    429,
    'Too many failed sign-ins from this address; retry after the Retry-After seconds',
  ),
  EMAIL_CODE_LOCKED: spec(
    'GLB_ERR_EMAIL_CODE_LOCKED',
    409,
    'Too many wrong guesses at this code; request a new one with POST /api/v1/email-verifications/codes',
  ),
  EMAIL_ATTEMPTS_EXHAUSTED: spec(
    'GLB_ERR_EMAIL_ATTEMPTS_EXHAUSTED',
    429,
    'Too many wrong codes for this account; retry after the Retry-After seconds',
  ),
  EMAIL_ALREADY_VERIFIED: spec(
    'GLB_ERR_EMAIL_ALREADY_VERIFIED',
    409,
    'The email address is already verified',
  ),
  EMAIL_CODE_RESEND_LIMIT: spec(
    'GLB_ERR_EMAIL_CODE_RESEND_LIMIT',
    429,
    'Too many codes sent to this account; retry after the Retry-After seconds',
  ),
  // Funnel step 4: KTP photo and selfie.
  UPLOAD_NOT_MULTIPART: spec(
    'GLB_ERR_UPLOAD_NOT_MULTIPART',
    415,
    'Send the documents as multipart/form-data with the files "ktp" and "selfie"',
  ),
  UPLOAD_TOO_LARGE: spec('GLB_ERR_UPLOAD_TOO_LARGE', 413, 'A file is larger than the per-file limit'),
  UPLOAD_UNSUPPORTED_TYPE: spec(
    'GLB_ERR_UPLOAD_UNSUPPORTED_TYPE',
    415,
    'A file is not a JPEG or PNG image (judged from its bytes)',
  ),
  UPLOAD_MISSING_PART: spec(
    'GLB_ERR_UPLOAD_MISSING_PART',
    400,
    'Both files are needed: "ktp" (the ID card) and "selfie"',
  ),
  UPLOAD_UNKNOWN_PART: spec(
    'GLB_ERR_UPLOAD_UNKNOWN_PART',
    400,
    'Only the files "ktp" and "selfie" are accepted, once each, and no other fields',
  ),
  // Eligibility (2020 rules: older than 18 on the wave's registration date, not in formal education).
  ELIGIBILITY_UNDER_AGE: spec(
    'GLB_ERR_ELIGIBILITY_UNDER_AGE',
    422,
    "The applicant is under 18 on the wave's registration date",
  ),
  ELIGIBILITY_IN_EDUCATION: spec(
    'GLB_ERR_ELIGIBILITY_IN_EDUCATION',
    422,
    'The education registry (Dapodik) lists the applicant in formal education',
  ),
  ELIGIBILITY_REGISTRY_UNAVAILABLE: spec(
    'GLB_ERR_ELIGIBILITY_REGISTRY_UNAVAILABLE',
    503,
    'The education or social-aid registry did not answer; retry after the Retry-After seconds',
  ),
  // Funnel step 5: aptitude test.
  ASSESSMENT_NIK_NOT_VERIFIED: spec(
    'GLB_ERR_ASSESSMENT_NIK_NOT_VERIFIED',
    409,
    'The test opens once the NIK is verified (GET /api/v1/profile)',
  ),
  ASSESSMENT_DOCUMENTS_MISSING: spec(
    'GLB_ERR_ASSESSMENT_DOCUMENTS_MISSING',
    409,
    'The test opens once the KTP photo and selfie are uploaded (POST /api/v1/documents)',
  ),
  ASSESSMENT_ANSWERS_MISMATCH: spec(
    'GLB_ERR_ASSESSMENT_ANSWERS_MISMATCH',
    422,
    'Answer every question of GET /api/v1/assessment once, with one of its choices',
  ),
  // Funnel step 6: Join Batch.
  WAVE_NOT_FOUND: spec('GLB_ERR_WAVE_NOT_FOUND', 404, 'No such wave'),
  WAVE_TEST_NOT_PASSED: spec(
    'GLB_ERR_WAVE_TEST_NOT_PASSED',
    409,
    'Joining a wave needs a passed test (POST /api/v1/assessment)',
  ),
  WAVE_NOT_OPEN: spec('GLB_ERR_WAVE_NOT_OPEN', 409, 'This wave is not open for joining yet'),
  WAVE_CLOSED: spec('GLB_ERR_WAVE_CLOSED', 409, 'This wave has closed; join the current one'),
  WAVE_NO_PLACE: spec('GLB_ERR_WAVE_NO_PLACE', 409, 'This wave and every later wave are full'),
  // Sandbox helpers for load tests.
  SANDBOX_DISABLED: spec(
    'GLB_ERR_SANDBOX_DISABLED',
    404,
    'Sandbox routes are off; start the service with --sandbox',
  ),
  SANDBOX_NO_MAIL: spec('GLB_ERR_SANDBOX_NO_MAIL', 404, 'No mail has been sent to this account'),
  // The service itself.
  SVC_DRAINING: spec('GLB_ERR_SVC_DRAINING', 503, 'The service is shutting down; retry on another instance'),
  SVC_INTERNAL: spec('GLB_ERR_SVC_INTERNAL', 500, 'Internal error'),
  // Launch scale: admission control (docs/operations.md).
  WAITING_ROOM_QUEUED: spec(
    'GLB_ERR_WAITING_ROOM_QUEUED',
    429,
    'Registration is busy: you have a place in the queue. Come back after Retry-After seconds and send your ticket as X-Waiting-Room-Ticket',
  ),
  // Offline registration by regional offices (POST /api/v1/bulk-registrations).
  BULK_DISABLED: spec(
    'GLB_ERR_BULK_DISABLED',
    404,
    'Bulk registration is off; start the service with --regional-office-keys',
  ),
  AUTH_MISSING_API_KEY: spec('GLB_ERR_AUTH_MISSING_API_KEY', 401, 'Send the API key as "X-Api-Key: <key>"'),
  AUTH_INVALID_API_KEY: spec('GLB_ERR_AUTH_INVALID_API_KEY', 401, 'The API key is not known'),
  BULK_EMPTY: spec('GLB_ERR_BULK_EMPTY', 400, 'The batch holds no rows'),
  BULK_TOO_MANY_ROWS: spec(
    'GLB_ERR_BULK_TOO_MANY_ROWS',
    413,
    'A batch holds at most 10,000 rows; split the file into several batches',
  ),
  BULK_CSV_MALFORMED: spec('GLB_ERR_BULK_CSV_MALFORMED', 400, 'The CSV cannot be read'),
  BULK_CSV_HEADER: spec(
    'GLB_ERR_BULK_CSV_HEADER',
    400,
    'The CSV header row must name exactly the bulk-registration columns',
  ),
  BULK_ROW_MALFORMED: spec(
    'GLB_ERR_BULK_ROW_MALFORMED',
    400,
    'The row cannot be read: not a JSON object, or not as many CSV fields as the header',
  ),
  BULK_BATCH_ID_REUSED: spec(
    'GLB_ERR_BULK_BATCH_ID_REUSED',
    422,
    'This batch id was already used by this office for a different file',
  ),
  // Wave selection (gelombang waves select, POST /api/v1/admin/waves/{waveId}/selection).
  ADMIN_DISABLED: spec(
    'GLB_ERR_ADMIN_DISABLED',
    404,
    'Admin routes are off; start the service with --admin-key',
  ),
  SELECTION_WAVE_NOT_FOUND: spec('GLB_ERR_SELECTION_WAVE_NOT_FOUND', 404, 'There is no wave with this id'),
  SELECTION_ALREADY_ANNOUNCED: spec(
    'GLB_ERR_SELECTION_ALREADY_ANNOUNCED',
    409,
    'This wave was already announced with another seed, number of places or priority list; an announcement is final',
  ),
  SELECTION_NOT_ANNOUNCED: spec(
    'GLB_ERR_SELECTION_NOT_ANNOUNCED',
    404,
    'This wave has not been announced yet',
  ),
  SVC_OVERLOADED: spec(
    'GLB_ERR_SVC_OVERLOADED',
    503,
    'The service is overloaded and shed this request; retry after Retry-After seconds',
  ),
  // The local stack's balancer (gelombang stack up), in front of the instances.
  SVC_UPSTREAM_UNAVAILABLE: spec(
    'GLB_ERR_SVC_UPSTREAM_UNAVAILABLE',
    502,
    'No service instance answered through the balancer; retry, or check `gelombang stack up` output',
  ),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;

export function glbError(name: ErrorName, details?: Record<string, unknown>, message?: string): GlbError {
  const s = ERRORS[name];
  return new GlbError(s.code, message ?? s.message, s.status, details);
}

export function isGlbError(err: unknown): err is GlbError {
  return err instanceof GlbError;
}
