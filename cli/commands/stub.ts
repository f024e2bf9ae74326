// `gelombang stub registry`: the population-registry stub (Dukcapil's NIK check, simulated) on its own
// port, with the latency, capacity and outages of April 2020's "ministries' servers could not keep up"
// (launch-facts.md) set by flags and changeable at runtime with PUT /admin/behaviour.
import { type Command, Option } from 'commander';
import { DEFAULT_SEED } from '../../generators/options.js';
import {
  type OutageWindow,
  type StubBehaviour,
  StubBehaviourError,
  validateBehaviour,
} from '../../target-service/registry/stub-behaviour.js';
import type { SideRegistry } from '../../target-service/registry/stub-app.js';
import { startRegistryStub } from '../../target-service/registry/stub-server.js';
import { UsageError } from '../errors.js';
import { registerFunnelStub } from './stub-funnel.js';

/** Flag values as commander hands them over (from the command line or the environment). */
export interface StubRegistryFlags {
  port?: string;
  host?: string;
  seed?: string;
  latencyMeanMs?: string;
  latencySigma?: string;
  maxConcurrent?: string;
  overload?: string;
  maxQueue?: string;
  errorRate?: string;
  outage?: string;
  dapodik?: string;
  dtks?: string;
}

export interface StubRegistrySettings {
  host: string;
  port: number;
  seed: number;
  behaviour: Partial<StubBehaviour>;
  /** Dapodik's and DTKS's own behaviour (the stub serves them too). */
  registries: Partial<Record<SideRegistry, Partial<StubBehaviour>>>;
}

const FLAGS: Record<keyof StubRegistryFlags, { flag: string; env: string; help: string; fallback?: string }> =
  {
    port: {
      flag: '--port <port>',
      env: 'REGISTRY_STUB_PORT',
      help: 'port, 0 = any free port',
      fallback: '4000',
    },
    host: {
      flag: '--host <host>',
      env: 'REGISTRY_STUB_HOST',
      help: 'address to listen on',
      fallback: '127.0.0.1',
    },
    seed: {
      flag: '--seed <n>',
      env: 'REGISTRY_STUB_SEED',
      help: 'seed of the population and the latency draws',
      fallback: String(DEFAULT_SEED),
    },
    latencyMeanMs: {
      flag: '--latency-mean-ms <ms>',
      env: 'REGISTRY_STUB_LATENCY_MEAN_MS',
      help: 'mean service time (lognormal)',
      fallback: '80',
    },
    latencySigma: {
      flag: '--latency-sigma <s>',
      env: 'REGISTRY_STUB_LATENCY_SIGMA',
      help: 'lognormal shape: 0 constant, 1 long tail',
      fallback: '0.5',
    },
    maxConcurrent: {
      flag: '--max-concurrent <n>',
      env: 'REGISTRY_STUB_MAX_CONCURRENT',
      help: 'calls served at once',
      fallback: '50',
    },
    overload: {
      flag: '--overload <mode>',
      env: 'REGISTRY_STUB_OVERLOAD',
      help: 'beyond capacity: 429 at once, or queue',
      fallback: '429',
    },
    maxQueue: {
      flag: '--max-queue <n>',
      env: 'REGISTRY_STUB_MAX_QUEUE',
      help: 'queued calls before 429 (with --overload queue)',
      fallback: '1000',
    },
    errorRate: {
      flag: '--error-rate <p>',
      env: 'REGISTRY_STUB_ERROR_RATE',
      help: 'share of calls answered 500, 0–1',
      fallback: '0',
    },
    outage: {
      flag: '--outage <windows>',
      env: 'REGISTRY_STUB_OUTAGE',
      help: 'comma-separated windows answering 503, from the start, e.g. 30s-90s,5m-6m',
    },
    dapodik: {
      flag: '--dapodik <json>',
      env: 'REGISTRY_STUB_DAPODIK',
      help: 'the education registry\'s own behaviour, as PUT /admin/behaviour/dapodik takes it, e.g. \'{"latencyMeanMs":300,"maxConcurrent":10}\'',
    },
    dtks: {
      flag: '--dtks <json>',
      env: 'REGISTRY_STUB_DTKS',
      help: "the social-aid registry's own behaviour, e.g. '{\"down\":true}'",
    },
  };

