import { describe, expect, test } from 'vitest';
import { hashPassword, newId, verifyPassword } from './secrets.js';

describe('newId', () => {
  test('is a version-7 UUID whose order follows time', () => {
    const ids = [newId(1_700_000_000_000), newId(1_700_000_000_001), newId(1_800_000_000_000)];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(newId(1_700_000_000_000)).not.toBe(ids[0]); // random bits differ within the same millisecond
  });
});

describe('passwords', () => {
  test('hash and verify with the cost recorded in the hash', async () => {
    const stored = await hashPassword('rahasia-123', 1024);
    expect(stored).toMatch(/^scrypt\$1024\$/);
    expect(await verifyPassword('rahasia-123', stored)).toBe(true);
    expect(await verifyPassword('rahasia-124', stored)).toBe(false);
  });
});
