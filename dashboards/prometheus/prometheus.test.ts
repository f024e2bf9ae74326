// The committed Prometheus config and rules pass Debian's promtool, and every alert has a unit test
// that sees it fire and one that sees it stay quiet. .ci/run installs promtool (Debian's prometheus).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = import.meta.dirname;

function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: DIR, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('promtool not found: apt-get install -y prometheus (.ci/run does)');
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

interface AlertTest {
  alertname: string;
  exp_alerts: unknown[];
}

describe('Prometheus config and rules', () => {
  it('passes promtool check config (the docker-compose scrape config)', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toMatch(/SUCCESS/);
  });

  it('passes promtool check rules', () => {
    expect(promtool('check', 'rules', 'rules/recording.yml', 'rules/alerts.yml')).toMatch(/SUCCESS/);
  });

  it('passes promtool test rules', () => {
    expect(promtool('test', 'rules', 'tests/alerts.test.yml')).toMatch(/SUCCESS/);
  });

  it('tests every alert both firing and not firing', () => {
    const rules = parse(readFileSync(join(DIR, 'rules/alerts.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert?: string }> }>;
    };
    const alerts = rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : [])));
    const tests = parse(readFileSync(join(DIR, 'tests/alerts.test.yml'), 'utf8')) as {
      tests: Array<{ alert_rule_test?: AlertTest[] }>;
    };
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const alert of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${alert} fires in a test`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${alert} stays quiet in a test`,
      ).toBe(true);
    }
  });
});