/** --dapodik / --dtks: a JSON behaviour object, checked with the same rules as the admin route. */
function sideBehaviour(
  key: 'dapodik' | 'dtks',
  text: string | undefined,
): Partial<StubBehaviour> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${where(key)} must be a JSON object such as '{"latencyMeanMs":300}'; got "${text}"`,
    );
  }
  try {
    return validateBehaviour(parsed);
  } catch (err) {
    if (err instanceof StubBehaviourError) throw new UsageError(`${where(key)}: ${err.message}`);
    throw err;
  }
}

function where(key: keyof StubRegistryFlags): string {
  return `${FLAGS[key].flag.split(' ')[0]} / ${FLAGS[key].env}`;
}

function number(
  key: keyof StubRegistryFlags,
  text: string,
  whole: boolean,
  min: number,
  max: number,
): number {
  const pattern = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const n = pattern.test(text.trim()) ? Number(text) : Number.NaN;
  if (Number.isNaN(n) || n < min || n > max) {
    const kind = whole ? 'a whole number' : 'a number';
    throw new UsageError(`${where(key)} must be ${kind} from ${min} to ${max}; got "${text}"`);
  }
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function duration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/** "30s-90s,5m-6m" → windows in ms from the stub's start. */
export function parseOutages(text: string): OutageWindow[] {
  return text.split(',').map((part) => {
    const [from, to, ...rest] = part.split('-');
    const startMs = from === undefined ? undefined : duration(from);
    const endMs = to === undefined ? undefined : duration(to);
    if (rest.length > 0 || startMs === undefined || endMs === undefined || endMs <= startMs) {
      throw new UsageError(
        `${where('outage')} must be START-END windows with units ms, s, m or h, START before END, ` +
          `comma-separated (e.g. 30s-90s,5m-6m); got "${part}"`,
      );
    }
    return { startMs, endMs };
  });
}

/** Validates every flag before anything listens; messages name the flag and its variable. */
export function parseStubRegistryFlags(flags: StubRegistryFlags): StubRegistrySettings {
  const text = (key: keyof StubRegistryFlags) => flags[key] ?? FLAGS[key].fallback;
  const host = text('host')!.trim();
  if (host === '') throw new UsageError(`${where('host')} must not be empty; use 127.0.0.1`);
  const overload = text('overload')!.trim();
  if (overload !== '429' && overload !== 'queue') {
    throw new UsageError(`${where('overload')} must be 429 or queue; got "${overload}"`);
  }
  const raw: Partial<StubBehaviour> = {
    latencyMeanMs: number('latencyMeanMs', text('latencyMeanMs')!, false, 0, 600_000),
    latencySigma: number('latencySigma', text('latencySigma')!, false, 0, 5),
    maxConcurrent: number('maxConcurrent', text('maxConcurrent')!, true, 1, 1_000_000),
    overload,
    maxQueue: number('maxQueue', text('maxQueue')!, true, 0, 10_000_000),
    errorRate: number('errorRate', text('errorRate')!, false, 0, 1),
    outages: flags.outage === undefined || flags.outage.trim() === '' ? [] : parseOutages(flags.outage),
  };
  let behaviour: Partial<StubBehaviour>;
  try {
    behaviour = validateBehaviour(raw); // the same rules as setBehaviour and PUT /admin/behaviour
  } catch (err) {
    if (err instanceof StubBehaviourError) throw new UsageError(err.message);
    throw err;
  }
  const registries: StubRegistrySettings['registries'] = {};
  for (const key of ['dapodik', 'dtks'] as const) {
    const b = sideBehaviour(key, flags[key]);
    if (b !== undefined) registries[key] = b;
  }
  return {
    host,
    port: number('port', text('port')!, true, 0, 65535),
    seed: number('seed', text('seed')!, true, 0, 2 ** 32 - 1),
    behaviour,
    registries,
  };
}

export function register(program: Command): void {
  const stub = program
    .command('stub')
    .description('Start stand-ins for the services a registration depends on, or for the service itself');
  registerFunnelStub(stub);
  const registry = stub
    .command('registry')
    .description(
      'Start the population-registry stub (the Dukcapil NIK check, simulated).\n' +
        'Routes: POST /v1/nik/verify, GET /v1/nik/:nik, /healthz, /metrics,\n' +
        'GET /v1/dapodik/:nik and GET /v1/dtks/:nik (education and social-aid registries, each with its own\n' +
        'behaviour), and PUT /admin/behaviour[/dapodik|/dtks] (loopback only) to change them while it runs.',
    );
  for (const spec of Object.values(FLAGS)) {
    const fallback = spec.fallback === undefined ? '' : ` (default ${spec.fallback})`;
    registry.addOption(new Option(spec.flag, spec.help + fallback).env(spec.env));
  }
  registry
    .addHelpText(
      'after',
      `
Flags override environment variables, which override the defaults. The population is the generators'
registryRecord(seed, nik): use the same --seed as the scenario so the stub knows its applicants.

Examples:
  gelombang stub registry                                   # 127.0.0.1:4000, 80 ms mean, 50 at once
  gelombang stub registry --max-concurrent 20 --overload queue --max-queue 500
  gelombang stub registry --error-rate 0.05 --outage 30s-90s,5m-6m
  gelombang stub registry --dapodik '{"latencyMeanMs":400,"maxConcurrent":10}'   # a slow education registry
  REGISTRY_STUB_PORT=0 gelombang stub registry              # any free port; the URL is printed
  curl -X PUT -H 'content-type: application/json' -d '{"down":true}' http://127.0.0.1:4000/admin/behaviour`,
    )
    .action(async (flags: StubRegistryFlags) => {
      const settings = parseStubRegistryFlags(flags);
      const running = await startRegistryStub({
        host: settings.host,
        port: settings.port,
        seed: settings.seed,
        behaviour: settings.behaviour,
        registries: settings.registries,
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE' || err.code === 'EADDRNOTAVAIL' || err.code === 'EACCES') {
          throw new UsageError(
            `cannot listen on ${settings.host}:${settings.port} (${err.code}); pick another ${where('port')} (0 = any free port) or ${where('host')}`,
          );
        }
        throw err;
      });
      const b = running.behaviour();
      process.stdout.write(
        `registry stub listening on ${running.url} (seed ${settings.seed}, latency mean ${b.latencyMeanMs} ms ` +
          `sigma ${b.latencySigma}, max concurrent ${b.maxConcurrent}, overload ${b.overload})\n`,
      );
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          process.stdout.write(`registry stub: ${signal}, closing\n`);
          running.close().then(resolve, resolve);
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
    });
}
