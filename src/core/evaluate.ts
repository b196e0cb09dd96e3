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
import { type EpochDay, formatDate, parseDate } from './dates.js';
import { IdTable } from './ids.js';
import { formatInstant, isCanonicalInstant, parseInstant } from './instant.js';
import { checkContact, checkTouch, type FieldProblem, ownerProblem, recordError, snoozeProblem } from './records.js';
import { statusOn, type StatusRule } from './status.js';
import { assignTiers, type TierAssignment, type TierCandidate } from './tiers.js';
import { compileTouchFilter, countsByDefault, type TouchFilter } from './touches.js';
import type { Contact, DueItem, EvaluateResult, InstantInput, Owner, Reason, RecordError, Snooze, Touch } from './types.js';
import { type ZoneClock, zoneClock } from './zones.js';
import { InputError } from '../errors/errors.js';
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
          shift: cycle.shift ?? 'following',
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
  private readonly inputIndexes: Int32Array;
  private readonly zoneNumbers: Int32Array;
  private readonly createdDays: Float64Array;
  private readonly zones: ZoneClock[] = [];
  private readonly todays: EpochDay[] = [];
  private readonly zoneNumberByName = new Map<string, number>();

  constructor(
    private readonly input: readonly Contact[],
    private readonly nowMs: number,
    private readonly owners: ReadonlyMap<string, OwnerState>,
  ) {
    this.inputIndexes = new Int32Array(input.length);
    this.zoneNumbers = new Int32Array(input.length);
    this.createdDays = new Float64Array(input.length);
  }

  get size(): number {
    return this.count;
  }

  /** Accepts the contact at `inputIndex` as the next one. */
  add(inputIndex: number, zoneName: string, createdMs: number | undefined): void {
    let zoneNumber = this.zoneNumberByName.get(zoneName);
    if (zoneNumber === undefined) {
      zoneNumber = this.zones.length;
      const zone = zoneClock(zoneName)!;
      this.zones.push(zone);
      this.todays.push(zone.localDay(this.nowMs));
      this.zoneNumberByName.set(zoneName, zoneNumber);
    }
    const at = this.count++;
    this.inputIndexes[at] = inputIndex;
    this.zoneNumbers[at] = zoneNumber;
    this.createdDays[at] = createdMs === undefined ? Number.NaN : this.zones[zoneNumber]!.localDay(createdMs);
  }

  contact(at: number): Contact {
    return this.input[this.inputIndexes[at]!]!;
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
  const nowMs = parseInstant(options.now);
  if (nowMs === undefined) throw new InputError(messages.badNow, [{ code: 'invalid_instant', path: ['now'], message: messages.badNow }]);
  const compiled = compilePolicy(parsePolicy(options.policy));
  const { policy, calendars, touchFilters } = compiled;
  const errors: RecordError[] = [];

  const owners = readOwners(options.owners ?? [], calendars, errors);

  // Contacts: validate, index by id.
  const contactIndex = new IdTable(options.contacts.length);
  const states = new ContactBook(options.contacts, nowMs, owners);
  const contacts = options.contacts;
  for (let index = 0; index < contacts.length; index++) {
    const contact = contacts[index]!;
    const checked = checkContact(contact);
    const problem = typeof checked === 'object' ? checked : contactPolicyProblem(contact, compiled);
    if (problem) {
      errors.push(recordError('contact', index, problem, { contactId: (contact as Partial<Contact> | null)?.id }));
      continue;
    }
    if (contactIndex.add(contact.id) === NONE) {
      errors.push(
        recordError('contact', index, { path: ['id'], message: messages.duplicateContact(contact.id) }, { contactId: contact.id }),
      );
      continue;
    }
    const owner = contact.ownerId !== undefined ? owners.get(contact.ownerId) : undefined;
    const zoneName = contact.timeZone ?? owner?.owner.timeZone ?? policy.timeZone ?? UTC;
    states.add(index, zoneName, typeof checked === 'number' ? checked : undefined);
  }

  // Touches: validate, group by contact. Touches of a rejected contact are covered by its error.
  const rejected = new Set(errors.filter((error) => error.record === 'contact').map((error) => error.contactId));
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
    const stateIndex = contactIndex.indexOfNear(touch.contactId, previousStateIndex);
    if (stateIndex === NONE) {
      if (!rejected.has(touch.contactId)) {
        errors.push(
          recordError(
            'touch',
            index,
            { path: ['contactId'], message: messages.unknownContact(touch.contactId) },
            { contactId: touch.contactId },
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
  const snoozes = readSnoozes(options.snoozes ?? [], contactIndex, tiers, compiled, errors);

  const items: DueItem[] = [];
  const facts = new ContactFacts(book);
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment === undefined) {
      errors.push(
        recordError(
          'contact',
          states.inputIndex(index),
          { path: ['tier'], message: 'no tier: the contact has none, no assign rule matched and the policy has no defaultTier' },
          { contactId: states.contact(index).id },
        ),
      );
      continue;
    }
    const tier = compiled.tiers.get(assignment.tierId)!;
    for (const cycle of tier.cycles) {
      const snoozedUntil = snoozes.size > 0 ? snoozes.get(`${states.contact(index).id}\u0000${cycle.cycle.id}`) : undefined;
      const item = evaluateCycle(states, index, assignment, cycle, calendars, facts, snoozedUntil);
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

function contactPolicyProblem(contact: Contact, compiled: CompiledPolicy): FieldProblem | undefined {
  if (contact.tier !== undefined && !compiled.tiers.has(contact.tier))
    return { path: ['tier'], message: messages.unknownTier(contact.tier) };
  if (contact.calendar !== undefined && !compiled.calendars.has(contact.calendar)) {
    return { path: ['calendar'], message: messages.unknownCalendar(contact.calendar) };
  }
  return undefined;
}

function readOwners(owners: readonly Owner[], calendars: CalendarBook, errors: RecordError[]): Map<string, OwnerState> {
  const result = new Map<string, OwnerState>();
  owners.forEach((owner, index) => {
    const problem = ownerProblem(owner, (name) => calendars.has(name));
    if (problem) {
      errors.push(recordError('owner', index, problem, { ownerId: (owner as Partial<Owner> | null)?.id }));
    } else if (result.has(owner.id)) {
      errors.push(
        recordError(
          'owner',
          index,
          { path: ['id'], message: `duplicate owner id "${owner.id}": only the first is used` },
          { ownerId: owner.id },
        ),
      );
    } else {
      result.set(owner.id, { owner, calendar: calendars.forContact(owner.calendar, undefined) });
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
  snooze: Snooze,
  contactIndex: IdTable,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
): FieldProblem | undefined {
  const stateIndex = contactIndex.indexOf(snooze.contactId);
  if (stateIndex === NONE) return { path: ['contactId'], message: messages.unknownContact(snooze.contactId) };
  const tier = tiers[stateIndex];
  if (tier && !compiled.tiers.get(tier.tierId)!.cycles.some((cycle) => cycle.cycle.id === snooze.cycleId)) {
    return { path: ['cycleId'], message: `${messages.unknownCycle(snooze.cycleId)} in tier "${tier.tierId}"` };
  }
  return undefined;
}

function readSnoozes(
  snoozes: readonly Snooze[],
  contactIndex: IdTable,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
  errors: RecordError[],
): Map<string, EpochDay> {
  const result = new Map<string, EpochDay>();
  snoozes.forEach((snooze, index) => {
    const problem = snoozeProblem(snooze) ?? snoozeTargetProblem(snooze, contactIndex, tiers, compiled);
    if (problem) {
      errors.push(recordError('snooze', index, problem, { contactId: (snooze as Partial<Snooze> | null)?.contactId }));
      return;
    }
    const key = `${snooze.contactId}\u0000${snooze.cycleId}`;
    const until = parseDate(snooze.until)!;
    // Several snoozes for one cycle: the latest date stands, whatever their order.
    result.set(key, Math.max(result.get(key) ?? until, until));
  });
  return result;
}

/** Local date of a `YYYY-MM-DD` date or an instant. */
function localDayOf(value: string | number, zone: ZoneClock): EpochDay | undefined {
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
  private contact!: Contact;
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
    const value = this.contact.events?.[name];
    return value === undefined ? undefined : localDayOf(value, this.zone);
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
  const item: DueItem = {
    contactId: contact.id,
    cycleId: cycle.id,
    tierId: assignment.tierId,
    ownerId: contact.ownerId ?? null,
    status: 'excluded',
    dueOn: null,
    daysOverdue: 0,
    lastTouchAt: lastMs !== undefined ? (book.canonicalAt[lastIndex] ?? formatInstant(lastMs)) : null,
    escalation: null,
    reason,
  };
  if (contact.doNotContact === true) {
    reason.basis = 'excluded';
    return item;
  }

  const outcome = compiledCycle.cadence.due(facts.use(states, stateIndex, compiledCycle.counts, lastTouchDay));
  if (outcome.kind === 'error') return { path: outcome.path, message: `cycle "${cycle.id}": ${outcome.message}` };
  reason.basis = outcome.basis;
  if (outcome.detail) reason.detail = outcome.detail;
  if (outcome.kind === 'ended') {
    item.status = 'ended';
    return item;
  }

  const rawDue = outcome.rawDue;
  reason.rawDue = formatDate(rawDue);
  const owner = states.owner(stateIndex);
  const calendar =
    contact.calendar !== undefined
      ? calendars.forContact(owner?.owner.calendar, contact.calendar)
      : (owner?.calendar ?? calendars.policyDefault);
  let due = shiftToWorkable(rawDue, calendar, shift);
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
  item.dueOn = formatDate(due);
  if (pausedUntil !== undefined && pausedUntil > today) {
    item.status = 'paused';
    return item;
  }
  statusOn(today, due, compiledCycle.statusRule, item);
  return item;
}
