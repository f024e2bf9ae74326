// Bearer-token sessions: the token is opaque and random; only its sha256 is stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { glbError } from '../errors.js';
import { sha256Hex } from '../secrets.js';
import type { Account } from '../storage/types.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

export async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<Account> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw glbError('AUTH_MISSING_TOKEN');
  const match = BEARER.exec(header);
  if (!match) throw glbError('AUTH_INVALID_TOKEN');
  const account = await app.repo.findAccountBySessionToken(sha256Hex(match[1]!), new Date());
  if (!account) throw glbError('AUTH_INVALID_TOKEN');
  return account;
}

export default fp(
  async function authPlugin(app: FastifyInstance) {
    app.decorateRequest('account', null);
    app.decorate('requireAccount', async (request: FastifyRequest) => {
      request.account = await authenticate(app, request);
    });
  },
  { name: 'gelombang-auth' },
);
