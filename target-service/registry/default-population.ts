// The default population: the generators' pure registryRecord(seed, nik), so the stub knows exactly the
// applicants a scenario with the same seed generates (and refuses the ones flagged notInRegistry).
import { registryRecord } from '../../generators/registry-record.js';
import type { PopulationSource } from './population.js';

export function generatedPopulation(seed: number): PopulationSource {
  return (nik) => registryRecord(seed, nik);
}
