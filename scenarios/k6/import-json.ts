// k6's `--out json=FILE` (one JSON object per line: {"type":"Metric"|"Point","metric":…,"data":{…}};
// Point data = {time, value, tags}, time values in ms; https://grafana.com/docs/k6/latest/results-output/real-time/json/)
// read line by line into a K6Tally: every sample goes into an HDR histogram, so percentiles are exact to the
// histogram's precision and files from several instances merge exactly.
import { GelombangError } from '../../shared/errors.js';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { isTransientStatus } from '../model/responses.js';
import { K6Tally, recordMs, stepOfTags } from './import-result.js';

interface K6Line {
  type?: unknown;
  metric?: unknown;
  data?: { time?: unknown; value?: unknown; tags?: Record<string, string> | null };
}

/** Thrown with the file and line of the first line that is not k6 JSON output. */
export class K6ImportError extends GelombangError<'GLB_ERR_IMPORT_K6_INVALID'> {
  constructor(message: string) {
    super('K6ImportError', 'GLB_ERR_IMPORT_K6_INVALID', message);
  }
}

function addPoint(
  tally: K6Tally,
  metric: string,
  time: number,
  value: number,
  tags: Record<string, string>,
): void {
  const second = tally.second(time);
  tally.scenario ??= tags.scenario;
  switch (metric) {
    case 'http_req_duration': {
      const step = tally.step(stepOfTags(tags));
      recordMs(step.duration, value);
      recordMs(second.latency, value);
      if (tally.target === undefined && tags.url !== undefined) {
        try {
          tally.target = new URL(tags.url).origin;
        } catch {}
      }
      return;
    }
    case 'http_reqs': {
      const step = tally.step(stepOfTags(tags));
      step.requests += value;
      second.requests += value;
      const status = Number(tags.status ?? 0);
      // k6 records no journey outcome: an expected answer went on, a transient one was retried (as the
      // journey does), any other ended the journey.
      const outcome =
        tags.expected_response === 'true' ? 'next' : isTransientStatus(status) ? 'retry' : 'abandon';
      step.outcomes.push({ outcome, status, code: tags.error_code ?? null, count: value });
      return;
    }
    case 'http_req_failed':
      if (value !== 0) {
        tally.step(stepOfTags(tags)).failed += 1;
        second.errors += 1;
      }
      return;
    case 'iterations':
      tally.iterations += value;
      second.arrivals += value;
      return;
    case 'iteration_duration':
      recordMs(tally.iterationDuration, value);
      return;
    case 'dropped_iterations':
      tally.dropped += value;
      second.dropped += value;
      return;
    case 'vus':
      second.vus = value;
      return;
    case 'gelombang_journey_ends': {
      tally.journeyEnds += value;
      const result = tags.result;
      if (result === 'completed') {
        tally.journeys.completed += value;
        second.completed += value;
      } else if (result === 'abandoned') tally.journeys.abandoned += value;
      else if (result === 'dropped-out') tally.journeys.droppedOut += value;
      const last = tags.last_step === undefined || tags.last_step === 'none' ? '' : tags.last_step;
      tally.byLastStep[last] = (tally.byLastStep[last] ?? 0) + value;
      return;
    }
    default:
  }
}

/** Reads one k6 --out json file (plain or .gz) into a tally. */
export async function readK6Json(path: string): Promise<K6Tally> {
  const tally = new K6Tally(path, 'json');
  const raw = createReadStream(path);
  const lines = createInterface({
    input: path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw,
    crlfDelay: Infinity,
  });
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    if (text.trim() === '') continue;
    let line: K6Line;
    try {
      line = JSON.parse(text) as K6Line;
    } catch {
      throw new K6ImportError(`${path}, line ${lineNo}: not JSON; expected k6 --out json output`);
    }
    if (line.type === 'Metric') continue;
    if (line.type !== 'Point' || typeof line.metric !== 'string' || line.data === undefined) {
      throw new K6ImportError(
        `${path}, line ${lineNo}: expected {"type":"Point"|"Metric","metric":…,"data":…}`,
      );
    }
    const time = Date.parse(String(line.data.time));
    const value = Number(line.data.value);
    if (!Number.isFinite(time) || !Number.isFinite(value)) {
      throw new K6ImportError(`${path}, line ${lineNo}: a Point needs a time and a numeric value`);
    }
    addPoint(tally, line.metric, time, value, line.data.tags ?? {});
  }
  return tally;
}
