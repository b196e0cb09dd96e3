/**
 * Touch rows: the contact (or contacts), instant, channel, direction, outcome and purpose of a
 * done activity; a row the completion column calls open is skipped, not counted.
 */
import { messages } from '../../errors/messages.js';
import type { Outcome, Touch } from '../../core/types.js';
import { CHANNELS, type Channel, DIRECTIONS, type Direction } from '../../schema/policy.js';
import { type CellResult, readInstant } from './cells.js';
import type { Collection, RowReader } from './collection.js';
import { cellOf, isWritableId, reportMissingId, taker, text } from './fields.js';
import { markUsed } from './header.js';
import type { CsvOrigin, CsvProblem, FromCsvOptions } from './types.js';

const DEFAULT_COMPLETED = ['true', 'yes', 'y', '1', 'x', 'done', 'completed', 'complete', 'closed', 'held'];
const DEFAULT_OPEN = [
  'false',
  'no',
  'n',
  '0',
  'open',
  'planned',
  'scheduled',
  'pending',
  'not started',
  'in progress',
  'waiting on someone else',
  'deferred',
  'to do',
  'todo',
  'canceled',
  'cancelled',
];
const COMPLETED_COLUMN_NAMES = ['completed', 'done', 'status'];

/**
 * Outcome words exports write, beside the engine's own names, each with one meaning only. Words
 * that could mean a conversation or not ("left message": with a person or a machine?, "reached")
 * are left out: they are reported, and the `outcomes` option says what a team means by them.
 */
const BUILT_IN_OUTCOMES: Readonly<Record<string, Outcome>> = {
  connected: 'connected',
  answered: 'connected',
  voicemail: 'voicemail',
  'voice mail': 'voicemail',
  'left voicemail': 'voicemail',
  'left a voicemail': 'voicemail',
  'left voice mail': 'voicemail',
  'no answer': 'no-answer',
  'not answered': 'no-answer',
  unanswered: 'no-answer',
  busy: 'no-answer',
  bounced: 'bounced',
};

/** An outcome word as compared, in any case, and spaces, `_` and `-` alike (`No_Answer` = `no answer`). */
const outcomeWord = (word: string): string =>
  word
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** Lower-cased words → value, from the engine's own names plus the caller's. */
function vocabulary<T extends string>(own: readonly T[], extra: Record<string, T> | undefined): Map<string, T> {
  const words = new Map<string, T>(own.map((word) => [word, word]));
  for (const [word, value] of Object.entries(extra ?? {})) words.set(word.toLowerCase(), value);
  return words;
}

/**
 * Reads touch rows into `touches`. With a contacts CSV read first (`knownContacts`), a touch of a
 * contact not in it is an `unknown-contact` error, whose message says when that contact's own row
 * was in error (`failedContacts`).
 *
 * @example
 * const collection = readText('touches', text, options, (c) => touchReader(c, options, known, failed, touches));
 */
