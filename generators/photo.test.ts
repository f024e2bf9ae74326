import jpeg from 'jpeg-js';
import { describe, expect, test } from 'vitest';
import { PHOTO_SIZE, photo, photoContentType, photoSize, WRONG_PHOTO_KINDS } from './photo.js';

const decode = (bytes: Uint8Array) => jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 1024 });

describe('photo', () => {
  test.each(['ktp', 'selfie'] as const)('%s photos decode as JPEG with jpeg-js and end with EOI', (kind) => {
    for (let i = 0; i < 12; i++) {
      const bytes = photo(5, i * 7, kind);
      expect(bytes.length).toBe(photoSize(5, i * 7, kind));
      expect(bytes.length).toBeGreaterThanOrEqual(PHOTO_SIZE.minBytes);
      expect(bytes.length).toBeLessThanOrEqual(PHOTO_SIZE.maxBytes);
      expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      const image = decode(bytes);
      expect(image.width * image.height).toBeGreaterThan(1000);
      expect(photoContentType(kind)).toBe('image/jpeg');
    }
  });

  test('is pure, and differs between applicants', () => {
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(photo(1, 2, 'ktp'), photo(1, 2, 'ktp'))).toBe(true);
    expect(same(photo(1, 3, 'ktp'), photo(1, 2, 'ktp'))).toBe(false);
  });

  test('sizes are lognormal around a 400 KiB median, between 100 KiB and 2 MiB', () => {
    const sizes = Array.from({ length: 4000 }, (_, i) => photoSize(8, i, 'selfie')).sort((a, b) => a - b);
    const median = sizes[2000]!;
    expect(median / PHOTO_SIZE.medianBytes).toBeGreaterThan(0.93);
    expect(median / PHOTO_SIZE.medianBytes).toBeLessThan(1.07);
    expect(sizes[0]).toBeGreaterThanOrEqual(100 * 1024);
    expect(sizes.at(-1)).toBeLessThanOrEqual(2048 * 1024);
    expect(sizes[3800]! / median).toBeGreaterThan(2); // a long right tail, like phone photos
  });

  test.each(WRONG_PHOTO_KINDS.filter((k) => k !== 'oversized-jpeg'))('%s is not a decodable JPEG', (kind) => {
    const bytes = photo(5, 1, kind);
    expect(() => decode(bytes)).toThrow();
  });

  test('the wrong files are wrong in the announced way', () => {
    expect(photo(1, 1, 'empty')).toHaveLength(0);
    expect(Array.from(photo(1, 1, 'png').subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(String.fromCharCode(...photo(1, 1, 'pdf').subarray(0, 5))).toBe('%PDF-');
    expect(photoContentType('pdf')).toBe('application/pdf');
    const truncated = photo(1, 1, 'truncated-jpeg');
    expect([truncated[0], truncated[1]]).toEqual([0xff, 0xd8]);
    expect([truncated.at(-2), truncated.at(-1)]).not.toEqual([0xff, 0xd9]);
    const oversized = photo(1, 1, 'oversized-jpeg');
    expect(oversized.length).toBeGreaterThan(6 * 1024 * 1024);
    expect(decode(oversized).width).toBeGreaterThan(0); // valid, just too big to accept
  });
});
