import { GelombangError } from '../shared/errors.js';
import { DEFAULT_SEED } from '../generators/options.js';
import { DEFAULT_FUNNEL_CONFIG, type FunnelConfig } from './funnel-config.js';

// Service configuration: defaults < environment < flags, validated once, with messages that say what to do.

export type DbConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface RegistryClientConfig {
  /** Base URL of the population registry; undefined = start the stub in-process on a loopback port. */
  url: string | undefined;
  timeoutMs: number;
  maxInFlight: number;
  /** The registry's concurrency quota, when the operator knows it: a fixed limit on calls in flight.
   *  Undefined = adaptive (AIMD between 1 and maxInFlight; registry/adaptive-limit.ts). */
  concurrency?: number | undefined;
  retries: number;
  breakerFailureThreshold: number;
  breakerResetMs: number;
}

export interface ServiceConfig {
  host: string;
  port: number;
  db: DbConfig;
  registry: RegistryClientConfig;
  sandbox: boolean;
  /** scrypt cost parameter N (a power of two). 16384 is node's default; load tests may lower it. */
  scryptCost: number;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How often the background worker looks for pending NIK verifications. */
  verifyIntervalMs: number;
  sessionTtlSeconds: number;
  emailCodeTtlSeconds: number;
  /** Grace period for draining in-flight requests on SIGTERM. */
  shutdownGraceMs: number;
  /** Seed of the generated population the in-process registry stub answers for (generators' seed). */
  populationSeed: number;
  /** Sign-in, uploads, test, waves (funnel-config.ts). */
  funnel: FunnelConfig;
  // Launch scale (docs/operations.md): admission control, regional offices' bulk registration, admin key.
  /** New sign-ups admitted per second by the waiting room; undefined = no waiting room. */
  waitingRoomRate: number | undefined;
  /** Load shedding (503 + Retry-After) past these limits; undefined = no shedding. */
  shedding: SheddingConfig | undefined;
  /** Regional offices' API keys for POST /api/v1/bulk-registrations: office id → key. Empty = route off. */
  regionalOfficeKeys: Record<string, string>;
  /** Key for the admin routes (wave selection); undefined = admin routes off. */
  adminKey: string | undefined;
}

export interface SheddingConfig {
  /** Mean event-loop delay, ms, past which requests are shed (0 = not checked). */
  maxEventLoopDelayMs: number;
  /** V8 heap in use, bytes, past which requests are shed (0 = not checked). */
  maxHeapUsedBytes: number;
  /** Event-loop utilisation in (0, 1] past which requests are shed (0 = not checked). */
  maxEventLoopUtilization: number;
  /** Retry-After on a shed request, whole seconds. */
  retryAfterSeconds: number;
  /** How often the limits are sampled, ms (under-pressure's sampleInterval). */
  sampleIntervalMs: number;
}

export class ConfigError extends GelombangError<'GLB_ERR_CONFIG_INVALID'> {
  constructor(message: string) {
    super('ConfigError', 'GLB_ERR_CONFIG_INVALID', message);
  }
}

export const DEFAULT_CONFIG: ServiceConfig = {
  host: '127.0.0.1',
  port: 3000,
  db: { kind: 'sqlite', path: './data/gelombang.db' },
  registry: {
    url: undefined,
    timeoutMs: 2000,
    maxInFlight: 64,
    retries: 2,
    breakerFailureThreshold: 10,
    breakerResetMs: 5000,
  },
  sandbox: false,
  scryptCost: 16384,
  bodyLimitBytes: 64 * 1024,
  logLevel: 'info',
  verifyIntervalMs: 500,
  sessionTtlSeconds: 24 * 3600,
  emailCodeTtlSeconds: 3600,
  shutdownGraceMs: 10_000,
  populationSeed: DEFAULT_SEED,
  funnel: DEFAULT_FUNNEL_CONFIG,
  waitingRoomRate: undefined,
  shedding: undefined,
  regionalOfficeKeys: {},
  adminKey: undefined,
};

