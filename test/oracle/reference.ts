/**
 * The oracle: what SPEC.md says each (contact, cycle) is at `now`, computed the slow, obvious way
 * from the spec's words, sharing no code with src/. Books come from books.ts (valid records; a
 * contact lacking its anchor event is the one error case). Where SPEC.md is silent the choice is
 * the one docs/ document, named in a comment.
 */
import { addDuration, dateOrInstantDay, dayOf, localDay, textOf, weekdayOf, ymd } from './civil.js';
import { firstOnOrAfter, type OracleRule } from './rrule.js';

export interface OracleCalendar {
  workingDays?: string[];
  holidays?: string[];
}

export interface OracleCounts {
  channels?: string[];
  directions?: string[];
  outcomes?: string[];
  purposes?: string[];
}

export type OracleCadence =
  | { kind: 'rolling'; every: string }
  | { kind: 'anchored'; rule: OracleRule; anchor?: string; earlyDays?: number }
  | { kind: 'quota'; per: 'week' | 'month' | 'quarter' | 'year'; times: number }
  | { kind: 'milestones'; after: string; at: string[]; earlyDays?: number };

export interface OracleCycle {
  id: string;
  cadence: OracleCadence;
  counts?: OracleCounts;
  graceDays?: number;
  soonDays?: number;
  shift?: 'following' | 'preceding' | 'modified-following' | 'none';
  firstTouchWithin?: string;
}

export interface OracleBook {
  timeZone?: string;
  calendars: Record<string, OracleCalendar>;
  calendar?: string;
  cycles: OracleCycle[];
  owners: { id: string; timeZone?: string; calendar?: string }[];
  contacts: {
    id: string;
    ownerId?: string;
    timeZone?: string;
    calendar?: string;
    createdAt?: string;
    events?: Record<string, string>;
    doNotContact?: boolean;
    pausedUntil?: string;
  }[];
  touches: { contactId: string; at: string; channel: string; direction?: string; outcome?: string; purpose?: string }[];
  snoozes: { contactId: string; cycleId: string; until: string }[];
  now: string;
}

export type Expected =
  | { kind: 'item'; status: string; dueOn: string | null; daysOverdue: number; lastTouchMs: number | null }
  | { kind: 'error'; code: string };

const ATTEMPTS = ['voicemail', 'no-answer', 'bounced'];
const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function counts(filter: OracleCounts | undefined, touch: OracleBook['touches'][number]): boolean {
  if (filter?.channels && !filter.channels.includes(touch.channel)) return false;
  if (filter?.directions && (touch.direction === undefined || !filter.directions.includes(touch.direction))) return false;
  if (filter?.outcomes) {
    if (touch.outcome === undefined || !filter.outcomes.includes(touch.outcome)) return false;
  } else if (touch.outcome !== undefined && ATTEMPTS.includes(touch.outcome)) return false;
  if (filter?.purposes && (touch.purpose === undefined || !filter.purposes.includes(touch.purpose))) return false;
  return true;
}

function workableIn(calendar: OracleCalendar | undefined, day: number): boolean {
  const working = calendar?.workingDays ?? ['MO', 'TU', 'WE', 'TH', 'FR'];
  return working.includes(CODES[weekdayOf(day) - 1]!) && !(calendar?.holidays ?? []).includes(textOf(day));
}

function shifted(day: number, workable: (day: number) => boolean, shift: string): number {
  if (shift === 'none' || workable(day)) return day;
  const step = (direction: number) => {
    for (let candidate = day + direction; Math.abs(candidate - day) <= 366; candidate += direction)
      if (workable(candidate)) return candidate;
    return day;
  };
  if (shift === 'preceding') return step(-1);
  const next = step(1);
  if (shift === 'following') return next;
  return ymd(next)[1] === ymd(day)[1] ? next : step(-1);
}

/** The last day of the calendar period holding `day` (ISO weeks from Monday). */
function periodOf(day: number, per: string): [number, number] {
  if (per === 'week') {
    const monday = day - (weekdayOf(day) - 1);
    return [monday, monday + 6];
  }
  const [year, month] = ymd(day);
  const firstMonth = per === 'month' ? month : per === 'quarter' ? month - ((month - 1) % 3) : 1;
  const length = per === 'month' ? 'P1M' : per === 'quarter' ? 'P3M' : 'P1Y';
  const first = dayOf(`${year}-${String(firstMonth).padStart(2, '0')}-01`);
  return [first, addDuration(first, length) - 1];
}

