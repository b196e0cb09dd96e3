/**
 * `evaluateStream`: a book too large to hold, evaluated chunk by chunk from an (async) iterable of
 * records, each a contact with its touches. Memory is bounded by the chunk size and the policy,
 * not by the book: each chunk is read, evaluated and handed over before the next is taken.
 *
 * A chunk is evaluated as `evaluate` evaluates a book, against one session (the policy compiled
 * and the owners read once), with positions in error records counted over the whole stream. So the
 * chunks' items, one after the other, are `evaluate`'s items for the same records, provided no
 * contact id repeats across chunks and every touch comes in a record of the same chunk as its
 * contact (with touches in their contact's record, as the record shape asks, it always does).
 */
import type { EvaluateColumns } from './columns.js';
import { columnsOfBook, previousBuffers } from './columns.js';
import { IdTable } from './ids.js';
import { IntakeScratch, type ScratchMemory } from './scratch.js';
import { bookBalance, evaluateBookItems } from './evaluate.js';
import { argumentError, checkArguments, openSession, readBook, type Session, type SnoozeEntry } from './intake.js';
import { idText, isId, isPlainObject, recordError, snoozeProblems } from './records.js';
import type { Contact, EvaluateResult, InstantInput, Owner, RecordError, Snooze, Touch } from './types.js';
import { messages } from '../errors/messages.js';
import { parsePolicy, type Policy } from '../schema/policy.js';

/**
 * One record of a stream: a contact and its touches (each touch's `contactId` names the contact).
 *
 * @example
 * const record: StreamRecord = { contact: { id: 'c1', tier: 'A' }, touches: [{ contactId: 'c1', at: '2026-11-01T09:30:00Z', channel: 'call' }] };
 */
export interface StreamRecord {
  contact: Contact;
  touches?: readonly Touch[];
}

/**
 * What `evaluateStream` reads besides the records.
 *
 * @example
 * const options: EvaluateStreamOptions = { policy, now: '2026-11-23T08:00:00Z', chunkSize: 50_000 };
 */
export interface EvaluateStreamOptions {
  policy: Policy;
  owners?: readonly Owner[];
  snoozes?: readonly Snooze[];
  now: InstantInput;
  /** Contacts per chunk: a whole number from 1 to `MAX_CHUNK_SIZE`; `DEFAULT_CHUNK_SIZE` by default. */
  chunkSize?: number;
  /** `items` (the default): each chunk is an `EvaluateResult`; `columns`: an `EvaluateColumns`. */
  output?: 'items' | 'columns';
  /**
   * With `output: 'columns'`: each chunk is written over the memory of the chunk before (its
   * columns and its intake's arrays), and that chunk is retired: its `item`, `reason`,
   * `contactId` … throw, and its typed arrays are the new chunk's. For a caller done with each
   * chunk before asking for the next (the usual `for await` loop that writes a chunk out). Off by
   * default: chunks collected into a list must keep their rows.
   */
  reuseChunks?: boolean;
}

/**
 * Contacts per chunk unless told: large enough that the per-chunk work is noise, small enough
 * that a chunk's objects stay in the young generation.
 *
 * @example
 * evaluateStream(records, { policy, now, chunkSize: DEFAULT_CHUNK_SIZE * 2 });
 */
export const DEFAULT_CHUNK_SIZE = 10_000;

/**
 * The largest chunk: past a million contacts a chunk is the book, and the stream is the wrong tool.
 *
 * @example
 * const chunkSize = Math.min(wanted, MAX_CHUNK_SIZE);
 */
export const MAX_CHUNK_SIZE = 1_000_000;

/** The session and the snoozes of one stream, kept between its chunks. */
export interface StreamState {
  readonly session: Session;
  /** Errors found before any chunk (owners): handed over with the first chunk. */
  readonly pending: RecordError[];
  /** Malformed snoozes: read with the first chunk, so their errors fall where `evaluate` puts them. */
  readonly badSnoozes: SnoozeEntry[];
  /** Snoozes not yet matched to a contact of a chunk, by contact id. */
  readonly snoozesByContact: Map<string, SnoozeEntry[]>;
  contactBase: number;
  touchBase: number;
  /** One id table for every chunk, emptied before each (a chunk's book does not keep it). */
  readonly idTable: IdTable;
  /** With `output: 'items'`: the intake's arrays of the chunk before, done with once its items are built. */
  intake: ScratchMemory | undefined;
  /** With `reuseChunks`: the chunk before, whose memory the next chunk takes. */
  previous: EvaluateColumns | undefined;
  readonly reuseChunks: boolean;
}

/** One chunk's records flattened as `evaluate` takes them, with the errors of malformed records. */
export interface FlatChunk {
  readonly contacts: Contact[];
  readonly touches: Touch[];
  /** Records that are not `{ contact, touches? }`, reported as errors of the chunk. */
  readonly recordErrors: RecordError[];
}

/**
 * Checks a stream's options (throwing an `InputError` naming the argument) and opens its session.
 * Tier rules that rank the whole book (`top`) cannot be decided chunk by chunk and are refused.
 */
