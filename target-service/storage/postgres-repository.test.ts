// Runs the Repository contract against a real PostgreSQL server. Each repository works in a fresh
// schema (dropped after the run), so runs never see each other's rows. No server = failed run,
// with the command that starts one: a skipped database suite would hide a broken build.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepository } from './create-repository.js';
import { MIGRATIONS } from './migrations.js';
import { at, enqueueJobs, MINUTE } from './repository-fixtures.js';
import { describeRepositoryContract } from './repository-suite.js';
import type { Repository } from './types.js';

const URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const START_HINT = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const RUN = `glb_test_${process.pid}_${Date.now().toString(36)}`;

let admin: pg.Client | undefined;
const schemas: string[] = [];

async function requirePostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${(err as Error).message}). ` +
        `Start it with: ${START_HINT} — or point TEST_DATABASE_URL at a server.`,
    );
  }
}

/** A repository in a schema of its own; migrate() creates the schema. */
function repoInFreshSchema(poolSize?: number): Repository {
  const schema = `${RUN}_${schemas.length + 1}`;
  schemas.push(schema);
  // A minute to get a pooled connection: the contract queues 2,000 concurrent joins on 10 connections, on a
  // machine shared with other test runs.
  return createRepository({ kind: 'postgres', url: URL }, { schema, poolSize, connectionTimeoutMs: 60_000 });
}

beforeAll(async () => {
  admin = await requirePostgres(URL);
});

afterAll(async () => {
  for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

describeRepositoryContract('postgres', async () => repoInFreshSchema());

describe('PostgresRepository across replicas', () => {
  it('never hands one job to two replicas claiming at the same time', async () => {
    const a = repoInFreshSchema(4);
    const b = createRepository({ kind: 'postgres', url: URL }, { schema: schemas.at(-1), poolSize: 4 });
    await Promise.all([a.migrate(), b.migrate()]);
    await enqueueJobs(a, 60);
    const claims = [a, b, a, b, a, b, a, b].map((r) => r.claimVerificationJobs(10, at(100), MINUTE));
    const batches = await Promise.all(claims);
    const rest = await b.claimVerificationJobs(100, at(100), MINUTE);
    const ids = [...batches.flat(), ...rest].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(60);
    await Promise.all([a.close(), b.close()]);
  });

  it('migrates once when replicas start together on an empty schema', async () => {
    const first = repoInFreshSchema(2);
    const schema = schemas.at(-1)!;
    const replicas = [first, 2, 3].map((r) =>
      typeof r === 'number' ? createRepository({ kind: 'postgres', url: URL }, { schema, poolSize: 2 }) : r,
    );
    await Promise.all(replicas.map((r) => r.migrate()));
    const { rows } = await admin!.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await Promise.all(replicas.map((r) => r.close()));
  });

  it('refuses a schema name that would need quoting', () => {
    expect(() => createRepository({ kind: 'postgres', url: URL }, { schema: 'x; DROP TABLE y' })).toThrow(
      /schema must be lower-case/,
    );
  });

  it('fails with the command that starts PostgreSQL when the server is down', async () => {
    await expect(requirePostgres('postgres://postgres@127.0.0.1:1/test')).rejects.toThrow(START_HINT);
  });
});
