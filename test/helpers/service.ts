// Starts the real service (SQLite file in a temp dir, in-process registry stub, loopback port) for a test,
// with its log lines captured so tests can check what was logged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEFAULT_CONFIG, type ServiceConfig } from '../../target-service/config.js';
import { type RunningService, startService } from '../../target-service/server.js';

export interface TestService extends RunningService {
  logs: string[];
  dir: string;
}

export async function startTestService(overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'gelombang-test-'));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config: ServiceConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    db: { kind: 'sqlite', path: join(dir, 'service.db') },
    sandbox: true,
    scryptCost: 1024,
    logLevel: 'info',
    ...overrides,
    registry: { ...DEFAULT_CONFIG.registry, ...overrides.registry },
  };
  const service = await startService(config, { logStream });
  return {
    ...service,
    logs,
    dir,
    async close() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request; `body` may be a raw string to send malformed input as is. */
export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined
      ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }
      : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body: body as T, headers: res.headers };
}
