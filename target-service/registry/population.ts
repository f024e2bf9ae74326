// Who the stub's registry knows, and how it compares an applicant's claim with its record.
import type { RegistryRecord } from '../../generators/types.js';
import type { RegistryQuery, RegistryVerdict } from './types.js';

/** The registry's population: the record for a NIK, or undefined when the NIK is unknown. */
export type PopulationSource = (nik: string) => RegistryRecord | undefined;

/** A source over a fixed set of records (tests, small demos). */
export function populationFromRecords(records: Iterable<RegistryRecord>): PopulationSource {
  const byNik = new Map<string, RegistryRecord>();
  for (const r of records) byNik.set(r.nik, r);
  return (nik) => byNik.get(nik);
}

/** Names compare case-insensitively and ignore leading, trailing and repeated whitespace:
 *  "BUDI  santoso " is "Budi Santoso". NFKC folds look-alike Unicode forms typed on phones. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function compareWithRecord(query: RegistryQuery, record: RegistryRecord | undefined): RegistryVerdict {
  if (record === undefined) return { outcome: 'not-found' };
  const fields: Array<'fullName' | 'birthDate'> = [];
  if (normaliseName(query.fullName) !== normaliseName(record.fullName)) fields.push('fullName');
  if (query.birthDate !== record.birthDate) fields.push('birthDate');
  return fields.length === 0 ? { outcome: 'match' } : { outcome: 'mismatch', fields };
}
