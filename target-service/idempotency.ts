// Idempotency-Key on every POST/PUT: a client retry (the network dropped the answer, the person pressed
// the button again) returns the first answer and never creates a second applicant. The stored answer is
// written in the same transaction as the change it describes (storage/types.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { glbError } from './errors.js';
import { sha256Hex } from './secrets.js';
import type { IdempotentResponse, Repository } from './storage/types.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** JSON with sorted keys, so the same request hashes the same whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Idempotency {
  /** The stored answer to replay, when this key was seen before with the same request. */
  replay: IdempotentResponse | undefined;
  /** The row to save with the write, or undefined when the request carries no key. */
  record(statusCode: number, body: unknown): IdempotentResponse | undefined;
  /** After a unique violation: the answer a concurrent request with the same key stored, if any. */
  recheck(): Promise<IdempotentResponse | undefined>;
}

/** `explicitKey`: a key the route takes from elsewhere (a bulk batch id) instead of Idempotency-Key. */
export async function beginIdempotency(
  repo: Repository,
  request: FastifyRequest,
  scope: string,
  explicitKey?: string,
): Promise<Idempotency> {
  const header = explicitKey ?? request.headers['idempotency-key'];
  if (header === undefined) {
    return { replay: undefined, record: () => undefined, recheck: async () => undefined };
  }
  if (typeof header !== 'string' || !KEY.test(header)) throw glbError('IDEMPOTENCY_KEY_INVALID');
  const key = header;
  const requestHash = sha256Hex(canonicalJson(request.body ?? null));
  const check = async (): Promise<IdempotentResponse | undefined> => {
    const stored = await repo.findIdempotentResponse(scope, key);
    if (stored && stored.requestHash !== requestHash) throw glbError('IDEMPOTENCY_KEY_REUSED');
    return stored;
  };
  return {
    replay: await check(),
    record: (statusCode, body) => ({
      scope,
      key,
      requestHash,
      statusCode,
      body: JSON.stringify(body),
      createdAt: new Date(),
    }),
    recheck: check,
  };
}

export function sendReplay(reply: FastifyReply, stored: IdempotentResponse): FastifyReply {
  return reply
    .code(stored.statusCode)
    .header('idempotent-replayed', 'true')
    .type('application/json')
    .send(stored.body);
}
