/**
 * The CSV reader's options on the command line, for teams that drive the CLI from a shell or
 * another language: a mapping file (`--mapping`, the column mapping and any other reader option
 * as JSON), single columns (`--column contacts.id="Contact ID"`), the zone of local times
 * (`--local-time-zone`), and the export's channel and outcome words (`--channel Phone=call`,
 * `--outcome "Left voicemail=voicemail"`). Flags add to the file and win over it. Every bad value
 * is a usage error before any record is read.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
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

const columnName = z.string().min(1, 'must be a column name');
const columnMap = z.record(z.string(), columnName);
const contactColumns = z
  .object({
    id: columnName,
    name: columnName,
    ownerId: columnName,
    timeZone: columnName,
    tier: columnName,
    calendar: columnName,
    createdAt: columnName,
    doNotContact: columnName,
    pausedUntil: columnName,
    attributes: columnMap,
    events: columnMap,
  })
  .partial()
  .strict();
const touchColumns = z
  .object({
    contactId: columnName,
    at: columnName,
    channel: columnName,
    direction: columnName,
    outcome: columnName,
    purpose: columnName,
    completed: columnName,
  })
  .partial()
  .strict();
const ownerColumns = z.object({ id: columnName, name: columnName, timeZone: columnName, calendar: columnName, dailyCapacity: columnName }).partial().strict();
const words = z.array(z.string());

/** The mapping file: the columns per CSV, and any other option of the reader under its own name. */
const mappingFile = z
  .object({
    contacts: contactColumns,
    touches: touchColumns,
    owners: ownerColumns,
    delimiter: z.string().min(1),
    localTimeZone: z.string().refine(isValidZone, 'is not a known IANA time zone'),
    completedValues: words,
    openValues: words,
    channels: z.record(z.string(), z.enum(CHANNELS)),
    directions: z.record(z.string(), z.enum(['outbound', 'inbound'])),
    outcomes: z.record(z.string(), z.string().min(1, 'must be an outcome name')),
    textAttributes: words,
    contactIdSeparator: z.string().min(1),
  })
  .partial()
  .strict();

const COLLECTIONS = ['contacts', 'touches', 'owners'] as const;

/**
 * The reader's options from the CSV flags; a bad flag or mapping file is a usage error.
 *
 * @example
 * csvOptionsOf({ channel: ['Phone=call'], 'local-time-zone': 'Europe/Berlin' });
 * // { channels: { Phone: 'call' }, localTimeZone: 'Europe/Berlin' }
 */
export function csvOptionsOf(values: CsvFlagValues): FromCsvOptions {
  const options: FromCsvOptions = values.mapping === undefined ? {} : readMappingFile(values.mapping);
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
  const schema = collection === 'contacts' ? contactColumns : collection === 'touches' ? touchColumns : ownerColumns;
  const fields = Object.keys(schema.shape).filter((key) => key !== 'attributes' && key !== 'events');
  if (!fields.includes(name)) {
    const more = collection === 'contacts' ? ', attributes.<name>, events.<name>' : '';
    throw new UsageError(`--column ${flag}: ${collection} has no field ${JSON.stringify(name)} (${fields.join(', ')}${more})`);
  }
  entry[name] = column;
}

function readMappingFile(path: string): FromCsvOptions {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--mapping ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`--mapping ${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = mappingFile.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(
      `${path}: not a CSV mapping (docs/cli.md, "Reading CSV exports"); fix each field below:`,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the file)'} ${issue.message}`),
    );
  }
  const { contacts, touches, owners, ...rest } = parsed.data;
  const options: FromCsvOptions = { ...rest } as FromCsvOptions;
  const mapping: CsvMapping = {};
  if (contacts) mapping.contacts = contacts;
  if (touches) mapping.touches = touches;
  if (owners) mapping.owners = owners;
  if (Object.keys(mapping).length > 0) options.mapping = mapping;
  return options;
}
