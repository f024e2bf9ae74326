// multipart/form-data bodies (RFC 7578) built byte by byte, with no Node or browser APIs, so the same code
// builds the upload step's body in the Node engine, in k6 (goja has no TextEncoder or Buffer) and in tests.

export interface FilePart {
  /** Form field name, e.g. "ktp". ASCII. */
  name: string;
  /** The file name the client claims (the service judges the type from the bytes, not this). ASCII. */
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e) throw new RangeError(`multipart header text must be ASCII: ${JSON.stringify(text)}`);
    out[i] = c;
  }
  return out;
}

/** The body and its Content-Type header. `boundary` must not occur in any file's bytes; a long random-
 *  looking one (the default is derived from the caller's key) makes that practically certain. */
export function multipartBody(
  parts: readonly FilePart[],
  boundary: string,
): { contentType: string; body: Uint8Array } {
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const quoted = (s: string) => s.replace(/["\\\r\n]/g, '_');
    chunks.push(
      ascii(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(p.name)}"; filename="${quoted(p.filename)}"\r\n` +
          `Content-Type: ${p.contentType}\r\n\r\n`,
      ),
      p.bytes,
      ascii('\r\n'),
    );
  }
  chunks.push(ascii(`--${boundary}--\r\n`));
  let length = 0;
  for (const c of chunks) length += c.length;
  const body = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}
