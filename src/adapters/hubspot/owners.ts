/**
 * HubSpot owners (the owners API) to the engine's owners, with the settings the caller gives per
 * owner. An archived owner (a rep who left) is kept, marked `active: false`: their contacts still
 * plan, under their name, and a manager sees whose book to hand over.
 */
import type { AdapterOwner } from '../shared/types.js';
import { FirstSeen, ownValue, unreadable, unreadableMessage } from '../shared/values.js';
import type { Ledger } from './ledger.js';
import { ILL_FORMED_ID, wellFormed } from '../shared/ids.js';
import { idText, illFormed, isObject } from './records.js';
import type { FromHubSpotOptions } from './types.js';
import { hubSpotTimeZone } from './zones.js';

/**
 * Maps the owners, each with `options.ownerDefaults` and its own `options.owners` entry; a zone
 * given there in HubSpot's spelling is read as its IANA name.
 *
 * @example
 * const owners = readOwners(ledger, ownerPage.results, { owners: { '64492917': { dailyCapacity: 20 } } });
 */
export function readOwners(ledger: Ledger, list: readonly unknown[], options: FromHubSpotOptions): AdapterOwner[] {
  const owners: AdapterOwner[] = [];
  const seen = new FirstSeen();
  const readOne = (value: unknown, index: number) => {
    if (!isObject(value)) {
      return ledger.fail('owners', index, undefined, [{ code: 'not-an-object', path: [], message: `owners[${index}] is not an object` }]);
    }
    const unsafe = unreadable(value);
    if (unsafe !== undefined) {
      return ledger.fail('owners', index, wellFormed(idText(value.id)), [
        { code: 'bad-value', path: unsafe.path.slice(0, 1), message: `owners[${index}]: ${unreadableMessage(unsafe)}` },
      ]);
    }
    const id = idText(value.id);
    if (id === undefined)
      return ledger.fail('owners', index, undefined, [{ code: 'missing-id', path: ['id'], message: `owners[${index}] has no id` }]);
    if (id === ILL_FORMED_ID) return ledger.fail('owners', index, undefined, [illFormed(['id'], `owners[${index}]: the id`)]);
    if (!seen.first(id)) return ledger.skip('owners', index, id, 'duplicate-id');
    const settings = { ...options.ownerDefaults, ...(options.owners && Object.hasOwn(options.owners, id) ? options.owners[id] : {}) };
    const owner: AdapterOwner = { id };
    const name = [ownValue(value, 'firstName'), ownValue(value, 'lastName')]
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim())
      .join(' ');
    if (name !== '') owner.name = name;
    Object.assign(owner, settings);
    if (value.archived === true) owner.active = false;
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
    owners.push(owner);
    ledger.mapped('owners');
  };
  list.forEach(readOne);
  return owners;
}
