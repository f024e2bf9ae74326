// JSON schemas shared by the routes. Bodies are strict: unknown fields are rejected (additionalProperties
// false, and the app's ajv does not strip or coerce), so a typo in a client is a 400 with a code, not a
// silently ignored field.

export const errorResponse = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
  required: ['statusCode', 'code', 'message'],
} as const;

export const bearerHeaders = {
  type: 'object',
  properties: {
    authorization: { type: 'string', description: 'Bearer <accessToken> from POST /api/v1/accounts' },
  },
} as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      description: 'Makes a retry safe: the same key and body return the first answer',
    },
    authorization: { type: 'string' },
  },
} as const;

/** Error responses every route can give, for /openapi.json. */
export function withErrors(
  responses: Record<number, unknown>,
  ...statuses: number[]
): Record<number, unknown> {
  const out: Record<number, unknown> = { ...responses };
  for (const s of [400, ...statuses]) out[s] = errorResponse;
  return out;
}
