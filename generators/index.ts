// The generators' public API. Pure, no Node APIs: the same module runs in Node, k6 (goja) and a bare VM.
export {
  applicant,
  applicantTraits,
  checkSeedIndex,
  createGenerator,
  defaultGenerator,
  MAX_INDEX,
} from './applicant.js';
export type { Generator } from './applicant.js';
export { expectedFunnel, LAUNCH_FUNNEL, TRAIT_PROBABILITIES } from './funnel.js';
export type { FunnelOutcome, FunnelStep } from './funnel.js';
export { formatNik, nikAgrees, parseNik } from './nik.js';
export type { NikError, NikErrorReason, NikParts, NikResult, ParsedNik, ParseNikOptions } from './nik.js';
export {
  CSV_COLUMNS,
  CSV_HEADER,
  encodeCsv,
  encodeNdjson,
  MAX_RECORD_BYTES,
  toCsvRow,
  toNdjson,
} from './exporters.js';
export { createNdjsonEncoder } from './ndjson-encoder.js';
export type { NdjsonEncoder } from './ndjson-encoder.js';
export { DEFAULT_OPTIONS, resolveOptions } from './options.js';
export { PHOTO_SIZE, photo, photoContentType, photoSize, WRONG_PHOTO_KINDS } from './photo.js';
export type { PhotoKind, WrongPhotoKind } from './photo.js';
export type { BadDataRates, GeneratorOptions, GeneratorOptionsInput } from './options.js';
export { createRegistry, indexOfNik, registryRecord } from './registry-record.js';
export { PROVINCES, provinceByCode, regencyByCode } from './regions.js';
export type { Province, Regency } from './regions.js';
export type * from './types.js';
export { DEFAULT_SEED } from './options.js';
