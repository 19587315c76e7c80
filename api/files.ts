// Reading files with a bound: at most so many bytes of a file, whatever it is (a huge log, /dev/zero,
// /dev/urandom), so no read can exhaust memory; and streaming a large file line by line, or writing
// one piece by piece (traces, records). Shared by the API's default file reader and the CLI's Io.
// Must not import cli/.

import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

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
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw isDirectory(path);
    if (st.isFile() && st.size > maxBytes) throw tooLarge(path, maxBytes);
    const { bytes, more } = readUpTo(fd, maxBytes);
    if (more) throw tooLarge(path, maxBytes);
    return bytes.toString('utf8');
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

/** Longest line {@link fileLines} reads, bytes: a JSON Lines file's lines are far shorter; a file without newlines (/dev/zero) stops here. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The lines of a UTF-8 text file, each without its newline, read in 64 kB chunks as they are
 * pulled: a file of any size in bounded memory. The text after the last newline comes last (empty
 * when the file ends with one). Throws a Node-style error (`ENOENT`, `EISDIR`; `EFBIG` for a line
 * longer than `maxLineBytes`).
 * @example for (const line of fileLines('day.trace.jsonl')) decoder.push(line);
 */
export function* fileLines(path: string, maxLineBytes = MAX_LINE_BYTES): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).isDirectory()) throw isDirectory(path);
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.alloc(CHUNK_BYTES);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(buf.subarray(0, n));
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
      if (rest.length > maxLineBytes) throw tooLarge(`${path}: a line`, maxLineBytes);
    }
    yield rest + decoder.end();
  } finally {
    closeSync(fd);
  }
}

/** A file written piece by piece (see {@link fileWriter}). */
export interface FileWriter {
  write(text: string): void;
  /** Writes what is buffered and closes the file. */
  close(): void;
}

/** Bytes a {@link fileWriter} buffers before each write. */
const WRITE_BUFFER_CHARS = 256 * 1024;

/**
 * Writes a file piece by piece, buffered (a trace or records file of any size in bounded memory),
 * creating its parent folders; replaces the file if it exists.
 * @example const out = fileWriter('day.trace.jsonl'); for (const line of lines) out.write(line + '\n'); out.close();
 */
export function fileWriter(path: string): FileWriter {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    writeSync(fd, pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    write(text: string) {
      pending.push(text);
      size += text.length;
      if (size >= WRITE_BUFFER_CHARS) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
