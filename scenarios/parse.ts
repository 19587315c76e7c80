// YAML text → plain data, with a locator from paths back to line and column. YAML syntax errors are
// issues here. Must not import zod, node:* or sim/.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { MSG } from './messages.js';
import { FILE_PATH, sortIssues, type ScenarioIssue } from './issues.js';
import type { PathSegment } from './validate.js';

/** A parsed scenario file: its data and what is needed to locate a path in it. */
export interface ParsedYaml {
  file: string;
  /** The document as plain JS values (`null` for an empty file). */
  data: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

/** Result of `parseYaml`. */
export type ParseResult = { ok: true; parsed: ParsedYaml } | { ok: false; issues: ScenarioIssue[] };

/**
 * Parses YAML 1.2 text (merge keys `<<` allowed, duplicate keys refused). Every syntax error is an
 * issue at the error's position.
 * @example parseYaml('name: x\n', 'a.yaml') // { ok: true, parsed: { data: { name: 'x' }, … } }
 */
export function parseYaml(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): ScenarioIssue => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      const message = e.code === 'DUPLICATE_KEY' ? MSG.duplicateKey(keyAt(text, e.pos[0])) : MSG.yamlSyntax(firstLine(e.message));
      return { file, line, col, path: FILE_PATH, message };
    });
    return { ok: false, issues: sortIssues(issues) };
  }
  return { ok: true, parsed: { file, data: doc.toJS(), doc, lineCounter } };
}

/** The key written at `offset` (plain or quoted), for duplicate-key messages. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset));
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:,{}[\]]+?)\s*:/.exec(rest);
  if (m === null) return rest.trim();
  const key = m[1];
  return key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Line and column (1-based) of the node at `path`: its value, or its key with `at: 'key'`. When the
 * path does not exist (a missing key) it points at the deepest mapping or list that does.
 */
export function locate(parsed: ParsedYaml, path: readonly PathSegment[], at: 'value' | 'key' = 'value'): { line: number; col: number } {
  const { doc, lineCounter } = parsed;
  let node: unknown = doc.contents;
  let located: Node | null = (doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => keyText(p.key) === String(seg));
      if (pair === undefined) break;
      if (last && at === 'key' && isNode(pair.key)) return position(lineCounter, pair.key);
      // an empty value (`key:`) has no useful position of its own: point at the key
      if (!isNode(pair.value) || (isScalar(pair.value) && pair.value.value === null)) {
        if (isNode(pair.key)) located = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && isNode(node.items[seg])) {
      node = node.items[seg];
    } else {
      break;
    }
    located = node as Node;
  }
  return located === null ? { line: 1, col: 1 } : position(lineCounter, located);
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && Array.isArray((v as Node).range);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

function position(lineCounter: LineCounter, node: Node): { line: number; col: number } {
  const offset = node.range?.[0] ?? 0;
  return lineCounter.linePos(offset);
}
