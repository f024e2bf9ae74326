// The one place that turns a DbConfig into a Repository. Callers run `await repo.migrate()` before
// use (the server does it on start; tests right after creating the repository):
//   const repo = createRepository({ kind: 'sqlite', path: ':memory:' });
//   await repo.migrate();

import type { DbConfig } from '../config.js';
import { PostgresRepository } from './postgres-repository.js';
import { SqliteRepository } from './sqlite-repository.js';
import type { Repository } from './types.js';

export interface CreateRepositoryOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: schema to work in (created by migrate(); default: the server's search_path). */
  schema?: string;
  /** PostgreSQL: how long a query waits for a pooled connection before failing (default 10,000 ms). */
  connectionTimeoutMs?: number;
  /** SQLite: how long a writer waits for another process's lock (default 5000 ms). */
  busyTimeoutMs?: number;
}

export function createRepository(db: DbConfig, opts: CreateRepositoryOptions = {}): Repository {
  switch (db.kind) {
    case 'sqlite':
      return new SqliteRepository(db.path, { busyTimeoutMs: opts.busyTimeoutMs });
    case 'postgres':
      return new PostgresRepository(db.url, {
        poolSize: opts.poolSize,
        schema: opts.schema,
        connectionTimeoutMs: opts.connectionTimeoutMs,
      });
  }
}