export function openStream(options: EvaluateStreamOptions): { state: StreamState; chunkSize: number } {
  const nowMs = checkArguments(options, []);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE)
    throw argumentError(['chunkSize'], `chunkSize must be a whole number from 1 to ${MAX_CHUNK_SIZE}`);
  if (options.output !== undefined && options.output !== 'items' && options.output !== 'columns')
    throw argumentError(['output'], "output must be 'items' or 'columns'");
  const policy = parsePolicy(options.policy);
  const topRule = (policy.assign ?? []).findIndex((rule) => rule.top !== undefined);
  if (topRule !== -1) {
    throw argumentError(
      ['policy', 'assign', topRule, 'top'],
      `policy.assign[${topRule}].top ranks the whole book, which a stream never holds: evaluate the book with evaluate or evaluateColumns, or give the contacts an explicit tier`,
      'unsupported-in-stream',
    );
  }
  const pending: RecordError[] = [];
  const session = openSession(policy, options.owners, nowMs, pending);
  const snoozesByContact = new Map<string, SnoozeEntry[]>();
  const badSnoozes: SnoozeEntry[] = [];
  // Snoozes are few: checked once here, then each one goes with the chunk of its contact.
  (options.snoozes ?? []).forEach((snooze, index) => {
    if (snoozeProblems(snooze).length > 0) {
      badSnoozes.push({ index, snooze });
      return;
    }
    const contactId = idText(snooze.contactId);
    const list = snoozesByContact.get(contactId);
    if (list === undefined) snoozesByContact.set(contactId, [{ index, snooze }]);
    else list.push({ index, snooze });
  });
  if (options.reuseChunks !== undefined && typeof options.reuseChunks !== 'boolean')
    throw argumentError(['reuseChunks'], 'reuseChunks, when given, must be true or false');
  return {
    state: {
      session,
      pending,
      badSnoozes,
      snoozesByContact,
      contactBase: 0,
      touchBase: 0,
      idTable: new IdTable(0),
      intake: undefined,
      previous: undefined,
      reuseChunks: options.reuseChunks === true && options.output === 'columns',
    },
    chunkSize,
  };
}

/** Flattens one chunk of records into contacts and touches. */
export function flattenChunk(records: readonly unknown[], contactBase: number): FlatChunk {
  const contacts: Contact[] = [];
  const touches: Touch[] = [];
  const recordErrors: RecordError[] = [];
  for (let local = 0; local < records.length; local++) {
    const record = records[local];
    const touchList = isPlainObject(record) ? record.touches : undefined;
    if (!isPlainObject(record) || (touchList !== undefined && !Array.isArray(touchList))) {
      // A placeholder keeps the positions those of the stream; it is never evaluated.
      const contactId = isPlainObject(record) && isPlainObject(record.contact) ? record.contact.id : undefined;
      const message = isPlainObject(record)
        ? 'touches, when given, must be an array of touches'
        : 'a stream record is { contact, touches? }: not an object';
      const path = isPlainObject(record) ? ['touches'] : [];
      recordErrors.push(
        recordError(
          'contact',
          contactBase + local,
          { code: isPlainObject(record) ? 'bad-value' : 'not-an-object', path, message },
          { contactId },
        ),
      );
      contacts.push(SKIPPED);
      continue;
    }
    contacts.push(record.contact as Contact);
    if (touchList !== undefined) for (const touch of touchList as readonly Touch[]) touches.push(touch);
  }
  return { contacts, touches, recordErrors };
}

/** Stands in for a malformed record: refused by the contact checks, where its own error replaces theirs. */
const SKIPPED = null as unknown as Contact;

/**
 * Evaluates one chunk of records: the chunk's result, its errors after any pending ones, and the
 * stream's positions moved on. `last` reports the snoozes whose contact never came.
 */
export function evaluateChunk(
  state: StreamState,
  records: readonly unknown[],
  output: 'items' | 'columns',
  last: boolean,
): EvaluateResult | EvaluateColumns {
  const { contacts, touches, recordErrors } = flattenChunk(records, state.contactBase);
  const errors = state.pending.splice(0, state.pending.length);
  const snoozes = chunkSnoozes(state, contacts);
  const bookErrors: RecordError[] = [];
  // A chunk of items keeps nothing of its book, so the next chunk's intake writes over its arrays;
  // a chunk of columns keeps its book (its rows are built from it), so only with `reuseChunks`.
  const reuse = output === 'columns' && state.previous !== undefined ? previousBuffers(state.previous) : undefined;
  const scratch = new IntakeScratch(output === 'items' ? state.intake : reuse?.intake);
  state.idTable.reset(contacts.length);
  const book = readBook(state.session, contacts, touches, snoozes, state.contactBase, state.touchBase, bookErrors, scratch, state.idTable);
  // A malformed record's placeholder fails the contact checks where it stands: its own error
  // takes that place.
  const byIndex = new Map(recordErrors.map((error) => [error.index, error]));
  for (const error of bookErrors) errors.push((error.record === 'contact' && byIndex.get(error.index)) || error);
  state.contactBase += contacts.length;
  state.touchBase += touches.length;
  const result: EvaluateResult | EvaluateColumns =
    output === 'columns' ? columnsOfBook(state.session, book, errors, reuse) : itemsResult(state.session, book, errors);
  if (output === 'items') state.intake = scratch.memory;
  else if (state.reuseChunks) state.previous = result as EvaluateColumns;
  if (last) for (const error of unmatchedSnoozes(state)) errors.push(error);
  return result;
}

