/**
 * A book given as columns: contact ids (text or integers), zone, tier, owner and calendar as
 * dictionary codes, instants as epoch milliseconds in `Float64Array`s, touches as (contact row,
 * instant, channel, direction, outcome, purpose) columns. Read into the same `Book` the object
 * intake builds, so every cycle is computed by the same engine code, and checked to the same
 * verdicts: a row that fails a fast check is turned into the object it stands for and checked by
 * the object checks, so its error is the one that object would get.
 */

import { messages } from '../errors/messages.js';
import type { EpochDay } from '../time/dates.js';
import { type ZoneClock, zoneClock } from '../time/zones.js';
import { type IdReader, idReader } from './column-ids.js';
import { readTouchColumns } from './column-touches.js';
import { type ContactColumns, codeInRange, codeProblem, goodValues, inRange, type TouchColumns, valueAt } from './column-types.js';
import type { CompiledPolicy } from './compiled.js';
import type { IdTable } from './ids.js';
import { IntakeScratch } from './scratch.js';
import {
  type Book,
  type ContactRecord,
  type ContactStates,
  NONE,
  type OwnerState,
  readSnoozes,
  resolveTiers,
  type Session,
  type SnoozeEntry,
} from './intake.js';
import { checkContactInto, type FieldProblem, idText, isId, recordError } from './records.js';
import type { Contact, RecordError } from './types.js';

export type { CodeArray, Coded, ContactColumns, TouchColumns } from './column-types.js';
export { checkColumns, isContactColumns } from './column-types.js';

const UTC = 'UTC';
const NO_DAY = -2_147_483_648;
/** `zoneOfValue` of a zone value that is null (not given) or not a zone. */
const NO_ZONE = -1;

/**
 * The accepted contacts of a columnar book: the caller's columns read where they lie, plus per
 * contact its row, zone number and created day.
 */
export class ColumnContactBook implements ContactStates {
  size = 0;
  explicitTiers = 0;
  /** Row of each accepted contact; undefined while every row so far was accepted (row = position). */
  rows: Int32Array | undefined;
  /** Allocated by `allocateZones` once every zone of the book is known: one byte a contact up to 256 zones. */
  zoneNumbers: Uint8Array | Int32Array = new Uint8Array(0);
  readonly createdDays: Int32Array;
  readonly zones: ZoneClock[] = [];
  readonly todays: EpochDay[] = [];
  private readonly zoneNumberByName = new Map<string, number>();
  /** Per owner value, its owner when it is among the given owners. */
  readonly ownerOfValue: (OwnerState | undefined)[];

  constructor(
    readonly columns: ContactColumns,
    private readonly ids: IdReader,
    capacity: number,
    private readonly nowMs: number,
    owners: ReadonlyMap<string, OwnerState>,
    private readonly scratch: IntakeScratch,
  ) {
    this.createdDays = scratch.take('createdDays', Int32Array, capacity);
    this.ownerOfValue = (columns.ownerId?.values ?? []).map((value) => (isId(value) ? owners.get(idText(value)) : undefined));
  }

  allocateZones(capacity: number): void {
    this.zoneNumbers =
      this.zones.length <= 256 ? this.scratch.take('zoneNumbers', Uint8Array, capacity) : this.scratch.take('zoneNumbers', Int32Array, capacity);
  }

  zoneNumberOf(zoneName: string): number {
    let zoneNumber = this.zoneNumberByName.get(zoneName);
    if (zoneNumber === undefined) {
      zoneNumber = this.zones.length;
      const zone = zoneClock(zoneName)!;
      this.zones.push(zone);
      this.todays.push(zone.localDay(this.nowMs));
      this.zoneNumberByName.set(zoneName, zoneNumber);
    }
    return zoneNumber;
  }

  /** The accepted contact at row `row`, or NONE when that row was refused. */
  stateOfRow(row: number): number {
    const { rows } = this;
    if (rows === undefined) return row < this.size ? row : NONE;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = rows[middle]!;
      if (found === row) return middle;
      if (found < row) low = middle + 1;
      else high = middle - 1;
    }
    return NONE;
  }

  row(at: number): number {
    return this.rows === undefined ? at : this.rows[at]!;
  }

  get inputInOrder(): boolean {
    return this.rows === undefined;
  }

  inputIndex(at: number): number {
    return this.row(at);
  }

  contact(at: number): ContactRecord {
    const record = contactObject(this.columns, this.ids, this.row(at)) as unknown as ContactRecord;
    return { ...record, id: this.id(at), ...(record.ownerId !== undefined ? { ownerId: idText(record.ownerId) } : {}) } as ContactRecord;
  }

  id(at: number): string {
    return this.ids.text(this.row(at));
  }

  tier(at: number): string | undefined {
    return valueAt(this.columns.tier, this.row(at));
  }

  calendarName(at: number): string | undefined {
    return valueAt(this.columns.calendar, this.row(at));
  }

  doNotContact(at: number): boolean {
    const column = this.columns.doNotContact;
    return column !== undefined && column[this.row(at)] === 1;
  }

  pausedUntil(at: number): number | undefined {
    const column = this.columns.pausedUntilMs;
    if (column === undefined) return undefined;
    const ms = column[this.row(at)]!;
    return Number.isNaN(ms) ? undefined : Math.trunc(ms);
  }

  zone(at: number): ZoneClock {
    return this.zones[this.zoneNumbers[at]!]!;
  }

  today(at: number): EpochDay {
    return this.todays[this.zoneNumbers[at]!]!;
  }

  createdDay(at: number): EpochDay | undefined {
    const day = this.createdDays[at]!;
    return day === NO_DAY ? undefined : day;
  }

  owner(at: number): OwnerState | undefined {
    const column = this.columns.ownerId;
    return column === undefined ? undefined : this.ownerOfValue[column.codes[this.row(at)]!];
  }
}