const DEFAULT_SHEDDING: SheddingConfig = {
  maxEventLoopDelayMs: 0,
  maxHeapUsedBytes: 0,
  maxEventLoopUtilization: 0,
  retryAfterSeconds: 2,
  sampleIntervalMs: 1000,
};

/** Raw settings as strings, from flags or the environment (e.g. { port: '3000', db: 'sqlite:./x.db' }). */
export interface RawServiceSettings {
  host?: string | undefined;
  port?: string | number | undefined;
  db?: string | undefined;
  registryUrl?: string | undefined;
  sandbox?: string | boolean | undefined;
  scryptCost?: string | number | undefined;
  logLevel?: string | undefined;
  registryTimeoutMs?: string | number | undefined;
  registryMaxInFlight?: string | number | undefined;
  populationSeed?: string | number | undefined;
  registryConcurrency?: string | number | undefined;
  waitingRoomRate?: string | number | undefined;
  shedEventLoopDelayMs?: string | number | undefined;
  shedHeapUsedMb?: string | number | undefined;
  shedEventLoopUtilization?: string | number | undefined;
  regionalOfficeKeys?: string | undefined;
  adminKey?: string | undefined;
  dataDir?: string | undefined;
  uploadMaxBytes?: string | number | undefined;
  waveQuota?: string | number | undefined;
  waveFirstOpensAt?: string | undefined;
  waveClock?: string | undefined;
  passMark?: string | number | undefined;
}

/** The environment variable behind each setting, for --help and error messages. */
export const SETTING_ENV: Record<keyof RawServiceSettings, string> = {
  host: 'HOST',
  port: 'PORT',
  db: 'DATABASE_URL',
  registryUrl: 'REGISTRY_URL',
  sandbox: 'GELOMBANG_SANDBOX',
  scryptCost: 'SCRYPT_COST',
  logLevel: 'LOG_LEVEL',
  registryTimeoutMs: 'REGISTRY_TIMEOUT_MS',
  registryMaxInFlight: 'REGISTRY_MAX_IN_FLIGHT',
  populationSeed: 'POPULATION_SEED',
  registryConcurrency: 'REGISTRY_CONCURRENCY',
  waitingRoomRate: 'WAITING_ROOM_RATE',
  shedEventLoopDelayMs: 'SHED_EVENT_LOOP_DELAY_MS',
  shedHeapUsedMb: 'SHED_HEAP_USED_MB',
  shedEventLoopUtilization: 'SHED_EVENT_LOOP_UTILIZATION',
  regionalOfficeKeys: 'REGIONAL_OFFICE_KEYS',
  adminKey: 'ADMIN_KEY',
  dataDir: 'DATA_DIR',
  uploadMaxBytes: 'UPLOAD_MAX_BYTES',
  waveQuota: 'WAVE_QUOTA',
  waveFirstOpensAt: 'WAVE_FIRST_OPENS_AT',
  waveClock: 'WAVE_CLOCK',
  passMark: 'ASSESSMENT_PASS_MARK',
};

export function settingsFromEnv(env: NodeJS.ProcessEnv): RawServiceSettings {
  const out: RawServiceSettings = {};
  for (const [key, name] of Object.entries(SETTING_ENV) as Array<[keyof RawServiceSettings, string]>) {
    const value = env[name];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

function int(name: string, value: string | number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${value}"`);
  }
  return n;
}

function bool(name: string, value: string | boolean): boolean {
  if (typeof value === 'boolean') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false; got "${value}"`);
}

export function parseDb(value: string): DbConfig {
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError(`--db / DATABASE_URL is not a valid URL: use postgres://user@host:5432/db`);
    }
    return { kind: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path === '')
      throw new ConfigError('--db sqlite: needs a path, e.g. sqlite:./data/gelombang.db or sqlite::memory:');
    return { kind: 'sqlite', path };
  }
  throw new ConfigError(`--db / DATABASE_URL must be sqlite:PATH or postgres://…; got "${value}"`);
}