type Raw = { kind: 'due'; raw: number; unshifted: boolean } | { kind: 'ended' } | { kind: 'error'; code: string };

/** Every (contact, cycle) of the book: `contactId \0 cycleId` → what the spec says. */
export function oracle(book: OracleBook): Map<string, Expected> {
  const nowMs = Date.parse(book.now);
  const result = new Map<string, Expected>();
  for (const contact of book.contacts) {
    const owner = book.owners.find((candidate) => candidate.id === contact.ownerId);
    // SPEC: the contact's zone is contact → owner → policy → UTC.
    const zone = contact.timeZone ?? owner?.timeZone ?? book.timeZone ?? 'UTC';
    const today = localDay(nowMs, zone);
    // SPEC: workable in both the owner's calendar (else the policy's, else Monday–Friday) and the contact's own.
    const base = book.calendars[owner?.calendar ?? book.calendar ?? ''];
    const own = contact.calendar !== undefined ? book.calendars[contact.calendar] : undefined;
    const workable = (day: number) => workableIn(base, day) && (own === undefined || workableIn(own, day));
    const createdDay = contact.createdAt !== undefined ? localDay(Date.parse(contact.createdAt), zone) : undefined;
    const eventDay = (name: string) => {
      const value = contact.events?.[name];
      return value === undefined ? undefined : dateOrInstantDay(value, zone);
    };
    for (const cycle of book.cycles) {
      const key = `${contact.id}\u0000${cycle.id}`;
      // SPEC: touches after `now` are planned, not done; only those the cycle counts qualify.
      const qualifying = book.touches.filter(
        (touch) => touch.contactId === contact.id && Date.parse(touch.at) <= nowMs && counts(cycle.counts, touch),
      );
      const lastMs = qualifying.length === 0 ? null : Math.max(...qualifying.map((touch) => Date.parse(touch.at)));
      const lastDay = lastMs === null ? undefined : localDay(lastMs, zone);
      if (contact.doNotContact === true) {
        result.set(key, { kind: 'item', status: 'excluded', dueOn: null, daysOverdue: 0, lastTouchMs: lastMs });
        continue;
      }
      const raw = rawDue(cycle.cadence, { today, lastDay, createdDay, zone, eventDay, qualifying, cycle });
      if (raw.kind === 'error') {
        result.set(key, raw);
        continue;
      }
      if (raw.kind === 'ended') {
        result.set(key, { kind: 'item', status: 'ended', dueOn: null, daysOverdue: 0, lastTouchMs: lastMs });
        continue;
      }
      const shift = cycle.shift ?? (cycle.cadence.kind === 'quota' ? 'preceding' : 'following');
      let due = raw.unshifted ? raw.raw : shifted(raw.raw, workable, shift);
      // SPEC: no shift moves a never-touched contact's due date before its createdAt date.
      if (lastDay === undefined && createdDay !== undefined && due < createdDay && raw.raw >= createdDay) {
        due = shifted(raw.raw, workable, 'following');
      }
      const pausedUntil = contact.pausedUntil !== undefined ? dateOrInstantDay(contact.pausedUntil, zone) : undefined;
      // SPEC: due = max(computed due, pausedUntil); docs/concepts.md: a pause that ended still
      // holds the date it moved (missed dates are not queued up).
      if (pausedUntil !== undefined) due = Math.max(due, pausedUntil);
      // A snooze moves the due date later, never earlier (docs/concepts.md).
      const snooze = book.snoozes.find((candidate) => candidate.contactId === contact.id && candidate.cycleId === cycle.id);
      if (snooze !== undefined && dayOf(snooze.until) > due) due = dayOf(snooze.until);
      const soon = cycle.soonDays ?? 0;
      const grace = cycle.graceDays ?? 0;
      let status: string;
      if (pausedUntil !== undefined && pausedUntil > today) status = 'paused';
      else if (today < due - soon) status = 'upcoming';
      else if (today < due) status = 'soon';
      else if (today <= due + grace) status = 'due';
      else status = 'overdue';
      result.set(key, {
        kind: 'item',
        status,
        dueOn: textOf(due),
        daysOverdue: status === 'overdue' ? today - due : 0,
        lastTouchMs: lastMs,
      });
    }
  }
  return result;
}

