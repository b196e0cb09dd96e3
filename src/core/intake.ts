/**
 * The intake of an evaluation, shared by `evaluate`, `evaluateColumns` and `evaluateStream`:
 * arguments checked, the policy compiled and owners read once (a session), then a book of
 * contacts and touches validated, indexed by id and grouped, its tiers resolved and its snoozes
 * read. Bad records become `RecordError`s in the caller's list, in the order they are met.
 */
import { type CompiledPolicy, compilePolicy, DEFAULT_FILTER_MASK } from './compiled.js';
import type { CalendarBook, WorkCalendar } from './calendar.js';
import { type EpochDay, parseDate } from '../time/dates.js';
import { IdTable } from './ids.js';
import { instantProblem, isCanonicalInstant, parseInstant } from '../time/instant.js';
import {
  checkContactInto,
  checkTouchInto,
  type FieldProblem,
  idText,
  isPlainObject,
  ownerProblems,
  recordError,
  snoozeProblems,
} from './records.js';
import { assignTiers, type TierAssignment, type TierCandidate } from './tiers.js';
import { countsByDefault, type TouchFilter } from './touches.js';
import { IntakeScratch } from './scratch.js';
import type { Contact, Owner, RecordError, Snooze, Touch } from './types.js';
import { type ZoneClock, zoneClock } from '../time/zones.js';
import { InputError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { parsePolicy } from '../schema/policy.js';

/** "No such index" in the typed arrays below. */
export const NONE = -1;

const UTC = 'UTC';

export interface OwnerState {
  readonly owner: Owner;
  readonly calendar: WorkCalendar;
}

/** A validated contact with its ids as text. */
export type ContactRecord = Contact & { readonly id: string; readonly ownerId?: string };

/** The contact with string ids: the input object itself unless an id came as a number. */
function contactRecord(contact: Contact): ContactRecord {
  if (typeof contact.id === 'string' && typeof contact.ownerId !== 'number') return contact as ContactRecord;
  const copy: Contact = { ...contact, id: idText(contact.id) };
  if (contact.ownerId !== undefined) copy.ownerId = idText(contact.ownerId);
  return copy as ContactRecord;
}

/**
 * The accepted contacts of a book as the engine reads them, whatever the input's shape: objects
 * (`ContactBook`) or columns (`ColumnContactBook`). The fields every cycle reads have their own
 * accessors, so a columnar book answers them from typed arrays; `contact(at)` gives the whole
 * record (built on demand from columns) for the rarer reads: attributes, events, items.
 */
export interface ContactStates {
  readonly size: number;
  /** How many contacts name their tier. */
  readonly explicitTiers: number;
  /** Whether contact `at` is at input position `base + at` for every contact. */
  readonly inputInOrder: boolean;
  contact(at: number): ContactRecord;
  id(at: number): string;
  tier(at: number): string | undefined;
  calendarName(at: number): string | undefined;
  doNotContact(at: number): boolean;
  pausedUntil(at: number): string | number | Date | null | undefined;
  inputIndex(at: number): number;
  zone(at: number): ZoneClock;
  today(at: number): EpochDay;
  createdDay(at: number): EpochDay | undefined;
  owner(at: number): OwnerState | undefined;
}

/** `createdDays` of a contact without a creation date: no civil date in years 1000–9999 is this. */
const NO_DAY = -2_147_483_648;

/**
 * The accepted contacts as columns, numbered in input order: per contact a zone number, the
 * created date and the input position, so a million contacts cost a few typed arrays rather than
 * a million more small objects for the garbage collector to trace.
 *
 * The arrays are as narrow as their values allow. A columnar evaluation of a million contacts
 * allocates its typed arrays outside the JavaScript heap, and once those pass 64 MB since the
 * last full collection V8 starts one, which on a heap holding the book costs 0.2–0.4 s: every
 * byte per contact kept out of these arrays keeps an evaluation under that line.
 */
export class ContactBook implements ContactStates {
  private count = 0;
  /**
   * The accepted contacts with their ids as text (the input object itself when they already are),
   * in an array sized once: a million pushes would copy it about thirty times as it grows.
   */
  private readonly records: ContactRecord[];
  /**
   * Input positions, allocated only once a contact is refused: until then contact `at` is at
   * input position `sourceBase + at`.
   */
  private inputIndexes: Int32Array | undefined;
  /** One byte per contact while the book has fewer than 256 zones, widened past that. */
  private zoneNumbers: Uint8Array | Int32Array;
  private readonly createdDays: Int32Array;
  private readonly zones: ZoneClock[] = [];
  private readonly todays: EpochDay[] = [];
  private readonly zoneNumberByName = new Map<string, number>();
  // The zone of the contact before: a book lists many contacts of one zone, and comparing a
  // name with the one before is cheaper than a map lookup.
  private lastZoneName: string | undefined;
  private lastZoneNumber = 0;

  /** `capacity`: at most this many contacts; the first given is at input position `sourceBase`. */
  constructor(
    private readonly capacity: number,
    private readonly sourceBase: number,
    private readonly nowMs: number,
    private readonly owners: ReadonlyMap<string, OwnerState>,
    scratch: IntakeScratch,
  ) {
    this.records = new Array(capacity);
    this.zoneNumbers = scratch.take('zoneNumbers', Uint8Array, capacity);
    this.createdDays = scratch.take('createdDays', Int32Array, capacity);
  }

  get size(): number {
    return this.count;
  }

  /**
   * How many contacts name their tier, counted while each is at hand: when none does, tiers are
   * resolved without reading a million contacts again.
   */
  get explicitTiers(): number {
    return this.tierCount;
  }

  private tierCount = 0;

  /** Accepts the contact at `inputIndex` as the next one; `created[0]`: its createdAt in epoch ms, NaN when none. */
  add(inputIndex: number, contact: ContactRecord, zoneName: string, created: Float64Array): void {
    const zoneNumber = zoneName === this.lastZoneName ? this.lastZoneNumber : this.zoneNumberOf(zoneName);
    const at = this.count++;
    this.records[at] = contact;
    if (contact.tier !== undefined) this.tierCount++;
    if (this.inputIndexes !== undefined) this.inputIndexes[at] = inputIndex;
    else if (inputIndex !== this.sourceBase + at) this.spellOutInputIndexes(at, inputIndex);
    this.zoneNumbers[at] = zoneNumber;
    const createdMs = created[0]!;
    this.createdDays[at] = Number.isNaN(createdMs) ? NO_DAY : this.zones[zoneNumber]!.localDay(createdMs);
  }

  private zoneNumberOf(zoneName: string): number {
    let zoneNumber = this.zoneNumberByName.get(zoneName);
    if (zoneNumber === undefined) {
      zoneNumber = this.zones.length;
      const zone = zoneClock(zoneName)!;
      this.zones.push(zone);
      this.todays.push(zone.localDay(this.nowMs));
      this.zoneNumberByName.set(zoneName, zoneNumber);
      if (zoneNumber === 256) this.zoneNumbers = Int32Array.from(this.zoneNumbers);
    }
    this.lastZoneName = zoneName;
    this.lastZoneNumber = zoneNumber;
    return zoneNumber;
  }

  /** The first contact not at input position `sourceBase + at`: from now on positions are stored. */
  private spellOutInputIndexes(at: number, inputIndex: number): void {
    const indexes = new Int32Array(this.capacity);
    for (let before = 0; before < at; before++) indexes[before] = this.sourceBase + before;
    indexes[at] = inputIndex;
    this.inputIndexes = indexes;
  }

  contact(at: number): ContactRecord {
    return this.records[at]!;
  }

  id(at: number): string {
    return this.records[at]!.id;
  }

  tier(at: number): string | undefined {
    return this.records[at]!.tier;
  }

  calendarName(at: number): string | undefined {
    return this.records[at]!.calendar;
  }

  doNotContact(at: number): boolean {
    return this.records[at]!.doNotContact === true;
  }

  pausedUntil(at: number): string | number | Date | null | undefined {
    return this.records[at]!.pausedUntil;
  }

  /** Position of the contact in the input (plus the book's base in a stream), for error records. */
  inputIndex(at: number): number {
    return this.inputIndexes === undefined ? this.sourceBase + at : this.inputIndexes[at]!;
  }

  /** Whether contact `at` is at input position `sourceBase + at` for every contact (none refused). */
  get inputInOrder(): boolean {
    return this.inputIndexes === undefined;
  }

  zone(at: number): ZoneClock {
    return this.zones[this.zoneNumbers[at]!]!;
  }

  /** `now` as a civil date in the contact's zone. */
  today(at: number): EpochDay {
    return this.todays[this.zoneNumbers[at]!]!;
  }

  createdDay(at: number): EpochDay | undefined {
    const day = this.createdDays[at]!;
    return day === NO_DAY ? undefined : day;
  }

  owner(at: number): OwnerState | undefined {
    const ownerId = this.contact(at).ownerId;
    return ownerId === undefined || this.owners.size === 0 ? undefined : this.owners.get(ownerId);
  }
}

/** The fields of a touch that filters, reasons and balance read (an input `Touch` is one). */
export type TouchFields = Pick<Touch, 'channel' | 'direction' | 'outcome' | 'purpose'>;

/**
 * Touches grouped by contact without copying them: per contact the index of its first touch,
 * per touch the index of the next one of the same contact, and each touch's instant parsed once.
 * A million touches cost three typed arrays instead of a million small objects.
 */
export interface TouchBook {
  /** The fields a filter reads of touch `index`: the input object, or one shared per code combination for columns. */
  readonly touch: (index: number) => TouchFields;
  readonly ms: Float64Array;
  /**
   * Per touch, one bit per policy filter it passes, worked out while the touch is read anyway:
   * later each cycle tests a bit instead of going back to a touch object scattered in memory.
   */
  readonly passes: Uint8Array | Uint16Array | Int32Array;
  /**
   * Per touch its `at` when already canonical (reused as the item's `lastTouchAt`), decided
   * while the string is at hand rather than fetched again from a scattered touch per item.
   */
  readonly canonicalAt: (string | undefined)[];
  readonly first: Int32Array;
  readonly next: Int32Array;
}

/** What stays the same for every book of one evaluation: `now`, the compiled policy, the owners. */
export interface Session {
  readonly nowMs: number;
  readonly compiled: CompiledPolicy;
  readonly owners: ReadonlyMap<string, OwnerState>;
  readonly ownersGiven: boolean;
  /** Ids of owners refused as bad records: their contacts are not reported again as unknown-owner. */
  readonly rejectedOwners: ReadonlySet<string>;
}

/** A book of contacts and touches read against a session. */
export interface Book {
  readonly states: ContactStates;
  readonly touches: TouchBook;
  readonly tiers: readonly (TierAssignment | undefined)[];
  /** Snoozed-until date by `contactId NUL cycleId`. */
  readonly snoozes: ReadonlyMap<string, EpochDay>;
  /** The memory of the intake's arrays (see scratch.ts). */
  readonly scratch: IntakeScratch;
}

/** A snooze with its position in the caller's array. */
export interface SnoozeEntry {
  readonly index: number;
  readonly snooze: Snooze;
}

/**
 * Checks the shape of `evaluate`'s arguments before any work, so a malformed call fails with an
 * `InputError` naming the argument instead of a `TypeError` from deep inside. Returns `now` in ms.
 */
export function checkArguments(options: unknown, arrays: readonly ('contacts' | 'touches')[] = ['contacts', 'touches']): number {
  if (!isPlainObject(options))
    throw argumentError([], 'evaluate takes one options object: { policy, contacts, touches, owners?, snoozes?, now }');
  for (const name of arrays) {
    if (!Array.isArray(options[name])) throw argumentError([name], `${name} must be an array (give [] when there are none)`);
  }
  for (const name of ['owners', 'snoozes'] as const) {
    if (options[name] !== undefined && !Array.isArray(options[name])) throw argumentError([name], `${name}, when given, must be an array`);
  }
  if (options.policy === undefined || options.policy === null)
    throw argumentError(['policy'], 'policy is required (a policy object or parsePolicy output)');
  const nowMs = parseInstant(options.now);
  if (nowMs === undefined) {
    const code = instantProblem(options.now);
    throw argumentError(['now'], code === 'instant-out-of-range' ? `now is ${messages.instantOutOfRange}` : messages.badNow, code);
  }
  return nowMs;
}

export function argumentError(path: (string | number)[], message: string, code = 'invalid-argument'): InputError {
  return new InputError(message, [{ code, path, message }]);
}

/** Compiles the policy and reads the owners: the work done once, whatever the number of books. */
export function openSession(
  policyInput: unknown,
  ownersInput: readonly Owner[] | undefined,
  nowMs: number,
  errors: RecordError[],
): Session {
  const compiled = compilePolicy(parsePolicy(policyInput));
  const rejectedOwners = new Set<string>();
  const owners = readOwners(ownersInput ?? [], compiled.calendars, errors, rejectedOwners);
  return { nowMs, compiled, owners, ownersGiven: ownersInput !== undefined, rejectedOwners };
}

/** The snoozes of a call with their positions (holes in the array are skipped, as `forEach` does). */
export function snoozeEntries(snoozes: readonly Snooze[]): SnoozeEntry[] {
  const entries: SnoozeEntry[] = [];
  snoozes.forEach((snooze, index) => {
    entries.push({ index, snooze });
  });
  return entries;
}

/**
 * Reads one book: contacts validated and indexed, touches validated and grouped by contact, tiers
 * resolved, snoozes read. `contactBase` and `touchBase` are added to the positions in error
 * records (a stream's chunk starts where the one before ended).
 */
export function readBook(
  session: Session,
  contacts: readonly Contact[],
  touches: readonly Touch[],
  snoozes: readonly SnoozeEntry[],
  contactBase: number,
  touchBase: number | Int32Array,
  errors: RecordError[],
  scratch = new IntakeScratch(),
  idTable?: IdTable,
): Book {
  const { compiled, owners, ownersGiven, rejectedOwners, nowMs } = session;
  const { policy, touchFilters } = compiled;
  const firstError = errors.length;

  // Contacts: validate, index by id.
  const contactIndex = idTable ?? new IdTable(contacts.length);
  const states = new ContactBook(contacts.length, contactBase, nowMs, owners, scratch);
  // Each good contact's createdAt in epoch ms (NaN when none), handed on in a typed array.
  const created = new Float64Array(1);
  for (let local = 0; local < contacts.length; local++) {
    const index = contactBase + local;
    const input = contacts[local]!;
    const problems = checkContactInto(input, created, 0) ?? contactPolicyProblems(input, compiled);
    if (problems.length > 0) {
      errors.push(recordError('contact', index, problems, { contactId: (input as Partial<Contact> | null)?.id }));
      continue;
    }
    const contact = contactRecord(input);
    if (contactIndex.add(contact.id) === NONE) {
      errors.push(
        recordError(
          'contact',
          index,
          { code: 'duplicate-id', path: ['id'], message: messages.duplicateContact(contact.id) },
          { contactId: contact.id },
        ),
      );
      continue;
    }
    const owner = contact.ownerId !== undefined ? owners.get(contact.ownerId) : undefined;
    // A contact whose owner is not among the given owners is still evaluated (no work is lost,
    // with the policy's zone and calendar) and reported, so the CRM can fix the assignment.
    if (ownersGiven && contact.ownerId !== undefined && owner === undefined && !rejectedOwners.has(contact.ownerId)) {
      errors.push(
        recordError(
          'contact',
          index,
          { code: 'unknown-owner', path: ['ownerId'], message: messages.unknownOwner(contact.ownerId) },
          { contactId: contact.id, ownerId: contact.ownerId },
        ),
      );
    }
    const zoneName = contact.timeZone ?? owner?.owner.timeZone ?? policy.timeZone ?? UTC;
    states.add(index, contact, zoneName, created);
  }

  // Touches: validate, group by contact. Touches of a rejected contact are covered by its error.
  const rejected = new Set<string | undefined>();
  for (let at = firstError; at < errors.length; at++) {
    const error = errors[at]!;
    if (error.record === 'contact' && error.code !== 'unknown-owner') rejected.add(error.contactId);
  }
  const book: TouchBook = {
    touch: (index) => touches[index]!,
    ms: scratch.take('touchMs', Float64Array, touches.length),
    passes: passesArray(touches.length, touchFilters, scratch),
    canonicalAt: new Array(touches.length),
    first: scratch.take('first', Int32Array, states.size).fill(NONE),
    next: scratch.take('next', Int32Array, touches.length),
  };
  let previousStateIndex = NONE;
  for (let local = 0; local < touches.length; local++) {
    const index = typeof touchBase === 'number' ? touchBase + local : touchBase[local]!;
    const touch = touches[local]!;
    // The instant is written straight into `ms`; a touch left out has 0 there, as it always had.
    const problems = checkTouchInto(touch, book.ms, local);
    if (problems !== undefined) {
      book.ms[local] = 0;
      errors.push(recordError('touch', index, problems, { contactId: (touch as Partial<Touch> | null)?.contactId }));
      continue;
    }
    const contactId = idText(touch.contactId);
    const stateIndex = contactIndex.indexOfNear(contactId, previousStateIndex);
    if (stateIndex === NONE) {
      book.ms[local] = 0;
      if (!rejected.has(contactId)) {
        errors.push(
          recordError(
            'touch',
            index,
            { code: 'unknown-contact', path: ['contactId'], message: messages.unknownContact(contactId) },
            { contactId },
          ),
        );
      }
      continue;
    }
    previousStateIndex = stateIndex;
    // A touch dated after now is planned, not done.
    if (book.ms[local]! > nowMs) {
      book.ms[local] = 0;
      continue;
    }
    let passes = 0;
    for (let filter = 0; filter < touchFilters.length; filter++) {
      if (touchFilters[filter]!.filter(touch)) passes |= touchFilters[filter]!.mask;
    }
    book.passes[local] = passes;
    if (isCanonicalInstant(touch.at)) book.canonicalAt[local] = touch.at;
    book.next[local] = book.first[stateIndex]!;
    book.first[stateIndex] = local;
  }

  const tiers = resolveTiers(states, book, compiled);
  const snoozed = readSnoozes(snoozes, contactIndex, states, tiers, compiled, errors);
  // The id table is not kept: a result that builds items later holds the book, and a million ids
  // are 18 MB it would hold for nothing.
  return { states, touches: book, tiers, snoozes: snoozed, scratch };
}

/** The narrowest array that holds every filter's bit (most policies have a few filters). */
export function passesArray(
  length: number,
  touchFilters: CompiledPolicy['touchFilters'],
  scratch: IntakeScratch,
): Uint8Array | Uint16Array | Int32Array {
  let bits = 0;
  for (const filter of touchFilters) bits |= filter.mask;
  if ((bits & ~0xff) === 0) return scratch.take('passes', Uint8Array, length);
  if ((bits & ~0xffff) === 0) return scratch.take('passes', Uint16Array, length);
  return scratch.take('passes', Int32Array, length);
}

const NO_PROBLEMS: readonly FieldProblem[] = [];

function contactPolicyProblems(contact: Contact, compiled: CompiledPolicy): readonly FieldProblem[] {
  const tierProblem =
    contact.tier !== undefined && !compiled.tiers.has(contact.tier)
      ? { code: 'unknown-tier' as const, path: ['tier'], message: messages.unknownTier(contact.tier) }
      : undefined;
  const calendarProblem =
    contact.calendar !== undefined && !compiled.calendars.has(contact.calendar)
      ? { code: 'unknown-calendar' as const, path: ['calendar'], message: messages.unknownCalendar(contact.calendar) }
      : undefined;
  if (!tierProblem && !calendarProblem) return NO_PROBLEMS;
  return [tierProblem, calendarProblem].filter((problem) => problem !== undefined);
}

function readOwners(
  owners: readonly Owner[],
  calendars: CalendarBook,
  errors: RecordError[],
  rejected: Set<string>,
): Map<string, OwnerState> {
  const result = new Map<string, OwnerState>();
  owners.forEach((input, index) => {
    const problems = ownerProblems(input, (name) => calendars.has(name));
    if (problems.length > 0) {
      const id = (input as Partial<Owner> | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') rejected.add(idText(id));
      errors.push(recordError('owner', index, problems, { ownerId: id }));
      return;
    }
    const id = idText(input.id);
    if (result.has(id)) {
      errors.push(
        recordError('owner', index, { code: 'duplicate-id', path: ['id'], message: messages.duplicateOwner(id) }, { ownerId: id }),
      );
    } else {
      const owner = typeof input.id === 'string' ? input : { ...input, id };
      result.set(id, { owner, calendar: calendars.forContact(owner.calendar, undefined) });
    }
  });
  return result;
}

/** The instant (ms) of the contact's last touch that passes a filter, or undefined. */
function lastTouchMs(book: TouchBook, stateIndex: number, counts: TouchFilter, countsMask: number): number | undefined {
  const index = lastTouchIndex(book, stateIndex, counts, countsMask);
  return index === NONE ? undefined : book.ms[index];
}

/** The index of the contact's last touch that passes a filter (its bit, when it has one), or NONE. */
export function lastTouchIndex(book: TouchBook, stateIndex: number, counts: TouchFilter, countsMask: number): number {
  let last = NONE;
  for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!) {
    if (last !== NONE && book.ms[touch]! <= book.ms[last]!) continue;
    if (countsMask !== 0 ? (book.passes[touch]! & countsMask) !== 0 : counts(book.touch(touch))) last = touch;
  }
  return last;
}

const EXPLICIT_BASIS = Object.freeze({ by: 'explicit' as const });
const DEFAULT_BASIS = Object.freeze({ by: 'default' as const });

export function resolveTiers(states: ContactStates, book: TouchBook, compiled: CompiledPolicy): (TierAssignment | undefined)[] {
  const { policy } = compiled;
  const rules = policy.assign ?? [];
  const fallback: TierAssignment | undefined =
    policy.defaultTier !== undefined ? { tierId: policy.defaultTier, basis: DEFAULT_BASIS } : undefined;
  // Assignments, and the tier part of every reason, are shared by every contact with the same
  // tier and basis, and frozen: one object per tier rather than one per item.
  const shared = new Map<string, TierAssignment>();
  const sharedAssignment = (assignment: TierAssignment): TierAssignment => {
    const { basis } = assignment;
    const key =
      basis.by === 'rule' ? `${assignment.tierId}\u0000${basis.rule}\u0000${basis.kind}` : `${assignment.tierId}\u0000${basis.by}`;
    let known = shared.get(key);
    if (known === undefined) {
      known = Object.freeze({ tierId: assignment.tierId, basis: Object.isFrozen(basis) ? basis : Object.freeze({ ...basis }) });
      shared.set(key, known);
    }
    return known;
  };
  // Explicit tiers by name, without building a key per contact: a book names a few tiers.
  const explicit = new Map<string, TierAssignment>();
  let lastTier: string | undefined;
  let lastAssignment: TierAssignment | undefined;
  const result: (TierAssignment | undefined)[] = new Array(states.size);
  if (states.explicitTiers === 0 && rules.length === 0) return result.fill(fallback);
  const open: number[] = [];
  for (let index = 0; index < states.size; index++) {
    const tier = states.explicitTiers === 0 ? undefined : states.tier(index);
    if (tier !== undefined) {
      if (tier !== lastTier) {
        lastAssignment = explicit.get(tier);
        if (lastAssignment === undefined) {
          lastAssignment = sharedAssignment({ tierId: tier, basis: EXPLICIT_BASIS });
          explicit.set(tier, lastAssignment);
        }
        lastTier = tier;
      }
      result[index] = lastAssignment;
    } else if (rules.length === 0) result[index] = fallback;
    else open.push(index);
  }
  if (open.length === 0) return result;
  const candidates: TierCandidate[] = open.map((index) => {
    const contact = states.contact(index);
    const last = lastTouchMs(book, index, countsByDefault, DEFAULT_FILTER_MASK);
    return {
      id: contact.id,
      ownerId: contact.ownerId,
      attributes: contact.attributes,
      today: states.today(index),
      createdDay: states.createdDay(index),
      lastTouchDay: last !== undefined ? states.zone(index).localDay(last) : undefined,
    };
  });
  const assigned = assignTiers(candidates, rules, policy.defaultTier);
  open.forEach((stateIndex, candidateIndex) => {
    const assignment = assigned[candidateIndex];
    result[stateIndex] = assignment === undefined ? undefined : sharedAssignment(assignment);
  });
  return result;
}

function snoozeTargetProblem(
  contactId: string,
  cycleId: string,
  stateIndex: number,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
): FieldProblem | undefined {
  if (stateIndex === NONE) return { code: 'unknown-contact', path: ['contactId'], message: messages.unknownSnoozeContact(contactId) };
  const tier = tiers[stateIndex];
  if (tier && !compiled.tiers.get(tier.tierId)!.cycles.some((cycle) => cycle.cycle.id === cycleId)) {
    return { code: 'unknown-cycle', path: ['cycleId'], message: `${messages.unknownCycle(cycleId)} in tier "${tier.tierId}"` };
  }
  return undefined;
}

export function readSnoozes(
  snoozes: readonly SnoozeEntry[],
  contactIndex: { indexOf(id: string): number },
  states: ContactStates,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
  errors: RecordError[],
): Map<string, EpochDay> {
  const result = new Map<string, EpochDay>();
  for (const { index, snooze } of snoozes) {
    const problems = snoozeProblems(snooze);
    if (problems.length > 0) {
      errors.push(recordError('snooze', index, problems, { contactId: (snooze as Partial<Snooze> | null)?.contactId }));
      continue;
    }
    const contactId = idText(snooze.contactId);
    const stateIndex = contactIndex.indexOf(contactId);
    const problem = snoozeTargetProblem(contactId, snooze.cycleId, stateIndex, tiers, compiled);
    if (problem) {
      errors.push(recordError('snooze', index, problem, { contactId }));
      continue;
    }
    const key = `${contactId}\u0000${snooze.cycleId}`;
    // A date stands as given; an instant is read as a date in the contact's zone.
    const until = localDayOf(snooze.until, states.zone(stateIndex))!;
    // Several snoozes for one cycle: the latest date stands, whatever their order.
    result.set(key, Math.max(result.get(key) ?? until, until));
  }
  return result;
}

/** Local date of a `YYYY-MM-DD` date or an instant (ISO string, epoch ms or Date). */
export function localDayOf(value: string | number | Date, zone: ZoneClock): EpochDay | undefined {
  if (typeof value === 'string') {
    const date = parseDate(value);
    if (date !== undefined) return date;
  }
  const ms = parseInstant(value);
  return ms === undefined ? undefined : zone.localDay(ms);
}
