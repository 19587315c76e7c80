// The one error type of chatsim and the exit codes it carries (after k6's errext): a ChatsimError
// is a problem the user can fix, worded for people, with the exit code the CLI returns and an
// optional hint. The CLI maps errors by `instanceof`, never by name; anything else is a bug (exit
// 70). Imports nothing.

/** Everything went well. */
export const EXIT_OK = 0;
/** A check failed (an SLA target missed). */
export const EXIT_FAIL = 1;
/** Invalid input: a bad scenario, option or file. */
export const EXIT_INVALID = 2;
/** An internal error: a bug in chatsim (sysexits' EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

export interface ChatsimErrorOptions {
  /** Exit code of the CLI for this error; default {@link EXIT_INVALID}. */
  exitCode?: number;
  /** One line on what to do about it, shown after the message. */
  hint?: string;
  cause?: unknown;
}

/**
 * A problem the user can fix (bad input, an impossible request), worded for people.
 * @example throw new ChatsimError('the staffing interval must divide a day', { hint: 'try 15m, 30m or 1h' });
 */
export class ChatsimError extends Error {
  override name = 'ChatsimError';
  /** The CLI's exit code for this error. */
  readonly exitCode: number;
  /** What to do about it, when there is something to say. */
  readonly hint: string | undefined;
  constructor(message: string, options: ChatsimErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.exitCode = options.exitCode ?? EXIT_INVALID;
    this.hint = options.hint;
  }
}

/**
 * A model that cannot be built (unknown policy, unknown skill…).
 * @example try { simulate(scenario, { seed: '1', recorder, policy: 'nope' }); } catch (e) { if (e instanceof ModelError) console.error(e.message); }
 */
export class ModelError extends ChatsimError {
  override name = 'ModelError';
}

/**
 * A staffing request that cannot run.
 * @example try { staff(scenario, { targets, template: 'nobody' }); } catch (e) { if (e instanceof StaffError) process.exitCode = e.exitCode; }
 */
export class StaffError extends ChatsimError {
  override name = 'StaffError';
}

/**
 * An input the Erlang formulas cannot take (non-finite, non-positive, fractional servers).
 * @example try { erlangC({ ratePerSec: 0, ahtSec: 240, servers: 3, slTimeSec: 20 }); } catch (e) { if (e instanceof ErlangInputError) console.error(e.field); }
 */
export class ErlangInputError extends ChatsimError {
  override name = 'ErlangInputError';
  constructor(
    /** The offending input field, e.g. `servers`. */
    readonly field: string,
    /** The value that was given. */
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The text the CLI prints for an error of chatsim: the message, then the hint on its own line.
 * @example formatError(new ChatsimError('no agents', { hint: 'add agents:' })) // 'chatsim: no agents\n  hint: add agents:\n'
 */
export function formatError(err: ChatsimError, prefix = 'chatsim: '): string {
  return `${prefix}${err.message}\n${err.hint !== undefined ? `  hint: ${err.hint}\n` : ''}`;
}
