/**
 * Reading values out of CRM records the same way in every adapter: a field by name or by a dotted
 * path (`Account.AnnualRevenue`, as SOQL returns a parent's field), own properties only (a record
 * is data: `valueOf` or `constructor` are never fields), a scalar where a scalar belongs (a nested
 * object is an error, never the text `[object Object]`), epoch milliseconds written as digits, and
 * a guard against values too deep or cyclic to read, so one odd record is an error, not an
 * exception that loses the rest.
 */
import { InputError } from '../../errors/errors.js';

/**
 * Whether a value is a plain record (an object that is not an array nor a `Date`).
 *
 * @example
 * isPlainRecord({ Id: '003…' }) // true
 */
export function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * A record's own property, never one it inherits (`valueOf`, `constructor`, `__proto__`).
 *
 * @example
 * ownValue({ name: 'Ada' }, 'valueOf') // undefined
 */
export function ownValue(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * A field by its name, or else by a dotted path through nested records (`Account.AnnualRevenue`
 * reads `record.Account.AnnualRevenue`). The whole name is tried first, so a field whose own name
 * holds a dot still reads. Own properties only, at every step.
 *
 * @example
 * valueAtPath({ Account: { AnnualRevenue: 5e6 } }, 'Account.AnnualRevenue') // 5000000
 */
export function valueAtPath(record: object, path: string): unknown {
  if (Object.hasOwn(record, path)) return (record as Record<string, unknown>)[path];
  if (!path.includes('.')) return undefined;
  let value: unknown = record;
  for (const step of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = ownValue(value, step);
  }
  return value;
}

/**
 * Whether a value read where a scalar belongs is a nested object or list: such a value is an
 * error of its record (`bad-value`), never turned into text.
 *
 * @example
 * isNested({ Name: 'Acme' }) // true
 * isNested(new Date()) // false
 */
export function isNested(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/**
 * Epoch milliseconds written as 12 to 16 digits (a CRM export, a spreadsheet cell), or undefined.
 * Epoch milliseconds have 12 digits or more since 1973; shorter digits are epoch seconds or a
 * `yyyymmdd` date, which read as milliseconds would silently land in January 1970.
 *
 * @example
 * epochDigits('1762074000000') // 1762074000000
 * epochDigits('20261102') // undefined
 */
export function epochDigits(text: string): number | undefined {
  return /^\d{12,16}$/.test(text) ? Number(text) : undefined;
}

/** How deep a record may nest: CRM records are a few levels deep; anything past this is not one. */
export const MAX_RECORD_DEPTH = 64;

/**
 * Why a record cannot be read safely, and where: it refers to itself (a cycle) or nests deeper
 * than `MAX_RECORD_DEPTH`; undefined when it is fine. Checked before a record is mapped, so no
 * reader meets a value it would loop on or overflow the stack with. `path` leads from the record
 * to the field holding the cycle or the depth (its top-level field is the one to report).
 *
 * @example
 * const record: Record<string, unknown> = { id: '1' };
 * record.self = record;
 * unreadable(record) // { kind: 'cyclic', path: ['self'] }
 */
export function unreadable(value: unknown): { kind: 'cyclic' | 'too-deep'; path: (string | number)[] } | undefined {
  // An explicit stack, not recursion: a value nested a million levels deep must not overflow ours.
  const open = new Set<object>();
  const stack: { value: object; keys: (string | number)[]; next: number; key: string | number }[] = [];
  const path = () => stack.slice(1).map((frame) => frame.key);
  const enter = (child: unknown, key: string | number): 'cyclic' | 'too-deep' | undefined => {
    if (typeof child !== 'object' || child === null || child instanceof Date) return undefined;
    if (open.has(child)) return 'cyclic';
    if (stack.length >= MAX_RECORD_DEPTH) return 'too-deep';
    open.add(child);
    stack.push({ value: child, keys: Array.isArray(child) ? [...child.keys()] : Object.keys(child), next: 0, key });
    return undefined;
  };
  if (enter(value, '') !== undefined) return undefined;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.keys.length) {
      open.delete(top.value);
      stack.pop();
      continue;
    }
    const key = top.keys[top.next++]!;
    const kind = enter((top.value as Record<string | number, unknown>)[key], key);
    if (kind !== undefined) return { kind, path: [...path(), key] };
  }
  return undefined;
}

