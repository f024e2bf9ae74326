// Retry delays. Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015): a uniform
// draw in [0, min(cap, base·2^n)] spreads the retries of many callers that failed together, instead of
// sending them back in synchronized waves onto a registry that is already overloaded.

/** Delay before retry number `retry` (0 = the first retry). `random` gives [0, 1). */
export function fullJitterDelayMs(
  retry: number,
  baseMs: number,
  capMs: number,
  random: () => number,
): number {
  return random() * Math.min(capMs, baseMs * 2 ** retry);
}

/** A Retry-After header as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 *  Undefined when absent or unreadable. */
export function retryAfterMs(
  header: string | string[] | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[a-z]{3},/i.test(text)) return undefined; // an IMF-fixdate starts with the day's name
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
