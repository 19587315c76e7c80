// Bounded reads (issue 14): `validate /dev/zero` and `report /dev/zero` read gigabytes before.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileHead, readTextFile } from './files.js';

describe('bounded reads', () => {
  it('refuse an endless device after reading past the bound, not to the end', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      expect(() => readTextFile(dev, 1 << 20)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
    }
  });
  it('refuse a regular file larger than the bound by its size, read a smaller one whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatsim-files-'));
    try {
      const f = join(dir, 'a.txt');
      writeFileSync(f, 'x'.repeat(1000));
      expect(() => readTextFile(f, 999)).toThrow(expect.objectContaining({ code: 'EFBIG' }));
      expect(readTextFile(f, 1000)).toHaveLength(1000);
      expect(readFileHead(f, 10)).toBe('x'.repeat(10));
      expect(() => readTextFile(dir, 10)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
      expect(() => readTextFile(join(dir, 'none'), 10)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('read only the head of /dev/zero', () => {
    expect(readFileHead('/dev/zero', 4096)).toHaveLength(4096);
  });
});