/**
 * The message for a record `unreadable` refused.
 *
 * @example
 * unreadableMessage({ kind: 'cyclic', path: ['owner_id'] }) // 'owner_id refers to itself (a cyclic value): not a value a CRM returns'
 */
export function unreadableMessage(problem: { kind: 'cyclic' | 'too-deep'; path: (string | number)[] }): string {
  const where = problem.path.join('.');
  return problem.kind === 'cyclic'
    ? `${where} refers to itself (a cyclic value): not a value a CRM returns`
    : `${where} nests deeper than ${MAX_RECORD_DEPTH} levels: not a value a CRM returns`;
}

/**
 * The first time each id is seen in a collection, so a record repeated on two overlapping pages
 * of a query is mapped once and its repeat skipped as `duplicate-id`, the same rule in every
 * adapter. The first is kept: pages come in order, and an export repeats a row unchanged.
 *
 * @example
 * const seen = new FirstSeen();
 * seen.first('101') // true
 * seen.first('101') // false: skip as duplicate-id
 */
export class FirstSeen {
  private readonly ids = new Set<string>();

  first(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/**
 * The keys of a records object that name no collection the adapter reads (`Contacts`, `call`):
 * each is reported, since read as nothing it would give all-zero counts and no error. The
 * suggestion is the collection of the same letters in any case, or one letter short (a plural).
 *
 * @example
 * unknownCollections({ Contacts: [], calls: [] }, ['contacts', 'calls']) // [{ key: 'Contacts', suggestion: 'contacts' }]
 */
export function unknownCollections(records: object, known: readonly string[]): { key: string; suggestion?: string }[] {
  const unknown: { key: string; suggestion?: string }[] = [];
  for (const key of Object.keys(records)) {
    if (known.includes(key)) continue;
    const folded = key.toLowerCase().replace(/[^a-z]/g, '');
    const suggestion = known.find((name) => {
      const candidate = name.toLowerCase();
      return candidate === folded || candidate === `${folded}s` || `${candidate}s` === folded;
    });
    unknown.push(suggestion === undefined ? { key } : { key, suggestion });
  }
  return unknown;
}

/**
 * The message of an unknown collection key.
 *
 * @example
 * unknownCollectionMessage('fromHubSpot', { key: 'Contacts', suggestion: 'contacts' }, ['contacts'])
 */
export function unknownCollectionMessage(adapter: string, entry: { key: string; suggestion?: string }, known: readonly string[]): string {
  const hint = entry.suggestion === undefined ? `it reads ${known.join(', ')}` : `did you mean ${entry.suggestion}?`;
  return `${adapter}: records.${entry.key} is not a collection it reads, so nothing in it was read (${hint})`;
}

/**
 * Refuses the option names a reader does not take. A misspelt option (`timeZoneFeild`) would be
 * ignored and every record read without it (date-only calls in UTC, a whole portal unmapped)
 * with no error, so it throws an `InputError` with one `unknown_option` issue per such name,
 * suggesting the option of the same letters in another case.
 *
 * @example
 * refuseUnknownOptions('fromCsv', { delimter: ';' }, { delimiter: true }) // throws: options.delimter is not an option of fromCsv
 */
export function refuseUnknownOptions(reader: string, options: object, known: Readonly<Record<string, true>>): void {
  const names = Object.keys(known);
  const issues = Object.keys(options)
    .filter((name) => !Object.hasOwn(known, name))
    .map((name) => {
      const suggestion = names.find((candidate) => candidate.toLowerCase() === name.toLowerCase().replace(/[^a-z]/g, ''));
      const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
      return { code: 'unknown_option', path: [name], message: `options.${name} is not an option of ${reader}${hint}` };
    });
  if (issues.length > 0) throw new InputError(`${reader}: ${issues.map((issue) => issue.message).join('; ')}`, issues);
}
