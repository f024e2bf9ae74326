import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseLoopbackTarget } from './target.js';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.3.2.1', true],
    ['localhost', true],
    ['[::1]', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['example.com', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['[::ffff:7f00:1]', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('parseLoopbackTarget', () => {
  it('splits origin and path prefix', () => {
    expect(parseLoopbackTarget('http://127.0.0.1:3000')).toEqual({
      origin: 'http://127.0.0.1:3000',
      basePath: '',
    });
    expect(parseLoopbackTarget('http://localhost:8080/gelombang/')).toEqual({
      origin: 'http://localhost:8080',
      basePath: '/gelombang',
    });
  });

  it.each([
    ['not a url', 'must be a URL'],
    ['https://127.0.0.1:3000', 'http:// URL'],
    ['http://192.168.1.10:3000', 'not a loopback address'],
    ['http://user:pw@127.0.0.1:3000', 'credentials'],
    ['http://127.0.0.1:3000/?x=1', 'query'],
  ])('refuses %s with a message that says what to do', (value, says) => {
    const parsed = parseLoopbackTarget(value);
    expect('error' in parsed && parsed.error).toContain(says);
  });
});
