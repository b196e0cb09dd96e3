/**
 * The CSV mapping file of `--mapping`: read, checked with zod (every bad field named), and turned
 * into the CSV reader's options. Apart from csv-flags.ts so that zod is loaded only when a mapping
 * file is given.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CsvMapping, FromCsvOptions } from '../adapters/csv/index.js';
import { CHANNELS } from '../schema/policy.js';
import { isValidZone } from '../time/zones.js';
import { DOCS, UsageError } from './errors.js';

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

/** The columns each CSV's mapping may name (csv-flags.ts's `COLUMN_FIELDS` lists the same fields, attributes and events aside). */
export const MAPPING_COLUMNS = { contacts: contactColumns, touches: touchColumns, owners: ownerColumns };

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

/**
 * The reader's options from a mapping file; an unreadable or wrong file is a usage error naming
 * each bad field.
 *
 * @example
 * const options = readMappingFile('mapping.json'); // { mapping: { contacts: { id: 'Contact ID' } }, localTimeZone: 'Europe/Berlin' }
 */
export function readMappingFile(path: string): FromCsvOptions {
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
      `${path}: not a CSV mapping (${DOCS}/cli.md#reading-csv-exports); fix each field below:`,
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
