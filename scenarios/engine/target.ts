// Load only ever goes to loopback: the engine refuses any other target before sending a request. A load
// test against someone else's server is an attack, and this harness is for rehearsing on your own machine.
import { isIP } from 'node:net';

export interface LoopbackTarget {
  /** scheme://host:port, for the connection pool. */
  origin: string;
  /** Path prefix without a trailing slash ('' for none), put before every request path. */
  basePath: string;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Returns the parsed target, or a message that says what to do. */
export function parseLoopbackTarget(value: string): LoopbackTarget | { error: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `--target must be a URL like http://127.0.0.1:3000; got "${value}"` };
  }
  if (url.protocol !== 'http:') {
    return {
      error: `--target must be an http:// URL on loopback (e.g. http://127.0.0.1:3000); got "${value}"`,
    };
  }
  if (!isLoopbackHost(url.hostname)) {
    return {
      error:
        `--target ${url.hostname} is not a loopback address: gelombang only sends load to this machine ` +
        '(127.0.0.0/8, ::1 or localhost). Run the service locally (`gelombang serve`) and target it.',
    };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return { error: `--target must not carry credentials, a query or a fragment; got "${value}"` };
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}
