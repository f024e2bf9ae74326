// Funnel step 2: verify the email address with the code from the mail outbox. On launch day 74.23 % of
// registrants got this far (launch-facts.md) and it was one of the steps that broke.
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { beginIdempotency, sendReplay } from '../idempotency.js';
import { bearerHeaders, idempotencyHeaders, withErrors } from '../schemas.js';
import { newEmailCode, newId } from '../secrets.js';

export default async function emailVerificationRoutes(app: FastifyInstance) {
  const { config, repo, metrics } = app;
  const limits = config.funnel.emailCode;
  const windowMs = limits.windowSeconds * 1000;

  app.post<{ Body: { code: string } }>(
    '/api/v1/email-verifications',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: 'Verify the email address with the emailed code (funnel step 2)',
        headers: idempotencyHeaders,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } },
        },
        response: withErrors(
          { 200: { type: 'object', properties: { emailVerified: { type: 'boolean' } } } },
          401,
          409,
          422,
          429,
        ),
      },
    },
    async (request, reply) => {
      const account = request.account!;
      const idem = await beginIdempotency(repo, request, `POST /api/v1/email-verifications:${account.id}`);
      if (idem.replay) return sendReplay(reply, idem.replay);
      const response = { emailVerified: true };
      const result = await repo.verifyEmail(
        account.id,
        request.body.code,
        new Date(),
        idem.record(200, response),
        {
          perCode: limits.perCode,
          perAccount: limits.perAccount,
          windowMs,
        },
      );
      metrics.funnelSteps.inc({ step: 'email', outcome: result });
      if (result === 'wrong-code') throw glbError('EMAIL_CODE_INVALID', { field: 'code' });
      if (result === 'expired') throw glbError('EMAIL_CODE_EXPIRED', { field: 'code' });
      if (result === 'code-locked') {
        metrics.throttled.inc({ reason: 'email_code' });
        throw glbError('EMAIL_CODE_LOCKED', { field: 'code' });
      }
      if (result === 'attempts-exhausted') {
        metrics.throttled.inc({ reason: 'email_account' });
        // The window is rolling; its length is the longest the applicant can have to wait.
        throw glbError('EMAIL_ATTEMPTS_EXHAUSTED', { retryAfterSeconds: limits.windowSeconds });
      }
      return response;
    },
  );

  app.post(
    '/api/v1/email-verifications/codes',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: 'Send a fresh verification code (after an expired or locked one)',
        headers: bearerHeaders,
        response: withErrors(
          {
            201: {
              type: 'object',
              properties: { sentAt: { type: 'string' }, expiresAt: { type: 'string' } },
            },
          },
          401,
          409,
          429,
        ),
      },
    },
    async (request, reply) => {
      const account = request.account!;
      if (account.emailVerifiedAt) throw glbError('EMAIL_ALREADY_VERIFIED');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + config.emailCodeTtlSeconds * 1000);
      const mail = {
        id: newId(now.getTime()),
        accountId: account.id,
        kind: 'email-verification' as const,
        code: newEmailCode(),
        createdAt: now,
        expiresAt,
      };
      const issued = await repo.issueMail(mail, limits.resends + 1, new Date(now.getTime() - windowMs));
      if (issued === 'limit-reached') {
        metrics.throttled.inc({ reason: 'email_resend' });
        throw glbError('EMAIL_CODE_RESEND_LIMIT', { retryAfterSeconds: limits.windowSeconds });
      }
      return reply.code(201).send({ sentAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    },
  );
}
