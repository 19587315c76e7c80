// What the kernel's JSON Lines decoders (records files, traces) share: the file and line they are
// at, the located error (`file:line field message`), the parse of one line, and the header's
// format and version check. Imports only the kernel.

import { ChatsimError } from './errors.js';

/** What line 1 of every JSON Lines file of ours starts with: what the file is and its version. */
export interface JsonLinesHeader<F extends string> {
  format: F;
  /** The version of the format the file was written in. */
  version: number;
}

/** Whether `v` is a JSON object (not null, not a list). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON Lines file of one `format` and `version`, read line by line; subclasses decode the lines. */
export abstract class JsonLinesDecoder<E extends ChatsimError> {
  /** The line last pushed, 1-based. */
  protected line = 0;
  constructor(
    protected readonly file: string,
    private readonly error: new (message: string) => E,
    /** What the file is, for people: `records`, `trace`. */
    private readonly what: string,
    private readonly format: string,
    private readonly version: number,
    /** Said after "is not JSON (…)": what a bad line may mean. */
    private readonly notJsonHint = '',
  ) {}

  /** The error at the current line, about `field` when given. */
  protected fail(message: string, field?: string): E {
    return new this.error(`${this.file}:${this.line}: ${field !== undefined ? `${field} ` : ''}${message}`);
  }

  /** The error about the whole file (no line). */
  protected failFile(message: string): E {
    return new this.error(`${this.file}: ${message}`);
  }

  /** Counts the next line and parses it; undefined for a blank line. */
  protected parse(text: string): unknown {
    this.line++;
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw this.fail(`is not JSON (${(e as Error).message})${this.notJsonHint}`);
    }
  }

  /** Checks a header line's format and version; returns it as an object. */
  protected checkHeader(v: unknown): Record<string, unknown> {
    if (!isObject(v) || v.format !== this.format) throw this.fail(`is not a ${this.what} header (line 1 must hold "format": "${this.format}")`);
    if (v.version !== this.version) throw this.fail(`is version ${JSON.stringify(v.version)}; this chatsim reads version ${this.version}`, 'version');
    return v;
  }

  /** The error of a file that ended before its header. */
  protected empty(): E {
    return this.failFile(`empty: a ${this.what === 'records' ? 'records file' : this.what} starts with a "${this.format}" header line`);
  }
}
