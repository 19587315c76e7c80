// Reading logs for `chatsim fit` and `chatsim backtest`: bytes (gzipped or not) → text → contacts,
// a kernel records file told from a delimited log by its first line; then the fit and the scenario
// text. May import anything but cli/.

import { gunzipSync } from 'node:zlib';
import { RECORDS_FORMAT, decodeRecords } from '../core/records-codec.js';
import { ChatsimError } from '../core/errors.js';
import { mergeLogs, readDelimited } from '../fit/input/delimited.js';
import { contactsFromRecords } from '../fit/input/records.js';
import type { LogMapping } from '../fit/input/mapping.js';
import { DEFAULT_DAY_TYPES, parseDayTypes, type Calendar, type ContactLog } from '../fit/contacts.js';
import { fitLog, type FitOptions, type FitResult } from '../fit/fit.js';
import { writeFittedScenario, type WriteOptions } from '../fit/write-scenario.js';

export { parseInlineMapping, parseMappingFile, MappingError, type LogMapping } from '../fit/input/mapping.js';
export { fitLog, type FitResult, type FitOptions, STAFFING_CHOICES, PATIENCE_CHOICES, type StaffingChoice, type PatienceChoice } from '../fit/fit.js';
export { writeFittedScenario, staffingFollowsVolume, headStartText } from '../fit/write-scenario.js';
export type { Calendar, Contact, ContactLog, BadRow } from '../fit/contacts.js';

/** One log as given: its name (for messages) and its bytes. */
export interface LogFile {
  name: string;
  bytes: Uint8Array;
}

/** Largest decompressed log, bytes (a year of a large centre fits). */
export const MAX_LOG_BYTES = 1 << 30;

/**
 * The text of a log: gunzipped when it starts with the gzip magic bytes.
 * @example logText({ name: 'jan.txt.gz', bytes: readFileSync('jan.txt.gz') })
 */
export function logText(file: LogFile): string {
  const b = file.bytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
    try {
      return gunzipSync(b, { maxOutputLength: MAX_LOG_BYTES }).toString('utf8');
    } catch (e) {
      throw new ChatsimError(`${file.name}: cannot be gunzipped (${(e as Error).message})`);
    }
  }
  return Buffer.from(b).toString('utf8');
}

/**
 * Whether a log's text is a kernel records file (its first line is the records header).
 * @example isRecordsText('{"format":"chatsim.records","version":1,…}\n') // true
 */
export function isRecordsText(text: string): boolean {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  return first.includes(`"${RECORDS_FORMAT}"`);
}

export interface ReadLogsOptions {
  /** How delimited logs map onto contacts; required when any log is delimited. */
  mapping?: LogMapping;
  /** Weekday of day 0 of a records file (0 = Monday). */
  startWeekday?: number;
}

/**
 * Reads logs into one contact log: records files through the kernel codec, delimited ones
 * through the mapping.
 * @throws {ChatsimError} for a delimited log without a mapping, a header that does not fit it, a broken records file.
 * @example readLogs([{ name: 'jan.txt.gz', bytes }], { mapping }).contacts.length
 */
export function readLogs(files: readonly LogFile[], options: ReadLogsOptions = {}): ContactLog {
  const logs = files.map((f) => {
    const text = logText(f);
    if (isRecordsText(text)) return contactsFromRecords(decodeRecords(text, f.name), f.name, options.startWeekday ?? 0);
    if (options.mapping === undefined) {
      throw new ChatsimError(`${f.name}: a delimited log needs a field mapping`, { hint: 'give --map arrival=<column>,outcome=<column>,… or --map mapping.yaml (see fit/presets/)' });
    }
    return readDelimited(text, f.name, options.mapping);
  });
  return mergeLogs(logs);
}

/**
 * The calendar: day types from `--day-types` (else the mapping's, else Monday–Friday / weekend) and
 * holidays from both.
 * @example calendarOf(mapping, 'sun-thu=weekday,fri=friday,sat=saturday', ['1999-03-02'])
 */
export function calendarOf(mapping: LogMapping | undefined, dayTypes?: string, holidays: readonly string[] = []): Calendar {
  const spec = dayTypes ?? mapping?.dayTypes;
  const parsed = spec === undefined ? DEFAULT_DAY_TYPES.slice() : parseDayTypes(spec);
  if (typeof parsed === 'string') throw new ChatsimError(`--day-types: ${parsed}`);
  return { dayTypes: parsed, holidays: new Set([...(mapping?.holidays ?? []), ...holidays]) };
}

/**
 * Fits a log and writes the scenario text.
 * @example const { yaml } = fitScenario(log, { calendar }, { name: 'bank', sources: ['jan.txt.gz'] });
 */
export function fitScenario(log: ContactLog, fit: FitOptions, write: WriteOptions): { fit: FitResult; yaml: string } {
  if (log.contacts.length === 0) throw new ChatsimError('no contact offered to people in the logs: nothing to fit', { hint: 'check the mapping\'s rules against the outcome values of the file' });
  const result = fitLog(log, fit);
  return { fit: result, yaml: writeFittedScenario(result, write) };
}