function url(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http:// URL, e.g. http://127.0.0.1:4000; got "${value}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http:// or https:// URL; got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Validates raw settings over the defaults. Throws ConfigError naming the flag and env var. */
export function resolveConfig(raw: RawServiceSettings, base: ServiceConfig = DEFAULT_CONFIG): ServiceConfig {
  const cfg: ServiceConfig = {
    ...base,
    registry: { ...base.registry },
    funnel: { ...base.funnel, waves: { ...base.funnel.waves }, assessment: { ...base.funnel.assessment } },
  };
  if (raw.host !== undefined) {
    if (raw.host.trim() === '') throw new ConfigError('--host / HOST must not be empty');
    cfg.host = raw.host.trim();
  }
  if (raw.port !== undefined) cfg.port = int('--port / PORT', raw.port, 0, 65535);
  if (raw.db !== undefined) cfg.db = parseDb(raw.db);
  if (raw.registryUrl !== undefined) cfg.registry.url = url('--registry-url / REGISTRY_URL', raw.registryUrl);
  if (raw.sandbox !== undefined) cfg.sandbox = bool('--sandbox / GELOMBANG_SANDBOX', raw.sandbox);
  if (raw.scryptCost !== undefined) {
    const n = int('--scrypt-cost / SCRYPT_COST', raw.scryptCost, 2, 1 << 20);
    if ((n & (n - 1)) !== 0)
      throw new ConfigError(`--scrypt-cost / SCRYPT_COST must be a power of two; got ${n}`);
    cfg.scryptCost = n;
  }
  if (raw.logLevel !== undefined) {
    const level = raw.logLevel.trim().toLowerCase();
    if (!(LOG_LEVELS as readonly string[]).includes(level)) {
      throw new ConfigError(
        `--log-level / LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${raw.logLevel}"`,
      );
    }
    cfg.logLevel = level as ServiceConfig['logLevel'];
  }
  if (raw.registryTimeoutMs !== undefined) {
    cfg.registry.timeoutMs = int(
      '--registry-timeout-ms / REGISTRY_TIMEOUT_MS',
      raw.registryTimeoutMs,
      1,
      600_000,
    );
  }
  if (raw.registryMaxInFlight !== undefined) {
    cfg.registry.maxInFlight = int(
      '--registry-max-in-flight / REGISTRY_MAX_IN_FLIGHT',
      raw.registryMaxInFlight,
      1,
      100_000,
    );
  }
  if (raw.populationSeed !== undefined) {
    cfg.populationSeed = int('--population-seed / POPULATION_SEED', raw.populationSeed, 0, 2 ** 32 - 1);
  }
  resolveLaunchScale(raw, cfg);
  resolveFunnelSettings(raw, cfg.funnel);
  return cfg;
}

/** The launch-scale settings (docs/operations.md); 0 turns a limit off. */
function resolveLaunchScale(raw: RawServiceSettings, cfg: ServiceConfig): void {
  if (raw.registryConcurrency !== undefined) {
    const n = int('--registry-concurrency / REGISTRY_CONCURRENCY', raw.registryConcurrency, 0, 100_000);
    cfg.registry.concurrency = n === 0 ? undefined : n;
  }
  if (raw.waitingRoomRate !== undefined) {
    const n = int('--waiting-room-rate / WAITING_ROOM_RATE', raw.waitingRoomRate, 0, 1_000_000);
    cfg.waitingRoomRate = n === 0 ? undefined : n;
  }
  const shedding: SheddingConfig = { ...DEFAULT_SHEDDING, ...cfg.shedding };
  if (raw.shedEventLoopDelayMs !== undefined) {
    shedding.maxEventLoopDelayMs = int(
      '--shed-event-loop-delay-ms / SHED_EVENT_LOOP_DELAY_MS',
      raw.shedEventLoopDelayMs,
      0,
      60_000,
    );
  }
  if (raw.shedHeapUsedMb !== undefined) {
    shedding.maxHeapUsedBytes =
      int('--shed-heap-used-mb / SHED_HEAP_USED_MB', raw.shedHeapUsedMb, 0, 1 << 20) * 1024 * 1024;
  }
  if (raw.shedEventLoopUtilization !== undefined) {
    const text = String(raw.shedEventLoopUtilization).trim();
    const u = /^(0(\.\d+)?|1(\.0+)?)$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(u)) {
      throw new ConfigError(
        `--shed-event-loop-utilization / SHED_EVENT_LOOP_UTILIZATION must be a number from 0 to 1, e.g. 0.95; got "${text}"`,
      );
    }
    shedding.maxEventLoopUtilization = u;
  }
  const sheds =
    shedding.maxEventLoopDelayMs > 0 || shedding.maxHeapUsedBytes > 0 || shedding.maxEventLoopUtilization > 0;
  cfg.shedding = sheds ? shedding : undefined;
  if (raw.regionalOfficeKeys !== undefined) cfg.regionalOfficeKeys = parseOfficeKeys(raw.regionalOfficeKeys);
  if (raw.adminKey !== undefined) {
    if (!/^[\x21-\x7e]{16,256}$/.test(raw.adminKey)) {
      throw new ConfigError('--admin-key / ADMIN_KEY must be 16–256 visible ASCII characters');
    }
    cfg.adminKey = raw.adminKey;
  }
}

