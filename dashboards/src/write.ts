// `npm run dashboards`: writes dashboards/json/*.json from the builders. Commit the result; the
// dashboards test fails when the committed JSON differs from what the builders produce.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARDS, dashboardJson } from './index.js';

export const JSON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'json');

mkdirSync(JSON_DIR, { recursive: true });
for (const { file, build } of DASHBOARDS) {
  const path = join(JSON_DIR, file);
  writeFileSync(path, dashboardJson(build()));
  process.stdout.write(`wrote ${path}\n`);
}