/** The contact object row `row` stands for: what its errors and its item are those of. */
function contactObject(columns: ContactColumns, ids: IdReader, row: number): Record<string, unknown> {
  const contact: Record<string, unknown> = { id: ids.raw(row) };
  const timeZone = valueAt(columns.timeZone, row);
  if (timeZone !== undefined) contact.timeZone = timeZone;
  const tier = valueAt(columns.tier, row);
  if (tier !== undefined) contact.tier = tier;
  const ownerId = valueAt(columns.ownerId, row);
  if (ownerId !== undefined) contact.ownerId = ownerId;
  const calendar = valueAt(columns.calendar, row);
  if (calendar !== undefined) contact.calendar = calendar;
  const created = columns.createdMs?.[row];
  if (created !== undefined && !Number.isNaN(created)) contact.createdAt = created;
  const paused = columns.pausedUntilMs?.[row];
  if (paused !== undefined && !Number.isNaN(paused)) contact.pausedUntil = paused;
  const doNotContact = columns.doNotContact?.[row];
  if (doNotContact !== undefined && doNotContact !== 0) contact.doNotContact = doNotContact === 1 ? true : doNotContact;
  const name = columns.name?.[row];
  if (name !== undefined) contact.name = name;
  const attributes = columns.attributes?.[row];
  if (attributes !== undefined && attributes !== null) contact.attributes = attributes;
  const events = columns.events?.[row];
  if (events !== undefined && events !== null) contact.events = events;
  return contact;
}

/** Every problem of a contact row, as the object it stands for would have them, plus codes out of range. */
function contactRowProblems(columns: ContactColumns, ids: IdReader, row: number, compiled: CompiledPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (columns.idDictionary !== undefined && ids.raw(row) === undefined) problems.push(codeProblem('id', columns.id[row] as number));
  for (const name of ['timeZone', 'tier', 'ownerId', 'calendar'] as const)
    if (!codeInRange(columns[name], row)) problems.push(codeProblem(name, columns[name]!.codes[row]!));
  const contact = contactObject(columns, ids, row) as Partial<Contact>;
  const own = checkContactInto(contact, new Float64Array(1), 0) ?? [];
  // An id code out of range already said so; the object without an id would say it again.
  for (const problem of own) if (!(problem.path[0] === 'id' && problems[0]?.path[0] === 'id')) problems.push(problem);
  if (problems.length === 0) {
    if (contact.tier !== undefined && !compiled.tiers.has(contact.tier))
      problems.push({ code: 'unknown-tier', path: ['tier'], message: messages.unknownTier(contact.tier) });
    if (contact.calendar !== undefined && !compiled.calendars.has(contact.calendar))
      problems.push({ code: 'unknown-calendar', path: ['calendar'], message: messages.unknownCalendar(contact.calendar) });
  }
  return problems;
}

const probeProblems = (contact: object): boolean => checkContactInto({ id: 'x', ...contact }, new Float64Array(1), 0) === undefined;

/**
 * Reads a book given as columns into the engine's `Book`: contacts checked and indexed, touches
 * checked and grouped by contact, tiers resolved, snoozes read; bad rows become record errors
 * with their row as `index`, in the order the object intake would report them.
 */