function itemsResult(session: Session, book: ReturnType<typeof readBook>, errors: RecordError[]): EvaluateResult {
  const items = evaluateBookItems(session, book, errors);
  const balance = bookBalance(session, book);
  return balance === undefined ? { items, errors } : { items, errors, balance };
}

/** The snoozes of a chunk's contacts, taken out of those still waiting. */
function chunkSnoozes(state: StreamState, contacts: readonly Contact[]): SnoozeEntry[] {
  const found: SnoozeEntry[] = state.badSnoozes.splice(0, state.badSnoozes.length);
  if (state.snoozesByContact.size === 0) return found;
  for (const contact of contacts) {
    const id = isPlainObject(contact) && isId(contact.id) ? idText(contact.id) : undefined;
    if (id === undefined) continue;
    const entries = state.snoozesByContact.get(id);
    if (entries === undefined) continue;
    state.snoozesByContact.delete(id);
    for (const entry of entries) found.push(entry);
  }
  // In input order, as `evaluate` reads them.
  return found.sort((a, b) => a.index - b.index);
}

/** Snoozes whose contact never came in the stream, as `evaluate` reports them. */
function unmatchedSnoozes(state: StreamState): RecordError[] {
  const left: SnoozeEntry[] = [];
  for (const entries of state.snoozesByContact.values()) for (const entry of entries) left.push(entry);
  state.snoozesByContact.clear();
  return left
    .sort((a, b) => a.index - b.index)
    .map(({ index, snooze }) => {
      const contactId = idText(snooze.contactId);
      return recordError(
        'snooze',
        index,
        { code: 'unknown-contact', path: ['contactId'], message: messages.unknownSnoozeContact(contactId) },
        { contactId },
      );
    });
}

/**
 * Evaluates a stream of `{ contact, touches }` records chunk by chunk, yielding each chunk's
 * result (`EvaluateResult`, or `EvaluateColumns` with `output: 'columns'`) as soon as it is
 * evaluated. Positions in error records and the columns' `contact` count over the whole stream
 * (a record's touches numbered one after the other across records). Owner errors and malformed
 * snoozes come with the first chunk; snoozes whose contact never came, with the last (one more
 * chunk, without items, when the records ended on a full chunk).
 *
 * A chunk is a book of its own: a contact id repeated in another chunk is not reported as a
 * duplicate (only within a chunk), and a touch whose contact is in another chunk is an
 * unknown-contact error. Tier rules with `top` rank the whole book and are refused (an
 * `InputError` with path `['policy', 'assign', i, 'top']`) before any record is read.
 *
 * The options are checked when it is called (a bad one throws then); records are read as it is iterated.
 *
 * @example
 * for await (const chunk of evaluateStream(records, { policy, now: '2026-11-23T08:00:00Z' })) {
 *   for (const item of chunk.items) if (item.status === 'overdue') await queue.push(item);
 *   for (const error of chunk.errors) log.warn(error.message);
 * }
 */
export function evaluateStream(
  source: Iterable<StreamRecord> | AsyncIterable<StreamRecord>,
  options: EvaluateStreamOptions & { output: 'columns' },
): AsyncGenerator<EvaluateColumns, void, undefined>;
export function evaluateStream(
  source: Iterable<StreamRecord> | AsyncIterable<StreamRecord>,
  options: EvaluateStreamOptions & { output?: 'items' },
): AsyncGenerator<EvaluateResult, void, undefined>;
export function evaluateStream(
  source: Iterable<StreamRecord> | AsyncIterable<StreamRecord>,
  options: EvaluateStreamOptions,
): AsyncGenerator<EvaluateResult | EvaluateColumns, void, undefined> {
  if (!isIterable(source)) throw argumentError(['source'], 'source must be an iterable or async iterable of { contact, touches } records');
  const { state, chunkSize } = openStream(options);
  return run(source, state, chunkSize, options.output ?? 'items');
}

async function* run(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  state: StreamState,
  chunkSize: number,
  output: 'items' | 'columns',
): AsyncGenerator<EvaluateResult | EvaluateColumns, void, undefined> {
  let chunk: unknown[] = [];
  let yielded = false;
  for await (const record of source as AsyncIterable<unknown>) {
    chunk.push(record);
    if (chunk.length === chunkSize) {
      const records = chunk;
      chunk = [];
      // The chunk is handed over before the next record is read. The snoozes that never found
      // their contact come with the last chunk: one more, without records, when the records end
      // on a full chunk.
      yield evaluateChunk(state, records, output, false);
      yielded = true;
    }
  }
  if (chunk.length > 0 || !yielded || state.snoozesByContact.size > 0) yield evaluateChunk(state, chunk, output, true);
}

export function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function')
  );
}
