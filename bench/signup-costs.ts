// What one sign-up costs in CPU, part by part, measured in this process with 32 operations in flight
// (as the HTTP bench's connections): scrypt through node:crypto's thread pool, the durable SQLite write
// (group commit, background checkpoints), and the ids/tokens/code. These explain the sign-up/ping ratio:
// the server can afford only so many µs of CPU per request on cores it shares with the load generator.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword, newEmailCode, newId, newToken, sha256Hex } from '../target-service/secrets.js';
import { createRepository } from '../target-service/storage/create-repository.js';

async function cpuPerOp(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) await op(next++);
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count; // µs of CPU per operation, all threads of this process
}

export interface SignupCosts {
  scryptUs: number;
  writeUs: number;
  secretsUs: number;
}

export async function measureSignupCosts(
  dir: string,
  scryptCost: number,
  count: number,
): Promise<SignupCosts> {
  const scryptUs = await cpuPerOp(count, () => hashPassword('rahasia-123', scryptCost));
  const secretsUs = await cpuPerOp(count, async () => {
    newToken();
    newId();
    newId();
    newEmailCode();
    sha256Hex(newToken());
  });
  const path = join(dir, 'costs.db');
  const repo = createRepository({ kind: 'sqlite', path });
  await repo.migrate();
  const now = new Date();
  const writeUs = await cpuPerOp(count, (i) => {
    const id = newId();
    return repo.createAccount(
      {
        id,
        fullName: 'Bench Applicant',
        email: `cost.${i}@example.id`,
        phone: '+6281234567890',
        passwordHash: `scrypt$16$${'a'.repeat(24)}$${'b'.repeat(44)}`,
        createdAt: now,
      },
      { tokenHash: sha256Hex(newToken()), accountId: id, createdAt: now, expiresAt: now },
      {
        id: newId(),
        accountId: id,
        kind: 'email-verification',
        code: '123456',
        createdAt: now,
        expiresAt: now,
      },
    );
  });
  await repo.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return { scryptUs, writeUs, secretsUs };
}
