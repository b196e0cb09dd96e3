/**
 * Reading an id out of a CRM record in the three CRM readers: an id, no id, or an id that is
 * ill-formed. An id holding a lone UTF-16 surrogate (a payload parsed from JSON can hold
 * `"\ud800"`; no UTF-8 file, URL or CRM can) is an id the record has, but one no output can carry:
 * the readers report it as `bad-id`, as `evaluate` and `fromCsv` do, never as a missing id
 * (docs/errors.md, "Ids every output can carry"). Each reader keeps its own rule for what counts as
 * an id (trimmed or not, numbers, v1 objects) and returns `ILL_FORMED_ID` where the text is not
 * well-formed, so every place that reads an id has to say what an ill-formed one means there.
 */
import { messages } from '../../errors/messages.js';
import { isWellFormedText } from '../../schema/text.js';

/**
 * What an id reader gives for text holding a lone UTF-16 surrogate.
 *
 * @example
 * if (id === ILL_FORMED_ID) return fail('bad-id', ['Id'], illFormedIdMessage('the Id'));
 */
export const ILL_FORMED_ID: unique symbol = Symbol('ill-formed id');

/**
 * An id as a reader finds it: the id, `undefined` when there is none, or `ILL_FORMED_ID`.
 *
 * @example
 * const id: IdReading = idText(record.id);
 */
export type IdReading = string | undefined | typeof ILL_FORMED_ID;

/**
 * The reading of a non-blank text id: the id (as `keep` gives it), undefined when blank, or
 * `ILL_FORMED_ID` when it holds a lone surrogate.
 *
 * @example
 * textId('a\ud800', (text) => text) // ILL_FORMED_ID
 */
export function textId(value: string, keep: (text: string) => string): IdReading {
  if (value.trim() === '') return undefined;
  return isWellFormedText(value) ? keep(value) : ILL_FORMED_ID;
}

/**
 * The id when it is one, undefined for none and for an ill-formed one: for the places that only
 * look an id up, or name a record in an error it already carries (an error's `id` must be writable).
 *
 * @example
 * wellFormed(ILL_FORMED_ID) // undefined
 */
export function wellFormed(id: IdReading): string | undefined {
  return id === ILL_FORMED_ID ? undefined : id;
}

/**
 * The message of a `bad-id` error, worded as fromCsv words it: `the contact id holds a lone
 * UTF-16 surrogate, …`.
 *
 * @example
 * illFormedIdMessage('the contact id')
 */
export function illFormedIdMessage(what: string): string {
  return `${what} ${messages.illFormedId}`;
}
