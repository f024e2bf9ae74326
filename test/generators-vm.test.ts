// The generators must run where k6 runs them: bundled by esbuild for a neutral platform and executed in a
// JavaScript context with no Node globals (no process, Buffer, require, TextEncoder, console). Same records.
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  applicant,
  createGenerator,
  parseNik,
  photo,
  registryRecord,
  toCsvRow,
  toNdjson,
} from '../generators/index.js';

type Api = typeof import('../generators/index.js');
let api: Api;
let bundle: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [new URL('../generators/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'neutral',
    format: 'iife',
    globalName: 'gelombangGenerators',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  const context = vm.createContext({});
  vm.runInContext(bundle, context, { timeout: 10_000 });
  api = context.gelombangGenerators as Api;
}, 60_000);

// FNV-1a over the bytes: compares photos across realms without copying megabytes into assertions.
const fnv = (bytes: ArrayLike<number>): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
};

describe('generators in a bare VM context', () => {
  test('the context really has no Node globals', () => {
    const context = vm.createContext({});
    expect(
      vm.runInContext('typeof process + typeof Buffer + typeof require + typeof TextEncoder', context),
    ).toBe('undefinedundefinedundefinedundefined');
  });

  test('the bundle names no Node module', () => {
    expect(bundle).not.toMatch(/\brequire\(|from ['"]node:|\bprocess\.|\bBuffer\./);
    expect(bundle.length).toBeLessThan(200_000); // no faker engine inside: fine for every k6 VU to parse
  });

  test('applicants, NIK decoding, registry answers and exports equal those in Node', () => {
    for (const [seed, index] of [
      [1, 0],
      [42, 1_000_000],
      [7, 123_456_789],
      [4_294_967_295, 1_900_000_000],
    ] as const) {
      const a = applicant(seed, index);
      expect(JSON.stringify(api.applicant(seed, index))).toBe(JSON.stringify(a));
      expect(JSON.stringify(api.parseNik(a.nik))).toBe(JSON.stringify(parseNik(a.nik)));
      expect(JSON.stringify(api.registryRecord(seed, a.nik))).toBe(
        JSON.stringify(registryRecord(seed, a.nik)),
      );
      expect(api.toNdjson(a)).toBe(toNdjson(a));
      expect(api.toCsvRow(a)).toBe(toCsvRow(a));
    }
    const options = {
      badData: { malformedNik: 0.2, nikBirthdateMismatch: 0.2, duplicateEmail: 0.2, underAge: 0.2 },
    };
    const inVm = api.createGenerator(options);
    const inNode = createGenerator(options);
    for (let i = 0; i < 200; i++)
      expect(JSON.stringify(inVm.applicant(3, i))).toBe(JSON.stringify(inNode.applicant(3, i)));
  });

  test('photos are byte-identical', () => {
    for (const kind of ['ktp', 'selfie', 'png', 'truncated-jpeg'] as const) {
      const inVm = api.photo(9, 77, kind);
      const inNode = photo(9, 77, kind);
      expect(inVm.length).toBe(inNode.length);
      expect(fnv(inVm)).toBe(fnv(inNode));
    }
  });
});
