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
