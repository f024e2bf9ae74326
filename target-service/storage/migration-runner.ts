// Applies MIGRATIONS that schema_migrations does not list yet, one dialect each. Both hold a lock
// for the whole run, so processes or replicas starting together apply each version exactly once.

import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL } from './migrations.js';

/** SQLite: BEGIN IMMEDIATE takes the file's write lock, so a second process waits (busy_timeout). */
export function migrateSqlite(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE_SQL.sqlite);
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      db.exec(m.sqlite);
      record.run(m.version, m.name, Date.now());
    }
  }).immediate();
}

/** PostgreSQL, inside the caller's transaction: DDL is transactional, and the advisory lock (one
 *  per schema, released at COMMIT) queues replicas so none races another's CREATE TABLE. */
export async function migratePostgres(client: pg.PoolClient, schema: string | undefined): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`gelombang:migrate:${schema ?? ''}`]);
  // The caller validated the name (lower-case identifier), so it needs no quoting.
  if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(MIGRATIONS_TABLE_SQL.postgres);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await client.query(m.postgres);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
}
