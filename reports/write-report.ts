// Writes report.html, report.md and report.json into one folder (created when missing). report.json is
// checked against its schema first: a report that breaks its own contract is a bug, not an output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import type { ReportData } from './report-data.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-md.js';
import schema from './report.schema.json' with { type: 'json' };

export interface ReportFiles {
  html: string;
  md: string;
  json: string;
}

export { schema as reportSchema };

/** Writes the three files into `dir`; returns their paths. Throws when the data breaks report.schema.json. */
export function writeReport(report: ReportData, dir: string): ReportFiles {
  const errors = validateAgainstSchema(schema, report);
  if (errors.length > 0) {
    const list = errors.slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new Error(`report.json would not match reports/report.schema.json: ${list.join('; ')}`);
  }
  mkdirSync(dir, { recursive: true });
  const files = {
    html: join(dir, 'report.html'),
    md: join(dir, 'report.md'),
    json: join(dir, 'report.json'),
  };
  writeFileSync(files.json, `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(files.md, renderMarkdown(report));
  writeFileSync(files.html, renderHtml(report));
  return files;
}
