/**
 * One (contact, cycle) at `now`: the numbers first (status, due date, days overdue, last touch,
 * escalation) written into a reusable scratch record, then, only for callers that want objects,
 * the item and its reason built from those numbers. `evaluate` builds every item; the columnar
 * result copies the numbers into typed arrays and builds an item only for a row a caller asks about.
 */
import type { CadenceFacts } from './cadences.js';
import { type CalendarBook, shiftToWorkable } from './calendar.js';
import type { CompiledCycle } from './compiled.js';
import { type EpochDay, formatDate, isSupportedDay } from '../time/dates.js';
import { formatInstant } from '../time/instant.js';
import { type Book, type ContactStates, lastTouchIndex, localDayOf, NONE, type TouchBook } from './intake.js';
import { eventValue, type FieldProblem } from './records.js';
import { type ReasonCache, reasonCacheFor } from './reasons.js';
import { statusOn } from './status.js';
import type { TierAssignment } from './tiers.js';
import type { TouchFilter } from './touches.js';
import { whyNotCounted } from './touches.js';
import type { DueItem, NotCountedTouch, Reason, Status } from './types.js';
import type { ZoneClock } from '../time/zones.js';
import { InternalError, isCallingCycleError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';

/** Touches before the last qualifying one that did not count are not listed; after it, at most this many. */
const MAX_NOT_COUNTED = 3;

/**
 * The facts a cadence reads, for one (contact, cycle) at a time. One instance is reused across the
 * whole evaluation (reset by `use`): a million contacts should not mean a million of these.
 */
class ContactFacts implements CadenceFacts {
  today: EpochDay = 0;
  zone!: ZoneClock;
  createdDay: EpochDay | undefined;
  lastTouchDay: EpochDay | undefined;
  private states!: ContactStates;
  private stateIndex = 0;
  private counts!: TouchFilter;
  private days: EpochDay[] | undefined;

  constructor(readonly book: TouchBook) {}

  use(states: ContactStates, stateIndex: number, counts: TouchFilter, lastTouchDay: EpochDay | undefined): this {
    this.states = states;
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
        const record = book.touch(touch);
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
    const value = eventValue(this.states.contact(this.stateIndex), name);
    return value === undefined ? undefined : localDayOf(value, this.zone);
  }
}

/**
 * The numbers of one (contact, cycle), rewritten for each: what both result shapes are built from.
 * Days are epoch days, NaN where there is none.
 */
export class CycleOutcome {
  status: Status = 'due';
  daysOverdue = 0;
  escalation: string | null = null;
  /** The due date; NaN for excluded and ended. */
  due: EpochDay = Number.NaN;
  /** Index of the last qualifying touch in the book, or NONE. */
  lastIndex = NONE;
  lastMs = Number.NaN;
  /** The last qualifying touch's day in the contact's zone; NaN when there is none. */
  lastDay: EpochDay = Number.NaN;
  basis: Reason['basis'] = 'touch';
  detail: Reason['detail'] = undefined;
  rawDue: EpochDay = Number.NaN;
  shiftedTo: EpochDay = Number.NaN;
  pausedUntil: EpochDay = Number.NaN;
  snoozedUntil: EpochDay = Number.NaN;
  /** Set when the (contact, cycle) is an error rather than an item. */
  problem: FieldProblem | undefined = undefined;
}

/** Everything one book's cycles are computed against. */
export class CycleContext {
  readonly facts: ContactFacts;
  readonly outcome = new CycleOutcome();
  /** Reasons shared by every book of the policy (the calendar book is made once per compiled policy). */
  readonly reasons: ReasonCache;

  constructor(
    readonly book: Book,
    readonly calendars: CalendarBook,
  ) {
    this.facts = new ContactFacts(book.touches);
    this.reasons = reasonCacheFor(calendars);
  }

  /** The snooze date of a (contact, cycle), if any. */
  snoozedUntil(stateIndex: number, cycleId: string): EpochDay | undefined {
    const { snoozes, states } = this.book;
    return snoozes.size > 0 ? snoozes.get(`${states.id(stateIndex)}\u0000${cycleId}`) : undefined;
  }
}

const dateProblem = (cycleId: string): FieldProblem => ({
  code: 'date-out-of-range',
  path: ['cycles', cycleId],
  message: `cycle "${cycleId}": ${messages.dateOutOfRange}`,
});

/**
 * Computes one (contact, cycle) into `context.outcome`, with any library error raised while doing
 * so turned into a problem for that contact, so one odd record never loses the book. Returns the
 * outcome; `outcome.problem` is set when it is an error.
 */
export function computeCycle(context: CycleContext, stateIndex: number, compiledCycle: CompiledCycle): CycleOutcome {
  const out = context.outcome;
  try {
    computeCycleUnsafe(context, stateIndex, compiledCycle, out);
  } catch (error) {
    if (isCallingCycleError(error)) {
      const id = compiledCycle.cycle.id;
      out.problem = { code: 'no-occurrence', path: ['cycles', id], message: `cycle "${id}": ${error.message}` };
      return out;
    }
    throw new InternalError(`evaluating cycle "${compiledCycle.cycle.id}" failed: ${String(error)}`, { cause: error });
  }
  return out;
}

function computeCycleUnsafe(context: CycleContext, stateIndex: number, compiledCycle: CompiledCycle, out: CycleOutcome): void {
  const { states, touches: book } = context.book;
  const zone = states.zone(stateIndex);
  const today = states.today(stateIndex);
  const { cycle, shift } = compiledCycle;

  out.problem = undefined;
  out.status = 'due';
  out.daysOverdue = 0;
  out.escalation = null;
  out.due = Number.NaN;
  out.basis = 'touch';
  out.detail = undefined;
  out.rawDue = Number.NaN;
  out.shiftedTo = Number.NaN;
  out.pausedUntil = Number.NaN;
  out.snoozedUntil = Number.NaN;

  const lastIndex = lastTouchIndex(book, stateIndex, compiledCycle.counts, compiledCycle.countsMask);
  out.lastIndex = lastIndex;
  out.lastMs = lastIndex === NONE ? Number.NaN : book.ms[lastIndex]!;
  const lastTouchDay = lastIndex === NONE ? undefined : zone.localDay(out.lastMs);
  out.lastDay = lastTouchDay ?? Number.NaN;

  if (states.doNotContact(stateIndex)) {
    out.basis = 'excluded';
    out.status = 'excluded';
    return;
  }

  const outcome = compiledCycle.cadence.due(context.facts.use(states, stateIndex, compiledCycle.counts, lastTouchDay));
  if (outcome.kind === 'error') {
    out.problem = { code: outcome.code, path: outcome.path, message: `cycle "${cycle.id}": ${outcome.message}` };
    return;
  }
  out.basis = outcome.basis;
  if (outcome.detail) out.detail = outcome.detail;
  if (outcome.kind === 'ended') {
    out.status = 'ended';
    return;
  }

  const rawDue = outcome.rawDue;
  if (!isSupportedDay(rawDue)) {
    out.problem = dateProblem(cycle.id);
    return;
  }
  out.rawDue = rawDue;
  let due = rawDue;
  // A contact never touched and without a creation date is due now, not on a cadence date: no
  // shift applies (a `preceding` shift would make a new contact overdue on a Sunday).
  if (outcome.basis !== 'no-history') {
    const owner = states.owner(stateIndex);
    const calendars = context.calendars;
    const contactCalendar = states.calendarName(stateIndex);
    const calendar =
      contactCalendar !== undefined
        ? calendars.forContact(owner?.owner.calendar, contactCalendar)
        : (owner?.calendar ?? calendars.policyDefault);
    due = shiftToWorkable(rawDue, calendar, shift);
    // No shift moves a never-touched contact's due date before it was created: the next
    // workable day on or after the raw date instead. Without a creation date nothing clamps (a
    // milestone's date is fixed by its event and the shift, never by `now`; every other kind is
    // due today, unshifted, above).
    const since = lastTouchDay === undefined ? states.createdDay(stateIndex) : undefined;
    if (since !== undefined && due < since && rawDue >= since) due = shiftToWorkable(rawDue, calendar, 'following');
  }
  if (due !== rawDue) out.shiftedTo = due;

  // Pause and snooze dates are explicit choices and stand as given, unshifted.
  const pausedInput = states.pausedUntil(stateIndex);
  const pausedUntil = pausedInput != null ? localDayOf(pausedInput, zone) : undefined;
  if (pausedUntil !== undefined && (pausedUntil > due || pausedUntil > today)) {
    out.pausedUntil = pausedUntil;
    due = Math.max(due, pausedUntil);
  }
  const snoozedUntil = context.snoozedUntil(stateIndex, cycle.id);
  if (snoozedUntil !== undefined && snoozedUntil > due) {
    out.snoozedUntil = snoozedUntil;
    due = snoozedUntil;
  }
  if (!isSupportedDay(due)) {
    out.problem = dateProblem(cycle.id);
    return;
  }
  out.due = due;
  if (pausedUntil !== undefined && pausedUntil > today) {
    out.status = 'paused';
    return;
  }
  statusOn(today, due, compiledCycle.statusRule, out);
}

const dateOrNull = (day: EpochDay): string | null => (Number.isNaN(day) ? null : formatDate(day));

/**
 * The item of the (contact, cycle) just computed into `context.outcome` (which must not be an
 * error): plain JSON. Its reason is frozen and, unless it has a part of its own contact (a name,
 * touches that did not count), the one object shared by every item with an equal reason
 * (reasons.ts).
 */
export function buildItem(context: CycleContext, stateIndex: number, assignment: TierAssignment, compiledCycle: CompiledCycle): DueItem {
  const out = context.outcome;
  const { states, touches: book } = context.book;
  const contact = states.contact(stateIndex);
  const zone = states.zone(stateIndex);
  const hasLast = out.lastIndex !== NONE;
  const notCounted = notCountedTouches(book, stateIndex, compiledCycle, hasLast ? out.lastMs : undefined, zone);
  // Added only for a named contact: a book without names builds the same reasons as before, at no cost.
  const name = contact.name;
  const contactName = typeof name === 'string' && name !== '' ? name.trim() || undefined : undefined;
  const reason = context.reasons.reason(
    out,
    assignment,
    compiledCycle,
    zone,
    contact.calendar ?? null,
    out.lastDay,
    notCounted,
    contactName,
  );
  // One object literal with every field in a fixed order: items of one shape share a hidden class.
  return {
    contactId: contact.id,
    cycleId: compiledCycle.cycle.id,
    tierId: assignment.tierId,
    ownerId: contact.ownerId ?? null,
    daysOverdue: out.daysOverdue,
    lastTouchAt: hasLast ? (book.canonicalAt[out.lastIndex] ?? formatInstant(out.lastMs)) : null,
    escalation: out.escalation,
    reason,
    status: out.status,
    dueOn: dateOrNull(out.due),
  } as DueItem;
}

/**
 * The latest touches after the last qualifying one (all of them when none qualified) that did not
 * count for the cycle, newest first, at most `MAX_NOT_COUNTED`; undefined when there are none,
 * which is the common case and costs one pass over the contact's touches, allocating nothing.
 */
function notCountedTouches(
  book: TouchBook,
  stateIndex: number,
  compiledCycle: CompiledCycle,
  lastMs: number | undefined,
  zone: ZoneClock,
): NotCountedTouch[] | undefined {
  let listed: { ms: number; entry: NotCountedTouch }[] | undefined;
  const { counts } = compiledCycle.cycle;
  for (let index = book.first[stateIndex]!; index !== NONE; index = book.next[index]!) {
    const ms = book.ms[index]!;
    if (lastMs !== undefined && ms <= lastMs) continue;
    const touch = book.touch(index);
    const why = whyNotCounted(counts, touch);
    if (why === undefined) continue;
    const value = (why === 'attempt' ? touch.outcome : touch[why]) ?? null;
    listed ??= [];
    listed.push({ ms, entry: { at: formatInstant(ms), on: formatDate(zone.localDay(ms)), channel: touch.channel, why, value } });
  }
  if (listed === undefined) return undefined;
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
  return result;
}

const notCountedKey = (touch: NotCountedTouch) => `${touch.at}\u0000${touch.channel}\u0000${touch.why}\u0000${touch.value ?? ''}`;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
