// Reading files with a bound: at most so many bytes of a file, whatever it is (a huge log, /dev/zero,
// /dev/urandom), so no read can exhaust memory. Shared by the API's default file reader and the
// CLI's Io. Must not import cli/.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The `code` of the error thrown for a file larger than the bound (Node's own "file too big"). */
export const TOO_LARGE = 'EFBIG';

const CHUNK_BYTES = 64 * 1024;

function tooLarge(path: string, maxBytes: number): NodeJS.ErrnoException {
  const e = new Error(`${path} is larger than ${maxBytes} bytes`) as NodeJS.ErrnoException;
  e.code = TOO_LARGE;
  return e;
}

function isDirectory(path: string): NodeJS.ErrnoException {
  const e = new Error(`EISDIR: illegal operation on a directory, read '${path}'`) as NodeJS.ErrnoException;
  e.code = 'EISDIR';
  return e;
}

/** Up to `limit` bytes from the start of an open file, and whether there was more. */
function readUpTo(fd: number, limit: number): { bytes: Buffer; more: boolean } {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, limit + 1));
  for (;;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, limit + 1 - total), null);
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > limit) break;
  }
  const all = Buffer.concat(chunks);
  return total > limit ? { bytes: all.subarray(0, limit), more: true } : { bytes: all, more: false };
}

/**
 * Reads a UTF-8 text file of at most `maxBytes` bytes; throws a Node-style error (`ENOENT`,
 * `EISDIR`, …, or `EFBIG` beyond the bound) without reading more than `maxBytes + 1` bytes.
 * @example readTextFile('scenarios/examples/webshop-day.yaml', 1 << 20)
 */
export function readTextFile(path: string, maxBytes: number): string {
  return Buffer.from(readBytesFile(path, maxBytes)).toString('utf8');
}

/**
 * The bytes of a file of at most `maxBytes` bytes (a gzipped log); throws like {@link readTextFile}.
 * @example readBytesFile('logs/jan.txt.gz', 1 << 28)
 */
export function readBytesFile(path: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw isDirectory(path);
    if (st.isFile() && st.size > maxBytes) throw tooLarge(path, maxBytes);
    const { bytes, more } = readUpTo(fd, maxBytes);
    if (more) throw tooLarge(path, maxBytes);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `maxBytes` bytes of a file as UTF-8 text (all of it when shorter): enough to tell what
 * the file is without reading the rest.
 * @example readFileHead('result.json', 4096).startsWith('{')
 */
export function readFileHead(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw isDirectory(path);
    return readUpTo(fd, maxBytes).bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
