// The only bridge between commands and the outside world. Commands take an Io and return an exit
// code; `cli/main.ts` builds the real one, tests build an in-memory one.

import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; throws a Node error (ENOENT…) like fs does. */
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
  /** Writes binary content (PNG), creating parent directories like writeFile. */
  writeBytes(path: string, content: Uint8Array): void;
  exists(path: string): boolean;
  /** Whether stderr is an interactive terminal (progress output). */
  stderrIsTTY: boolean;
  cwd: string;
}

/** Exit codes shared by every command (defined in the kernel with the error type). */
export { EXIT_FAIL, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK } from '../core/errors.js';

/** The real process-backed Io. */
export function nodeIo(): Io {
  const cwd = process.cwd();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile: (p) => readFileSync(resolve(cwd, p), 'utf8'),
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
    exists: (p) => existsSync(resolve(cwd, p)),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd,
  };
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
    readFile(p: string) {
      const v = map.get(p);
      if (v === undefined) {
        const e = new Error(`ENOENT: no such file or directory, open '${p}'`) as NodeJS.ErrnoException;
        e.code = 'ENOENT';
        throw e;
      }
      return v;
    },
    writeFile(p: string, c: string) { map.set(p, c); },
    /** Kept as a Latin-1 string (one char per byte) in `files`. */
    writeBytes(p: string, c: Uint8Array) { map.set(p, Buffer.from(c).toString('latin1')); },
    exists(p: string) { return map.has(p); },
    stderrIsTTY: false,
    cwd: '/',
  };
  return io;
}
