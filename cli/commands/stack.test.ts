import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gelombang } from '../../test/helpers/cli.js';
import { findOnPath, parseStackUpFlags } from './stack.js';

const bin = mkdtempSync(join(tmpdir(), 'gelombang-stack-flags-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe('gelombang stack up flags', () => {
  it('defaults to 2 instances on a SQLite file in the state folder, balancer on 8080, engine on 9465', () => {
    const o = parseStackUpFlags({}, '');
    expect(o).toMatchObject({
      instances: 2,
      db: { kind: 'sqlite', path: join('.gelombang/stack', 'gelombang.db') },
      freshDatabase: true,
      prometheus: false,
      port: 8080,
      prometheusPort: 9090,
      enginePort: 9465,
      scrapeIntervalSeconds: 5,
    });
  });

  it('takes postgres:// and checks the scrypt cost as the service does', () => {
    const o = parseStackUpFlags({ db: 'postgres://postgres@127.0.0.1:5432/test', scryptCost: '1024' }, '');
    expect(o.db).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(o.freshDatabase).toBe(false);
    expect(parseStackUpFlags({ db: 'sqlite:./keep.db' }, '').freshDatabase).toBe(false);
    expect(o.scryptCost).toBe(1024);
    expect(() => parseStackUpFlags({ scryptCost: '1000' }, '')).toThrow(/power of two/);
  });

  it.each([
    [{ instances: '0' }, /--instances must be a whole number from 1 to 16/],
    [{ instances: 'two' }, /--instances/],
    [{ db: 'mysql://x' }, /--db must be sqlite:PATH or postgres/],
    [{ db: 'sqlite::memory:', instances: '2' }, /its own database/],
    [{ port: '70000' }, /--port must be a whole number from 0 to 65535/],
    [{ prometheusPort: '-1' }, /--prometheus-port must be a whole number/],
    [{ enginePort: '0' }, /--engine-port .* or off/],
    [{ stateDir: join(bin, 'a-file') }, /--state-dir .*a-file is a file, not a folder/],
    [{ stateDir: join(bin, 'a-file', 'below') }, /a-file is a file, not a folder/],
  ])('refuses %j before starting anything', (flags, message) => {
    writeFileSync(join(bin, 'a-file'), '');
    expect(() => parseStackUpFlags(flags, '')).toThrow(message);
  });

  it('says how to install Prometheus when --prometheus is asked and it is missing', () => {
    expect(() => parseStackUpFlags({ prometheus: true }, '')).toThrow(/apt-get install -y prometheus/);
  });

  it('finds an executable prometheus on PATH', () => {
    const fake = join(bin, 'prometheus');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findOnPath('prometheus', `/nonexistent:${bin}`)).toBe(fake);
    expect(parseStackUpFlags({ prometheus: true }, bin).prometheusBinary).toBe(fake);
  });

  it('stack down on a state file edited by hand: exit 1 saying what to do, no stack trace', async () => {
    const state = mkdtempSync(join(tmpdir(), 'gelombang-stack-badstate-'));
    try {
      writeFileSync(join(state, 'stack.json'), '{not json');
      const exit = await gelombang(['stack', 'down', '--state-dir', state]);
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain('is not a gelombang stack state file');
      expect(exit.stderr).toContain('then delete it');
      expect(exit.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('exits 2 when the balancer port is taken, before starting anything', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const taken = await gelombang([
        'stack',
        'up',
        '--port',
        String(port),
        '--state-dir',
        join(bin, 'taken'),
      ]);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toMatch(new RegExp(`--port ${port}: 127.0.0.1:${port} is not free`));
      expect(existsSync(join(bin, 'taken', 'stack.json'))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('exits 2 with the message on the command line, and stack down with no stack says so', async () => {
    const bad = await gelombang(['stack', 'up', '--instances', '99', '--state-dir', bin]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--instances must be a whole number from 1 to 16/);
    // Every flag is registered with commander (an unregistered one would be silently dropped here).
    const port = await gelombang(['stack', 'up', '--prometheus-port', 'abc', '--state-dir', bin]);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--prometheus-port must be a whole number/);
    const down = await gelombang(['stack', 'down', '--state-dir', bin]);
    expect(down.code).toBe(0);
    expect(down.stdout).toMatch(/no stack recorded/);
  });
});