/** "office:key,office:key" → { office: key }. Office ids are [a-z0-9-]; keys 16–256 visible characters. */
export function parseOfficeKeys(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9-]{1,64}):([\x21-\x2b\x2d-\x7e]{16,256})$/.exec(entry);
    if (!m) {
      throw new ConfigError(
        '--regional-office-keys / REGIONAL_OFFICE_KEYS must be office:key pairs separated by commas, ' +
          'e.g. disnaker-papua:0123456789abcdef0123 (office [a-z0-9-], key 16–256 characters, no comma)',
      );
    }
    if (out[m[1]!] !== undefined) throw new ConfigError(`regional office "${m[1]}" is listed twice`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

function resolveFunnelSettings(raw: RawServiceSettings, f: FunnelConfig): void {
  if (raw.dataDir !== undefined) {
    if (raw.dataDir.trim() === '') throw new ConfigError('--data-dir / DATA_DIR must not be empty');
    f.dataDir = raw.dataDir.trim();
  }
  if (raw.uploadMaxBytes !== undefined) {
    f.uploadMaxBytes = int(
      '--upload-max-bytes / UPLOAD_MAX_BYTES',
      raw.uploadMaxBytes,
      1024,
      64 * 1024 * 1024,
    );
  }
  if (raw.waveQuota !== undefined)
    f.waves.quota = int('--wave-quota / WAVE_QUOTA', raw.waveQuota, 0, 100_000_000);
  if (raw.waveFirstOpensAt !== undefined) {
    const at = new Date(raw.waveFirstOpensAt);
    if (Number.isNaN(at.getTime()) || !/T\d\d:\d\d/.test(raw.waveFirstOpensAt)) {
      throw new ConfigError(
        `--wave-first-opens-at / WAVE_FIRST_OPENS_AT must be an ISO instant, e.g. 2020-04-11T19:00:00+07:00; got "${raw.waveFirstOpensAt}"`,
      );
    }
    f.waves.firstOpensAt = at;
  }
  if (raw.waveClock !== undefined) {
    const clock = raw.waveClock.trim().toLowerCase();
    if (clock !== 'replay' && clock !== 'wall') {
      throw new ConfigError(`--wave-clock / WAVE_CLOCK must be replay or wall; got "${raw.waveClock}"`);
    }
    f.waves.clock = clock;
  }
  if (raw.passMark !== undefined) {
    const n = typeof raw.passMark === 'number' ? raw.passMark : Number(raw.passMark);
    if (!(Number.isFinite(n) && n > 0 && n <= 1)) {
      throw new ConfigError(
        `--pass-mark / ASSESSMENT_PASS_MARK must be a share of right answers in (0, 1], e.g. 0.6; got "${raw.passMark}"`,
      );
    }
    f.assessment.passMark = n;
  }
}
