// Where the package's own files are, from wherever this module runs (source via tsx, or compiled).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of gelombang's package.json, found by walking up from this module. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gelombang'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the gelombang package root above this module');
    dir = parent;
  }
}

/** The `gelombang` entry script, run with `process.execPath` for each stack process. */
export function cliEntry(): string {
  return join(packageRoot(), 'bin', 'gelombang.js');
}

/** The recording and alert rules every Prometheus of ours loads. */
export function ruleFiles(): string[] {
  const dir = join(packageRoot(), 'dashboards', 'prometheus', 'rules');
  return [join(dir, 'recording.yml'), join(dir, 'alerts.yml')];
}
