/**
 * Loading a book given in the wire format (contacts, touches, owners, snoozes) into tables the
 * compiled query reads, with the default names and column types. For tests, examples and small
 * books; a CRM whose data already lives in the database points `compileSql` at its own tables.
 */
import { parseDate } from '../time/dates.js';
import { parseInstant } from '../time/instant.js';
import type { Contact, Owner, Snooze, Touch } from '../core/types.js';
import { InputError, type Issue } from '../errors/errors.js';
import { type SqlDialect, sqlName, sqlString } from './dialect.js';
import { DEFAULT_SQL_TABLES } from './names.js';
import { isWellFormedText } from '../schema/text.js';

/** The records `bookTableStatements` loads. */
export interface SqlBook {
  contacts: readonly Contact[];
  touches: readonly Touch[];
  owners?: readonly Owner[];
  snoozes?: readonly Snooze[];
}

/** Options of `bookTableStatements`. */
export interface BookStatementOptions {
  dialect: SqlDialect;
  /** Rows per INSERT statement (default 1000). */
  batchSize?: number;
}

/** NUL, which no PostgreSQL text or JSONB holds, or a lone UTF-16 surrogate, which no UTF-8 text holds. */
const unwritable = (text: string): boolean => text.includes('\u0000') || !isWellFormedText(text);

/** Whether a JSON value holds such a string, as a key or a value (JSON escapes them; the database still refuses them). */
function holdsUnwritable(value: unknown): boolean {
  if (typeof value === 'string') return unwritable(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, inner]) => unwritable(key) || holdsUnwritable(inner));
}

/**
 * SQL statements that (re)create `contacts`, `touches`, `owners` and `snoozes` with the default
 * columns and fill them from wire-format records. Event dates and `pausedUntil` must be
 * `YYYY-MM-DD` dates here (the query reads them as dates); an instant there is refused, naming the
 * record, rather than cut to a date in some zone.
 *
 * @example
 * for (const statement of bookTableStatements({ contacts, touches, owners, snoozes }, { dialect: 'postgres' })) await db.exec(statement);
 */
export function bookTableStatements(book: SqlBook, options: BookStatementOptions): string[] {
  const json = options.dialect === 'postgres' ? 'JSONB' : 'JSON';
  const issues: Issue[] = [];
  // A value the database cannot store is refused here, naming its record, rather than failing
  // the whole INSERT batch in the database (PostgreSQL refuses NUL in text and JSONB).
  const refuse = (path: (string | number)[]): string => {
    issues.push({ code: 'bad-text', path, message: 'holds NUL or a lone UTF-16 surrogate, which the SQL tables cannot hold' });
    return 'NULL';
  };
  const jsonValue = (value: unknown, path: (string | number)[]): string =>
    value === undefined ? 'NULL' : holdsUnwritable(value) ? refuse(path) : sqlString(JSON.stringify(value));
  const text = (value: unknown, path: (string | number)[]): string => {
    if (value === undefined || value === null) return 'NULL';
    const literal = String(value);
    return unwritable(literal) ? refuse(path) : sqlString(literal);
  };
  const instant = (value: unknown, path: (string | number)[]): string => {
    if (value === undefined || value === null) return 'NULL';
    const ms = parseInstant(value instanceof Date ? value.getTime() : value);
    if (ms === undefined) {
      issues.push({ code: 'bad-instant', path, message: 'not an instant' });
      return 'NULL';
    }
    return sqlString(new Date(ms).toISOString());
  };
  const date = (value: unknown, path: (string | number)[]): string => {
    if (value === undefined || value === null) return 'NULL';
    if (typeof value !== 'string' || parseDate(value) === undefined) {
      issues.push({ code: 'bad-date', path, message: 'the SQL tables hold dates here: give a YYYY-MM-DD date' });
      return 'NULL';
    }
    return sqlString(value);
  };
  const contacts = book.contacts.map((contact, index) => {
    for (const [name, value] of Object.entries(contact.events ?? {})) date(value, ['contacts', index, 'events', name]);
    const at = (field: string) => ['contacts', index, field];
    return `(${[
      text(contact.id, at('id')),
      text(contact.ownerId, at('ownerId')),
      text(contact.timeZone, at('timeZone')),
      text(contact.tier, at('tier')),
      text(contact.calendar, at('calendar')),
      instant(contact.createdAt, ['contacts', index, 'createdAt']),
      jsonValue(contact.attributes, at('attributes')),
      jsonValue(contact.events, at('events')),
      contact.doNotContact === undefined ? 'NULL' : String(contact.doNotContact === true),
      date(contact.pausedUntil, ['contacts', index, 'pausedUntil']),
    ].join(', ')})`;
  });
  const touches = book.touches.map((touch, index) => {
    const at = (field: string) => ['touches', index, field];
    return `(${[text(touch.contactId, at('contactId')), instant(touch.at, at('at')), text(touch.channel, at('channel')), text(touch.direction, at('direction')), text(touch.outcome, at('outcome')), text(touch.purpose, at('purpose'))].join(', ')})`;
  });
  const owners = (book.owners ?? []).map(
    (owner, index) =>
      `(${[text(owner.id, ['owners', index, 'id']), text(owner.timeZone, ['owners', index, 'timeZone']), text(owner.calendar, ['owners', index, 'calendar'])].join(', ')})`,
  );
  const snoozes = (book.snoozes ?? []).map(
    (snooze, index) =>
      `(${[text(snooze.contactId, ['snoozes', index, 'contactId']), text(snooze.cycleId, ['snoozes', index, 'cycleId']), date(snooze.until, ['snoozes', index, 'until'])].join(', ')})`,
  );
  if (issues.length > 0) {
    throw new InputError(
      `records the SQL tables cannot hold: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      issues,
    );
  }
  const batchSize = options.batchSize ?? 1000;
  const statements: string[] = [];
  // Column names are quoted: `at` and `until` are keywords in DuckDB.
  const table = (name: string, columns: string, rows: string[]) => {
    const quoted = columns.replace(/(^|, )([a-z_]+) /g, (_, separator: string, column: string) => `${separator}${sqlName(column)} `);
    statements.push(`DROP TABLE IF EXISTS ${sqlName(name)}`, `CREATE TABLE ${sqlName(name)} (${quoted})`);
    for (let start = 0; start < rows.length; start += batchSize) {
      statements.push(`INSERT INTO ${sqlName(name)} VALUES\n${rows.slice(start, start + batchSize).join(',\n')}`);
    }
  };
  table(
    DEFAULT_SQL_TABLES.contacts,
    `id TEXT PRIMARY KEY, owner_id TEXT, time_zone TEXT, tier TEXT, calendar TEXT, created_at TIMESTAMPTZ, attributes ${json}, events ${json}, do_not_contact BOOLEAN, paused_until DATE`,
    contacts,
  );
  table(
    DEFAULT_SQL_TABLES.touches,
    'contact_id TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, channel TEXT NOT NULL, direction TEXT, outcome TEXT, purpose TEXT',
    touches,
  );
  table(DEFAULT_SQL_TABLES.owners, 'id TEXT PRIMARY KEY, time_zone TEXT, calendar TEXT', owners);
  table(DEFAULT_SQL_TABLES.snoozes, 'contact_id TEXT NOT NULL, cycle_id TEXT NOT NULL, until DATE NOT NULL', snoozes);
  return statements;
}
