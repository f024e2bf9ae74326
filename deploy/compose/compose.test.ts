// docker-compose.yml, the Dockerfile and Grafana's provisioning, checked without Docker: Debian's
// docker-compose validates the file, and the paths the containers read resolve to files in the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DASHBOARDS } from '../../dashboards/src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] };
}

function compose(): Record<string, ComposeService> {
  return (
    parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, ComposeService>;
    }
  ).services;
}

/** The repository folder that a container path is mounted from, following the service's bind mounts. */
function hostPath(service: ComposeService, containerPath: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target] = volume.split(':');
    if (source === undefined || target === undefined || !source.startsWith('./')) continue;
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return join(ROOT, source, posix.relative(target, containerPath));
    }
  }
  return undefined;
}

/** The user the final stage of a Dockerfile runs as (the last USER after the last FROM), or 'root'. */
function finalStageUser(dockerfile: string): string {
  const lines = dockerfile.split('\n').map((l) => l.trim());
  const lastFrom = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  const user = lines
    .slice(lastFrom)
    .filter((l) => /^USER\s/i.test(l))
    .at(-1);
  return user === undefined ? 'root' : user.split(/\s+/)[1]!.split(':')[0]!;
}

describe('docker-compose.yml', () => {
  it('is accepted by docker-compose config', () => {
    try {
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', '--profile', 'k6', 'config', '--quiet'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
      if (e.code === 'ENOENT')
        throw new Error('docker-compose not found: apt-get install -y docker-compose (.ci/run does)');
      throw new Error(`docker-compose config rejected the file:\n${String(e.stderr)}`);
    }
  });

  it('runs two or more service replicas behind nginx, every dependency waiting on a healthcheck', () => {
    const services = compose();
    expect(services.service?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.lb?.image).toMatch(/^nginx:/);
    expect(services.prometheus?.command).toContain('--web.enable-remote-write-receiver');
    expect(services.k6?.profiles).toEqual(['k6']);
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, how] of Object.entries(service.depends_on ?? {})) {
        expect(how.condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(services[dependency]?.healthcheck, `${dependency} has a healthcheck`).toBeDefined();
      }
    }
  });

  it('mounts files that exist: nginx config, Prometheus config and rules, k6 bundles folder', () => {
    const services = compose();
    expect(existsSync(hostPath(services.lb!, '/etc/nginx/conf.d/default.conf')!)).toBe(true);
    const prometheusYml = hostPath(services.prometheus!, '/etc/prometheus/prometheus.yml')!;
    expect(existsSync(prometheusYml)).toBe(true);
    const config = parse(readFileSync(prometheusYml, 'utf8')) as { rule_files: string[] };
    for (const rules of config.rule_files)
      expect(existsSync(join(prometheusYml, '..', rules)), rules).toBe(true);
    // dist/k6 is built by `gelombang k6 build`; the compose file must point there.
    expect(relative(ROOT, hostPath(services.k6!, '/bundles/smoke.js')!)).toBe(join('dist', 'k6', 'smoke.js'));
  });
});

describe('Grafana provisioning', () => {
  const grafana = () => compose().grafana!;
  const provisioning = (sub: string) => {
    const dir = hostPath(grafana(), `/etc/grafana/provisioning/${sub}`)!;
    return readdirSync(dir).map((f) => parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
  };

  it('loads every dashboard JSON file the builders write', () => {
    const providers = provisioning('dashboards').flatMap(
      (f) => f.providers as Array<{ options: { path: string } }>,
    );
    expect(providers.length).toBe(1);
    const dir = hostPath(grafana(), providers[0]!.options.path)!;
    expect(relative(ROOT, dir)).toBe(join('dashboards', 'json'));
    for (const { file } of DASHBOARDS) expect(existsSync(join(dir, file)), file).toBe(true);
  });

  it('points the default datasource at the compose Prometheus', () => {
    const datasources = provisioning('datasources').flatMap(
      (f) => f.datasources as Array<{ type: string; url: string; isDefault: boolean }>,
    );
    expect(datasources).toEqual([
      expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090', isDefault: true }),
    ]);
    expect(compose().prometheus).toBeDefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('runs its final stage as a non-root user', () => {
    expect(['root', '0']).not.toContain(finalStageUser(dockerfile));
  });

  it('is multi-stage and installs from the lockfile', () => {
    expect(dockerfile.match(/^FROM\s/gim)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
    expect(dockerfile).toMatch(/npm ci/);
  });

  it('finalStageUser reads the last stage only', () => {
    expect(finalStageUser('FROM a AS b\nUSER node\nFROM c\nRUN x')).toBe('root');
    expect(finalStageUser('FROM a AS b\nFROM c\nUSER 1000:1000')).toBe('1000');
    expect(finalStageUser('FROM a\nUSER root')).toBe('root');
  });
});
