// Funnel step 2: verify the email address with the code from the mail outbox. On launch day 74.23 % of
// registrants got this far (launch-facts.md) and it was one of the steps that broke.
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { beginIdempotency, sendReplay } from '../idempotency.js';
import { idempotencyHeaders, withErrors } from '../schemas.js';

export default async function emailVerificationRoutes(app: FastifyInstance) {
  const { repo, metrics } = app;

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
          422,
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
      );
      metrics.funnelSteps.inc({ step: 'email', outcome: result });
      if (result === 'wrong-code') throw glbError('EMAIL_CODE_INVALID', { field: 'code' });
      if (result === 'expired') throw glbError('EMAIL_CODE_EXPIRED', { field: 'code' });
      return response;
    },
  );
}
