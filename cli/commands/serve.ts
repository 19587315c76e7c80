// `chatsim serve`: starts the live chat backend on a scenario's roster and prints its URL and where
// the tokens are; runs until `untilStopped` resolves (SIGTERM or SIGINT in cli/main.ts), then stops
// accepting, finishes what is in flight, closes the database and exits 0. Parse options → API →
// print. Loaded only when used (the HTTP stack is not for the other commands).

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { loadCommandScenario } from './run.js';
import { parseCount, parsePolicyOption, parsePositiveNumber } from '../options.js';
import { startServer, SYNCHRONOUS, type ServerOptions } from '../../api/serve.js';
import { readTrace } from '../../api/index.js';
import { linesOf } from '../output.js';

export interface ServeCommandOptions {
  host?: string;
  port?: string;
  db?: string;
  scenario?: string;
  /** A visitor trace whose header's scenario (roster and rules) the service runs on. */
  trace?: string;
  policy?: string;
  timeScale?: string;
  checkInvariants?: boolean;
  /** CHATSIM_ADMIN_TOKEN, read by cli/main.ts. */
  adminToken?: string;
  /** Resolves when the service should stop (a signal). */
  untilStopped: Promise<unknown>;
}

/** Largest --time-scale: a year of scenario time per wall minute is already beyond any use. */
export const MAX_TIME_SCALE = 1e6;

export async function serveCommand(opts: ServeCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(`chatsim serve: ${msg}\n`); return EXIT_INVALID; };
  // pino's JSON lines on stderr: warnings (malformed clients, refused requests) and invariant violations
  const options: ServerOptions = { host: opts.host ?? '127.0.0.1', checkInvariants: opts.checkInvariants ?? false, logger: { level: 'warn', stream: { write: (line) => io.stderr(line) } } };
  if (opts.port !== undefined) {
    const p = parseCount('--port', opts.port, { min: 0, max: 65535 });
    if (!p.ok) return fail(p.error);
    options.port = p.value;
  }
  if (opts.timeScale !== undefined) {
    const t = parsePositiveNumber('--time-scale', opts.timeScale, MAX_TIME_SCALE);
    if (!t.ok) return fail(t.error);
    options.timeScale = t.value;
  }
  if (opts.policy !== undefined) {
    const p = parsePolicyOption(opts.policy);
    if (!p.ok) return fail(p.error);
    options.policy = p.value;
  }
  if (opts.db !== undefined) options.db = opts.db;
  if (opts.adminToken !== undefined && opts.adminToken !== '') options.adminToken = opts.adminToken;
  if (opts.scenario !== undefined && opts.trace !== undefined) return fail('give --scenario FILE or --trace FILE, not both (a trace carries its scenario)');
  if (opts.trace !== undefined) {
    // only the header is read: the roster and rules the trace's visitors run under
    options.scenario = readTrace(linesOf(io, opts.trace), opts.trace).first().scenario;
  }
  if (opts.scenario !== undefined) {
    const loaded = loadCommandScenario(opts.scenario, io);
    if (loaded === null) return EXIT_INVALID;
    options.scenario = loaded.scenario;
  }
  const server = await startServer(options);
  io.stdout(`chatsim serve: listening on ${server.url}\n`);
  io.stdout(`  database: ${opts.db ?? ':memory: (nothing survives a restart; pass --db FILE)'}${opts.db !== undefined ? ` (WAL, synchronous=${SYNCHRONOUS})` : ''}\n`);
  if (server.tokensFile !== undefined) io.stdout(`  tokens (admin and agents, owner-only file): ${server.tokensFile}\n`);
  else io.stdout('  tokens: as written when the database was created' + (options.adminToken !== undefined ? '; admin token from CHATSIM_ADMIN_TOKEN' : '') + '\n');
  io.stdout(`  API: ${server.url}/api/v1/openapi.json  metrics: ${server.url}/metrics\n`);
  io.stdout(`  pages: ${server.url}/ (dashboard)  ${server.url}/visitor  ${server.url}/agent\n`);
  await opts.untilStopped;
  await server.close();
  io.stdout('chatsim serve: stopped\n');
  return EXIT_OK;
}
