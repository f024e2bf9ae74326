// Reads the two counters the probe needs from a Prometheus text exposition (format 0.0.4, as prom-client
// writes it): process_cpu_seconds_total and http_request_duration_seconds_count by method and route.
// Our own few lines, because the npm parser (parse-prometheus-text-format 1.1.1) drops the labels and the
// _count series of prom-client's histograms. Comments, HELP/TYPE lines and other series are skipped.

export interface ServiceCounters {
  /** process_cpu_seconds_total, seconds of CPU since the process started. */
  cpuSeconds: number;
  /** http_request_duration_seconds_count summed over status codes, keyed "METHOD route" (e.g.
   *  "POST /api/v1/accounts"). */
  requestsByRoute: Map<string, number>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Label values as written, with the exposition's escapes (\\, \", \n) undone. */
function labelsOf(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === undefined) return out;
  for (const m of text.matchAll(LABEL)) {
    out[m[1]!] = m[2]!.replace(/\\(["\\n])/g, (_all, c: string) => (c === 'n' ? '\n' : c));
  }
  return out;
}

/** The counters, or null when the exposition lacks process_cpu_seconds_total (not a prom-client
 *  service with default metrics: the demand law then has no busy time to work with). */
export function readServiceCounters(exposition: string): ServiceCounters | null {
  let cpuSeconds: number | null = null;
  const requestsByRoute = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (m === null) continue;
    const [, name, labelText, valueText] = m;
    if (name === 'process_cpu_seconds_total') {
      cpuSeconds = Number(valueText);
    } else if (name === 'http_request_duration_seconds_count') {
      const labels = labelsOf(labelText);
      const key = `${labels['method'] ?? '?'} ${labels['route'] ?? '?'}`;
      requestsByRoute.set(key, (requestsByRoute.get(key) ?? 0) + Number(valueText));
    }
  }
  if (cpuSeconds === null || !Number.isFinite(cpuSeconds)) return null;
  return { cpuSeconds, requestsByRoute };
}
