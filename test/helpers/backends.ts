// Runs a describe block against the real service on each storage backend: SQLite (a temp file) and
// PostgreSQL (a schema of its own, dropped after). No PostgreSQL = a failed run with the command that
// starts it, never a skipped suite.
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ServiceConfig } from '../../target-service/config.js';
import { startTestService, type TestService } from './service.js';

const PG_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const START_HINT = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
let schemas = 0;

export type Backend = 'sqlite' | 'postgres';

export function describeOnBothBackends(
  name: string,
  overrides: Partial<ServiceConfig>,
  body: (service: () => TestService, backend: Backend) => void,
): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    describe(`${name} (${backend})`, () => {
      let service: TestService | undefined;
      let admin: pg.Client | undefined;
      const schema = `glb_funnel_${process.pid}_${Date.now().toString(36)}_${++schemas}`;
      beforeAll(async () => {
        if (backend === 'sqlite') {
          service = await startTestService({ logLevel: 'warn', ...overrides });
          return;
        }
        admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
        await admin.connect().catch((err: Error) => {
          throw new Error(
            `PostgreSQL is not reachable at ${PG_URL} (${err.message}); start it with ${START_HINT}`,
          );
        });
        await admin.query(`CREATE SCHEMA ${schema}`);
        const url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        service = await startTestService({ logLevel: 'warn', ...overrides, db: { kind: 'postgres', url } });
      });
      afterAll(async () => {
        await service?.close();
        await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin?.end();
      });
      body(() => {
        if (service === undefined) throw new Error('the service did not start');
        return service;
      }, backend);
    });
  }
}
