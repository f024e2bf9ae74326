// Offline registration: a regional manpower office (Disnaker) registers applicants from areas with poor
// internet in bulk (launch-facts.md: "register applicants with the centre in bulk"). One batch is an
// NDJSON or CSV file of up to 10,000 rows; each row is an applicant's account and profile fields, checked
// exactly as the sign-up and profile forms check them (accountFields / normaliseAccountInput,
// profileBody / checkProfileInput). Every row gets a result: created, duplicate or invalid with its code.
// A batch is idempotent by its batch id: sending it again answers the stored result and creates nothing.
// Created applicants are pending; the verification worker checks their NIK with the registry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_KEY_HEADER, requireApiKey } from '../api-key.js';
import { type BulkRowResult, validateBulkRow, writeBulkRows } from '../bulk-row-writer.js';
import { MAX_BULK_ROWS, type RawRow, bulkFormat, readBulkRows } from '../bulk-rows.js';
import { glbError } from '../errors.js';
import { beginIdempotency, sendReplay } from '../idempotency.js';
import { withErrors } from '../schemas.js';
import { UniqueViolation } from '../storage/types.js';
import { accountFields } from './accounts.js';

import { profileBody } from './profile.js';

const PATH = '/api/v1/bulk-registrations';
const BODY_LIMIT_BYTES = 16 * 1024 * 1024; // 10,000 rows of ~500 bytes, with room

/** One row: the sign-up form's fields (no password: the applicant sets one later) and the profile's. */
export const BULK_ROW_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'email', 'phone', ...profileBody.required.filter((f) => f !== 'fullName')],
  properties: { ...accountFields, ...profileBody.properties },
} as const;
export const BULK_COLUMNS: readonly string[] = Object.keys(BULK_ROW_SCHEMA.properties);

const rowResult = {
  type: 'object',
  properties: {
    row: { type: 'integer' },
    status: { type: 'string', enum: ['created', 'duplicate', 'invalid'] },
    accountId: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

export default async function bulkRegistrationRoutes(app: FastifyInstance) {
  const { config, repo, metrics } = app;
  // Encapsulated here: only this route reads NDJSON and CSV bodies, as text.
  for (const type of ['application/x-ndjson', 'application/ndjson', 'text/csv']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_r, body, done) =>
      done(null, body),
    );
  }

  app.post<{ Headers: { 'x-batch-id': string } }>(
    PATH,
    {
      bodyLimit: BODY_LIMIT_BYTES,
      // Who is sending, before a byte of a 10 MB body is read.
      onRequest: async (request: FastifyRequest) => {
        if (Object.keys(config.regionalOfficeKeys).length === 0) throw glbError('BULK_DISABLED');
        requireApiKey(request, config.regionalOfficeKeys);
      },
      schema: {
        tags: ['offline registration'],
        summary: `Register up to ${MAX_BULK_ROWS} applicants from a regional office's NDJSON or CSV file`,
        description:
          'Body: application/x-ndjson (one JSON object per line) or text/csv (header row naming the columns). ' +
          `Columns: ${BULK_COLUMNS.join(', ')}. Answers one result per row; idempotent by X-Batch-Id.`,
        headers: {
          type: 'object',
          required: ['x-batch-id'],
          properties: {
            'x-batch-id': { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
            [API_KEY_HEADER]: { type: 'string', description: "The regional office's API key" },
          },
        },
        response: withErrors(
          {
            200: {
              type: 'object',
              properties: {
                batchId: { type: 'string' },
                office: { type: 'string' },
                rows: { type: 'integer' },
                created: { type: 'integer' },
                duplicate: { type: 'integer' },
                invalid: { type: 'integer' },
                results: { type: 'array', items: rowResult },
              },
            },
          },
          401,
          404,
          413,
          415,
          422,
        ),
      },
    },
    async (request, reply) => {
      const office = requireApiKey(request, config.regionalOfficeKeys);
      const format = bulkFormat(request.headers['content-type']);
      if (format === undefined || typeof request.body !== 'string') {
        throw glbError(
          'REQ_UNSUPPORTED_MEDIA_TYPE',
          undefined,
          'Send the batch as application/x-ndjson or text/csv',
        );
      }
      const batchId = request.headers['x-batch-id'];
      const scope = `POST ${PATH}:${office}`;
      const idem = await beginIdempotency(repo, request, scope, batchId).catch(reusedBatch);
      if (idem.replay) return sendReplay(reply, idem.replay);

      const raw: RawRow[] = readBulkRows(request.body, format, BULK_COLUMNS);
      const validate = request.compileValidationSchema(BULK_ROW_SCHEMA);
      const checked = raw.map((r) => validateBulkRow(r, validate));
      const results: BulkRowResult[] = await writeBulkRows(repo, checked, { office, batchId });
      const count = (status: BulkRowResult['status']) => results.filter((r) => r.status === status).length;
      const body = {
        batchId,
        office,
        rows: results.length,
        created: count('created'),
        duplicate: count('duplicate'),
        invalid: count('invalid'),
        results,
      };
      for (const outcome of ['created', 'duplicate', 'invalid'] as const) {
        metrics.funnelSteps.inc({ step: 'bulk', outcome }, body[outcome]);
      }
      try {
        await repo.saveIdempotentResponse(idem.record(200, body)!);
      } catch (err) {
        if (!(err instanceof UniqueViolation)) throw err;
        // The same batch sent twice at once: both wrote nothing twice; answer what the first stored.
        const stored = await idem.recheck().catch(reusedBatch);
        if (stored) return sendReplay(reply, stored);
        throw err;
      }
      return reply.code(200).send(body);
    },
  );
}

function reusedBatch(err: unknown): never {
  if ((err as { code?: string }).code === 'GLB_ERR_IDEMPOTENCY_KEY_REUSED')
    throw glbError('BULK_BATCH_ID_REUSED');
  throw err;
}
