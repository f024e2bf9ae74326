// The Prometheus configuration of the local stack: the same jobs as dashboards/prometheus/prometheus.yml
// (the docker-compose one), with the ports the local processes actually got. Written as JSON, which is
// YAML too, so no YAML library is needed at run time.

export interface LocalScrapeTargets {
  /** host:port of each service instance. */
  services: readonly string[];
  registryStub: string;
  /** host:port where a load run serves its live metrics (`gelombang run --metrics-port`), if any. */
  engine?: string | undefined;
  prometheus: string;
  ruleFiles: readonly string[];
  /** Scrape and rule evaluation interval, seconds (default 5). */
  intervalSeconds?: number;
}

/** The job names the dashboards and rules select on; docker-compose's config uses the same. */
export const JOBS = {
  service: 'gelombang-service',
  registryStub: 'gelombang-registry-stub',
  engine: 'gelombang-engine',
} as const;

export function localScrapeConfig(t: LocalScrapeTargets): string {
  const interval = `${t.intervalSeconds ?? 5}s`;
  const job = (name: string, targets: readonly string[]) => ({
    job_name: name,
    static_configs: [{ targets: [...targets] }],
  });
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: [...t.ruleFiles],
    scrape_configs: [
      job(JOBS.service, t.services),
      job(JOBS.registryStub, [t.registryStub]),
      ...(t.engine === undefined ? [] : [job(JOBS.engine, [t.engine])]),
      job('prometheus', [t.prometheus]),
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