export function readColumnBook(
  session: Session,
  contacts: ContactColumns,
  touches: TouchColumns | readonly [],
  snoozes: readonly SnoozeEntry[],
  errors: RecordError[],
  idTable?: IdTable,
  scratch = new IntakeScratch(),
): Book {
  const { compiled, owners, ownersGiven, rejectedOwners, nowMs } = session;
  const { policy } = compiled;
  const size = contacts.id.length;
  const ids = idReader(contacts, idTable, (row) => states.stateOfRow(row));
  const states = new ColumnContactBook(contacts, ids, size, nowMs, owners, scratch);

  // Per dictionary value, decided once: is it fine, and its zone number.
  const { timeZone, tier, ownerId, calendar, createdMs, pausedUntilMs, doNotContact, attributes, events, name: names } = contacts;
  const zoneGood = goodValues(timeZone, (value) => probeProblems({ timeZone: value }));
  const tierGood = goodValues(tier, (value) => probeProblems({ tier: value }) && compiled.tiers.has(value));
  const calendarGood = goodValues(calendar, (value) => probeProblems({ calendar: value }) && compiled.calendars.has(value));
  const ownerGood = goodValues(ownerId, (value) => isId(value));
  const defaultZone = states.zoneNumberOf(policy.timeZone ?? UTC);
  const zoneOfValue = Int32Array.from(timeZone?.values ?? [], (value, code) =>
    value === null || zoneGood[code] === 0 ? NO_ZONE : states.zoneNumberOf(value),
  );
  const ownerZone = Int32Array.from(ownerId?.values ?? [], (_, code) => {
    const zone = states.ownerOfValue[code]?.owner.timeZone;
    return zone === undefined ? defaultZone : states.zoneNumberOf(zone);
  });
  // Owner values not among the given owners (nor refused owners): their contacts are reported.
  const ownerUnknown = Uint8Array.from(ownerId?.values ?? [], (value, code) =>
    ownersGiven && value !== null && ownerGood[code] === 1 && states.ownerOfValue[code] === undefined && !rejectedOwners.has(idText(value!))
      ? 1
      : 0,
  );
  // Every zone of the book is known by now (values, owners, the default).
  states.allocateZones(size);
  const zoneCodes = timeZone?.codes;
  const ownerCodes = ownerId?.codes;
  const { zoneNumbers, createdDays, zones } = states;
  const refused: number[] = [];
  for (let row = 0; row < size; row++) {
    let good = ids.valid(row);
    let zone = NO_ZONE;
    if (zoneCodes !== undefined) {
      const code = zoneCodes[row]!;
      good &&= code < zoneGood.length && zoneGood[code] === 1;
      if (good) zone = zoneOfValue[code]!;
    }
    let ownerCode = -1;
    if (ownerCodes !== undefined) {
      ownerCode = ownerCodes[row]!;
      good &&= ownerCode < ownerGood.length && ownerGood[ownerCode] === 1;
    }
    if (tier !== undefined) {
      const code = tier.codes[row]!;
      good &&= code < tierGood.length && tierGood[code] === 1;
    }
    if (calendar !== undefined) {
      const code = calendar.codes[row]!;
      good &&= code < calendarGood.length && calendarGood[code] === 1;
    }
    const created = createdMs === undefined ? Number.NaN : createdMs[row]!;
    good &&= Number.isNaN(created) || inRange(created);
    if (pausedUntilMs !== undefined) {
      const paused = pausedUntilMs[row]!;
      good &&= Number.isNaN(paused) || inRange(paused);
    }
    if (doNotContact !== undefined) good &&= doNotContact[row]! <= 1;
    // Attributes, events and a name that is not text are checked as the object checks them, only
    // for rows that have them.
    if (
      good &&
      ((attributes !== undefined && attributes[row] != null) ||
        (events !== undefined && events[row] != null) ||
        (names !== undefined && names[row] !== undefined && typeof names[row] !== 'string' && names[row] !== null))
    )
      good = checkContactInto(contactObject(contacts, ids, row), new Float64Array(1), 0) === undefined;
    if (!good) {
      const problems = contactRowProblems(contacts, ids, row, compiled);
      if (problems.length > 0) {
        errors.push(recordError('contact', row, problems, { contactId: ids.valid(row) ? ids.text(row) : undefined }));
        refused.push(row);
        continue;
      }
    }
    if (!ids.add(row)) {
      const id = ids.text(row);
      errors.push(
        recordError('contact', row, { code: 'duplicate-id', path: ['id'], message: messages.duplicateContact(id) }, { contactId: id }),
      );
      refused.push(row);
      continue;
    }
    if (ownerCode >= 0 && ownerUnknown[ownerCode] === 1) {
      const owner = idText(ownerId!.values[ownerCode]!);
      errors.push(
        recordError(
          'contact',
          row,
          { code: 'unknown-owner', path: ['ownerId'], message: messages.unknownOwner(owner) },
          { contactId: ids.text(row), ownerId: owner },
        ),
      );
    }
    if (zone === NO_ZONE) zone = ownerCode >= 0 ? ownerZone[ownerCode]! : defaultZone;
    const at = states.size++;
    if (states.rows !== undefined) states.rows[at] = row;
    else if (at !== row) {
      states.rows = new Int32Array(size);
      for (let before = 0; before < at; before++) states.rows[before] = before;
      states.rows[at] = row;
    }
    zoneNumbers[at] = zone;
    createdDays[at] = Number.isNaN(created) ? NO_DAY : zones[zone]!.localDay(Math.trunc(created));
    if (tier !== undefined && tier.values[tier.codes[row]!] !== null) states.explicitTiers++;
  }

  const touchBook = readTouchColumns(session, ids, states, size, refused, touches, errors, scratch);
  const tiers = resolveTiers(states, touchBook, compiled);
  const snoozed = readSnoozes(snoozes, ids, states, tiers, compiled, errors);
  return { states, touches: touchBook, tiers, snoozes: snoozed, scratch };
}
