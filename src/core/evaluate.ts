/**
 * `evaluate`: for every contact and every cycle of its tier, the status at `now` and why.
 *
 * Built for books of millions: records are validated by hand-written checks, touches are grouped
 * per contact once, zones answer local dates from a per-day offset cache, calendars are compiled
 * once per owner, and text is only built when `explain` asks for it.
 */
import { type ContactBalance, contactBalance, DEFAULT_BALANCE } from './balance.js';
import { compileCadence, type CadenceFacts, type CompiledCadence } from './cadences.js';
import { CalendarBook, shiftToWorkable, type WorkCalendar } from './calendar.js';
import { type EpochDay, formatDate, isSupportedDay, parseDate } from './dates.js';
import { IdTable } from './ids.js';
import { formatInstant, instantProblem, isCanonicalInstant, parseInstant } from './instant.js';
import {
  checkContact,
  checkTouch,
  eventValue,
  type FieldProblem,
  idText,
  isPlainObject,
  ownerProblems,
  recordError,
  snoozeProblems,
} from './records.js';
import { statusOn, type StatusRule, type TimedStatus } from './status.js';
import { assignTiers, type TierAssignment, type TierCandidate } from './tiers.js';
import { compileTouchFilter, countsByDefault, type TouchFilter, whyNotCounted } from './touches.js';
import type {
  Contact,
  DatedDueItem,
  DueItem,
  EvaluateResult,
  InstantInput,
  NotCountedTouch,
  Owner,
  Reason,
  RecordError,
  Snooze,
  Touch,
} from './types.js';
import { type ZoneClock, zoneClock } from './zones.js';
import { InputError, InternalError, isCallingCycleError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { parsePolicy, type Cycle, type Policy, type Shift } from '../schema/policy.js';

/** Everything `evaluate` reads. Nothing here is mutated. */
export interface EvaluateOptions {
  /** A policy (validated again here: a bad one throws `PolicyError` before any work). */
  policy: Policy;
  contacts: readonly Contact[];
  touches: readonly Touch[];
  owners?: readonly Owner[];
  snoozes?: readonly Snooze[];
  /** The instant to evaluate at; the library never reads the clock. */
  now: InstantInput;
}

/** A cycle compiled once per evaluation. */
export interface CompiledCycle {
  readonly cycle: Cycle;
  readonly tierId: string;
  readonly cadence: CompiledCadence;
  readonly counts: TouchFilter;
  /** This cycle's bit in `TouchBook.passes`, or 0 when its filter has none and is called instead. */
  readonly countsMask: number;
  readonly statusRule: StatusRule;
  readonly shift: Shift;
}

interface CompiledTier {
  readonly id: string;
  readonly weight: number;
  readonly cycles: readonly CompiledCycle[];
}

/** A touch filter with its bit in `TouchBook.passes`. */
interface MaskedFilter {
  readonly filter: TouchFilter;
  readonly mask: number;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  /** The distinct touch filters of the policy that have a bit; the default filter first. */
  readonly touchFilters: readonly MaskedFilter[];
  readonly tiers: ReadonlyMap<string, CompiledTier>;
  readonly calendars: CalendarBook;
}

/** Compiles a validated policy: durations parsed, touch filters and calendars built. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const tiers = new Map<string, CompiledTier>();
  const touchFilters: MaskedFilter[] = [{ filter: countsByDefault, mask: DEFAULT_FILTER_MASK }];
  const maskOf = (filter: TouchFilter): number => {
    let known = touchFilters.find((entry) => entry.filter === filter);
    if (known === undefined && touchFilters.length < MAX_FILTER_BITS) {
      known = { filter, mask: 1 << touchFilters.length };
      touchFilters.push(known);
    }
    return known?.mask ?? 0;
  };
  for (const tier of policy.tiers) {
    tiers.set(tier.id, {
      id: tier.id,
      weight: tier.weight ?? 1,
      cycles: tier.cycles.map((cycle) => {
        const counts = compileTouchFilter(cycle.counts);
        return {
          cycle,
          tierId: tier.id,
          cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
          counts,
          countsMask: maskOf(counts),
          statusRule: {
            graceDays: cycle.graceDays ?? 0,
            soonDays: cycle.soonDays ?? 0,
            escalate: [...(cycle.escalate ?? [])].sort((a, b) => a.afterDays - b.afterDays),
          },
          // A quarter's quota is due by the quarter's end: moving that into the next quarter would
          // count the touch for the wrong period, so quotas default to `preceding`.
          shift: cycle.shift ?? ('per' in cycle.cadence ? 'preceding' : 'following'),
        };
      }),
    });
  }
  return { policy, tiers, touchFilters, calendars: new CalendarBook(policy) };
}

const DEFAULT_FILTER_MASK = 1;
// Every touch is tested against every filter that has a bit, whatever its contact's tier: a few
// cover the policies seen in practice (the default and one or two of a cycle's own); the filters
// of a policy with more are asked per touch of the cycles that use them.
const MAX_FILTER_BITS = 4;

interface OwnerState {
  readonly owner: Owner;
  readonly calendar: WorkCalendar;
}

/**
 * The accepted contacts as columns, numbered in input order: per contact a zone number, the
 * created date and the input position, so a million contacts cost a few typed arrays rather than
 * a million more small objects for the garbage collector to trace.
 */
class ContactBook {
  private count = 0;
  /** The accepted contacts with their ids as text (the input object itself when they already are). */
  private readonly records: ContactRecord[] = [];
  private readonly inputIndexes: Int32Array;
  private readonly zoneNumbers: Int32Array;
  private readonly createdDays: Float64Array;
  private readonly zones: ZoneClock[] = [];
  private readonly todays: EpochDay[] = [];
  private readonly zoneNumberByName = new Map<string, number>();

  constructor(
    size: number,
    private readonly nowMs: number,
    private readonly owners: ReadonlyMap<string, OwnerState>,
  ) {
    this.inputIndexes = new Int32Array(size);
    this.zoneNumbers = new Int32Array(size);
    this.createdDays = new Float64Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Accepts the contact at `inputIndex` as the next one. */
  add(inputIndex: number, contact: ContactRecord, zoneName: string, createdMs: number | undefined): void {
    let zoneNumber = this.zoneNumberByName.get(zoneName);
    if (zoneNumber === undefined) {
      zoneNumber = this.zones.length;
      const zone = zoneClock(zoneName)!;
      this.zones.push(zone);
      this.todays.push(zone.localDay(this.nowMs));
      this.zoneNumberByName.set(zoneName, zoneNumber);
    }
    const at = this.count++;
    this.records.push(contact);
    this.inputIndexes[at] = inputIndex;
    this.zoneNumbers[at] = zoneNumber;
    this.createdDays[at] = createdMs === undefined ? Number.NaN : this.zones[zoneNumber]!.localDay(createdMs);
  }

  contact(at: number): ContactRecord {
    return this.records[at]!;
  }

  /** Position of the contact in the input array, for error records. */
  inputIndex(at: number): number {
    return this.inputIndexes[at]!;
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
    return Number.isNaN(day) ? undefined : day;
  }

  owner(at: number): OwnerState | undefined {
    const ownerId = this.contact(at).ownerId;
    return ownerId === undefined || this.owners.size === 0 ? undefined : this.owners.get(ownerId);
  }
}

/**
 * Touches grouped by contact without copying them: per contact the index of its first touch,
 * per touch the index of the next one of the same contact, and each touch's instant parsed once.
 * A million touches cost three typed arrays instead of a million small objects.
 */
interface TouchBook {
  readonly touches: readonly Touch[];
  readonly ms: Float64Array;
  /**
   * Per touch, one bit per policy filter it passes, worked out while the touch is read anyway:
   * later each cycle tests a bit instead of going back to a touch object scattered in memory.
   */
  readonly passes: Int32Array;
  /**
   * Per touch its `at` when already canonical (reused as the item's `lastTouchAt`), decided
   * while the string is at hand rather than fetched again from a scattered touch per item.
   */
  readonly canonicalAt: (string | undefined)[];
  readonly first: Int32Array;
  readonly next: Int32Array;
}

const NONE = -1;

const UTC = 'UTC';

/** A dated item while `statusOn` writes its status, days overdue and escalation. */
type TimedItem = Omit<DatedDueItem, keyof TimedStatus> & TimedStatus;

/** A validated contact with its ids as text. */
type ContactRecord = Contact & { readonly id: string; readonly ownerId?: string };

/** The contact with string ids: the input object itself unless an id came as a number. */
function contactRecord(contact: Contact): ContactRecord {
  if (typeof contact.id === 'string' && typeof contact.ownerId !== 'number') return contact as ContactRecord;
  const copy: Contact = { ...contact, id: idText(contact.id) };
  if (contact.ownerId !== undefined) copy.ownerId = idText(contact.ownerId);
  return copy as ContactRecord;
}

/** Touches before the last qualifying one that did not count are not listed; after it, at most this many. */
const MAX_NOT_COUNTED = 3;

/**
 * Checks the shape of `evaluate`'s arguments before any work, so a malformed call fails with an
 * `InputError` naming the argument instead of a `TypeError` from deep inside.
 */
function checkArguments(options: unknown): number {
  if (!isPlainObject(options))
    throw argumentError([], 'evaluate takes one options object: { policy, contacts, touches, owners?, snoozes?, now }');
  for (const name of ['contacts', 'touches'] as const) {
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

function argumentError(path: (string | number)[], message: string, code = 'invalid-argument'): InputError {
  return new InputError(message, [{ code, path, message }]);
}

/**
 * Evaluates every (contact, cycle) at `now`: status, due date, last qualifying touch, escalation
 * and the reason. Bad records become `errors` entries; every other record is still evaluated.
 *
 * @example
 * const { items, errors } = evaluate({
 *   policy: parsePolicy(policyJson),
 *   contacts: [{ id: 'c1', timeZone: 'Asia/Tokyo', tier: 'A', createdAt: '2026-01-05T10:00:00Z' }],
 *   touches: [{ contactId: 'c1', at: '2026-11-01T09:30:00Z', channel: 'call', outcome: 'connected' }],
 *   now: '2026-11-23T08:00:00Z',
 * });
 * // items[0] → { contactId: 'c1', cycleId: 'check-in', status: 'overdue', dueOn: '2026-11-16', … }
 */
export function evaluate(options: EvaluateOptions): EvaluateResult {
  const nowMs = checkArguments(options);
  const compiled = compilePolicy(parsePolicy(options.policy));
  const { policy, calendars, touchFilters } = compiled;
  const errors: RecordError[] = [];

  const ownersGiven = options.owners !== undefined;
  const rejectedOwners = new Set<string>();
  const owners = readOwners(options.owners ?? [], calendars, errors, rejectedOwners);

  // Contacts: validate, index by id.
  const contactIndex = new IdTable(options.contacts.length);
  const states = new ContactBook(options.contacts.length, nowMs, owners);
  const contacts = options.contacts;
  for (let index = 0; index < contacts.length; index++) {
    const input = contacts[index]!;
    const checked = checkContact(input);
    const problems = Array.isArray(checked) ? checked : contactPolicyProblems(input, compiled);
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
    states.add(index, contact, zoneName, typeof checked === 'number' ? checked : undefined);
  }

  // Touches: validate, group by contact. Touches of a rejected contact are covered by its error.
  const rejected = new Set(
    errors.filter((error) => error.record === 'contact' && error.code !== 'unknown-owner').map((error) => error.contactId),
  );
  const touches = options.touches;
  const book: TouchBook = {
    touches,
    ms: new Float64Array(touches.length),
    passes: new Int32Array(touches.length),
    canonicalAt: new Array(touches.length),
    first: new Int32Array(states.size).fill(NONE),
    next: new Int32Array(touches.length),
  };
  let previousStateIndex = NONE;
  for (let index = 0; index < touches.length; index++) {
    const touch = touches[index]!;
    const checked = checkTouch(touch);
    if (typeof checked === 'object') {
      errors.push(recordError('touch', index, checked, { contactId: (touch as Partial<Touch> | null)?.contactId }));
      continue;
    }
    const contactId = idText(touch.contactId);
    const stateIndex = contactIndex.indexOfNear(contactId, previousStateIndex);
    if (stateIndex === NONE) {
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
    if (checked > nowMs) continue;
    book.ms[index] = checked;
    let passes = 0;
    for (let filter = 0; filter < touchFilters.length; filter++) {
      if (touchFilters[filter]!.filter(touch)) passes |= touchFilters[filter]!.mask;
    }
    book.passes[index] = passes;
    if (isCanonicalInstant(touch.at)) book.canonicalAt[index] = touch.at;
    book.next[index] = book.first[stateIndex]!;
    book.first[stateIndex] = index;
  }

  const tiers = resolveTiers(states, book, compiled);
  const snoozes = readSnoozes(options.snoozes ?? [], contactIndex, states, tiers, compiled, errors);

  const items: DueItem[] = [];
  const facts = new ContactFacts(book);
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment === undefined) {
      errors.push(
        recordError(
          'contact',
          states.inputIndex(index),
          { code: 'unknown-tier', path: ['tier'], message: messages.noTier },
          { contactId: states.contact(index).id },
        ),
      );
      continue;
    }
    const tier = compiled.tiers.get(assignment.tierId)!;
    for (const cycle of tier.cycles) {
      const snoozedUntil = snoozes.size > 0 ? snoozes.get(`${states.contact(index).id}\u0000${cycle.cycle.id}`) : undefined;
      const item = evaluateCycleSafely(states, index, assignment, cycle, calendars, facts, snoozedUntil);
      if ('message' in item) errors.push(recordError('contact', states.inputIndex(index), item, { contactId: states.contact(index).id }));
      else items.push(item);
    }
  }
  if (!policy.balance) return { items, errors };
  const settings = { ...DEFAULT_BALANCE, ...policy.balance };
  const balance: ContactBalance[] = [];
  for (let stateIndex = 0; stateIndex < states.size; stateIndex++) {
    const contact = states.contact(stateIndex);
    const own: { ms: number; touch: Touch }[] = [];
    for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!)
      own.push({ ms: book.ms[touch]!, touch: touches[touch]! });
    balance.push(contactBalance(contact.id, contact.ownerId ?? null, own, settings));
  }
  return { items, errors, balance };
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
function lastTouchIndex(book: TouchBook, stateIndex: number, counts: TouchFilter, countsMask: number): number {
  let last = NONE;
  for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!) {
    if (last !== NONE && book.ms[touch]! <= book.ms[last]!) continue;
    if (countsMask !== 0 ? (book.passes[touch]! & countsMask) !== 0 : counts(book.touches[touch]!)) last = touch;
  }
  return last;
}

function resolveTiers(states: ContactBook, book: TouchBook, compiled: CompiledPolicy): (TierAssignment | undefined)[] {
  const { policy } = compiled;
  const rules = policy.assign ?? [];
  const fallback: TierAssignment | undefined =
    policy.defaultTier !== undefined ? { tierId: policy.defaultTier, basis: { by: 'default' } } : undefined;
  // Assignments are shared by every contact with the same tier and basis: never mutated.
  const explicit = new Map<string, TierAssignment>();
  const result: (TierAssignment | undefined)[] = new Array(states.size);
  const open: number[] = [];
  for (let index = 0; index < states.size; index++) {
    const tier = states.contact(index).tier;
    if (tier !== undefined) {
      let assignment = explicit.get(tier);
      if (assignment === undefined) {
        assignment = { tierId: tier, basis: { by: 'explicit' } };
        explicit.set(tier, assignment);
      }
      result[index] = assignment;
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
    result[stateIndex] = assigned[candidateIndex];
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
  if (stateIndex === NONE) return { code: 'unknown-contact', path: ['contactId'], message: messages.unknownContact(contactId) };
  const tier = tiers[stateIndex];
  if (tier && !compiled.tiers.get(tier.tierId)!.cycles.some((cycle) => cycle.cycle.id === cycleId)) {
    return { code: 'unknown-cycle', path: ['cycleId'], message: `${messages.unknownCycle(cycleId)} in tier "${tier.tierId}"` };
  }
  return undefined;
}

function readSnoozes(
  snoozes: readonly Snooze[],
  contactIndex: IdTable,
  states: ContactBook,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
  errors: RecordError[],
): Map<string, EpochDay> {
  const result = new Map<string, EpochDay>();
  snoozes.forEach((snooze, index) => {
    const problems = snoozeProblems(snooze);
    if (problems.length > 0) {
      errors.push(recordError('snooze', index, problems, { contactId: (snooze as Partial<Snooze> | null)?.contactId }));
      return;
    }
    const contactId = idText(snooze.contactId);
    const stateIndex = contactIndex.indexOf(contactId);
    const problem = snoozeTargetProblem(contactId, snooze.cycleId, stateIndex, tiers, compiled);
    if (problem) {
      errors.push(recordError('snooze', index, problem, { contactId }));
      return;
    }
    const key = `${contactId}\u0000${snooze.cycleId}`;
    // A date stands as given; an instant is read as a date in the contact's zone.
    const until = localDayOf(snooze.until, states.zone(stateIndex))!;
    // Several snoozes for one cycle: the latest date stands, whatever their order.
    result.set(key, Math.max(result.get(key) ?? until, until));
  });
  return result;
}

/** Local date of a `YYYY-MM-DD` date or an instant (ISO string, epoch ms or Date). */
function localDayOf(value: string | number | Date, zone: ZoneClock): EpochDay | undefined {
  if (typeof value === 'string') {
    const date = parseDate(value);
    if (date !== undefined) return date;
  }
  const ms = parseInstant(value);
  return ms === undefined ? undefined : zone.localDay(ms);
}

/**
 * The facts a cadence reads, for one (contact, cycle) at a time. One instance is reused across the
 * whole evaluation (reset by `use`): a million contacts should not mean a million of these.
 */
class ContactFacts implements CadenceFacts {
  today: EpochDay = 0;
  zone!: ZoneClock;
  createdDay: EpochDay | undefined;
  lastTouchDay: EpochDay | undefined;
  private contact!: ContactRecord;
  private stateIndex = 0;
  private counts!: TouchFilter;
  private days: EpochDay[] | undefined;

  constructor(readonly book: TouchBook) {}

  use(states: ContactBook, stateIndex: number, counts: TouchFilter, lastTouchDay: EpochDay | undefined): this {
    this.contact = states.contact(stateIndex);
    this.stateIndex = stateIndex;
    this.counts = counts;
    this.today = states.today(stateIndex);
    this.zone = states.zone(stateIndex);
    this.createdDay = states.createdDay(stateIndex);
    this.lastTouchDay = lastTouchDay;
    this.days = undefined;
    return this;
  }

  touchDays(): readonly EpochDay[] {
    if (this.days === undefined) {
      const { book } = this;
      const seen = new Set<string>();
      const days: EpochDay[] = [];
      for (let touch = book.first[this.stateIndex]!; touch !== NONE; touch = book.next[touch]!) {
        const record = book.touches[touch]!;
        if (!this.counts(record)) continue;
        // The same touch synced twice (same instant and channel) counts once.
        const key = `${book.ms[touch]}\u0000${record.channel}`;
        if (seen.has(key)) continue;
        seen.add(key);
        days.push(this.zone.localDay(book.ms[touch]!));
      }
      this.days = days.sort((a, b) => a - b);
    }
    return this.days;
  }

  eventDay(name: string): EpochDay | undefined {
    const value = eventValue(this.contact, name);
    return value === undefined ? undefined : localDayOf(value, this.zone);
  }
}

/**
 * `evaluateCycle`, with any library error raised while computing one (contact, cycle) turned into
 * an error record for that contact, so one odd record never loses the book.
 */
function evaluateCycleSafely(...args: Parameters<typeof evaluateCycle>): DueItem | FieldProblem {
  try {
    return evaluateCycle(...args);
  } catch (error) {
    if (isCallingCycleError(error)) {
      return { code: 'no-occurrence', path: ['cycles', args[3].cycle.id], message: `cycle "${args[3].cycle.id}": ${error.message}` };
    }
    throw new InternalError(`evaluating cycle "${args[3].cycle.id}" failed: ${String(error)}`, { cause: error });
  }
}

function evaluateCycle(
  states: ContactBook,
  stateIndex: number,
  assignment: TierAssignment,
  compiledCycle: CompiledCycle,
  calendars: CalendarBook,
  facts: ContactFacts,
  snoozedUntil: EpochDay | undefined,
): DueItem | FieldProblem {
  const contact = states.contact(stateIndex);
  const zone = states.zone(stateIndex);
  const today = states.today(stateIndex);
  const { cycle, shift } = compiledCycle;

  const { book } = facts;
  const lastIndex = lastTouchIndex(book, stateIndex, compiledCycle.counts, compiledCycle.countsMask);
  const lastMs = lastIndex === NONE ? undefined : book.ms[lastIndex]!;
  const lastTouchDay = lastMs !== undefined ? zone.localDay(lastMs) : undefined;

  const reason: Reason = {
    tierId: assignment.tierId,
    tier: assignment.basis,
    cycleId: cycle.id,
    cadence: cycle.cadence,
    timeZone: zone.name,
    contactCalendar: contact.calendar ?? null,
    basis: 'touch',
    lastTouchOn: lastTouchDay !== undefined ? formatDate(lastTouchDay) : null,
    rawDue: null,
    shiftedTo: null,
    shift,
    pausedUntil: null,
    snoozedUntil: null,
  };
  const notCounted = notCountedTouches(book, stateIndex, compiledCycle, lastMs, zone);
  if (notCounted !== undefined) reason.notCounted = notCounted;
  const base = {
    contactId: contact.id,
    cycleId: cycle.id,
    tierId: assignment.tierId,
    ownerId: contact.ownerId ?? null,
    daysOverdue: 0,
    lastTouchAt: lastMs !== undefined ? (book.canonicalAt[lastIndex] ?? formatInstant(lastMs)) : null,
    escalation: null,
    reason,
  };
  if (contact.doNotContact === true) {
    reason.basis = 'excluded';
    return { ...base, status: 'excluded', dueOn: null };
  }

  const outcome = compiledCycle.cadence.due(facts.use(states, stateIndex, compiledCycle.counts, lastTouchDay));
  if (outcome.kind === 'error') return { code: outcome.code, path: outcome.path, message: `cycle "${cycle.id}": ${outcome.message}` };
  reason.basis = outcome.basis;
  if (outcome.detail) reason.detail = outcome.detail;
  if (outcome.kind === 'ended') return { ...base, status: 'ended', dueOn: null };

  const rawDue = outcome.rawDue;
  if (!isSupportedDay(rawDue))
    return { code: 'date-out-of-range', path: ['cycles', cycle.id], message: `cycle "${cycle.id}": ${messages.dateOutOfRange}` };
  reason.rawDue = formatDate(rawDue);
  let due = rawDue;
  // A contact never touched and without a creation date is due now, not on a cadence date: no
  // shift applies (a `preceding` shift would make a new contact overdue on a Sunday).
  if (outcome.basis !== 'no-history') {
    const owner = states.owner(stateIndex);
    const calendar =
      contact.calendar !== undefined
        ? calendars.forContact(owner?.owner.calendar, contact.calendar)
        : (owner?.calendar ?? calendars.policyDefault);
    due = shiftToWorkable(rawDue, calendar, shift);
    // No shift moves a never-touched contact's due date before it was created: the next workable
    // day on or after the raw date instead.
    const createdDay = states.createdDay(stateIndex);
    if (lastTouchDay === undefined && createdDay !== undefined && due < createdDay && rawDue >= createdDay) {
      due = shiftToWorkable(rawDue, calendar, 'following');
    }
  }
  if (due !== rawDue) reason.shiftedTo = formatDate(due);

  // Pause and snooze dates are explicit choices and stand as given, unshifted.
  const pausedUntil = contact.pausedUntil != null ? localDayOf(contact.pausedUntil, zone) : undefined;
  if (pausedUntil !== undefined && (pausedUntil > due || pausedUntil > today)) {
    reason.pausedUntil = formatDate(pausedUntil);
    due = Math.max(due, pausedUntil);
  }
  if (snoozedUntil !== undefined && snoozedUntil > due) {
    reason.snoozedUntil = formatDate(snoozedUntil);
    due = snoozedUntil;
  }
  if (!isSupportedDay(due))
    return { code: 'date-out-of-range', path: ['cycles', cycle.id], message: `cycle "${cycle.id}": ${messages.dateOutOfRange}` };
  const dueOn = formatDate(due);
  if (pausedUntil !== undefined && pausedUntil > today) return { ...base, status: 'paused', dueOn };
  const timed = statusOn(today, due, compiledCycle.statusRule, { ...base, status: 'due', dueOn } as TimedItem);
  return timed as DatedDueItem;
}

/**
 * The latest touches after the last qualifying one (all of them when none qualified) that did not
 * count for the cycle, newest first, at most `MAX_NOT_COUNTED`; undefined when there are none,
 * which is the common case and costs one pass over the contact's touches.
 */
function notCountedTouches(
  book: TouchBook,
  stateIndex: number,
  compiledCycle: CompiledCycle,
  lastMs: number | undefined,
  zone: ZoneClock,
): NotCountedTouch[] | undefined {
  let found: number[] | undefined;
  for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!) {
    if (lastMs !== undefined && book.ms[touch]! <= lastMs) continue;
    found ??= [];
    found.push(touch);
  }
  if (found === undefined) return undefined;
  const { counts } = compiledCycle.cycle;
  const listed = found
    .map((index) => {
      const touch = book.touches[index]!;
      const why = whyNotCounted(counts, touch);
      if (why === undefined) return undefined;
      const value = (why === 'attempt' ? touch.outcome : touch[why]) ?? null;
      const ms = book.ms[index]!;
      return { ms, entry: { at: formatInstant(ms), on: formatDate(zone.localDay(ms)), channel: touch.channel, why, value } };
    })
    .filter((listedTouch) => listedTouch !== undefined);
  // Newest first; touches at one instant in a fixed order of their fields, never of the input,
  // and the same touch synced twice listed once.
  listed.sort((a, b) => b.ms - a.ms || compareText(notCountedKey(a.entry), notCountedKey(b.entry)));
  const result: NotCountedTouch[] = [];
  for (const { entry } of listed) {
    const previous = result[result.length - 1];
    if (previous !== undefined && notCountedKey(previous) === notCountedKey(entry)) continue;
    result.push(entry);
    if (result.length === MAX_NOT_COUNTED) break;
  }
  return result.length > 0 ? result : undefined;
}

const notCountedKey = (touch: NotCountedTouch) => `${touch.at}\u0000${touch.channel}\u0000${touch.why}\u0000${touch.value ?? ''}`;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
