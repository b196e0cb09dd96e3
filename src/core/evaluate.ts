/**
 * `evaluate`: for every contact and every cycle of its tier, the status at `now` and why.
 *
 * Built for books of millions: records are validated by hand-written checks, touches are grouped
 * per contact once, zones answer local dates from a per-day offset cache, calendars are compiled
 * once per owner, and text is only built when `explain` asks for it.
 */
import { contactBalance, DEFAULT_BALANCE } from './balance.js';
import { compileCadence, type CadenceFacts, type CompiledCadence } from './cadences.js';
import { CalendarBook, shiftToWorkable, type WorkCalendar } from './calendar.js';
import { type EpochDay, formatDate, parseDate } from './dates.js';
import { canonicalInstant, parseInstant } from './instant.js';
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
  readonly statusRule: StatusRule;
  readonly shift: Shift;
}

interface CompiledTier {
  readonly id: string;
  readonly weight: number;
  readonly cycles: readonly CompiledCycle[];
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly tiers: ReadonlyMap<string, CompiledTier>;
  readonly calendars: CalendarBook;
}

/** Compiles a validated policy: durations parsed, touch filters and calendars built. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const tiers = new Map<string, CompiledTier>();
  for (const tier of policy.tiers) {
    tiers.set(tier.id, {
      id: tier.id,
      weight: tier.weight ?? 1,
      cycles: tier.cycles.map((cycle) => ({
        cycle,
        tierId: tier.id,
        cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
        counts: compileTouchFilter(cycle.counts),
        statusRule: {
          graceDays: cycle.graceDays ?? 0,
          soonDays: cycle.soonDays ?? 0,
          escalate: [...(cycle.escalate ?? [])].sort((a, b) => a.afterDays - b.afterDays),
        },
        shift: cycle.shift ?? 'following',
      })),
    });
  }
  return { policy, tiers, calendars: new CalendarBook(policy) };
}

interface OwnerState {
  readonly owner: Owner;
  readonly calendar: WorkCalendar;
}

interface ContactState {
  /** Position in the input, for error records. */
  readonly index: number;
  readonly contact: Contact;
  readonly zone: ZoneClock;
  readonly today: EpochDay;
  readonly owner: OwnerState | undefined;
  readonly createdDay: EpochDay | undefined;
}

/**
 * Touches grouped by contact without copying them: per contact the index of its first touch,
 * per touch the index of the next one of the same contact, and each touch's instant parsed once.
 * A million touches cost three typed arrays instead of a million small objects.
 */
interface TouchBook {
  readonly touches: readonly Touch[];
  readonly ms: Float64Array;
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
  const { policy, calendars } = compiled;
  const errors: RecordError[] = [];

  const owners = readOwners(options.owners ?? [], calendars, errors);

  // Contacts: validate, index by id.
  const contactIndex = new Map<string, number>();
  const states: ContactState[] = [];
  const todayByZone = new Map<string, EpochDay>();
  const contacts = options.contacts;
  for (let index = 0; index < contacts.length; index++) {
    const contact = contacts[index]!;
    const checked = checkContact(contact);
    const problem = typeof checked === 'object' ? checked : contactPolicyProblem(contact, compiled);
    if (problem) {
      errors.push(recordError('contact', index, problem, { contactId: (contact as Partial<Contact> | null)?.id }));
      continue;
    }
    if (contactIndex.has(contact.id)) {
      errors.push(
        recordError('contact', index, { path: ['id'], message: messages.duplicateContact(contact.id) }, { contactId: contact.id }),
      );
      continue;
    }
    const owner = contact.ownerId !== undefined ? owners.get(contact.ownerId) : undefined;
    const zoneName = contact.timeZone ?? owner?.owner.timeZone ?? policy.timeZone ?? UTC;
    const zone = zoneClock(zoneName)!;
    let today = todayByZone.get(zoneName);
    if (today === undefined) {
      today = zone.localDay(nowMs);
      todayByZone.set(zoneName, today);
    }
    contactIndex.set(contact.id, states.length);
    const createdDay = typeof checked === 'number' ? zone.localDay(checked) : undefined;
    states.push({ index, contact, zone, today, owner, createdDay });
  }

