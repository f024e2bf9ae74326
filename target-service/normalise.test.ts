import { describe, expect, test } from 'vitest';
import { cleanJson, cleanText, normaliseEmail, normalisePhone } from './normalise.js';

describe('normalisePhone: every common way to write an Indonesian mobile number, stored as E.164', () => {
  test.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.789', '+628123456789'],
    // The trunk 0 kept after the country code, in brackets or not (refused before issue 10).
    ['+62 (0)812-3456-7001', '+6281234567001'],
    ['+62 0812 3456 7002', '+6281234567002'],
    ['62-0812-3456-7011', '+6281234567011'],
    ['+62(812)34567012', '+6281234567012'],
    ['0062 812 3456 7006', '+6281234567006'],
    ['+62-812-3456-7005', '+6281234567005'],
    ['0812.3456.7003', '+6281234567003'],
    ['６２８１２３４５６７０１０', '+6281234567010'], // full-width digits from a CJK keyboard
    ['0812\u00A03456\u00A07013', '+6281234567013'], // no-break spaces
    ['0812\u200B3456\u200B7014', '+6281234567014'], // zero-width spaces
    ['08951234567', '+628951234567'], // Tri, 11 digits
    ['0881 2345 6789', '+6288123456789'], // Smartfren
  ])('%s → %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  test.each([
    '0212345678', // Jakarta landline
    '+62 21 5551234',
    '12345',
    '+1 415 555 0100',
    '08123',
    '0812345678901234',
    'telepon',
    '⠀⠀⠀',
  ])('rejects %s', (raw) => {
    expect(normalisePhone(raw)).toBeUndefined();
  });
});

describe('normaliseEmail', () => {
  test('trims and lower-cases', () => {
    expect(normaliseEmail('  Budi.Santoso@Example.CO.ID ')).toBe('budi.santoso@example.co.id');
  });
  test.each([
    ['budi\u200B@example.id', 'budi@example.id'], // zero-width space
    ['\uFEFFbudi@example.id', 'budi@example.id'], // BOM pasted from a file
    ['bu\u00ADdi@example.id', 'budi@example.id'], // soft hyphen
    ['bu\u2060di@exam\u200Dple.id', 'budi@example.id'], // word joiner, zero-width joiner
    ['budi@example.id\u2800', 'budi@example.id'], // Braille blank
    ['Jose\u0301@example.id', 'jos\u00E9@example.id'], // NFD → NFC: one address, however composed
  ])('%j → %s', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });
  test.each([
    'no-at-sign',
    'a@b',
    'a b@c.id',
    '@c.id',
    '⠀@⠀.⠀',
    '\u3164@\u3164.\u3164',
    '\u200B@\u200B.\u200B',
  ])('rejects %j', (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});

describe('cleanText', () => {
  test.each([
    ['\u2800\u2800', ''],
    ['\u200B\u200C\u200D\uFEFF', ''],
    ['\u3164', ''],
    ['  Budi\u00A0\u00A0Santoso ', 'Budi Santoso'],
    ['Bu\u200Bdi', 'Budi'],
    ['Sri\u3000Mulyani', 'Sri Mulyani'], // ideographic space
    ['Andre\u0301', 'Andr\u00E9'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanText(raw)).toBe(expected);
  });

  test('cleanJson cleans every string but leaves passwords byte for byte', () => {
    const body = { fullName: '\u2800Budi\u200B', password: ' pass\u200Bword ', nested: { a: ['x\u200B'] } };
    expect(cleanJson(body)).toEqual({ fullName: 'Budi', password: ' pass\u200Bword ', nested: { a: ['x'] } });
  });
});
