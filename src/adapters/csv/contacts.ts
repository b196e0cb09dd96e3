/** Contact rows: id, owner, zone, tier, calendar, dates, do-not-contact, attributes and events. */
import type { Contact } from '../../core/types.js';
import { readAttribute, readBoolean, readDateOrInstant, readInstant } from './cells.js';
import type { Collection, RowReader } from './collection.js';
import { cellOf, idCellOf, idText, taker, text, zone } from './fields.js';
import { markUsed } from './header.js';
import type { CsvOrigin, CsvProblem, FromCsvOptions } from './types.js';

/**
 * Reads contact rows into `contacts`: an id, the fields of the mapping, every `attributes.<name>`
 * column and every `events.<name>` column; a repeated id is an error of its own row.
 *
 * @example
 * const collection = readText('contacts', text, options, (c) => contactReader(c, options, contacts));
 */
export function contactReader(collection: Collection, options: FromCsvOptions, contacts: Contact[], origins: CsvOrigin[]): RowReader {
  const columns = options.mapping?.contacts ?? {};
  const header = collection.header;
  const idColumn = columns.id ?? 'id';
  const idPosition = header.find(idColumn);
  const attributeColumns = new Map<string, number>(header.prefixed('attributes.'));
  for (const [name, column] of Object.entries(columns.attributes ?? {})) {
    const position = header.find(column);
    if (position !== undefined) attributeColumns.set(name, position);
    else collection.missingColumn(`attributes.${name}`, column);
  }
  const eventColumns = new Map<string, string>(header.prefixed('events.').map(([name, position]) => [name, header.names[position]!]));
  for (const [name, column] of Object.entries(columns.events ?? {})) {
    eventColumns.set(name, column);
    if (!header.has(column)) collection.missingColumn(`events.${name}`, column);
  }
  markUsed(header, [
    columns.name ?? 'name',
    columns.ownerId ?? 'ownerId',
    columns.timeZone ?? 'timeZone',
    columns.tier ?? 'tier',
    columns.calendar ?? 'calendar',
    columns.createdAt ?? 'createdAt',
    columns.doNotContact ?? 'doNotContact',
    columns.pausedUntil ?? 'pausedUntil',
    ...eventColumns.values(),
  ]);
  const textAttributes = new Set(options.textAttributes ?? []);
  const firstLine = new Map<string, number>();

  return (row) => {
    const id = idCellOf(collection, row, idPosition, idColumn, 'contact');
    if (id === undefined) return;
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const contact: Contact = { id };
    const name = take('name', columns.name ?? 'name', text);
    if (name) contact.name = name;
    const ownerId = take('ownerId', columns.ownerId ?? 'ownerId', idText(row));
    if (ownerId) contact.ownerId = ownerId;
    const timeZone = take('timeZone', columns.timeZone ?? 'timeZone', zone);
    if (timeZone) contact.timeZone = timeZone;
    const tier = take('tier', columns.tier ?? 'tier', text);
    if (tier) contact.tier = tier;
    const calendar = take('calendar', columns.calendar ?? 'calendar', text);
    if (calendar) contact.calendar = calendar;
    const createdAt = take('createdAt', columns.createdAt ?? 'createdAt', (cell) => readInstant(cell, options.localTimeZone));
    if (createdAt) contact.createdAt = createdAt;
    const doNotContact = take('doNotContact', columns.doNotContact ?? 'doNotContact', readBoolean);
    if (typeof doNotContact === 'boolean') contact.doNotContact = doNotContact;
    const pausedUntil = take('pausedUntil', columns.pausedUntil ?? 'pausedUntil', (cell) => readDateOrInstant(cell, options.localTimeZone));
    if (pausedUntil) contact.pausedUntil = pausedUntil;
    const attributes: Record<string, unknown> = {};
    for (const [name, position] of attributeColumns) {
      const cell = cellOf(row, position);
      if (cell !== undefined) attributes[name] = textAttributes.has(name) ? cell : readAttribute(cell);
    }
    if (Object.keys(attributes).length > 0) contact.attributes = attributes;
    const events: Record<string, string> = {};
    for (const [name, column] of eventColumns) {
      const value = take(`events.${name}`, column, (cell) => readDateOrInstant(cell, options.localTimeZone));
      if (value) events[name] = value;
    }
    if (Object.keys(events).length > 0) contact.events = events;
    if (problems.length > 0) {
      collection.report(row, problems, id);
      return;
    }
    const first = firstLine.get(id);
    if (first !== undefined) {
      collection.error(
        row,
        'duplicate-id',
        header.names[idPosition!],
        `duplicate contact id ${JSON.stringify(id)}: first on line ${first}, only that one is kept`,
        id,
      );
      return;
    }
    firstLine.set(id, row.line);
    collection.mapped += 1;
    contacts.push(contact);
    origins.push({ index: row.index, line: row.line });
  };
}
