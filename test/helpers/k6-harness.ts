// A small k6 API for tests: runs a k6 bundle (dist/k6/*.js) in a node:vm context whose `k6`, `k6/http`,
// `k6/metrics` and `k6/execution` modules behave as k6's do for what the bundles use — synchronous HTTP
// over real sockets (a worker thread does the request while this thread waits on Atomics, as a k6 VU
// blocks), groups, sleep, custom metrics, exec.scenario.iterationInTest. Any other import fails the load,
// so a passing load shows the bundle's imports resolve to k6's modules only.
import { createContext, Script } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { transform } from 'esbuild';

export interface HarnessRequest {
  method: string;
  url: string;
  status: number;
  body: string | null;
  group: string | null;
  tags: Record<string, string>;
  /** What the bundle's response callback says: false = counted in http_req_failed. */
  expected: boolean;
}

export interface MetricSample {
  metric: string;
  value: number;
  tags: Record<string, string> | undefined;
}

/** What the bundles put in options.scenarios (scenarios/k6/options.ts). */
export type ArrivalRateScenario = import('../../scenarios/k6/options.js').ArrivalRateScenario;

interface RequestParams {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string;
  responseCallback?: (status: number) => boolean;
}

export interface LoadedBundle {
  options: {
    scenarios: Record<string, ArrivalRateScenario>;
    thresholds: Record<string, unknown>;
  };
  setup(): unknown;
  journey(): void;
  requests: HarnessRequest[];
  samples: MetricSample[];
  /** The iteration k6 would be running: set before each journey() call. */
  iterationInTest: number;
  close(): Promise<void>;
}

const HTTP_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const data = new Uint8Array(workerData.data);
parentPort.on('message', async (req) => {
  let answer;
  try {
    const res = await fetch(req.url, {
      method: req.method, headers: req.headers, body: req.body ?? undefined,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const headers = {};
    res.headers.forEach((value, name) => { headers[name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase())] = value; });
    answer = { status: res.status, headers, body: await res.text() };
  } catch (err) {
    answer = { status: 0, headers: {}, body: '', error: String(err) };
  }
  const bytes = Buffer.from(JSON.stringify(answer));
  data.set(bytes.subarray(0, data.length));
  Atomics.store(flag, 1, Math.min(bytes.length, data.length));
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** k6's duration strings as ms ('30s', '500ms', '1m'). */
function durationMs(text: string | undefined, fallback: number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text ?? '');
  if (match === null) return fallback;
  return Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[match[2]!]!;
}

export async function loadBundle(source: string, env: Record<string, string>): Promise<LoadedBundle> {
  const flagBuffer = new SharedArrayBuffer(8);
  const dataBuffer = new SharedArrayBuffer(4 << 20);
  const flag = new Int32Array(flagBuffer);
  const worker = new Worker(HTTP_WORKER, { eval: true, workerData: { flag: flagBuffer, data: dataBuffer } });
  const requests: HarnessRequest[] = [];
  const samples: MetricSample[] = [];
  let currentGroup: string | null = null;
  let responseCallback: ((status: number) => boolean) | null = null;
  const state = { iterationInTest: 0 };

  const syncFetch = (req: object): { status: number; headers: Record<string, string>; body: string } => {
    Atomics.store(flag, 0, 0);
    worker.postMessage(req);
    while (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') throw new Error('harness: HTTP worker hung');
    const length = Atomics.load(flag, 1);
    return JSON.parse(Buffer.from(new Uint8Array(dataBuffer, 0, length)).toString('utf8'));
  };

  const request = (method: string, url: string, body?: string | null, params: RequestParams = {}) => {
    const res = syncFetch({
      method,
      url,
      body: body ?? null,
      headers: params.headers ?? {},
      timeoutMs: durationMs(params.timeout, 60_000),
    });
    const expected =
      params.responseCallback !== undefined
        ? params.responseCallback(res.status)
        : responseCallback === null
          ? res.status >= 200 && res.status < 400
          : responseCallback(res.status);
    requests.push({
      method,
      url,
      status: res.status,
      body: body ?? null,
      group: currentGroup,
      tags: params.tags ?? {},
      expected,
    });
    return { ...res, request: { method, url } };
  };

  const metricClass = (kind: string) =>
    class {
      constructor(readonly name: string) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid ${kind} name ${name}`);
      }
      add(value: number | boolean, tags?: Record<string, string>) {
        samples.push({ metric: this.name, value: Number(value), tags });
      }
    };

  const modules: Record<string, unknown> = {
    k6: {
      group: <T>(name: string, fn: () => T): T => {
        const outer = currentGroup;
        currentGroup = name;
        try {
          return fn();
        } finally {
          currentGroup = outer;
        }
      },
      sleep: (seconds: number) => {
        if (seconds > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
      },
      check: () => true,
      fail: (message: string) => {
        throw new Error(message);
      },
    },
    'k6/http': {
      request,
      get: (url: string, params?: object) => request('GET', url, null, params),
      post: (url: string, body?: string, params?: object) => request('POST', url, body, params),
      expectedStatuses:
        (...specs: Array<number | { min: number; max: number }>) =>
        (status: number) =>
          specs.some((s) => (typeof s === 'number' ? s === status : status >= s.min && status <= s.max)),
      setResponseCallback: (callback: (status: number) => boolean) => {
        responseCallback = callback;
      },
    },
    'k6/metrics': {
      Counter: metricClass('Counter'),
      Rate: metricClass('Rate'),
      Trend: metricClass('Trend'),
      Gauge: metricClass('Gauge'),
    },
    'k6/execution': {
      scenario: {
        get iterationInTest() {
          return state.iterationInTest;
        },
      },
    },
  };

  // The bundle is an ES module; as CommonJS it can run in a plain vm Script with our require().
  const cjs = await transform(source, { format: 'cjs', target: 'es2015', loader: 'js' });
  const module = { exports: {} as Record<string, unknown> };
  const context = createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      if (!(name in modules)) throw new Error(`the bundle imports "${name}", which k6 does not provide`);
      const m = modules[name] as object;
      return { ...m, default: m, __esModule: true };
    },
    __ENV: { ...env },
    console,
  });
  new Script(cjs.code, { filename: 'bundle.js' }).runInContext(context);
  const exported = module.exports as Pick<LoadedBundle, 'options' | 'setup' | 'journey'> & {
    default: () => void;
  };
  return {
    options: exported.options,
    setup: exported.setup,
    journey: exported.journey ?? exported.default,
    requests,
    samples,
    get iterationInTest() {
      return state.iterationInTest;
    },
    set iterationInTest(value: number) {
      state.iterationInTest = value;
    },
    close: () => worker.terminate().then(() => undefined),
  };
}

/** The iterations instance `k` of `n` equal execution segments (0:1/n, 1/n:2/n, …) runs, as k6 stripes
 *  arrival-rate iterations over a segment sequence of equal parts: k, k + n, k + 2n, … */
export function segmentIterations(k: number, n: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => k + i * n);
}
