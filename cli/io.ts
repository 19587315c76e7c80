// The only bridge between commands and the outside world. Commands take an Io and return an exit
// code; `cli/main.ts` builds the real one, tests build an in-memory one.

import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_MAX_READ_BYTES } from '../api/load.js';
import { fileLines, fileWriter, readBytesFile, readFileHead, readTextFile, TOO_LARGE, type FileWriter } from '../api/files.js';
import { textLines } from '../core/records-codec.js';

export { TOO_LARGE } from '../api/files.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a UTF-8 file of at most `maxBytes` (default 64 MB); throws a Node error (ENOENT…) like fs
   * does, `EFBIG` ({@link TOO_LARGE}) beyond the bound, having read no more than that.
   */
  readFile(path: string, maxBytes?: number): string;
  /** The first `maxBytes` of a file (all of it when shorter): enough to tell what it is. */
  readHead(path: string, maxBytes: number): string;
  /**
   * Reads a file's bytes (a gzipped log), at most `maxBytes`; absent: the command reads the text
   * (in-memory io). Throws like `readFile`.
   */
  readBytes?(path: string, maxBytes: number): Uint8Array;
  writeFile(path: string, content: string): void;
  /**
   * The lines of a text file, read as they are pulled (a trace or records file of any size); a
   * Node error (ENOENT…) on the first pull when it cannot be read.
   */
  readLines(path: string): Iterable<string>;
  /** Writes a file piece by piece (replacing it), creating parent directories like writeFile. */
  createWriter(path: string): FileWriter;
  /** Writes binary content (PNG), creating parent directories like writeFile. */
  writeBytes(path: string, content: Uint8Array): void;
  exists(path: string): boolean;
  /** Sets a file's mode (an executable shell file); absent: modes are not kept (in-memory io). */
  chmod?(path: string, mode: number): void;
  /**
   * Why `path` cannot be written as an output file (a directory, under a file, no permission), or
   * null when it can; checked before any work. Absent: every path is writable (in-memory io).
   */
  whyNotWritable?(path: string): string | null;
  /** Whether stderr is an interactive terminal (progress output). */
  stderrIsTTY: boolean;
  /** Columns of the terminal stdout writes to; undefined when stdout is not a terminal (a pipe, a file). */
  stdoutColumns?: number;
  cwd: string;
}

/** Exit codes shared by every command (defined in the kernel with the error type). */
export { EXIT_FAIL, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK } from '../core/errors.js';

/** The real process-backed Io. */
export function nodeIo(): Io {
  const cwd = process.cwd();
  return {
    stdout: (t) => { if (!process.stdout.destroyed) process.stdout.write(t); },
    stderr: (t) => { if (!process.stderr.destroyed) process.stderr.write(t); },
    readFile: (p, maxBytes) => readTextFile(resolve(cwd, p), maxBytes ?? DEFAULT_MAX_READ_BYTES),
    readHead: (p, maxBytes) => readFileHead(resolve(cwd, p), maxBytes),
    readBytes: (p, maxBytes) => readBytesFile(resolve(cwd, p), maxBytes),
    writeFile: (p, c) => {
      const full = resolve(cwd, p);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, c);
    },
    writeBytes: (p, c) => {
      const full = resolve(cwd, p);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, c);
    },
    readLines: (p) => fileLines(resolve(cwd, p)),
    createWriter: (p) => fileWriter(resolve(cwd, p)),
    exists: (p) => existsSync(resolve(cwd, p)),
    chmod: (p, mode) => chmodSync(resolve(cwd, p), mode),
    whyNotWritable: (p) => whyNotWritable(resolve(cwd, p)),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    cwd,
  };
}

/**
 * Why the file at absolute `full` cannot be written: it is a directory, a parent is a file, or the
 * file (or the nearest existing folder, where the missing ones would be made) is not writable.
 */
export function whyNotWritable(full: string): string | null {
  try {
    if (existsSync(full)) {
      if (statSync(full).isDirectory()) return 'it is a directory';
      accessSync(full, constants.W_OK);
      return null;
    }
    let dir = dirname(full);
    while (!existsSync(dir)) {
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
    accessSync(dir, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (code ?? String(e));
  }
}

/** An in-memory Io for tests: files in a map, output collected. */
export function memoryIo(files: Record<string, string> = {}): Io & { out: string; err: string; files: Map<string, string> } {
  const map = new Map(Object.entries(files));
  const io = {
    out: '',
    err: '',
    files: map,
    stdout(t: string) { io.out += t; },
    stderr(t: string) { io.err += t; },
    readFile(p: string, maxBytes: number = DEFAULT_MAX_READ_BYTES) {
      const v = io.readHead(p, Infinity);
      if (Buffer.byteLength(v) > maxBytes) {
        const e = new Error(`${p} is larger than ${maxBytes} bytes`) as NodeJS.ErrnoException;
        e.code = TOO_LARGE;
        throw e;
      }
      return v;
    },
    readHead(p: string, maxBytes: number) {
      const v = map.get(p);
      if (v === undefined) {
        const e = new Error(`ENOENT: no such file or directory, open '${p}'`) as NodeJS.ErrnoException;
        e.code = 'ENOENT';
        throw e;
      }
      return v.length > maxBytes ? v.slice(0, maxBytes) : v;
    },
    writeFile(p: string, c: string) { map.set(p, c); },
    readLines(p: string) {
      return (function* () { yield* textLines(io.readHead(p, Infinity)); })();
    },
    createWriter(p: string) {
      const parts: string[] = [];
      map.set(p, '');
      return { write: (t: string) => void parts.push(t), close: () => void map.set(p, parts.join('')) };
    },
    /** Kept as a Latin-1 string (one char per byte) in `files`. */
    writeBytes(p: string, c: Uint8Array) { map.set(p, Buffer.from(c).toString('latin1')); },
    exists(p: string) { return map.has(p); },
    stderrIsTTY: false,
    cwd: '/',
  };
  return io;
}
