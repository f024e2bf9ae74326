// How a client reads the service's answers (api.md): the error code, Retry-After, and whether trying again
// can help. Shared by every journey, and by runners that want the same notion of a failed request.
import type { StepResponse } from './types.js';

/** Client-side codes for answers that carry no GLB_ERR_ code of the service's. */
export const CLIENT_ERROR_CODES = {
  /** Status 0: connection refused or reset, or the request timed out. */
  NETWORK: 'GLB_ERR_CLIENT_NETWORK',
  /** A 2xx whose body is not what the step needs (e.g. no accessToken). */
  UNEXPECTED_BODY: 'GLB_ERR_CLIENT_UNEXPECTED_BODY',
} as const;

/** The code of an error answer: the body's `code`, else GLB_ERR_CLIENT_HTTP_<status> (or _NETWORK for 0). */
export function errorCodeOf(response: StepResponse): string {
  if (response.status === 0) return CLIENT_ERROR_CODES.NETWORK;
  const body = parseJson(response.body);
  const code = body !== null && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code !== '' ? code : `GLB_ERR_CLIENT_HTTP_${response.status}`;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Retry-After in seconds when it is a number (the service sends seconds). An HTTP-date is ignored: the
 *  model has no clock, so the human delay applies. */
export function retryAfterSeconds(response: StepResponse): number | undefined {
  const value = response.headers['retry-after'] ?? response.headers['Retry-After'];
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Overload, outage or a lost connection: a person tries again later. 408 and 425 included. */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A rejection caused by the applicant's own data (409 taken, 422 invalid, mismatch, not in the registry,
 *  under age …): the service is right to give it, and retrying does not change it. Any 409/422 counts, so
 *  codes the service adds later (eligibility) are covered; an idempotency-key misuse is the client's bug. */
export function isApplicantRejection(response: StepResponse): boolean {
  return (
    (response.status === 409 || response.status === 422) &&
    !errorCodeOf(response).startsWith('GLB_ERR_IDEMPOTENCY_')
  );
}

/** A failed request for http_req_failed: no answer, overload, a server error, or a 4xx that is not an
 *  applicant rejection (a 400, 401, 403 or 404 means the client or the service is wrong). k6 by default
 *  counts every status ≥ 400; a registration service rightly refuses a share of applicants. */
export function responseFailed(response: StepResponse): boolean {
  if (response.status >= 200 && response.status < 400) return false;
  return !isApplicantRejection(response);
}
