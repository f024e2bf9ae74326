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

/** Retry-After in seconds (RFC 9110 §10.2.3): delay-seconds as given, or an HTTP-date measured against the
 *  answer's own Date header — both stamps come from the server's clock, so the client's clock skew and the
 *  network time do not enter (a date 5 s after Date is 5 s, whatever the client's clock says). Without a
 *  Date header the runner's `receivedAtMs` (Unix ms, when the answer came) stands in for "now": the model
 *  has no clock of its own. A date in the past is 0; an unreadable value is ignored (undefined), so the
 *  journey's human delay applies. */
export function retryAfterSeconds(response: StepResponse): number | undefined {
  const value = response.headers['retry-after'] ?? response.headers['Retry-After'];
  if (value === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const until = parseHttpDate(value);
  if (until === undefined) return undefined;
  const dateHeader = response.headers.date ?? response.headers.Date;
  const now = dateHeader === undefined ? response.receivedAtMs : parseHttpDate(dateHeader);
  if (now === undefined) return undefined;
  return Math.max(0, (until - now) / 1000);
}

/** Unix ms of an HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms Date.parse reads),
 *  or undefined. Only text that names a weekday or a month is tried: Date.parse would take "5" as a year. */
export function parseHttpDate(value: string): number | undefined {
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Which answers count as expected, i.e. not in `http_req_failed`, in every runner: 2xx and 3xx, and the
 *  rightful rejections of an applicant's own data (409 taken, 422 invalid), which the journey handles by
 *  abandoning, not a service fault. The k6 bundle passes the same set to
 *  `http.setResponseCallback(http.expectedStatuses({ min, max }, ...also))`; the engine's recorder calls
 *  isExpectedStatus. A network error or timeout (status 0) is never expected. */
export const EXPECTED_STATUSES = { min: 200, max: 399, also: [409, 422] } as const;

export function isExpectedStatus(status: number): boolean {
  return (
    (status >= EXPECTED_STATUSES.min && status <= EXPECTED_STATUSES.max) ||
    (EXPECTED_STATUSES.also as readonly number[]).includes(status)
  );
}

/** The request header that keeps a place in the service's waiting room (docs/operations.md). */
export const WAITING_ROOM_TICKET_HEADER = 'x-waiting-room-ticket';

/** The ticket a 429 from the waiting room hands out (details.ticket), to send back on the retry. */
export function waitingRoomTicket(response: StepResponse): string | undefined {
  if (response.status !== 429) return undefined;
  const body = parseJson(response.body) as { details?: { ticket?: unknown } } | null;
  const ticket = body?.details?.ticket;
  return typeof ticket === 'string' && ticket !== '' ? ticket : undefined;
}

/** Overload, outage or a lost connection: a person tries again later. 408 and 425 included. */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 425 || status === 429 || status >= 500;
}
