// `gelombang import k6 FILE…`: k6 output files (--out json, or --summary-export) into one RunResult, merged
// over instances (k6-operator pods, execution segments) and judged against the scenario's thresholds on the
// merged data: what k6 itself cannot do across instances.
import { open, readFile } from 'node:fs/promises';
import { mergeResults } from '../engine/merge.js';
import { judgeRun } from '../engine/metric-view.js';
import type { RunResult } from '../engine/run-result.js';
import { getScenario } from '../model/scenarios.js';
import type { ThresholdSpec } from '../model/types.js';
import { K6ImportError, readK6Json } from './import-json.js';
import type { K6Tally } from './import-result.js';
import { tallyToResult } from './import-result.js';
import { fromSummaryExport } from './import-summary.js';

/** 'json' when the file's first line is a k6 JSON-output object, else 'summary-export'. */
async function formatOf(path: string): Promise<'json' | 'summary-export'> {
  if (path.endsWith('.gz')) return 'json';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]?.trim() ?? '';
    try {
      const type = (JSON.parse(firstLine) as { type?: unknown } | null)?.type;
      return type === 'Metric' || type === 'Point' ? 'json' : 'summary-export';
    } catch {
      return 'summary-export'; // a multi-line JSON document (or not JSON at all: readTally says so)
    }
  } finally {
    await handle.close();
  }
}

async function readTally(path: string): Promise<K6Tally> {
  if ((await formatOf(path)) === 'json') return readK6Json(path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new K6ImportError(`${path}: neither k6 --out json lines nor a --summary-export JSON document`);
  }
  return fromSummaryExport(path, json);
}

export interface ImportOptions {
  /** Thresholds to judge; default: the scenario's (by the k6 scenario name), none for an unknown one. */
  thresholds?: ThresholdSpec[] | undefined;
}

export async function importK6(files: readonly string[], options: ImportOptions = {}): Promise<RunResult> {
  if (files.length === 0) throw new K6ImportError('give at least one k6 output file');
  const tallies: K6Tally[] = [];
  for (const file of files) tallies.push(await readTally(file));
  const startSecond = Math.min(
    ...tallies.map((t) => Math.floor((Number.isFinite(t.firstMs) ? t.firstMs : 0) / 1000)),
  );
  const merged = mergeResults(tallies.map((t) => tallyToResult(t, startSecond)));
  let thresholds = options.thresholds;
  if (thresholds === undefined) {
    try {
      thresholds = getScenario(merged.scenario.name).thresholds;
    } catch {
      thresholds = [];
    }
  }
  return judgeRun(merged, thresholds);
}
