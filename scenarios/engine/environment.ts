// Where and how a run ran: enough to tell two run.json files apart and to repeat a run (same seed and
// options → the same arrivals and applicants).
import { arch, cpus, hostname, platform } from 'node:os';
import type { RunOptions } from './options.js';
import type { RunEnvironment } from './run-result.js';

export const ENGINE_NAME = 'gelombang-engine';
export const ENGINE_VERSION = '0.1.0';

export function runEnvironment(options: RunOptions): RunEnvironment {
  const cpuList = cpus();
  return {
    engine: ENGINE_NAME,
    engineVersion: ENGINE_VERSION,
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    host: hostname(),
    seed: options.seed,
    options: {
      target: options.origin + options.basePath,
      scale: options.scale,
      timeScale: options.timeScale,
      thinkScale: options.thinkScale,
      durationSeconds: options.durationSeconds,
      workers: options.workers,
      maxInFlight: options.maxInFlight,
      connections: options.connections,
      timeoutMs: options.timeoutMs,
      gracefulStopSeconds: options.gracefulStopSeconds,
      arrivalProcess: options.arrivalProcess,
    },
  };
}
