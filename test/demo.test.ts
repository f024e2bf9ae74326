// The first five minutes of a new user, as a test: a clean clone of this repository, `npm install`
// (node_modules copied in first, so it installs offline in seconds; `prepare` builds dist/), then
// `npm start -- --quick`. The three report files exist, the headline names the sizing, report.json matches
// its schema, report.html passes in headless chromium (and its first screen is saved for the README), and
// no process the demo started outlives it — also when it is interrupted midway (Ctrl-C, SIGTERM).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateAgainstSchema } from '../scenarios/engine/json-schema.js';
import { ROOT } from './helpers/child-server.js';
import { viewReport } from './helpers/report-browser.js';

const clone = mkdtempSync(join(tmpdir(), 'gelombang-clone-'));

/** Processes (pids) whose environment carries `mark`: everything a spawn with that mark started, however
 *  deep, still running or orphaned. */
function processesMarked(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`GELOMBANG_TEST_MARK=${mark}`))
        found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

interface Started {
  child: ChildProcess;
  mark: string;
  output: () => { stdout: string; stderr: string };
  exit: Promise<number | null>;
}

/** `npm start -- ARGS` in the clone, as its own process group (as a terminal runs it). */
function npmStart(args: string[]): Started {
  const mark = randomUUID();
  const env: NodeJS.ProcessEnv = { ...process.env, GELOMBANG_TEST_MARK: mark };
  delete env.GELOMBANG_FROM_SOURCE; // the clone runs what `npm install` built, as a user's would
  const child = spawn('npm', ['start', '--', ...args], { cwd: clone, env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, mark, output: () => ({ stdout, stderr }), exit };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.output().stderr)) {
    if (Date.now() > deadline)
      throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${started.output().stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function expectNothingLeft(mark: string): Promise<void> {
  // Give exiting processes a moment to be reaped.
  for (let i = 0; i < 20 && processesMarked(mark).length > 0; i++)
    await new Promise((r) => setTimeout(r, 250));
  expect(processesMarked(mark)).toEqual([]);
}

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
  cpSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: clone,
    stdio: 'pipe',
  });
}, 180_000);

afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('npm start from a clean clone', () => {
  test('npm install built the CLI into dist/', () => {
    expect(existsSync(join(clone, 'dist', 'cli', 'index.js'))).toBe(true);
  });

  test('npm start -- --quick: the report, the sizing headline, the schema, chromium, nothing left running', async () => {
    const started = npmStart(['--quick']);
    const code = await started.exit;
    const { stdout, stderr } = started.output();
    expect(code, stderr).toBe(0);
    await expectNothingLeft(started.mark);

    const reportLine = /Report: (\S+report\.html)/.exec(stdout);
    expect(reportLine, stdout).not.toBeNull();
    const html = join(clone, reportLine![1]!);
    expect(html.startsWith(join(clone, 'reports', 'out'))).toBe(true);
    const dir = join(html, '..');
    for (const file of ['report.html', 'report.md', 'report.json'])
      expect(existsSync(join(dir, file))).toBe(true);

    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(clone, 'reports', 'report.schema.json'), 'utf8'));
    expect(validateAgainstSchema(schema, report)).toEqual([]);

    // The headline names an instance count and a registry capacity, on the console and in every file.
    const sizing =
      /: (\d+) instances?, (\d+) registry calls? in flight, ((\d+) DB connections? per instance|SQLite's one writer \(not sized\))\./;
    // npm prints its own "> gelombang start" lines first: the headline is the line above the verdict.
    const lines = stdout.split('\n');
    const headline = lines[lines.findIndex((line) => /^(PASSED|FAILED) — /.test(line)) - 1] ?? '';
    expect(headline).toMatch(sizing);
    expect(report.headline.sizingSentence).toBe(headline);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(headline);

    // The live progress named each phase.
    for (const phase of ['start', 'replay', 'calibrate', 'simulate', 'plan'])
      expect(stderr).toMatch(new RegExp(`\\] ${phase}`));
    expect(stderr).toMatch(/replay +\d+s\/\d+s +target [\d.]+\/s +achieved [\d.]+\/s +p95 /);

    // The first screen as a person sees it, next to the report; the README's copy in docs/ is refreshed
    // only on request (GELOMBANG_UPDATE_SCREENSHOT=1), so running the tests leaves the checkout clean.
    const screenshot = join(dir, 'report-first-screen.png');
    const view = await viewReport(html, { screenshot });
    const png = readFileSync(screenshot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000); // a rendered page, not a blank one
    if (process.env.GELOMBANG_UPDATE_SCREENSHOT === '1')
      copyFileSync(screenshot, join(ROOT, 'docs', 'report-first-screen.png'));
    expect(view.consoleErrors).toEqual([]);
    expect(view.externalRequests).toEqual([]);
    expect(view.charts.length).toBeGreaterThanOrEqual(6);
    for (const chart of view.charts) expect(chart.marks, `chart ${chart.id}`).toBeGreaterThan(0);
    expect(view.headline.text).toBe(headline);
    expect(view.headline.visibleInFirstScreen).toBe(true);
  }, 240_000);

  test.each([
    ['Ctrl-C (SIGINT to the process group)', 'SIGINT', 'group'],
    ['SIGTERM to the demo alone', 'SIGTERM', 'demo'],
  ] as const)(
    'interrupted midway by %s: exits, and every server it started is stopped',
    async (_, signal, whom) => {
      const started = npmStart(['--quick', '--out', join(clone, 'interrupted')]);
      await waitFor(started, /\] replay /, 60_000);
      await new Promise((r) => setTimeout(r, 3000)); // mid-replay: the servers are busy
      expect(processesMarked(started.mark).length).toBeGreaterThanOrEqual(3); // npm, the demo, its servers
      if (whom === 'group') {
        process.kill(-started.child.pid!, signal);
      } else {
        const demo = processesMarked(started.mark).find((pid) =>
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('gelombang.js\0demo'),
        );
        expect(demo).toBeDefined();
        process.kill(demo!, signal);
      }
      const code = await started.exit;
      expect(code).not.toBe(0);
      expect(started.output().stderr).toContain(`${signal}: stopping the servers it started`);
      await expectNothingLeft(started.mark);
    },
    120_000,
  );
});
