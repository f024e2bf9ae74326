// Funnel step 4: the KTP photo and the selfie — the step that failed for days in April 2020. One multipart
// request with the files "ktp" and "selfie", each streamed to disk (never buffered whole), limited per file,
// typed from its bytes, stored content-addressed, and recorded in the database only once both are safe on
// disk. A client that disconnects mid-upload leaves no file and no row.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ErrorName, glbError, isGlbError } from '../errors.js';
import { ACCEPTED_MEDIA_TYPES, DocumentFiles, type ReceivedFile } from '../documents/document-files.js';
import { bearerHeaders, withErrors } from '../schemas.js';
import type { DocumentPart, StoredDocument } from '../storage/funnel-record-types.js';

const PARTS: readonly DocumentPart[] = ['ktp', 'selfie'];

/** @fastify/multipart's errors for what a client sent, as ours. */
const MULTIPART_ERRORS: Record<string, ErrorName> = {
  FST_REQ_FILE_TOO_LARGE: 'UPLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'UPLOAD_UNKNOWN_PART',
  FST_FILES_LIMIT: 'UPLOAD_UNKNOWN_PART',
  FST_FIELDS_LIMIT: 'UPLOAD_UNKNOWN_PART',
  FST_PROTO_VIOLATION: 'UPLOAD_UNKNOWN_PART',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UPLOAD_NOT_MULTIPART',
  FST_MP_PREMATURE_CLOSE: 'REQ_BAD_REQUEST',
};

function asClientError(err: unknown): unknown {
  if (isGlbError(err)) return err;
  const code = (err as { code?: unknown }).code;
  const name = typeof code === 'string' ? MULTIPART_ERRORS[code] : undefined;
  if (name) return glbError(name);
  // Malformed multipart (busboy: "Unexpected end of form", "Malformed part header", …) is the client's.
  if (err instanceof Error && /multipart|form|boundary|part/i.test(err.message))
    return glbError('REQ_BAD_REQUEST');
  return err;
}

export default async function documentRoutes(app: FastifyInstance, opts: { documentsDir: string }) {
  const { config, repo, metrics } = app;
  const files = new DocumentFiles(opts.documentsDir);
  const maxBytes = config.funnel.uploadMaxBytes;

  /** Receives both parts; on any failure removes what it wrote and rethrows. */
  async function receiveParts(
    request: FastifyRequest,
  ): Promise<Map<DocumentPart, ReceivedFile & { mediaType: string }>> {
    const received = new Map<DocumentPart, ReceivedFile & { mediaType: string }>();
    const written: string[] = [];
    try {
      for await (const part of request.parts({
        limits: { fileSize: maxBytes, files: 2, fields: 0, parts: 2 },
      })) {
        const name = part.fieldname as DocumentPart;
        if (part.type !== 'file' || !PARTS.includes(name) || received.has(name)) {
          throw glbError('UPLOAD_UNKNOWN_PART', { part: part.fieldname });
        }
        const file = await files.receive(part.file);
        written.push(file.tmpPath);
        if (part.file.truncated) throw glbError('UPLOAD_TOO_LARGE', { part: name, maxBytes });
        if (file.mediaType === undefined || !(file.mediaType in ACCEPTED_MEDIA_TYPES)) {
          throw glbError('UPLOAD_UNSUPPORTED_TYPE', { part: name, detected: file.mediaType ?? 'unknown' });
        }
        received.set(name, { ...file, mediaType: file.mediaType });
      }
      const missing = PARTS.filter((p) => !received.has(p));
      if (missing.length > 0) throw glbError('UPLOAD_MISSING_PART', { missing });
      return received;
    } catch (err) {
      await files.discard(written);
      throw asClientError(err);
    }
  }

  app.post(
    '/api/v1/documents',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary:
          'Upload the KTP photo and the selfie (funnel step 4): multipart/form-data, files "ktp" and "selfie"',
        description: `JPEG or PNG (judged from the bytes), at most ${maxBytes} bytes each.`,
        headers: bearerHeaders,
        consumes: ['multipart/form-data'],
        response: withErrors(
          {
            201: {
              type: 'object',
              properties: {
                documents: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      part: { type: 'string' },
                      sha256: { type: 'string' },
                      sizeBytes: { type: 'integer' },
                      mediaType: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
          401,
          403,
          413,
          415,
        ),
      },
    },
    async (request, reply) => {
      const started = process.hrtime.bigint();
      const account = request.account!;
      if (!request.isMultipart()) throw glbError('UPLOAD_NOT_MULTIPART');
      if (!account.emailVerifiedAt) throw glbError('EMAIL_NOT_VERIFIED');
      let received: Awaited<ReturnType<typeof receiveParts>>;
      try {
        received = await receiveParts(request);
      } catch (err) {
        // Part of the body may be unread (a refused first file, the rest of an oversized one): end the
        // connection after the answer instead of leaving the client's next request behind those bytes.
        void reply.header('connection', 'close');
        throw err;
      }
      const kept: string[] = [];
      const now = new Date();
      const docs: StoredDocument[] = [];
      try {
        for (const part of PARTS) {
          const file = received.get(part)!;
          kept.push(await files.keep(file));
          docs.push({
            accountId: account.id,
            part,
            sha256: file.sha256,
            sizeBytes: file.sizeBytes,
            mediaType: file.mediaType,
            storedAt: now,
          });
        }
        await repo.saveDocuments(docs);
      } catch (err) {
        // No row: remove the files unless another account's row points at the same bytes.
        const orphans: string[] = [];
        for (const [i, doc] of docs.entries())
          if (!(await repo.documentInUse(doc.sha256))) orphans.push(kept[i]!);
        await files.discard([...orphans, ...[...received.values()].map((f) => f.tmpPath)]);
        throw err;
      }
      for (const doc of docs) metrics.uploadBytes.observe({ part: doc.part }, doc.sizeBytes);
      metrics.uploadDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      metrics.funnelSteps.inc({ step: 'upload', outcome: 'stored' });
      return reply.code(201).send({
        documents: docs.map(({ part, sha256, sizeBytes, mediaType }) => ({
          part,
          sha256,
          sizeBytes,
          mediaType,
        })),
      });
    },
  );
}
