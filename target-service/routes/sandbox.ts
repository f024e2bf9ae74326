// Sandbox mode for load tests: an applicant reads its own verification mail, so a script completes the
// email step as a person would. Off unless the service starts with --sandbox (logged loudly then).
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { bearerHeaders, withErrors } from '../schemas.js';

export default async function sandboxRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/sandbox/outbox',
    {
      preHandler: async (request) => {
        if (!app.config.sandbox) throw glbError('SANDBOX_DISABLED');
        await app.requireAccount(request);
      },
      schema: {
        tags: ['sandbox'],
        summary: 'The newest mail sent to the caller (sandbox mode only)',
        headers: bearerHeaders,
        response: withErrors(
          {
            200: {
              type: 'object',
              properties: { kind: { type: 'string' }, code: { type: 'string' }, sentAt: { type: 'string' } },
            },
          },
          401,
          404,
        ),
      },
    },
    async (request) => {
      const mail = await app.repo.latestMail(request.account!.id);
      if (!mail) throw glbError('SANDBOX_NO_MAIL');
      return { kind: mail.kind, code: mail.code, sentAt: mail.createdAt.toISOString() };
    },
  );
}