interface Facts {
  today: number;
  lastDay: number | undefined;
  createdDay: number | undefined;
  zone: string;
  eventDay: (name: string) => number | undefined;
  qualifying: OracleBook['touches'];
  cycle: OracleCycle;
}

function rawDue(cadence: OracleCadence, facts: Facts): Raw {
  const { today, lastDay, createdDay } = facts;
  const neverTouchedNoCreation = lastDay === undefined && createdDay === undefined;
  switch (cadence.kind) {
    case 'rolling':
      if (lastDay !== undefined) return { kind: 'due', raw: addDuration(lastDay, cadence.every), unshifted: false };
      if (createdDay !== undefined)
        return { kind: 'due', raw: addDuration(createdDay, facts.cycle.firstTouchWithin ?? 'P0D'), unshifted: false };
      return { kind: 'due', raw: today, unshifted: true };
    case 'anchored': {
      // SPEC: the anchor is a date or a contact event; docs/policy.md: without one, createdAt.
      const anchor =
        cadence.anchor === undefined
          ? createdDay
          : /^\d{4}-\d{2}-\d{2}$/.test(cadence.anchor)
            ? dayOf(cadence.anchor)
            : facts.eventDay(cadence.anchor);
      if (neverTouchedNoCreation) {
        // SPEC: due today, unshifted, if the rule has an occurrence on or after today, else ended.
        // A contact lacking its anchor event: docs/cadences.md, due today like a rule with no anchor.
        if (anchor === undefined) return { kind: 'due', raw: today, unshifted: true };
        return firstOnOrAfter(cadence.rule, anchor, facts.zone, today) === undefined
          ? { kind: 'ended' }
          : { kind: 'due', raw: today, unshifted: true };
      }
      if (anchor === undefined) return { kind: 'error', code: cadence.anchor === undefined ? 'missing-anchor' : 'unknown-event' };
      // docs/cadences.md: a rule that gives no date at all from this contact's own anchor is an error.
      if (firstOnOrAfter(cadence.rule, anchor, facts.zone, anchor) === undefined) return { kind: 'error', code: 'no-occurrence' };
      // SPEC: the first occurrence o with o > last touch date + earlyDays; never touched, the first on or after createdAt.
      const from = lastDay !== undefined ? lastDay + (cadence.earlyDays ?? 0) + 1 : createdDay!;
      const next = firstOnOrAfter(cadence.rule, anchor, facts.zone, from);
      return next === undefined ? { kind: 'ended' } : { kind: 'due', raw: next, unshifted: false };
    }
    case 'quota': {
      if (neverTouchedNoCreation) return { kind: 'due', raw: today, unshifted: true };
      // SPEC: duplicates (same contact, instant and channel) count once.
      const seen = new Set<string>();
      const days: number[] = [];
      for (const touch of facts.qualifying) {
        const key = `${Date.parse(touch.at)} ${touch.channel}`;
        if (seen.has(key)) continue;
        seen.add(key);
        days.push(localDay(Date.parse(touch.at), facts.zone));
      }
      let [first, last] = periodOf(lastDay ?? createdDay!, cadence.per);
      for (;;) {
        const inPeriod = days.filter((day) => day >= first && day <= last).length;
        if (inPeriod < cadence.times) return { kind: 'due', raw: last, unshifted: false };
        [first, last] = periodOf(last + 1, cadence.per);
      }
    }
    case 'milestones': {
      const event = facts.eventDay(cadence.after);
      if (event === undefined) return { kind: 'ended' };
      const dates = cadence.at.map((offset) => addDuration(event, offset)).sort((a, b) => a - b);
      // SPEC: each is satisfied by a qualifying touch on or after its date − earlyDays.
      const open = dates.find(
        (date) => !facts.qualifying.some((touch) => localDay(Date.parse(touch.at), facts.zone) >= date - (cadence.earlyDays ?? 0)),
      );
      return open === undefined ? { kind: 'ended' } : { kind: 'due', raw: open, unshifted: false };
    }
  }
}
