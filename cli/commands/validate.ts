// `chatsim validate <file>`: loads a scenario and reports it valid (with a one-line summary) or
// prints every located issue. Touches the outside world only through the Io it is given.

import { EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import { formatIssues, loadScenarioFile } from '../../scenarios/load.js';
import type { Scenario } from '../../core/scenario.js';

/** Options of `chatsim validate`. */
export interface ValidateOptions {
  /** Path of the scenario YAML, relative to `io.cwd`. */
  file: string;
}

/**
 * Validates a scenario file. Exit 0 with a summary on stdout, or 2 (`EXIT_INVALID`) with every
 * issue on stderr, one `file:line:col  path  message` per line.
 * @example await validateCommand({ file: 'scenarios/examples/webshop-day.yaml' }, nodeIo()) // 0
 */
export async function validateCommand(opts: ValidateOptions, io: Io): Promise<number> {
  const loaded = loadScenarioFile(opts.file, io);
  if (!loaded.ok) {
    io.stderr(formatIssues(loaded.issues));
    const n = loaded.issues.length;
    io.stderr(`${opts.file}: invalid — ${n} ${n === 1 ? 'issue' : 'issues'}\n`);
    return EXIT_INVALID;
  }
  io.stdout(`${opts.file}: ok — ${summary(loaded.scenario)}\n`);
  return EXIT_OK;
}

/** `webshop-day: 2 skill groups, 16 agents in 5 groups, 1 day`. */
export function summary(s: Scenario): string {
  const agents = s.agents.reduce((sum, a) => sum + a.count, 0);
  return `${s.name}: ${plural(s.groups.length, 'skill group')}, ${plural(agents, 'agent')} in ${plural(s.agents.length, 'group')}, ${plural(s.days, 'day')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
