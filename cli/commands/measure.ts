// `chatsim measure <records-file…>`: the metric table of `chatsim run` from kernel records (a
// backend export, `chatsim run --records`), through the same metric code and the same table; each
// file is one run, several are summarised like replications. `--json` writes a run document.
// Parse options → API → render → write.

import { EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import { measureRecords } from '../../api/index.js';
import { measureResultDocument } from '../../api/documents.js';
import { formatDuration } from '../../core/units.js';
import { linesOf, toJson, writeResultFile } from '../output.js';
import { grouped } from '../messages.js';
import { outputProblem, renderMetricsTable } from './run.js';

/** Options of `chatsim measure`. */
export interface MeasureCommandOptions {
  files: string[];
  json?: string;
  force?: boolean;
}

/**
 * Measures records files and prints their metric table. Exit 0, or 2 on an unreadable or invalid
 * file (`file:line field message`).
 * @example await measureCommand({ files: ['export.jsonl'] }, nodeIo())
 */
export async function measureCommand(opts: MeasureCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(`chatsim measure: ${msg}\n`); return EXIT_INVALID; };
  const outputs = outputProblem(io, 'measure', [[opts.json, 'json']], opts.force);
  if (outputs) { io.stderr(outputs + '\n'); return EXIT_INVALID; }
  const m = measureRecords(opts.files.map((file) => ({ file, lines: linesOf(io, file) })));
  const ctx = m.context;
  const sources = m.headers.map((h, i) => h.source ?? opts.files[i]);
  io.stdout([
    `measured ${opts.files.length === 1 ? opts.files[0] : `${opts.files.length} records files`}: ${grouped(m.conversations)} conversations, horizon ${formatDuration(ctx.horizonSec)}, ${ctx.agents.length} agent${ctx.agents.length === 1 ? '' : 's'} (${[...new Set(sources)].join('; ')})`,
    `SL(T) with T = ${formatDuration(ctx.slTimeSec)}` + (ctx.warmupSec > 0 ? `; warm-up ${formatDuration(ctx.warmupSec)} not measured` : ''),
    '',
    '',
  ].join('\n') + renderMetricsTable(m.summary, [], io.stdoutColumns));
  if (opts.json) {
    const err = writeResultFile(io, opts.json, toJson(measureResultDocument(m, opts.files[0])), opts.force);
    if (err) return fail(err);
    io.stdout(`wrote ${opts.json}\n`);
  }
  return EXIT_OK;
}
