// `gelombang serve --workers 2`: one port, two worker processes, one /metrics that adds up both.
// Connections are spread round-robin over the workers (node:cluster's default on Linux), so 20 requests
// on 20 fresh connections land about half on each: a /metrics answered by one worker alone would count
// about 10, and reading it on four fresh connections asks both workers.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ROOT } from './helpers/child-server.js';

let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'gelombang-cluster-'));
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** GET on a connection of its own (no keep-alive), so the cluster may hand it to either worker. */
function getFresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The primary's children that are service workers (tsx also starts an esbuild helper: not counted). */
function workerPids(primary: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(primary), '-o', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('cli/index.ts'))
      .map((l) => Number.parseInt(l.trim(), 10))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

test('serve --workers 2: one port, two processes, one aggregated /metrics; SIGTERM drains all', async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/index.ts', 'serve', '--workers', '2', '--port', '0', '--log-level', 'warn'],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cluster.db')}` } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (c) => {
      out += String(c);
      const m = /listening on (http:\/\/\S+) \(database: sqlite, workers: 2\)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child!.stderr!.on('data', (c) => {
      out += String(c);
    });
    child!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  expect(workerPids(child.pid!)).toHaveLength(2);

  for (let i = 0; i < 20; i++) expect((await getFresh(`${url}/healthz`)).status).toBe(200);
  for (let i = 0; i < 4; i++) {
    const { status, body } = await getFresh(`${url}/metrics`);
    expect(status).toBe(200);
    expect(body).not.toContain('aggregation unavailable');
    expect(body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"} 20',
    );
  }

  const pids = workerPids(child.pid!);
  const exited = new Promise<number | null>((r) => child!.once('exit', r));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(); // the workers are gone too
}, 60_000);
