// Byte writers for the NDJSON fast path (ndjson-encoder.ts): table texts pre-encoded as 8-byte words, digits as
// byte pairs, calendar dates by day number. Plain ES2015 (DataView, typed arrays): runs in Node, k6 and a bare VM.
import { civilFromDays, daysFromCivil } from './calendar.js';

/** Texts as 8-byte little-endian words held as doubles, `stride` words each, written one store per 8 bytes
 *  (one DataView store per word, inlined by V8). A store may write up to 7 bytes past the end of the text.
 *  Exact: bytes of printable ASCII or zero never form a NaN (that needs 0x7f in the top byte, and 0x7e is the
 *  largest byte here), and every other double round-trips through Float64 storage bit for bit (ECMA-262). */
export class Pool {
  readonly words: Float64Array;
  readonly lengths: Int32Array;
  readonly stride: number;
  constructor(texts: readonly string[]) {
    this.stride = Math.max(1, ...texts.map((t) => (t.length + 7) >> 3));
    this.lengths = Int32Array.from(texts, (t) => t.length);
    this.words = new Float64Array(texts.length * this.stride);
    const bytes = new DataView(new ArrayBuffer(8 * this.stride));
    texts.forEach((text, i) => {
      for (let b = 0; b < bytes.byteLength; b++) bytes.setUint8(b, 0);
      for (let b = 0; b < text.length; b++) {
        const c = text.charCodeAt(b);
        if (c > 0x7e || c < 0x20) throw new Error(`not printable ASCII: ${JSON.stringify(text)}`);
        bytes.setUint8(b, c);
      }
      for (let k = 0; k < this.stride; k++) this.words[i * this.stride + k] = bytes.getFloat64(8 * k, true);
    });
  }
}

export function put(view: DataView, at: number, pool: Pool, i: number): number {
  const n = pool.lengths[i]!;
  const w = pool.words;
  let k = i * pool.stride;
  for (let p = at; p < at + n; p += 8) view.setFloat64(p, w[k++]!, true);
  return at + n;
}

// "00".."99" as little-endian byte pairs.
const PAIRS = Uint16Array.from({ length: 100 }, (_, n) => (48 + Math.floor(n / 10)) | ((48 + (n % 10)) << 8));

export const put2 = (view: DataView, at: number, n: number): number => {
  view.setUint16(at, PAIRS[n]!, true);
  return at + 2;
};
export const put4 = (view: DataView, at: number, n: number): number => {
  const hi = Math.floor(n / 100);
  view.setUint16(at, PAIRS[hi]!, true);
  view.setUint16(at + 2, PAIRS[n - hi * 100]!, true);
  return at + 4;
};
/** d, m, y (day already +40 for women) as ddmmyy. */
export const putDdmmyy = (view: DataView, at: number, d: number, m: number, y: number): number => {
  view.setUint16(at, PAIRS[d]!, true);
  view.setUint16(at + 2, PAIRS[m]!, true);
  view.setUint16(at + 4, PAIRS[y % 100]!, true);
  return at + 6;
};

/** A non-negative integer below 2^53 in decimal, as String(n) would write it. */
export function putUint(view: DataView, at: number, value: number): number {
  let digits = 1;
  if (value >= 100_000) {
    digits = 6;
    for (let m = value; m >= 1_000_000; m = Math.floor(m / 10)) digits++;
  } else digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4 : 5;
  let v = value;
  let p = at + digits;
  while (v >= 100) {
    const q = Math.floor(v / 100);
    p -= 2;
    view.setUint16(p, PAIRS[v - q * 100]!, true);
    v = q;
  }
  if (v >= 10) view.setUint16(p - 2, PAIRS[v]!, true);
  else view.setUint8(p - 1, 48 + v);
  return at + digits;
}

// Calendar dates by day number, 1900–2099 (birth and KK issue dates fall inside): no CivilDate per record.
export const DAY0 = daysFromCivil(1900, 1, 1);
const DAY_COUNT = daysFromCivil(2100, 1, 1) - DAY0;
export const YEARS = new Int16Array(DAY_COUNT);
export const MONTHS = new Uint8Array(DAY_COUNT);
export const DAYS = new Uint8Array(DAY_COUNT);
for (let d = 0; d < DAY_COUNT; d++) {
  const date = civilFromDays(DAY0 + d);
  YEARS[d] = date.year;
  MONTHS[d] = date.month;
  DAYS[d] = date.day;
}
