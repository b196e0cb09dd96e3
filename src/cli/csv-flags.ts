/**
 * The CSV reader's options on the command line, for teams that drive the CLI from a shell or
 * another language: a mapping file (`--mapping`, the column mapping and any other reader option
 * as JSON), single columns (`--column contacts.id="Contact ID"`), the zone of local times
 * (`--local-time-zone`), and the export's channel and outcome words (`--channel Phone=call`,
 * `--outcome "Left voicemail=voicemail"`). Flags add to the file and win over it. Every bad value
 * is a usage error before any record is read. This module is loaded only when a CSV flag is given,
 * and the mapping file's schema (csv-mapping.ts, zod) only with `--mapping`.
 */
import type { CsvMapping, FromCsvOptions } from '../adapters/csv/index.js';
import { CHANNELS } from '../schema/policy.js';
import { isValidZone } from '../time/zones.js';
import { UsageError } from './errors.js';

/** The CSV flags as parseArgs gives them. */
export interface CsvFlagValues {
  mapping?: string;
  column?: string[];
  'local-time-zone'?: string;
  channel?: string[];
  outcome?: string[];
}

/** The fields `--column` may name, per CSV (the mapping file's schema, csv-mapping.ts, has the same). */
export const COLUMN_FIELDS = {
  contacts: ['id', 'name', 'ownerId', 'timeZone', 'tier', 'calendar', 'createdAt', 'doNotContact', 'pausedUntil'],
  touches: ['contactId', 'at', 'channel', 'direction', 'outcome', 'purpose', 'completed'],
  owners: ['id', 'name', 'timeZone', 'calendar', 'dailyCapacity'],
} as const;

const COLLECTIONS = ['contacts', 'touches', 'owners'] as const;

/**
 * The reader's options from the CSV flags; a bad flag or mapping file is a usage error.
 *
 * @example
 * await csvOptionsOf({ channel: ['Phone=call'], 'local-time-zone': 'Europe/Berlin' });
 * // { channels: { Phone: 'call' }, localTimeZone: 'Europe/Berlin' }
 */
export async function csvOptionsOf(values: CsvFlagValues): Promise<FromCsvOptions> {
  const options: FromCsvOptions = values.mapping === undefined ? {} : (await import('./csv-mapping.js')).readMappingFile(values.mapping);
  const mapping: CsvMapping = {
    contacts: { ...options.mapping?.contacts },
    touches: { ...options.mapping?.touches },
    owners: { ...options.mapping?.owners },
  };
  for (const flag of values.column ?? []) setColumn(mapping, flag);
  if (COLLECTIONS.some((collection) => Object.keys(mapping[collection] ?? {}).length > 0)) options.mapping = mapping;
  const zone = values['local-time-zone'];
  if (zone !== undefined) {
    if (!isValidZone(zone)) throw new UsageError(`--local-time-zone ${zone}: unknown IANA time zone (e.g. Europe/Berlin)`);
    options.localTimeZone = zone;
  }
  for (const flag of values.channel ?? []) {
    const [word, channel] = pair('channel', flag, '<word>=<channel>');
    if (!(CHANNELS as readonly string[]).includes(channel))
      throw new UsageError(`--channel ${flag}: the channel must be one of ${CHANNELS.join(', ')}`);
    options.channels = { ...options.channels, [word]: channel as (typeof CHANNELS)[number] };
  }
  for (const flag of values.outcome ?? []) {
    const [word, outcome] = pair('outcome', flag, '<word>=<outcome>');
    options.outcomes = { ...options.outcomes, [word]: outcome };
  }
  return options;
}

/** `word=value`, split at the last `=` so a word may hold one; both sides trimmed and non-empty. */
function pair(name: string, flag: string, shape: string): [string, string] {
  const at = flag.lastIndexOf('=');
  const word = flag.slice(0, Math.max(at, 0)).trim();
  const value = flag.slice(at + 1).trim();
  if (at < 0 || word === '' || value === '') throw new UsageError(`--${name} ${flag}: write ${shape}, e.g. --${name} "${name === 'channel' ? 'Phone=call' : 'Left voicemail=voicemail'}"`);
  return [word, value];
}

/** `--column contacts.id=Contact ID`, `--column contacts.attributes.annualRevenue=Revenue`. */
function setColumn(mapping: CsvMapping, flag: string): void {
  const at = flag.indexOf('=');
  const field = flag.slice(0, Math.max(at, 0)).trim();
  const column = flag.slice(at + 1).trim();
  const dot = field.indexOf('.');
  if (at < 0 || dot < 0 || column === '') throw new UsageError(`--column ${flag}: write <csv>.<field>=<column>, e.g. --column "contacts.id=Contact ID"`);
  const collection = field.slice(0, dot);
  const name = field.slice(dot + 1);
  if (!(COLLECTIONS as readonly string[]).includes(collection))
    throw new UsageError(`--column ${flag}: the CSV is one of contacts, touches or owners`);
  const entry: Record<string, unknown> = mapping[collection as (typeof COLLECTIONS)[number]] as Record<string, unknown>;
  const nested = /^(attributes|events)\.(.+)$/.exec(name);
  if (collection === 'contacts' && nested) {
    entry[nested[1]!] = { ...(entry[nested[1]!] as Record<string, string> | undefined), [nested[2]!]: column };
    return;
  }
  const fields: readonly string[] = COLUMN_FIELDS[collection as (typeof COLLECTIONS)[number]];
  if (!fields.includes(name)) {
    const more = collection === 'contacts' ? ', attributes.<name>, events.<name>' : '';
    throw new UsageError(`--column ${flag}: ${collection} has no field ${JSON.stringify(name)} (${fields.join(', ')}${more})`);
  }
  entry[name] = column;
}
