// An output folder given by a flag: it may exist (as a folder) or not yet (it is created); a file in the
// way is refused before any work starts.
import { statSync } from 'node:fs';
import { UsageError } from './errors.js';

export function checkOutDir(flag: string, dir: string): void {
  // `--out "$OUT"` with OUT unset would write into the current folder.
  if (dir.trim() === '')
    throw new UsageError(`${flag} is empty; give a folder, e.g. ${flag} reports/out/run`);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) {
    throw new UsageError(`${flag} ${dir}: a file is in the way; give a folder (it is created when missing)`);
  }
}
