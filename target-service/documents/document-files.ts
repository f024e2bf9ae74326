// The bytes of uploaded documents on disk, content-addressed: <dir>/<aa>/<bb>/<sha256>.<ext>. A part is
// streamed to a temporary file in <dir>/tmp while it is hashed and its first bytes are kept for type
// detection, so no upload is ever held in memory whole. Only when every part has arrived and passed its
// checks is a temporary file renamed into place (rename is atomic on one filesystem); anything else
// unlinks it. Two applicants who upload the same bytes share one file.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';

/** file-type reads at most this many leading bytes (its documented sample size). */
const SNIFF_BYTES = 4100;

/** What the bytes are, never what the client says: JPEG and PNG only. */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export interface ReceivedFile {
  tmpPath: string;
  sha256: string;
  sizeBytes: number;
  /** Detected media type, or undefined when file-type does not recognise the bytes. */
  mediaType: string | undefined;
}

export class DocumentFiles {
  constructor(readonly dir: string) {}

  private get tmpDir(): string {
    return join(this.dir, 'tmp');
  }

  /** Streams `source` to a temporary file, hashing it and sniffing its type. Rejects (and removes the
   *  temporary file) when the stream fails, e.g. the client disconnected. */
  async receive(source: Readable): Promise<ReceivedFile> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let sizeBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (headBytes < SNIFF_BYTES) {
          head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
          headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(tmpPath));
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    const detected = await fileTypeFromBuffer(Buffer.concat(head));
    return { tmpPath, sha256: hash.digest('hex'), sizeBytes, mediaType: detected?.mime };
  }

  /** Where the bytes with this hash live. */
  pathOf(sha256: string, mediaType: string): string {
    const ext = ACCEPTED_MEDIA_TYPES[mediaType] ?? 'bin';
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${ext}`);
  }

  /** Moves a received file into its content address; if those bytes are already stored, drops the copy.
   *  Returns the final path. */
  async keep(file: ReceivedFile & { mediaType: string }): Promise<string> {
    const target = this.pathOf(file.sha256, file.mediaType);
    await mkdir(dirname(target), { recursive: true });
    if (await exists(target)) await rm(file.tmpPath, { force: true });
    else await rename(file.tmpPath, target);
    return target;
  }

  async discard(paths: Iterable<string>): Promise<void> {
    await Promise.all([...paths].map((p) => rm(p, { force: true })));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
