// Sandbox fixture for the wave-open scenario: an applicant who registered in an earlier week — account with
// a verified email, a verified profile, both documents and a passed test — written in one call, so a load
// test of a wave's opening can measure what that day was in 2020: returning applicants signing in and
// joining. It hashes the password (a sign-in must verify it), so each setup costs one scrypt; the scenario
// tags it step "returning" so it is reported apart. Off unless the service runs with --sandbox.
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { normaliseEmail, normalisePhone } from '../normalise.js';
import { withErrors } from '../schemas.js';
import { hashPassword, newEmailCode, newId, newToken, sha256Hex } from '../secrets.js';
import { type ProfileInput, UniqueViolation } from '../storage/types.js';
import { accountBodySchema } from './accounts.js';
import { profileBody } from './profile.js';

interface ReturningBody {
  account: { fullName: string; email: string; phone: string; password: string };
  profile: Omit<ProfileInput, 'accountId'>;
}

export default async function sandboxReturningRoutes(app: FastifyInstance) {
  const { config, repo } = app;
  app.post<{ Body: ReturningBody }>(
    '/api/v1/sandbox/returning-applicants',
    {
      preHandler: async () => {
        if (!config.sandbox) throw glbError('SANDBOX_DISABLED');
      },
      schema: {
        tags: ['sandbox'],
        summary:
          'Create an applicant ready to join a wave, as if registered in an earlier week (sandbox only)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['account', 'profile'],
          properties: { account: accountBodySchema, profile: profileBody },
        },
        response: withErrors(
          {
            200: {
              type: 'object',
              properties: { accountId: { type: 'string' }, created: { type: 'boolean' } },
            },
          },
          404,
          422,
        ),
      },
    },
    async (request) => {
      const { account, profile } = request.body;
      const email = normaliseEmail(account.email);
      if (!email) throw glbError('ACCOUNT_INVALID_EMAIL', { field: 'account.email' });
      const phone = normalisePhone(account.phone);
      if (!phone) throw glbError('ACCOUNT_INVALID_PHONE', { field: 'account.phone' });
      const existing = await repo.findAccountByEmail(email);
      if (existing) return { accountId: existing.id, created: false };

      const now = new Date();
      const accountId = newId(now.getTime());
      const code = newEmailCode();
      const passwordHash = await hashPassword(account.password, config.scryptCost);
      try {
        await repo.createAccount(
          { id: accountId, fullName: account.fullName, email, phone, passwordHash, createdAt: now },
          { tokenHash: sha256Hex(newToken()), accountId, createdAt: now, expiresAt: now },
          {
            id: newId(now.getTime()),
            accountId,
            kind: 'email-verification',
            code,
            createdAt: now,
            expiresAt: new Date(now.getTime() + 60_000),
          },
        );
        await repo.verifyEmail(accountId, code, now);
        await repo.saveProfile({ ...profile, accountId }, 'verified', null, now, false);
      } catch (err) {
        if (!(err instanceof UniqueViolation)) throw err;
        // A concurrent setup of the same applicant, or a NIK held by another account.
        const raced = await repo.findAccountByEmail(email);
        if (raced && err.field === 'email') return { accountId: raced.id, created: false };
        throw glbError('PROFILE_NIK_TAKEN', { field: 'profile.nik' });
      }
      await repo.saveDocuments(
        (['ktp', 'selfie'] as const).map((part) => ({
          accountId,
          part,
          sha256: sha256Hex(`sandbox ${part} ${accountId}`),
          sizeBytes: 0,
          mediaType: 'image/jpeg',
          storedAt: now,
        })),
      );
      const questions = config.funnel.assessment.questions;
      await repo.saveAssessment({ accountId, score: questions, questions, passed: true, answeredAt: now });
      return { accountId, created: true };
    },
  );
}
