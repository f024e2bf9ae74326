import { describe, expect, test } from 'vitest';
import { normaliseEmail, normalisePhone } from './normalise.js';

describe('normalisePhone', () => {
  test.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.789', '+628123456789'],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  test.each(['0212345678', '12345', '+1 415 555 0100', '08123', '0812345678901234', 'telepon'])(
    'rejects %s',
    (raw) => {
      expect(normalisePhone(raw)).toBeUndefined();
    },
  );
});

describe('normaliseEmail', () => {
  test('trims and lower-cases', () => {
    expect(normaliseEmail('  Budi.Santoso@Example.CO.ID ')).toBe('budi.santoso@example.co.id');
  });
  test.each(['no-at-sign', 'a@b', 'a b@c.id', '@c.id'])('rejects %s', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});
