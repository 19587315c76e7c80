// `chatsim report <result.json…> --out FILE|DIR [--lang en|zh] [--format html|svg|png] [--csv]`:
// reads the JSON that run, compare, sweep, backtest, replay and compare-live write and writes one self-contained HTML report (the
// chart libraries inlined from node_modules), or each chart as SVG or PNG, and the per-interval and
// per-agent tables as CSV. Every file is checked before anything is written.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { readProblem, refuseOverwrite, writeResultFile, type ResultKind } from '../output.js';
import { CLI_MSG } from '../messages.js';

/** Largest result file report reads, bytes: a run of 10,000 agents writes about 15 MB. */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;
import {
  LANGS,
  REPORTED_COMMANDS,
  REPORT_MARKER,
  agentsCsv,
  chartSvg,
  intervalsCsv,
  parseResult,
  reportHtml,
  reportSections,
  svgToPng,
  type Lang,
  type ReportInput,
  type ReportLibraries,
} from '../../reports/index.js';

/** Output formats: one HTML file, or a directory of chart files. */
export const REPORT_FORMATS = ['html', 'svg', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandOptions {
  files: string[];
  out: string;
  lang?: string;
  format?: string;
  csv?: boolean;
  force?: boolean;
}

/** Where the browser builds of the chart libraries live. */
const LIBRARY_FILES: Record<keyof ReportLibraries, [string, string]> = {
  vega: ['vega', 'vega.min.js'],
  vegaLite: ['vega-lite', 'vega-lite.min.js'],
  vegaEmbed: ['vega-embed', 'vega-embed.min.js'],
};

/**
 * The minified UMD builds of vega, vega-lite and vega-embed from node_modules (each package's
 * entry sits in its `build/` directory, beside the `.min.js`).
 */
export function loadLibraries(): ReportLibraries {
  const require = createRequire(import.meta.url);
  const out = {} as ReportLibraries;
  for (const [key, [pkg, file]] of Object.entries(LIBRARY_FILES) as Array<[keyof ReportLibraries, [string, string]]>) {
    out[key] = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
  }
  return out;
}

/** One file to write: its path, content and how to recognise an earlier one of ours. */
interface PlannedFile {
  path: string;
  content: () => Promise<string | Uint8Array>;
  kind: ResultKind;
}

const OURS: ResultKind = { marker: REPORT_MARKER };

/** The first line of a CSV: an earlier table of ours starts with the same header. */
const csvKind = (text: string): ResultKind => ({ marker: text.slice(0, text.indexOf('\r\n')) });

/** Joins a directory and a file name the way the user wrote the directory ('' = current). */
const inDir = (dir: string, name: string): string => (dir === '' || dir === '.' ? name : posix.join(dir.replace(/\\/g, '/'), name));

/**
 * Runs `chatsim report`. Exit 0, or 2 on invalid input (unknown option value, unreadable or
 * non-chatsim file, an output that would overwrite a file that is not ours).
 * @param libraries the chart libraries to inline (default: from node_modules)
 */
export async function reportCommand(opts: ReportCommandOptions, io: Io, libraries: () => ReportLibraries = loadLibraries): Promise<number> {
  const fail = (msg: string) => {
    io.stderr(`chatsim report: ${msg}\n`);
    return EXIT_INVALID;
  };
  const lang = (opts.lang ?? 'en') as Lang;
  if (!LANGS.includes(lang)) return fail(`--lang must be one of ${LANGS.join(', ')} (got "${opts.lang}")`);
  const format = (opts.format ?? 'html') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${opts.format}")`);
  if (opts.files.length === 0) return fail(`give at least one result file written by chatsim ${REPORTED_COMMANDS} --json`);
  if (!opts.out || opts.out.trim() === '') return fail('--out must name the report file (html) or directory (svg, png)');

  const inputs: ReportInput[] = [];
  for (const file of opts.files) {
    let text: string;
    try {
      text = io.readFile(file, MAX_RESULT_BYTES);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EFBIG') return fail(CLI_MSG.tooLarge(file, MAX_RESULT_BYTES));
      return fail(readProblem(file, err) ?? `cannot read ${file}: ${(err as Error).message}`);
    }
    const parsed = parseResult(text, file);
    if (!parsed.ok) return fail(parsed.error);
    inputs.push({ file, doc: parsed.doc });
  }

  const planned: PlannedFile[] = [];
  const sections = reportSections(inputs, lang);
  const outDir = format === 'html' ? posix.dirname(opts.out.replace(/\\/g, '/')) : opts.out;
  if (format === 'html') {
    let libs: ReportLibraries;
    try {
      libs = libraries();
    } catch (err) {
      return fail(`cannot load the chart libraries (vega, vega-lite, vega-embed): ${(err as Error).message.split('\n')[0]}; run npm ci`);
    }
    planned.push({ path: opts.out, content: async () => reportHtml(inputs, { lang, libraries: libs }), kind: OURS });
  } else {
    if (io.exists(opts.out) && isFile(io, opts.out)) return fail(`--out ${opts.out} is a file; with --format ${format} it names a directory for the chart files`);
    for (const chart of sections.flatMap((s) => s.charts)) {
      const path = inDir(outDir, `${chart.id}.${format}`);
      planned.push({
        path,
        content: async () => {
          const svg = await chartSvg(chart.spec);
          return format === 'svg' ? svg : svgToPng(svg);
        },
        kind: OURS,
      });
    }
  }
  if (opts.csv) {
    const first = sections.length - inputs.length; // the inputs' own sections come last, in order
    inputs.forEach((input, i) => {
      if (input.doc.kind !== 'run') return;
      const doc = input.doc;
      const key = sections[first + i].key;
      const intervals = intervalsCsv(doc);
      const agents = agentsCsv(doc);
      planned.push({ path: inDir(outDir, `${key}-intervals.csv`), content: async () => intervals, kind: csvKind(intervals) });
      planned.push({ path: inDir(outDir, `${key}-agents.csv`), content: async () => agents, kind: csvKind(agents) });
    });
    if (!inputs.some((x) => x.doc.kind === 'run')) io.stderr('chatsim report: note: --csv writes the tables of run results; compare, sweep and compare-live results have none\n');
  }

  for (const f of planned) {
    const refused = refuseOverwrite(io, f.path, opts.force, f.kind);
    if (refused) return fail(refused.replace('is not a chatsim result', 'is not a chatsim report file'));
  }
  for (const f of planned) {
    let content: string | Uint8Array;
    try {
      content = await f.content();
    } catch (err) {
      return fail(`cannot render ${f.path}: ${(err as Error).message.split('\n')[0]}`);
    }
    const err = writeResultFile(io, f.path, content, true, f.kind);
    if (err) return fail(err);
    io.stdout(`wrote ${f.path}\n`);
  }
  return EXIT_OK;
}

/** Whether an existing path reads as a file (a directory throws EISDIR); reads one byte at most. */
function isFile(io: Io, path: string): boolean {
  try {
    io.readHead(path, 1);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EISDIR';
  }
}
