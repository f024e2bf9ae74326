// The service's error catalogue: every error a client can see, with a stable code.
// Codes are never reused once retired (fastify's lib/errors.js discipline); docs/errors.md lists them.

export class GlbError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, statusCode: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'GlbError';
    this.code = code;
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
