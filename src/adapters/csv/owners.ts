/** Owner rows: id, zone, calendar and daily capacity. */
import type { Owner } from '../../core/types.js';
import { readCount } from './cells.js';
import type { Collection, RowReader } from './collection.js';
import { idCellOf, taker, text, zone } from './fields.js';
import { markUsed } from './header.js';
import type { CsvOrigin, CsvProblem, FromCsvOptions } from './types.js';

/**
 * Reads owner rows into `owners`: an id, a zone, a calendar and a daily capacity.
 *
 * @example
 * const collection = readText('owners', text, options, (c) => ownerReader(c, options, owners));
 */
export function ownerReader(collection: Collection, options: FromCsvOptions, owners: Owner[], origins: CsvOrigin[]): RowReader {
  const columns = options.mapping?.owners ?? {};
  const idColumn = columns.id ?? 'id';
  const idPosition = collection.header.find(idColumn);
  markUsed(collection.header, [columns.name ?? 'name', columns.timeZone ?? 'timeZone', columns.calendar ?? 'calendar', columns.dailyCapacity ?? 'dailyCapacity']);
  const seen = new Map<string, number>();
  return (row) => {
    const id = idCellOf(collection, row, idPosition, idColumn, 'owner');
    if (id === undefined) return;
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const owner: Owner = { id };
    const name = take('name', columns.name ?? 'name', text);
    if (name) owner.name = name;
    const timeZone = take('timeZone', columns.timeZone ?? 'timeZone', zone);
    if (timeZone) owner.timeZone = timeZone;
    const calendar = take('calendar', columns.calendar ?? 'calendar', text);
    if (calendar) owner.calendar = calendar;
    const capacity = take('dailyCapacity', columns.dailyCapacity ?? 'dailyCapacity', readCount);
    if (typeof capacity === 'number') owner.dailyCapacity = capacity;
    if (problems.length > 0) {
      collection.report(row, problems, id);
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      collection.error(
        row,
        'duplicate-id',
        collection.header.names[idPosition!],
        `duplicate owner id ${JSON.stringify(id)}: first on line ${first}, only that one is kept`,
        id,
      );
      return;
    }
    seen.set(id, row.line);
    collection.mapped += 1;
    owners.push(owner);
    origins.push({ index: row.index, line: row.line });
  };
}
