// photo(seed, index, kind): the bytes of a KTP photo or a selfie as a phone would upload them — a valid,
// decodable baseline JPEG of a realistic size — or a deliberately wrong file for bad-input scenarios.
// Fast: no image is encoded per record. A tiny JPEG template (photo-template.ts) gets APP15 segments of
// seeded random bytes after its APP0, which every decoder skips by their length field.
import { KTP_JPEG_BASE64, SELFIE_JPEG_BASE64 } from './photo-template.js';
import { Rng, streamKey } from './prng.js';
import { fromTable, lognormalTable } from './quantiles.js';

export type PhotoKind = 'ktp' | 'selfie';
/** empty file, a PNG, a PDF, plain text, a JPEG cut short (no end marker), a JPEG far above 2 MiB. */
export type WrongPhotoKind = 'empty' | 'png' | 'pdf' | 'text' | 'truncated-jpeg' | 'oversized-jpeg';
export const WRONG_PHOTO_KINDS: readonly WrongPhotoKind[] = [
  'empty',
  'png',
  'pdf',
  'text',
  'truncated-jpeg',
  'oversized-jpeg',
];

const KiB = 1024;
/** Phone photos: lognormal, median 400 KiB, log-sigma 0.6, clamped to [100 KiB, 2 MiB]. Assumption for
 *  mid-range phones of 2020 (JPEG at 8–12 MP is 1–4 MB; browsers and chat apps often downscale). */
export const PHOTO_SIZE = { medianBytes: 400 * KiB, sigma: 0.6, minBytes: 100 * KiB, maxBytes: 2048 * KiB };
const SIZE_TABLE = lognormalTable(
  PHOTO_SIZE.medianBytes,
  PHOTO_SIZE.sigma,
  0,
  PHOTO_SIZE.minBytes,
  PHOTO_SIZE.maxBytes,
);
const OVERSIZED_BYTES = 6 * 1024 * KiB;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | B64.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

interface Template {
  bytes: Uint8Array;
  /** Where padding goes: after SOI and the APP0 (JFIF) segment, which must come first. */
  insertAt: number;
}
function template(base64: string): Template {
  const bytes = fromBase64(base64);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('photo template is not a JPEG');
  const app0 = bytes[2] === 0xff && bytes[3] === 0xe0 ? 2 + ((bytes[4]! << 8) | bytes[5]!) : 0;
  return { bytes, insertAt: 2 + app0 };
}
const TEMPLATES: Record<PhotoKind, Template> = {
  ktp: template(KTP_JPEG_BASE64),
  selfie: template(SELFIE_JPEG_BASE64),
};

const STREAM_PHOTO: Record<PhotoKind | WrongPhotoKind, number> = {
  ktp: 11,
  selfie: 12,
  empty: 13,
  png: 14,
  pdf: 15,
  text: 16,
  'truncated-jpeg': 17,
  'oversized-jpeg': 18,
};

/** Size in bytes of photo(seed, index, kind) for a valid kind, without building it (for simulators). */
export function photoSize(seed: number, index: number, kind: PhotoKind): number {
  return fromTable(SIZE_TABLE, new Rng(streamKey(seed, index, STREAM_PHOTO[kind])).u32());
}

function fillRandom(out: Uint8Array, from: number, to: number, rng: Rng): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const v = rng.u32();
    out[i] = v & 0xff;
    out[i + 1] = (v >>> 8) & 0xff;
    out[i + 2] = (v >>> 16) & 0xff;
    out[i + 3] = v >>> 24;
  }
  for (; i < to; i++) out[i] = rng.u32() & 0xff;
}

const PAD_TAG = [0x47, 0x4c, 0x42, 0x00]; // "GLB\0": who wrote the padding
const MAX_SEGMENT = 4 + 65_533; // marker (2) + length (2) + payload: the length field counts itself, ≤ 65535

function paddedJpeg(t: Template, size: number, rng: Rng): Uint8Array {
  const total = Math.max(size, t.bytes.length + 16);
  const out = new Uint8Array(total);
  out.set(t.bytes.subarray(0, t.insertAt), 0);
  const padding = total - t.bytes.length;
  const segments = Math.ceil(padding / MAX_SEGMENT);
  let at = t.insertAt;
  for (let s = 0; s < segments; s++) {
    // Even split, so no segment is too small to hold its header.
    const length = Math.floor(padding / segments) + (s < padding % segments ? 1 : 0);
    out[at] = 0xff;
    out[at + 1] = 0xef; // APP15
    out[at + 2] = (length - 2) >> 8;
    out[at + 3] = (length - 2) & 0xff;
    out.set(PAD_TAG, at + 4);
    fillRandom(out, at + 8, at + length, rng);
    at += length;
  }
  out.set(t.bytes.subarray(t.insertAt), at);
  return out;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Bytes of a photo. 'ktp' and 'selfie' are valid JPEGs sized like phone photos; the other kinds are wrong
 *  on purpose (see WrongPhotoKind). Pure: same (seed, index, kind), same bytes. */
export function photo(seed: number, index: number, kind: PhotoKind | WrongPhotoKind): Uint8Array {
  const rng = new Rng(streamKey(seed, index, STREAM_PHOTO[kind]));
  switch (kind) {
    case 'ktp':
    case 'selfie':
      return paddedJpeg(TEMPLATES[kind], fromTable(SIZE_TABLE, rng.u32()), rng);
    case 'oversized-jpeg':
      return paddedJpeg(TEMPLATES.ktp, OVERSIZED_BYTES + rng.below(1024 * KiB), rng);
    case 'truncated-jpeg': {
      // An upload cut short: the scan data ends early and the end-of-image marker is missing.
      const full = paddedJpeg(TEMPLATES.selfie, fromTable(SIZE_TABLE, rng.u32()), rng);
      return full.subarray(0, full.length - Math.floor(TEMPLATES.selfie.bytes.length / 2));
    }
    case 'empty':
      return new Uint8Array(0);
    case 'png':
    case 'pdf':
    case 'text': {
      const head =
        kind === 'png'
          ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] // PNG signature
          : ascii(kind === 'pdf' ? '%PDF-1.4\n' : 'foto KTP saya menyusul\n');
      const out = new Uint8Array(kind === 'text' ? head.length : fromTable(SIZE_TABLE, rng.u32()));
      out.set(head, 0);
      fillRandom(out, head.length, out.length, rng);
      return out;
    }
  }
}

/** The media type a browser would send for a kind (by the file's real content). */
export function photoContentType(kind: PhotoKind | WrongPhotoKind): string {
  return kind === 'png'
    ? 'image/png'
    : kind === 'pdf'
      ? 'application/pdf'
      : kind === 'text'
        ? 'text/plain'
        : 'image/jpeg';
}
