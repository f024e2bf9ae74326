import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ERRORS } from './errors.js';

describe('error catalogue', () => {
  const codes = Object.values(ERRORS).map((e) => e.code);

  test('codes are unique and follow GLB_ERR_<AREA>_<WHAT>', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^GLB_ERR_[A-Z]+_[A-Z_]+$/);
  });

  test('docs/errors.md lists every code with its HTTP status', () => {
    const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    for (const e of Object.values(ERRORS)) expect(doc).toContain(`| \`${e.code}\` | ${e.status} |`);
  });
});
