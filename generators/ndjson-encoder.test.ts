import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { applicant, createGenerator, MAX_INDEX } from './applicant.js';
import { MAX_RECORD_BYTES } from './exporters.js';
import { createNdjsonEncoder } from './ndjson-encoder.js';
import type { GeneratorOptionsInput } from './options.js';

const decoder = new TextDecoder('latin1');

/** Encodes (seed, index) at an odd offset of a dirty buffer and returns the line. */
function line(encode: ReturnType<typeof createNdjsonEncoder>, seed: number, index: number): string {
  const out = new Uint8Array(MAX_RECORD_BYTES + 7).fill(0x7a);
  const end = encode(seed, index, out, 7);
  return decoder.decode(out.subarray(7, end));
}

// Indices spread over the whole range (a prime stride), the ends, and a dense run.
const INDICES = [
  0,
  1,
  MAX_INDEX,
  MAX_INDEX - 1,
  ...Array.from({ length: 3000 }, (_, k) => (k * 1_431_655_751) % (MAX_INDEX + 1)),
  ...Array.from({ length: 1000 }, (_, k) => 1_000_000 + k),
];
const SEEDS = [0, 1, 42, 20_200_411, 4_294_967_295];

describe('createNdjsonEncoder', () => {
  test('every line is byte-identical to JSON.stringify(applicant(seed, i))', () => {
    const encode = createNdjsonEncoder(createGenerator());
    for (const seed of SEEDS) {
      for (const index of INDICES)
        expect(line(encode, seed, index)).toBe(JSON.stringify(applicant(seed, index)));
    }
  });

  test.each<[string, GeneratorOptionsInput]>([
    ['other registry rates', { notInRegistryRate: 0.3, registryMismatchRate: 0.45 }],
    ['no registry problems', { notInRegistryRate: 0, registryMismatchRate: 0 }],
    [
      'bad data (those records take the record path)',
      { badData: { malformedNik: 0.1, nikBirthdateMismatch: 0.1, duplicateEmail: 0.1, underAge: 0.1 } },
    ],
    ['only bad data', { badData: { underAge: 1 } }],
  ])('%s: lines equal the generator’s records', (_, options) => {
    const generator = createGenerator(options);
    const encode = createNdjsonEncoder(generator);
    for (let index = 0; index < 3000; index++) {
      expect(line(encode, 5, index)).toBe(JSON.stringify(generator.applicant(5, index)));
    }
  });

  test('records written back to back form NDJSON; bytes before `at` are untouched', () => {
    const encode = createNdjsonEncoder(createGenerator());
    const out = new Uint8Array(1 << 16).fill(0x7a);
    let at = 3;
    for (let i = 0; i < 40; i++) {
      at = encode(9, 500 + i, out, at);
      out[at++] = 10;
    }
    expect(out.subarray(0, 3)).toEqual(new Uint8Array([0x7a, 0x7a, 0x7a]));
    const lines = decoder.decode(out.subarray(3, at)).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => JSON.stringify(applicant(9, 500 + i))));
  });

  test('random access: a record alone equals the same record amid others, seeds interleaved', () => {
    const encode = createNdjsonEncoder(createGenerator());
    const alone = line(encode, 3, 1_000_000);
    for (let i = 999_990; i < 1_000_010; i++) line(encode, i % 2 === 0 ? 3 : 4, i);
    expect(line(encode, 3, 1_000_000)).toBe(alone);
  });

  test('refuses what applicant() refuses', () => {
    const encode = createNdjsonEncoder(createGenerator());
    const out = new Uint8Array(MAX_RECORD_BYTES);
    expect(() => encode(-1, 0, out, 0)).toThrow(RangeError);
    expect(() => encode(1, MAX_INDEX + 1, out, 0)).toThrow(RangeError);
  });

  test('runs bundled in a bare VM context (no Node globals) with the same bytes', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'neutral',
      format: 'iife',
      globalName: 'gen',
      write: false,
      logLevel: 'silent',
    });
    const context = vm.createContext({});
    vm.runInContext(result.outputFiles[0]!.text, context, { timeout: 10_000 });
    const api = context.gen as typeof import('./index.js');
    const inVm = api.createNdjsonEncoder(api.createGenerator());
    const out = new Uint8Array(MAX_RECORD_BYTES);
    for (const index of [0, 77, 123_456_789, MAX_INDEX]) {
      const end = inVm(11, index, out, 0);
      expect(decoder.decode(out.subarray(0, end))).toBe(JSON.stringify(applicant(11, index)));
    }
  }, 60_000);
});
