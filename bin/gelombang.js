#!/usr/bin/env node
// The published entry: runs the compiled CLI in dist/ (built by `npm run build`, which `npm install` runs
// through `prepare`): ~0.1 s and ~45 MB for `--help`. In a checkout where dist/ is missing (or with
// GELOMBANG_FROM_SOURCE=1), it runs the TypeScript sources through tsx's loader instead (~0.5 s more).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/index.js', import.meta.url);
if (process.env.GELOMBANG_FROM_SOURCE !== '1' && existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/index.ts');
}