export function touchReader(
  collection: Collection,
  options: FromCsvOptions,
  knownContacts: Set<string> | undefined,
  failedContacts: Set<string>,
  touches: Touch[],
  origins: CsvOrigin[],
  unmappedOutcomes: Map<string, { word: string; rows: number }>,
): RowReader {
  const header = collection.header;
  const columns = options.mapping?.touches ?? {};
  const contactColumn = columns.contactId ?? 'contactId';
  const contactPosition = header.find(contactColumn);
  const atColumn = columns.at ?? 'at';
  const channelColumn = columns.channel ?? 'channel';
  // The first of the usual names only: a `status` column beside `done` is not read, so it is listed as ignored.
  const completedName = columns.completed ?? COMPLETED_COLUMN_NAMES.find((name) => header.has(name));
  const completedPosition = completedName === undefined ? undefined : header.find(completedName);
  const completedWords = new Set((options.completedValues ?? DEFAULT_COMPLETED).map((word) => word.toLowerCase()));
  const openWords = new Set((options.openValues ?? DEFAULT_OPEN).map((word) => word.toLowerCase()));
  const channels = vocabulary(CHANNELS, options.channels);
  const directions = vocabulary(DIRECTIONS, options.directions);
  const outcomes = new Map<string, Outcome>(Object.entries(BUILT_IN_OUTCOMES));
  for (const [word, value] of Object.entries(options.outcomes ?? {})) outcomes.set(outcomeWord(word), value);
  markUsed(header, [atColumn, channelColumn, columns.direction ?? 'direction', columns.outcome ?? 'outcome', columns.purpose ?? 'purpose']);
  const separator = options.contactIdSeparator;

  return (row) => {
    const contactId = cellOf(row, contactPosition);
    if (columns.completed !== undefined && completedPosition === undefined) {
      collection.error(
        row,
        'missing-field',
        columns.completed,
        `no column ${JSON.stringify(columns.completed)} saying whether the activity was done`,
        contactId,
      );
      return;
    }
    if (completedPosition !== undefined) {
      const state = (cellOf(row, completedPosition) ?? '').toLowerCase();
      if (state === '' || openWords.has(state)) {
        collection.skip(row, 'open-activity', contactId);
        return;
      }
      if (!completedWords.has(state)) {
        collection.error(
          row,
          'bad-value',
          header.names[completedPosition],
          `neither done (${[...completedWords].join(', ')}) nor open (${[...openWords].join(', ')}): ${JSON.stringify(state)}; the completedValues and openValues options add words`,
          contactId,
        );
        return;
      }
    }
    if (contactId === undefined) {
      reportMissingId(collection, row, contactPosition, contactColumn, 'contact');
      return;
    }
    if (!isWritableId(contactId, row)) {
      collection.error(row, 'bad-id', header.names[contactPosition!], `the contact id ${messages.illFormedId}`);
      return;
    }
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const required = (field: string, column: string): boolean => {
      if (cellOf(row, header.find(column)) !== undefined) return true;
      const position = header.find(column);
      problems.push({
        code: 'missing-field',
        column: header.names[position ?? -1] ?? column,
        message: position === undefined ? `no column ${JSON.stringify(column)} for ${field}` : `${field} is empty`,
      });
      return false;
    };
    const hasAt = required('at', atColumn);
    const hasChannel = required('channel', channelColumn);
    const at = hasAt ? take('at', atColumn, (cell) => readInstant(cell, options.localTimeZone)) : undefined;
    const channel = hasChannel
      ? take('channel', channelColumn, (cell): CellResult<Channel> => {
          const value = channels.get(cell.toLowerCase());
          return value
            ? { ok: true, value }
            : {
                ok: false,
                problem: {
                  code: 'bad-value',
                  message: `unknown channel ${JSON.stringify(cell)} (${CHANNELS.join(', ')}; the channels option maps other words)`,
                },
              };
        })
      : undefined;
    const direction = take('direction', columns.direction ?? 'direction', (cell): CellResult<Direction> => {
      const value = directions.get(cell.toLowerCase());
      return value
        ? { ok: true, value }
        : {
            ok: false,
            problem: {
              code: 'bad-value',
              message: `unknown direction ${JSON.stringify(cell)} (outbound, inbound; the directions option maps other words)`,
            },
          };
    });
    const outcome = take('outcome', columns.outcome ?? 'outcome', (cell): CellResult<Outcome> => {
      const word = outcomeWord(cell);
      const value = outcomes.get(word);
      if (value !== undefined) return { ok: true, value };
      const unmapped = unmappedOutcomes.get(word);
      if (unmapped) unmapped.rows += 1;
      else unmappedOutcomes.set(word, { word: cell, rows: 1 });
      return {
        ok: false,
        problem: {
          code: 'bad-value',
          message: `unknown outcome ${JSON.stringify(cell)} (connected, voicemail, no-answer, bounced and the words docs/adapters/csv.md lists; the outcomes option maps other words)`,
        },
      };
    });
    const purpose = take('purpose', columns.purpose ?? 'purpose', text);
    if (problems.length > 0 || !at || !channel) {
      collection.report(
        row,
        problems.length > 0 ? problems : [{ code: 'missing-field', message: 'at and channel are required' }],
        contactId,
      );
      return;
    }
    // One activity may name several contacts (a meeting with three people): one touch each.
    const contactIds =
      separator === undefined
        ? [contactId]
        : [
            ...new Set(
              contactId
                .split(separator)
                .map((id) => id.trim())
                .filter((id) => id !== ''),
            ),
          ];
    if (contactIds.length === 0) {
      collection.error(
        row,
        'missing-id',
        header.names[contactPosition!],
        `no contact id between the separators: ${JSON.stringify(contactId)}`,
        contactId,
      );
      return;
    }
    const unknown = knownContacts === undefined ? [] : contactIds.filter((id) => !knownContacts.has(id));
    if (unknown.length > 0) {
      const why = (id: string) =>
        `${JSON.stringify(id)}: ${failedContacts.has(id) ? 'its row in the contacts CSV has an error' : 'it is not in the contacts CSV'}`;
      collection.error(row, 'unknown-contact', header.names[contactPosition!], `unknown contact ${unknown.map(why).join('; ')}`, contactId);
      return;
    }
    for (const id of contactIds) {
      const touch: Touch = { contactId: id, at, channel };
      if (direction) touch.direction = direction;
      if (outcome) touch.outcome = outcome;
      if (purpose) touch.purpose = purpose;
      touches.push(touch);
      origins.push({ index: row.index, line: row.line });
    }
    collection.mapped += 1;
  };
}
