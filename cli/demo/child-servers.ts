// The demo's servers as child processes of `gelombang` itself (`gelombang serve`, `gelombang stub
// registry`), so the service does not share an event loop with the load generator, as in production.
// Every child is tracked: stopAll() ends them (SIGTERM, then SIGKILL after a grace period), and an 'exit'
// hook kills whatever is left if the demo ends any other way.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** bin/gelombang.js, from the sources (cli/demo/) or the compiled tree (dist/cli/demo/). */
const BIN = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.js') ? '../../../bin/gelombang.js' : '../../bin/gelombang.js',
    import.meta.url,
  ),
);

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `gelombang ARGS…` and resolves once it prints "listening on URL". Rejects (and kills it) when it
 *  exits first or does not listen within `timeoutMs`; the message carries the child's last output. */
export function startChildServer(name: string, args: string[], timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child, 1000);
      reject(new Error(`${name} ${why}; its output:\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before listening`));
    const onData = () => {
      const match = /listening on (http:\/\/[^\s,)]+)/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.off('data', onData);
      resolve({ name, url: match[1]!, pid: child.pid!, stop: () => stopChild(child) });
    };
    child.stdout!.on('data', onData);
  });
}

/** Stops every child still running (in parallel). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}