  // Touches: validate, group by contact. Touches of a rejected contact are covered by its error.
  const rejected = new Set(errors.filter((error) => error.record === 'contact').map((error) => error.contactId));
  const touches = options.touches;
  const book: TouchBook = {
    touches,
    ms: new Float64Array(touches.length),
    first: new Int32Array(states.length).fill(NONE),
    next: new Int32Array(touches.length),
  };
  for (let index = 0; index < touches.length; index++) {
    const touch = touches[index]!;
    const checked = checkTouch(touch);
    if (typeof checked === 'object') {
      errors.push(recordError('touch', index, checked, { contactId: (touch as Partial<Touch> | null)?.contactId }));
      continue;
    }
    const stateIndex = contactIndex.get(touch.contactId);
    if (stateIndex === undefined) {
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
    // A touch dated after now is planned, not done.
    if (checked > nowMs) continue;
    book.ms[index] = checked;
    book.next[index] = book.first[stateIndex]!;
    book.first[stateIndex] = index;
  }

  const tiers = resolveTiers(states, book, compiled);
  const snoozes = readSnoozes(options.snoozes ?? [], contactIndex, tiers, compiled, errors);

  const items: DueItem[] = [];
  const facts = new ContactFacts(book);
  for (let index = 0; index < states.length; index++) {
    const state = states[index]!;
    const assignment = tiers[index];
    if (assignment === undefined) {
      errors.push(
        recordError(
          'contact',
          state.index,
          { path: ['tier'], message: 'no tier: the contact has none, no assign rule matched and the policy has no defaultTier' },
          { contactId: state.contact.id },
        ),
      );
      continue;
    }
    const tier = compiled.tiers.get(assignment.tierId)!;
    for (const cycle of tier.cycles) {
      const snoozedUntil = snoozes.size > 0 ? snoozes.get(`${state.contact.id}\u0000${cycle.cycle.id}`) : undefined;
      const item = evaluateCycle(state, index, assignment, cycle, calendars, facts, snoozedUntil);
      if ('message' in item) errors.push(recordError('contact', state.index, item, { contactId: state.contact.id }));
      else items.push(item);
    }
  }
  if (!policy.balance) return { items, errors };
  const settings = { ...DEFAULT_BALANCE, ...policy.balance };
  const balance = states.map((state, stateIndex) => {
    const own: { ms: number; touch: Touch }[] = [];
    for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!)
      own.push({ ms: book.ms[touch]!, touch: touches[touch]! });
    return contactBalance(state.contact.id, state.contact.ownerId ?? null, own, settings);
  });
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
function lastTouchMs(book: TouchBook, stateIndex: number, counts: TouchFilter): number | undefined {
  const index = lastTouchIndex(book, stateIndex, counts);
  return index === NONE ? undefined : book.ms[index];
}

/** The index of the contact's last touch that passes a filter, or NONE. */
function lastTouchIndex(book: TouchBook, stateIndex: number, counts: TouchFilter): number {
  let last = NONE;
  for (let touch = book.first[stateIndex]!; touch !== NONE; touch = book.next[touch]!) {
    if ((last === NONE || book.ms[touch]! > book.ms[last]!) && counts(book.touches[touch]!)) last = touch;
  }
  return last;
}

function resolveTiers(states: readonly ContactState[], book: TouchBook, compiled: CompiledPolicy): (TierAssignment | undefined)[] {
  const { policy } = compiled;
  const result: (TierAssignment | undefined)[] = new Array(states.length);
  const open: number[] = [];
  const explicitBasis = { by: 'explicit' } as const;
  for (let index = 0; index < states.length; index++) {
    const tier = states[index]!.contact.tier;
    if (tier !== undefined) result[index] = { tierId: tier, basis: explicitBasis };
    else open.push(index);
  }
  if (open.length === 0) return result;
  if (!policy.assign || policy.assign.length === 0) {
    const fallback = policy.defaultTier !== undefined ? { tierId: policy.defaultTier, basis: { by: 'default' } as const } : undefined;
    for (const index of open) result[index] = fallback;
    return result;
  }
  const candidates: TierCandidate[] = open.map((index) => {
    const state = states[index]!;
    const last = lastTouchMs(book, index, countsByDefault);
    return {
      id: state.contact.id,
      ownerId: state.contact.ownerId,
      attributes: state.contact.attributes,
      today: state.today,
      createdDay: state.createdDay,
      lastTouchDay: last !== undefined ? state.zone.localDay(last) : undefined,
    };
  });
  const assigned = assignTiers(candidates, policy.assign, policy.defaultTier);
  open.forEach((stateIndex, candidateIndex) => {
    result[stateIndex] = assigned[candidateIndex];
  });
  return result;
}

function snoozeTargetProblem(
  snooze: Snooze,
  contactIndex: ReadonlyMap<string, number>,
  tiers: readonly (TierAssignment | undefined)[],
  compiled: CompiledPolicy,
): FieldProblem | undefined {
  const stateIndex = contactIndex.get(snooze.contactId);
  if (stateIndex === undefined) return { path: ['contactId'], message: messages.unknownContact(snooze.contactId) };
  const tier = tiers[stateIndex];
  if (tier && !compiled.tiers.get(tier.tierId)!.cycles.some((cycle) => cycle.cycle.id === snooze.cycleId)) {
    return { path: ['cycleId'], message: `${messages.unknownCycle(snooze.cycleId)} in tier "${tier.tierId}"` };
  }
  return undefined;
}

function readSnoozes(
  snoozes: readonly Snooze[],
  contactIndex: ReadonlyMap<string, number>,
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
  private state!: ContactState;
  private stateIndex = 0;
  private counts!: TouchFilter;
  private days: EpochDay[] | undefined;

  constructor(readonly book: TouchBook) {}

  use(state: ContactState, stateIndex: number, counts: TouchFilter, lastTouchDay: EpochDay | undefined): this {
    this.state = state;
    this.stateIndex = stateIndex;
    this.counts = counts;
    this.today = state.today;
    this.zone = state.zone;
    this.createdDay = state.createdDay;
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
    const value = this.state.contact.events?.[name];
    return value === undefined ? undefined : localDayOf(value, this.zone);
  }
}

function evaluateCycle(
  state: ContactState,
  stateIndex: number,
  assignment: TierAssignment,
  compiledCycle: CompiledCycle,
  calendars: CalendarBook,
  facts: ContactFacts,
  snoozedUntil: EpochDay | undefined,
): DueItem | FieldProblem {
  const { contact, zone, today } = state;
  const { cycle, shift } = compiledCycle;

  const { book } = facts;
  const lastIndex = lastTouchIndex(book, stateIndex, compiledCycle.counts);
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
    lastTouchAt: lastMs !== undefined ? canonicalInstant(book.touches[lastIndex]!.at, lastMs) : null,
    escalation: null,
    reason,
  };
  if (contact.doNotContact === true) {
    reason.basis = 'excluded';
    return item;
  }

  const outcome = compiledCycle.cadence.due(facts.use(state, stateIndex, compiledCycle.counts, lastTouchDay));
  if (outcome.kind === 'error') return { path: outcome.path, message: `cycle "${cycle.id}": ${outcome.message}` };
  reason.basis = outcome.basis;
  if (outcome.detail) reason.detail = outcome.detail;
  if (outcome.kind === 'ended') {
    item.status = 'ended';
    return item;
  }

  const rawDue = outcome.rawDue;
  reason.rawDue = formatDate(rawDue);
  const calendar =
    contact.calendar !== undefined
      ? calendars.forContact(state.owner?.owner.calendar, contact.calendar)
      : (state.owner?.calendar ?? calendars.policyDefault);
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
