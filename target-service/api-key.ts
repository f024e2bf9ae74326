// Keys for partner and operator routes: a regional office's key (bulk registration), the admin key
// (wave selection). Sent as X-Api-Key; compared in constant time on their SHA-256, so neither the
// key's length nor its first differing byte shows in the response time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { glbError } from './errors.js';

export const API_KEY_HEADER = 'x-api-key';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The name whose key the request carries. `keys`: name → key. Throws GlbError AUTH_MISSING_API_KEY
 *  (no header) or AUTH_INVALID_API_KEY (no name has this key). */
export function requireApiKey(request: FastifyRequest, keys: Record<string, string>): string {
  const header = request.headers[API_KEY_HEADER];
  if (typeof header !== 'string' || header === '') throw glbError('AUTH_MISSING_API_KEY');
  const given = digest(header);
  let found: string | undefined;
  for (const [name, key] of Object.entries(keys)) {
    if (timingSafeEqual(given, digest(key))) found = name; // no early exit: same time for every name
  }
  if (found === undefined) throw glbError('AUTH_INVALID_API_KEY');
  return found;
}
