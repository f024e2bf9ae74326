import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ruleFiles } from './paths.js';
import { JOBS, localScrapeConfig } from './scrape-config.js';

const dir = mkdtempSync(join(tmpdir(), 'gelombang-scrape-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = localScrapeConfig({
  services: ['127.0.0.1:41001', '127.0.0.1:41002'],
  registryStub: '127.0.0.1:41003',
  engine: '127.0.0.1:9465',
  prometheus: '127.0.0.1:9090',
  ruleFiles: ruleFiles(),
  intervalSeconds: 2,
});

describe('local scrape config', () => {
  it('is valid for promtool, rules included', () => {
    const file = join(dir, 'prometheus.yml');
    writeFileSync(file, config);
    const out = execFileSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
    expect(out).toMatch(/SUCCESS: 2 rule files found/);
  });

  it('has the docker-compose config’s job names, so the dashboards and rules select the same series', () => {
    const local = (parse(config) as { scrape_configs: Array<{ job_name: string }> }).scrape_configs.map(
      (j) => j.job_name,
    );
    const composePath = join(import.meta.dirname, '..', '..', 'dashboards', 'prometheus', 'prometheus.yml');
    const compose = (
      parse(readFileSync(composePath, 'utf8')) as { scrape_configs: Array<{ job_name: string }> }
    ).scrape_configs.map((j) => j.job_name);
    expect(local).toEqual([JOBS.service, JOBS.registryStub, JOBS.engine, 'prometheus']);
    // The compose stack has no engine (k6 writes in by remote write instead).
    expect(compose).toEqual(local.filter((j) => j !== JOBS.engine));
  });

  it('scrapes every instance and the engine at the ports given', () => {
    const parsed = parse(config) as {
      global: { scrape_interval: string };
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    expect(parsed.global.scrape_interval).toBe('2s');
    const targets = Object.fromEntries(
      parsed.scrape_configs.map((j) => [j.job_name, j.static_configs[0]!.targets]),
    );
    expect(targets[JOBS.service]).toEqual(['127.0.0.1:41001', '127.0.0.1:41002']);
    expect(targets[JOBS.engine]).toEqual(['127.0.0.1:9465']);
  });
});
