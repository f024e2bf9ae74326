// Uploads (funnel step 4) on both storage backends: streamed to disk, limited per file, typed from the
// bytes, content-addressed, and nothing kept from a refused or aborted upload.
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { photo } from '../generators/photo.js';
import { documentsDirOf } from '../target-service/app.js';
import { ERRORS } from '../target-service/errors.js';
import { type FilePart, multipartBody } from '../scenarios/model/multipart.js';
import { describeOnBothBackends } from './helpers/backends.js';
import { api } from './helpers/service.js';

const SEED = 20200411;
const jpeg = (name: 'ktp' | 'selfie', index: number): FilePart => ({
  name,
  filename: `${name}.jpg`,
  contentType: 'image/jpeg',
  bytes: photo(SEED, index, name),
});

/** Every file under dir, recursively (tmp included). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describeOnBothBackends('documents', {}, (service) => {
  let n = 0;
  const verifiedAccount = async () => {
    n += 1;
    const created = await api<{ accessToken: string; accountId: string }>(
      service().url,
      'POST',
      '/api/v1/accounts',
      {
        body: {
          fullName: 'Rina Wati',
          email: `rina.${n}@example.id`,
          phone: '081234567890',
          password: 'rahasia-123',
        },
      },
    );
    const token = created.body.accessToken;
    const mail = await api<{ code: string }>(service().url, 'GET', '/api/v1/sandbox/outbox', { token });
    await api(service().url, 'POST', '/api/v1/email-verifications', {
      token,
      body: { code: mail.body.code },
    });
    return { token, accountId: created.body.accountId };
  };
  const upload = async (token: string, parts: FilePart[]) => {
    const { contentType, body } = multipartBody(parts, `glb-test-boundary-${n}`);
    const res = await fetch(`${service().url}/api/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as { code?: string; documents?: Array<{ sha256: string }> },
    };
  };
  const dir = () => documentsDirOf(service().app.config);

  test('stores both photos content-addressed, with their rows, in one step', async () => {
    const { token, accountId } = await verifiedAccount();
    const res = await upload(token, [jpeg('ktp', 1), jpeg('selfie', 1)]);
    expect(res.status).toBe(201);
    const rows = await service().app.repo.listDocuments(accountId);
    expect(rows.map((r) => [r.part, r.mediaType, r.sizeBytes])).toEqual([
      ['ktp', 'image/jpeg', photo(SEED, 1, 'ktp').length],
      ['selfie', 'image/jpeg', photo(SEED, 1, 'selfie').length],
    ]);
    const stored = filesUnder(dir()).map((p) => p.split('/').pop());
    for (const r of rows) expect(stored).toContain(`${r.sha256}.jpg`);
    expect(filesUnder(join(dir(), 'tmp'))).toEqual([]);
  });

  test('a 5 MiB file → 413 with its code, and nothing stored', async () => {
    const { token, accountId } = await verifiedAccount();
    const before = filesUnder(dir()).length;
    const big: FilePart = { ...jpeg('selfie', 2), bytes: new Uint8Array(5 * 1024 * 1024).fill(0xff) };
    big.bytes.set(photo(SEED, 2, 'selfie').subarray(0, 1000));
    const res = await upload(token, [jpeg('ktp', 2), big]);
    expect([res.status, res.body.code]).toEqual([413, ERRORS.UPLOAD_TOO_LARGE.code]);
    expect(await service().app.repo.listDocuments(accountId)).toEqual([]);
    expect(filesUnder(dir()).length).toBe(before);
  });

  test('a text file named .jpg (and sent as image/jpeg) → 415', async () => {
    const { token, accountId } = await verifiedAccount();
    const text: FilePart = {
      ...jpeg('ktp', 3),
      bytes: new Uint8Array([...'just some text, not a photo'].map((c) => c.charCodeAt(0))),
    };
    const res = await upload(token, [text, jpeg('selfie', 3)]);
    expect([res.status, res.body.code]).toEqual([415, ERRORS.UPLOAD_UNSUPPORTED_TYPE.code]);
    expect(await service().app.repo.listDocuments(accountId)).toEqual([]);
  });

  test('a missing selfie → 400 with its code; a JSON body → 415', async () => {
    const { token } = await verifiedAccount();
    const res = await upload(token, [jpeg('ktp', 4)]);
    expect([res.status, res.body.code]).toEqual([400, ERRORS.UPLOAD_MISSING_PART.code]);
    const json = await api<{ code: string }>(service().url, 'POST', '/api/v1/documents', {
      token,
      body: { ktp: 'x' },
    });
    expect([json.status, json.body.code]).toEqual([415, ERRORS.UPLOAD_NOT_MULTIPART.code]);
  });

  test('a client that disconnects mid-upload leaves no file and no row', async () => {
    const { token, accountId } = await verifiedAccount();
    const before = filesUnder(dir()).length;
    const { contentType, body } = multipartBody([jpeg('ktp', 5), jpeg('selfie', 5)], 'glb-abort-boundary');
    const { port } = new URL(service().url);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/documents',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
          'content-length': String(body.length),
        },
      });
      req.on('error', () => resolve());
      // Half of the first photo, then the connection drops.
      req.write(body.subarray(0, Math.floor(photo(SEED, 5, 'ktp').length / 2)), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await service().app.repo.listDocuments(accountId)).toEqual([]);
    expect(filesUnder(dir()).length).toBe(before);
    // The service still answers.
    expect((await upload(token, [jpeg('ktp', 5), jpeg('selfie', 5)])).status).toBe(201);
  });
});
