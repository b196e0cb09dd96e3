/** HubSpot owners (the owners API) to the engine's owners, with the settings the caller gives per owner. */
import type { Owner } from '../../core/types.js';
import type { Ledger } from './ledger.js';
import { idText, isObject } from './records.js';
import type { FromHubSpotOptions } from './types.js';
import { hubSpotTimeZone } from './zones.js';

/**
 * Maps the owners, each with `options.ownerDefaults` and its own `options.owners` entry; a zone
 * given there in HubSpot's spelling is read as its IANA name.
 *
 * @example
 * const owners = readOwners(ledger, ownerPage.results, { owners: { '64492917': { dailyCapacity: 20 } } });
 */
export function readOwners(ledger: Ledger, list: readonly unknown[], options: FromHubSpotOptions): Owner[] {
  const owners: Owner[] = [];
  const seen = new Set<string>();
  const readOne = (value: unknown, index: number) => {
    if (!isObject(value)) {
      return ledger.fail('owners', index, undefined, [{ code: 'not-an-object', path: [], message: `owners[${index}] is not an object` }]);
    }
    const id = idText(value.id);
    if (id === undefined)
      return ledger.fail('owners', index, undefined, [{ code: 'missing-id', path: ['id'], message: `owners[${index}] has no id` }]);
    if (value.archived === true && options.includeArchived !== true) return ledger.skip('owners', index, id, 'archived');
    if (seen.has(id)) {
      return ledger.fail('owners', index, id, [
        { code: 'bad-value', path: ['id'], message: `owner ${id} appears twice: only the first is kept` },
      ]);
    }
    const settings = { ...options.ownerDefaults, ...options.owners?.[id] };
    const owner: Owner = { id, ...settings };
    if (settings.timeZone !== undefined) {
      const zone = typeof settings.timeZone === 'string' ? hubSpotTimeZone(settings.timeZone) : undefined;
      if (zone === undefined) {
        return ledger.fail('owners', index, id, [
          {
            code: 'unknown-zone',
            path: ['timeZone'],
            message: `owner ${id}: time zone ${JSON.stringify(settings.timeZone)} (from options.owners or options.ownerDefaults) is not a known IANA zone`,
          },
        ]);
      }
      owner.timeZone = zone;
    }
    seen.add(id);
    owners.push(owner);
    ledger.mapped('owners');
  };
  list.forEach(readOne);
  return owners;
}
