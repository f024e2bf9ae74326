// Valid answers to every funnel route, made without any work: what `gelombang stub funnel` serves (so anyone
// can measure what a load generator drives before blaming the service) and what the k6 build uses to walk
// journeys to their end when it estimates their length (Little's law). Pure: no clock, no I/O. The bodies
// carry the fields the funnel's steps read (funnel-steps.ts accept()); a new step adds its route here.
import type { StepRequest, StepResponse } from './types.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const json = (status: number, body: unknown): StepResponse => ({
  status,
  headers: JSON_TYPE,
  body: JSON.stringify(body),
});

const LANDING: StepResponse = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '<!doctype html><html><body><a href="/api/v1/programme">Info program</a></body></html>',
};

/** Answers by "METHOD path" (the request path without the query, after the target's base path). */
const ROUTES: Readonly<Record<string, StepResponse>> = {
  'GET /': LANDING,
  'GET /api/v1/programme': json(200, { programme: 'gelombang canned answers', waves: 1 }),
  'POST /api/v1/accounts': json(201, {
    accountId: 'canned',
    accessToken: 'canned-token',
    emailVerified: false,
  }),
  'GET /api/v1/sandbox/outbox': json(200, {
    kind: 'verify-email',
    code: '123456',
    sentAt: '2020-04-11T12:00:00.000Z',
  }),
  'POST /api/v1/email-verifications': json(200, { emailVerified: true }),
  'PUT /api/v1/profile': json(200, { status: 'verified' }),
  // The later funnel (documents, aptitude test, waves, returning applicants), as the funnel's steps read them.
  'GET /api/v1/profile': json(200, { status: 'verified' }),
  'POST /api/v1/documents': json(201, { documents: ['ktp', 'selfie'] }),
  'GET /api/v1/assessment': json(200, {
    questions: [
      { id: 'q1', prompt: '17 + 25 = ?', choices: ['42', '41', '43', '52'] },
      { id: 'q2', prompt: '9 × 6 = ?', choices: ['54', '56', '45', '63'] },
    ],
  }),
  'POST /api/v1/assessment': json(200, { passed: true, score: 2, of: 2 }),
  'GET /api/v1/waves/current': json(200, { id: 1, opensAt: '2020-04-18T12:00:00.000Z', quota: 164_000 }),
  'POST /api/v1/waves/:id/join': json(200, { waveId: 1, status: 'joined' }),
  'POST /api/v1/sandbox/returning-applicants': json(200, { accountId: 'canned' }),
  'POST /api/v1/sessions': json(201, { accessToken: 'canned-token' }),
  'GET /healthz': json(200, { status: 'ok' }),
  'GET /readyz': json(200, { status: 'ready', database: 'none' }),
  'GET /ping': { status: 200, headers: { 'content-type': 'text/plain' }, body: 'pong' },
};

const NOT_FOUND = json(404, {
  statusCode: 404,
  code: 'GLB_ERR_REQ_NOT_FOUND',
  error: 'Not Found',
  message: 'No such route',
});

/** The canned answer to a request (404 GLB_ERR_REQ_NOT_FOUND for a route the funnel does not have). */
export function cannedAnswer(request: Pick<StepRequest, 'method' | 'path'>): StepResponse {
  const q = request.path.indexOf('?');
  const path = q < 0 ? request.path : request.path.slice(0, q);
  // Route parameters: a wave's id.
  const route = path.replace(/^\/api\/v1\/waves\/\d+\/join$/, '/api/v1/waves/:id/join');
  return ROUTES[`${request.method} ${route}`] ?? NOT_FOUND;
}

/** The routes answered, as "METHOD path". */
export const CANNED_ROUTES: readonly string[] = Object.keys(ROUTES);
