// The tool's version, read once from package.json (the only file read at import): the CLI prints it
// and every result document carries it. Must not import cli/.
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chatsim' && pkg.version) return pkg.version;
    } catch { /* try the next */ }
  }
  return '0.0.0';
}

/** chatsim's version (from package.json). */
export const VERSION = readVersion();
