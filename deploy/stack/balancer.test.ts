import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBalancer, startBalancer } from './balancer.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function instance(name: string): Promise<string> {
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name, url: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function balancer(targets: string[]): Promise<RunningBalancer> {
  const running = await startBalancer({ targets });
  closers.push(() => running.close());
  return running;
}

describe('stack balancer', () => {
  it('spreads requests round robin over the instances, path and query intact', async () => {
    const lb = await balancer([await instance('a'), await instance('b')]);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const body = (await (await fetch(`${lb.url}/api/v1/x?i=${i}`)).json()) as { name: string; url: string };
      expect(body.url).toBe(`/api/v1/x?i=${i}`);
      seen.push(body.name);
    }
    expect(seen).toEqual(['a', 'b', 'a', 'b']);
  });

  it('answers 502 with a stable error code when the instance is down', async () => {
    const lb = await balancer(['http://127.0.0.1:1']);
    const res = await fetch(`${lb.url}/healthz`);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { code: string }).code).toBe('GLB_ERR_SVC_UPSTREAM_UNAVAILABLE');
  });

  it('leaves an instance that refuses connections out: a GET goes to the next, a POST fails once', async () => {
    // Port 1 stands for an instance killed by hand: nothing listens there.
    const dead = 'http://127.0.0.1:1';
    const get = await balancer([dead, await instance('a')]);
    const gets = [];
    for (let i = 0; i < 6; i++) gets.push((await fetch(`${get.url}/healthz`)).status);
    expect(gets).toEqual([200, 200, 200, 200, 200, 200]);

    const post = await balancer([dead, await instance('b')]);
    const posts = [];
    for (let i = 0; i < 6; i++)
      posts.push((await fetch(`${post.url}/api/v1/accounts`, { method: 'POST', body: '{}' })).status);
    expect(posts).toEqual([502, 200, 200, 200, 200, 200]);
  });

  it('refuses to start without targets', async () => {
    await expect(startBalancer({ targets: [] })).rejects.toThrow(/at least one target/);
  });
});
