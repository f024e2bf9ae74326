// Sign-in and sign-out. Applicants come back over days (upload, test, Join Batch when a wave opens): on a
// wave's opening day most traffic is sign-ins, each a scrypt verify on the libuv pool — a capacity factor.
// Tokens expire after sessionTtlSeconds (the session row's expires_at).
import type { FastifyInstance } from 'fastify';
import { glbError } from '../errors.js';
import { normaliseEmail } from '../normalise.js';
import { bearerHeaders, withErrors } from '../schemas.js';
import { hashPassword, newToken, sha256Hex, verifyPassword } from '../secrets.js';
import { SignInThrottle } from '../sign-in-throttle.js';

interface SignInBody {
  email: string;
  password: string;
}

export default async function sessionRoutes(app: FastifyInstance) {
  const { config, repo, metrics } = app;
  const throttle = new SignInThrottle(config.funnel.signIn);
  // An unknown email costs the same scrypt as a wrong password, so timing does not tell which accounts exist.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => {
    decoyHash ??= hashPassword('decoy password, never matches', config.scryptCost);
    return decoyHash;
  };

  app.post<{ Body: SignInBody }>(
    '/api/v1/sessions',
    {
      schema: {
        tags: ['funnel'],
        summary: 'Sign in with email and password; answers a new access token',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'password'],
          properties: {
            email: { type: 'string', minLength: 1, maxLength: 254 },
            password: { type: 'string', minLength: 1, maxLength: 128 },
          },
        },
        response: withErrors(
          {
            201: {
              type: 'object',
              properties: {
                accountId: { type: 'string' },
                accessToken: { type: 'string' },
                expiresAt: { type: 'string', format: 'date-time' },
              },
            },
          },
          401,
          413,
          415,
          429,
        ),
      },
    },
    async (request, reply) => {
      // An address that is no email cannot have an account: the same answer as a wrong password.
      const email = normaliseEmail(request.body.email) ?? '';
      const address = request.ip;
      const blocked = await throttle.check(email, address);
      if (blocked) {
        metrics.signIns.inc({ outcome: 'throttled' });
        metrics.throttled.inc({ reason: `sign_in_${blocked.reason}` });
        throw glbError(blocked.reason === 'account' ? 'AUTH_THROTTLED_ACCOUNT' : 'AUTH_THROTTLED_ADDRESS', {
          retryAfterSeconds: blocked.retryAfterSeconds,
        });
      }
      const account = email === '' ? undefined : await repo.findAccountByEmail(email);
      const ok = await verifyPassword(request.body.password, account?.passwordHash ?? (await decoy()));
      if (!ok || account === undefined) {
        await throttle.failed(email, address);
        metrics.signIns.inc({ outcome: 'wrong_password' });
        throw glbError('AUTH_INVALID_CREDENTIALS');
      }
      await throttle.succeeded(email);
      const now = new Date();
      const accessToken = newToken();
      const expiresAt = new Date(now.getTime() + config.sessionTtlSeconds * 1000);
      await repo.createSession({
        tokenHash: sha256Hex(accessToken),
        accountId: account.id,
        createdAt: now,
        expiresAt,
      });
      metrics.signIns.inc({ outcome: 'ok' });
      return reply.code(201).send({ accountId: account.id, accessToken, expiresAt: expiresAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    {
      preHandler: app.requireAccount,
      schema: {
        tags: ['funnel'],
        summary: 'Sign out: the access token stops working at once',
        headers: bearerHeaders,
        response: withErrors({ 204: { type: 'null' } }, 401),
      },
    },
    async (request, reply) => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      await repo.deleteSession(sha256Hex(token));
      return reply.code(204).send();
    },
  );
}
