// Defence in depth: even if a log call carried applicant data, pino censors it.
import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, test } from 'vitest';
import { loggerOptions } from './logger.js';

test.each([
  [{ nik: '3174054101900001', email: 'a@b.id' }],
  [{ applicant: { nik: '3174054101900001', phone: '+6281234567890', fullName: 'Siti Rahayu' } }],
  [{ profile: { kk: '3174050101120003', birthDate: '1990-01-01', address: 'Jl. Melati 5' } }],
  [{ body: { password: 'rahasia-123' } }],
  [{ req: { headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } } }],
])('censors %j', (record) => {
  const lines: string[] = [];
  const log = pino(
    loggerOptions('info'),
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  log.info(record, 'event');
  const out = lines.join('');
  for (const secret of [
    '3174054101900001',
    'a@b.id',
    '+6281234567890',
    'Siti Rahayu',
    '3174050101120003',
    '1990-01-01',
    'Jl. Melati 5',
    'rahasia-123',
    'abcdefghijklmnopqrstuvwxyz',
  ]) {
    expect(out).not.toContain(secret);
  }
  // The req serializer keeps only method, url and id, so headers never reach the line at all.
  if (!('req' in record)) expect(out).toContain('[redacted]');
});
