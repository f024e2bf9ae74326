// Funnel step 1: create an account (name, email, phone, password). Answers 201 with an access token and
// writes the email-verification code to the mail outbox in the same transaction.
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { beginIdempotency, sendReplay } from '../idempotency.js';
import { normaliseEmail, normalisePhone } from '../normalise.js';
import { idempotencyHeaders, withErrors } from '../schemas.js';
import { hashPassword, newEmailCode, newId, newToken, sha256Hex } from '../secrets.js';
import { UniqueViolation } from '../storage/types.js';

interface CreateAccountBody {
  fullName: string;
  email: string;
  phone: string;
  password: string;
}

/** Who the applicant is, as the sign-up form asks it; also the account half of a bulk-registration row. */
export const accountFields = {
  fullName: { type: 'string', minLength: 1, maxLength: 100 },
  email: { type: 'string', minLength: 1, maxLength: 254 },
  phone: { type: 'string', minLength: 8, maxLength: 20 },
} as const;

/** The sign-up form's schema (also the sandbox's returning-applicant fixture). */
export const accountBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fullName', 'email', 'phone', 'password'],
  properties: { ...accountFields, password: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

const SCOPE = 'POST /api/v1/accounts';

/** Normalises email and phone the one way the service knows them (one applicant, one account, however
 *  typed). Text is already clean (cleanJson in app.ts; the bulk route cleans each row the same way): a name
 *  of spaces or invisible characters arrived as '' and failed the schema. Throws GlbError
 *  (ACCOUNT_INVALID_EMAIL, ACCOUNT_INVALID_PHONE). Shared with routes/bulk-registrations.ts. */
export function normaliseAccountInput(body: Omit<CreateAccountBody, 'password'>): {
  fullName: string;
  email: string;
  phone: string;
} {
  const email = normaliseEmail(body.email);
  if (!email) throw glbError('ACCOUNT_INVALID_EMAIL', { field: 'email' });
  const phone = normalisePhone(body.phone);
  if (!phone) throw glbError('ACCOUNT_INVALID_PHONE', { field: 'phone' });
  return { fullName: body.fullName, email, phone };
}

export default async function accountRoutes(app: FastifyInstance) {
  const { config, repo, metrics } = app;
  const step = metrics.funnelSteps;

  app.post<{ Body: CreateAccountBody }>(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['funnel'],
        summary: 'Create an account (funnel step 1)',
        headers: idempotencyHeaders,
        body: accountBodySchema,
        response: withErrors(
          {
            201: {
              type: 'object',
              properties: {
                accountId: { type: 'string' },
                accessToken: { type: 'string' },
                emailVerified: { type: 'boolean' },
              },
            },
          },
          409,
          413,
          415,
          422,
        ),
      },
    },
    async (request, reply) => {
      const idem = await beginIdempotency(repo, request, SCOPE);
      if (idem.replay) return sendReplay(reply, idem.replay);

      const body = request.body;
      const { fullName, email, phone } = normaliseAccountInput(body);
      if (body.password.length < 8) throw glbError('ACCOUNT_WEAK_PASSWORD', { field: 'password' });

      const started = process.hrtime.bigint();
      const passwordHash = await hashPassword(body.password, config.scryptCost);
      metrics.passwordHashDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);

      const now = new Date();
      const accountId = newId(now.getTime());
      const accessToken = newToken();
      const response = { accountId, accessToken, emailVerified: false };
      try {
        await repo.createAccount(
          { id: accountId, fullName, email, phone, passwordHash, createdAt: now },
          {
            tokenHash: sha256Hex(accessToken),
            accountId,
            createdAt: now,
            expiresAt: new Date(now.getTime() + config.sessionTtlSeconds * 1000),
          },
          {
            id: newId(now.getTime()),
            accountId,
            kind: 'email-verification',
            code: newEmailCode(),
            createdAt: now,
            expiresAt: new Date(now.getTime() + config.emailCodeTtlSeconds * 1000),
          },
          idem.record(201, response),
        );
      } catch (err) {
        if (!(err instanceof UniqueViolation)) throw err;
        // A concurrent retry with the same key may have won the race: give its answer.
        const stored = await idem.recheck();
        if (stored) return sendReplay(reply, stored);
        if (err.field === 'email') {
          step.inc({ step: 'account', outcome: 'duplicate' });
          throw glbError('ACCOUNT_EMAIL_TAKEN', { field: 'email' });
        }
        throw err;
      }
      step.inc({ step: 'account', outcome: 'created' });
      return reply.code(201).send(response);
    },
  );
}
