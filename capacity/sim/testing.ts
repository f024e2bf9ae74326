// Fixtures for simulator tests: an M/M/c queue as a scenario (constant Poisson arrivals, the one-request
// ping journey) and a model where only the event loop does work (exponential service).
import type { Scenario } from '../../scenarios/model/types.js';
import { defaultModel } from '../model/load-model.js';
import type { CapacityModel } from '../types.js';

export function constantRateScenario(ratePerSecond: number, seconds: number, journey = 'ping'): Scenario {
  return {
    name: `constant-${ratePerSecond}`,
    description: 'constant Poisson arrivals (tests)',
    profile: {
      name: 'constant',
      description: 'constant rate',
      startRate: ratePerSecond,
      stages: [{ durationSeconds: seconds, target: ratePerSecond }],
    },
    journey,
    thresholds: [],
    data: { seed: 1, startIndex: 0 },
  };
}

/** c servers (instances), exponential service with mean 1/μ seconds, nothing else. */
export function mmcModel(servers: number, serviceRate: number): CapacityModel {
  const m = defaultModel();
  const p = (value: number, unit: string) => ({ value, unit, source: 'edited' as const });
  m.name = `M/M/${servers}`;
  m.service.instances = p(servers, 'count');
  m.service.cpuDemandSeconds = { '*': p(1 / serviceRate, 's') };
  m.service.cpuDistribution = { kind: 'exponential' };
  m.threadPool.steps = [];
  m.database.demandSeconds = {};
  m.registry.steps = [];
  return m;
}
