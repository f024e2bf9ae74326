import { describe, expect, test } from 'vitest';
import { validateAgainstSchema } from './json-schema.js';

describe('validateAgainstSchema: number bounds', () => {
  test.each([
    [{ type: 'integer', minimum: 1 }, 1, true],
    [{ type: 'integer', minimum: 1 }, 0, false],
    [{ type: 'integer', minimum: 1 }, 2.5, false],
    [{ type: 'number', exclusiveMinimum: 0 }, 0.001, true],
    [{ type: 'number', exclusiveMinimum: 0 }, 0, false],
    [{ type: 'number', minimum: 0, maximum: 1 }, 1, true],
    [{ type: 'number', minimum: 0, maximum: 1 }, 1.01, false],
  ])('%j accepts %d: %s', (schema, value, ok) => {
    expect(validateAgainstSchema(schema, value).length === 0).toBe(ok);
  });

  test('a keyword outside the subset is refused rather than ignored', () => {
    expect(() => validateAgainstSchema({ multipleOf: 2 }, 4)).toThrow('not supported');
  });
});
