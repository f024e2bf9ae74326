// The sign-up baseline (issue 10): a minimal Fastify route doing only the mandated work of
// POST /api/v1/accounts — validate the JSON against the same schema, scrypt at the same cost, one durable
// SQLite transaction writing the same rows (account, session, verification mail) with the same pragmas —
// and nothing else (no idempotency, normalisation, metrics, hooks, logs). Usage: minimal-signup.ts DB COST
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { accountBodySchema } from '../../target-service/routes/accounts.js';
import { hashPassword, newEmailCode, newId, newToken, sha256Hex } from '../../target-service/secrets.js';
import { createRepository } from '../../target-service/storage/create-repository.js';

const [path, costText] = process.argv.slice(2);
if (!path || !costText) throw new Error('usage: minimal-signup.ts DB_PATH SCRYPT_COST');
const cost = Number(costText);
const schemaRepo = createRepository({ kind: 'sqlite', path });
await schemaRepo.migrate();
await schemaRepo.close();

const db = new BetterSqlite3(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const insertAccount = db.prepare(
  'INSERT INTO accounts (id, full_name, email, phone, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const insertSession = db.prepare(
  'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
);
const insertMail = db.prepare(
  'INSERT INTO mail_outbox (id, account_id, kind, code, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const write = db.transaction((id: string, b: Body, hash: string, token: string, now: number) => {
  insertAccount.run(id, b.fullName, b.email, b.phone, hash, now);
  insertSession.run(sha256Hex(token), id, now, now + 86_400_000);
  insertMail.run(newId(now), id, 'email-verification', newEmailCode(), now, now + 3_600_000);
});

interface Body {
  fullName: string;
  email: string;
  phone: string;
  password: string;
}

const app = Fastify({ logger: false });
app.post<{ Body: Body }>(
  '/api/v1/accounts',
  { schema: { body: accountBodySchema } },
  async (request, reply) => {
    const hash = await hashPassword(request.body.password, cost);
    const now = Date.now();
    const id = newId(now);
    const token = newToken();
    write.immediate(id, request.body, hash, token, now);
    return reply.code(201).send({ accountId: id, accessToken: token, emailVerified: false });
  },
);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
