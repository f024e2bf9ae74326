// Where and how a run ran: enough to tell two run.json files apart and to repeat a run (same seed and
// options → the same arrivals and applicants).
import { arch, cpus, hostname, platform } from 'node:os';
import type { RunOptions } from './options.js';
import type { MachineEnvironment, RunEnvironment } from './run-result.js';

export const ENGINE_NAME = 'gelombang-engine';
export const ENGINE_VERSION = '0.1.0';

/** The machine a measurement ran on (node version, OS platform and arch, CPU count and model, host
 *  name): shared by run.json and probe.json so both describe it the same way. */
export function machine(): MachineEnvironment {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    host: hostname(),
  };
}

export function runEnvironment(options: RunOptions): RunEnvironment {
  return {
    engine: ENGINE_NAME,
    engineVersion: ENGINE_VERSION,
    ...machine(),
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
