// YAML text → plain data, with a locator from paths back to line and column. YAML syntax errors are
// issues here. Must not import zod, node:* or sim/.

import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
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

/** Largest scenario file, bytes (UTF-8): far above any hand-written or fitted scenario. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/**
 * Most values the aliases of one file may expand to (the yaml package's guard against
 * "billion laughs" files, raised from its default of 100 for scenarios that share blocks).
 */
export const MAX_ALIAS_COUNT = 10_000;

/**
 * Parses YAML 1.2 text (merge keys `<<` allowed, duplicate keys refused). Every syntax error is an
 * issue at the error's position; so are aliases without an anchor, merges of something other than
 * a mapping, keys that are lists or mappings, `__proto__` keys, aliases that expand beyond
 * {@link MAX_ALIAS_COUNT} values and text beyond {@link MAX_SCENARIO_BYTES}. Never throws.
 * @example parseYaml('name: x\n', 'a.yaml') // { ok: true, parsed: { data: { name: 'x' }, … } }
 */
export function parseYaml(text: string, file: string): ParseResult {
  const bytes = utf8Length(text);
  if (bytes > MAX_SCENARIO_BYTES) return { ok: false, issues: [{ file, line: 1, col: 1, path: FILE_PATH, message: MSG.tooLarge(bytes, MAX_SCENARIO_BYTES) }] };
  const lineCounter = new LineCounter();
  // logLevel 'error': the yaml package would otherwise print its own warnings on stderr
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true, logLevel: 'error' });
  const at = (offset: number, message: string): ScenarioIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col, path: FILE_PATH, message };
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => at(e.pos[0], e.code === 'DUPLICATE_KEY' ? MSG.duplicateKey(keyAt(text, e.pos[0])) : MSG.yamlSyntax(firstLine(e.message))));
    return { ok: false, issues: sortIssues(issues) };
  }
  const structural = structureIssues(doc).map((p) => at(p.offset, p.message));
  if (structural.length > 0) return { ok: false, issues: sortIssues(structural) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const detail = firstLine(String((e as Error)?.message ?? e));
    const message = /Excessive alias count/.test(detail) ? MSG.aliasExpansion(MAX_ALIAS_COUNT) : MSG.yamlData(detail);
    return { ok: false, issues: [at(firstAliasOffset(doc) ?? 0, message)] };
  }
  return { ok: true, parsed: { file, data, doc, lineCounter } };
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

/**
 * What `toJS` would stumble on, found on the tree where positions are known: aliases naming no
 * earlier anchor, merges of something other than mappings, collection keys and `__proto__` keys.
 * Walks the document once, in the order yaml resolves aliases (an alias takes the last anchor of
 * its name before it).
 */
function structureIssues(doc: Document): Array<{ offset: number; message: string }> {
  const out: Array<{ offset: number; message: string }> = [];
  const anchors = new Map<string, Node>();
  const offset = (n: unknown) => (isNodeLike(n) ? n.range[0] : 0);
  const target = (n: unknown): unknown => (isAlias(n) ? anchors.get(n.source) : n);
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) out.push({ offset: offset(node), message: MSG.unresolvedAlias(node.source) });
      } else if (node.anchor !== undefined) {
        anchors.set(node.anchor, node);
      }
    },
    Pair(_key, pair) {
      const key = pair.key;
      if (isMergeKey(key)) {
        // each source must be a mapping; an alias naming no anchor (undefined here) is reported as such
        const value = target(pair.value);
        const sources = isSeq(value) ? value.items.map(target) : [value];
        if (sources.some((v) => v !== undefined && !isMap(v))) out.push({ offset: offset(pair.value ?? key), message: MSG.mergeSource() });
        return;
      }
      const k = target(key);
      if (isCollection(k) || isPair(k)) out.push({ offset: offset(key), message: MSG.collectionKey() });
      else if (isScalar(k) && k.value === '__proto__') out.push({ offset: offset(key), message: MSG.reservedKey('__proto__') });
    },
  });
  return out;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return (typeof v === 'symbol' && v.description === '<<') || (v === '<<' && (key.type === undefined || key.type === 'PLAIN'));
}

function isNodeLike(v: unknown): v is { range: [number, number, number] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as Node).range);
}

/** Position of the first alias in the document, if any. */
function firstAliasOffset(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
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
