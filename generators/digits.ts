// Zero-padded digit strings by table lookup: per-record formatting without number-to-string conversions.
export const DIGITS2: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
export const DIGITS3: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** 0 ≤ n ≤ 9999 as 4 digits. */
export const digits4 = (n: number): string => DIGITS2[Math.floor(n / 100)]! + DIGITS2[n % 100]!;

const SMALL: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n));

/** A non-negative integer in decimal, built from the tables. Unlike String(n), it never goes through V8's
 *  number-to-string cache, whose churn of large one-off numbers otherwise fills the old generation when
 *  millions of records are streamed (peak RSS). */
export function decimal(n: number): string {
  if (n < 100) return SMALL[n]!;
  const head = Math.floor(n / 100);
  return decimal(head) + DIGITS2[n - head * 100]!;
}
