/**
 * Cadence kinds: from a contact's qualifying touches to the raw due date of one cycle.
 * The raw date is before any business-day shift, pause or snooze; those apply alike to all kinds
 * and live in `evaluate`.
 */
import {
  addDuration,
  addMonths,
  type CalendarDuration,
  civilFromDays,
  daysFromCivil,
  formatDate,
  type EpochDay,
  isoWeekday,
  nominalDays,
  parseDuration,
} from '../time/dates.js';
import { compileDateRule, type DateRule } from '../time/occurrences.js';
import type { Reason, RecordErrorCode } from './types.js';
import type { ZoneClock } from '../time/zones.js';
import type { AnchoredCadence, Cadence, MilestoneCadence, QuotaCadence } from '../schema/policy.js';

/** What a cadence may need to know about one contact at `now`. */
export interface CadenceFacts {
  readonly today: EpochDay;
  readonly zone: ZoneClock;
  readonly createdDay: EpochDay | undefined;
  /** Local date of the last qualifying touch. */
  readonly lastTouchDay: EpochDay | undefined;
  /** Local dates of every qualifying touch, ascending, a duplicate (same instant and channel) once. */
  touchDays(): readonly EpochDay[];
  /** Local date of a contact event; `undefined` when the contact has none by that name. */
  eventDay(name: string): EpochDay | undefined;
}

export type CadenceOutcome =
  | { readonly kind: 'due'; readonly rawDue: EpochDay; readonly basis: Reason['basis']; readonly detail?: Reason['detail'] }
  | { readonly kind: 'ended'; readonly basis: Reason['basis']; readonly detail?: Reason['detail'] }
  | { readonly kind: 'error'; readonly code: RecordErrorCode; readonly path: (string | number)[]; readonly message: string };

/** A cadence compiled once per evaluation. */
export interface CompiledCadence {
  readonly kind: 'rolling' | 'anchored' | 'quota' | 'milestones';
  /** Nominal cycle length in days, for priorities. */
  readonly lengthDays: number;
  due(facts: CadenceFacts): CadenceOutcome;
}

export function compileCadence(cadence: Cadence, firstTouchWithin: string | undefined): CompiledCadence {
  if ('every' in cadence) return rolling(parseDuration(cadence.every)!, firstTouchWithin ? parseDuration(firstTouchWithin) : undefined);
  if ('rrule' in cadence) return anchored(cadence);
  if ('per' in cadence) return quota(cadence);
  return milestones(cadence);
}

/**
 * Rolling: the last qualifying touch's local date plus the duration, always counted from the
 * touch itself (a late touch moves the next one later, an early one earlier).
 */
export function rolling(every: CalendarDuration, firstTouchWithin: CalendarDuration | undefined): CompiledCadence {
  const noTime: CalendarDuration = { years: 0, months: 0, weeks: 0, days: 0 };
  return {
    kind: 'rolling',
    lengthDays: Math.max(1, nominalDays(every)),
    due(facts) {
      if (facts.lastTouchDay !== undefined) return { kind: 'due', rawDue: addDuration(facts.lastTouchDay, every), basis: 'touch' };
      if (facts.createdDay !== undefined) {
        return { kind: 'due', rawDue: addDuration(facts.createdDay, firstTouchWithin ?? noTime), basis: 'created' };
      }
      return { kind: 'due', rawDue: facts.today, basis: 'no-history' };
    },
  };
}

/**
 * Anchored: occurrences of an RRULE from the anchor; due is the first occurrence not yet
 * satisfied, a touch up to `earlyDays` before an occurrence satisfying it. Missed occurrences
 * collapse into the earliest unsatisfied one.
 */
function anchored(cadence: AnchoredCadence): CompiledCadence {
  const earlyDays = cadence.earlyDays ?? 0;
  const fixedAnchor = cadence.anchor !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(cadence.anchor) ? cadence.anchor : undefined;
  const eventName = cadence.anchor !== undefined && fixedAnchor === undefined ? cadence.anchor : undefined;
  const [ay, am, ad] = fixedAnchor ? fixedAnchor.split('-').map(Number) : [0, 0, 0];
  const fixedDay = fixedAnchor ? daysFromCivil(ay!, am!, ad!) : undefined;
  const fixedAnchorOn = fixedAnchor ? formatDate(fixedDay!) : undefined;
  // With a fixed anchor the rule depends on the zone only: compiled once per zone and kept here,
  // not looked up through the rule, zone and anchor caches for every contact, and its answers
  // remembered by day.
  const rulesByZone = new Map<ZoneClock, DateRule>();
  let lastZone: ZoneClock | undefined;
  let lastRule: DateRule | undefined;
  const fixedRule = (zone: ZoneClock): DateRule => {
    if (zone !== lastZone) {
      lastRule = rulesByZone.get(zone);
      if (lastRule === undefined) {
        lastRule = new RememberedRule(compileDateRule(cadence.rrule, fixedDay!, zone));
        rulesByZone.set(zone, lastRule);
      }
      lastZone = zone;
    }
    return lastRule!;
  };
  return {
    kind: 'anchored',
    lengthDays: anchoredLength(cadence.rrule),
    due(facts) {
      let anchorDay = fixedDay;
      if (eventName !== undefined) anchorDay = facts.eventDay(eventName);
      // Never touched and no creation date: due now, like any new contact, while the rule has a
      // date on or after today, and ended once it has none (spec). The anchor only says whether
      // dates are left: an anchor long past (or an event the contact lacks) never makes such a
      // contact overdue, and a rule finished or empty from its anchor is a rest, not an error.
      if (facts.lastTouchDay === undefined && facts.createdDay === undefined) {
        if (anchorDay === undefined) return { kind: 'due', rawDue: facts.today, basis: 'no-history' };
        const fixed = anchorDay === fixedDay;
        const rule = fixed ? fixedRule(facts.zone) : compileDateRule(cadence.rrule, anchorDay, facts.zone);
        const detail = { anchorOn: fixed ? fixedAnchorOn! : formatDate(anchorDay) };
        return rule.firstOnOrAfter(facts.today) === undefined
          ? { kind: 'ended', basis: 'no-history', detail }
          : { kind: 'due', rawDue: facts.today, basis: 'no-history', detail };
      }
      if (eventName !== undefined && anchorDay === undefined) {
        return {
          kind: 'error',
          code: 'unknown-event',
          path: ['events', eventName],
          message: `the cycle is anchored on event "${eventName}", which the contact lacks`,
        };
      }
      if (anchorDay === undefined) anchorDay = facts.createdDay;
      if (anchorDay === undefined) {
        return {
          kind: 'error',
          code: 'missing-anchor',
          path: ['createdAt'],
          message: 'the anchored cycle has no anchor in the policy and the contact has no createdAt to start from',
        };
      }
      const fixed = anchorDay === fixedDay;
      const rule = fixed ? fixedRule(facts.zone) : compileDateRule(cadence.rrule, anchorDay, facts.zone);
      const occurrence =
        facts.lastTouchDay !== undefined
          ? rule.firstAfter(facts.lastTouchDay + earlyDays)
          : rule.firstOnOrAfter(facts.createdDay ?? anchorDay);
      const detail = { anchorOn: fixed ? fixedAnchorOn! : formatDate(anchorDay) };
      if (occurrence === undefined) {
        // Ended means the rule had dates and has none left; one that never yields a date from this
        // contact's anchor (INTERVAL=4 on 29 February from 2026) is a problem to fix, not a rest.
        if (rule.firstOnOrAfter(anchorDay) === undefined) {
          return {
            kind: 'error',
            code: 'no-occurrence',
            path: eventName !== undefined ? ['events', eventName] : ['createdAt'],
            message: `the rule ${cadence.rrule} yields no date within 400 years of the anchor ${formatDate(anchorDay)}`,
          };
        }
        return { kind: 'ended', basis: 'anchor', detail };
      }
      return { kind: 'due', rawDue: occurrence, basis: facts.lastTouchDay !== undefined ? 'touch' : 'anchor', detail };
    },
  };
}

/** Answers kept per rule before its memory starts over: a bound for books spread over many years. */
const MAX_REMEMBERED_DAYS = 100_000;

/**
 * A rule's answers remembered by day. The contacts of one zone on a fixed anchor ask the same
 * few hundred questions (the day of a last touch plus the early days) a million times over, and
 * a lookup by day costs a fraction of finding the occurrence. NaN stands for "none".
 */
class RememberedRule implements DateRule {
  private readonly after = new Map<EpochDay, EpochDay>();
  private readonly onOrAfter = new Map<EpochDay, EpochDay>();

  constructor(private readonly rule: DateRule) {}

  firstAfter(day: EpochDay): EpochDay | undefined {
    let found = this.after.get(day);
    if (found === undefined) {
      found = this.rule.firstAfter(day) ?? Number.NaN;
      if (this.after.size >= MAX_REMEMBERED_DAYS) this.after.clear();
      this.after.set(day, found);
    }
    return Number.isNaN(found) ? undefined : found;
  }

  firstOnOrAfter(day: EpochDay): EpochDay | undefined {
    let found = this.onOrAfter.get(day);
    if (found === undefined) {
      found = this.rule.firstOnOrAfter(day) ?? Number.NaN;
      if (this.onOrAfter.size >= MAX_REMEMBERED_DAYS) this.onOrAfter.clear();
      this.onOrAfter.set(day, found);
    }
    return Number.isNaN(found) ? undefined : found;
  }
}

// A rough period for priorities; the exact occurrences come from the rule.
function anchoredLength(rrule: string): number {
  const freq = /FREQ=(\w+)/i.exec(rrule)?.[1]?.toUpperCase();
  const interval = Number(/INTERVAL=(\d+)/i.exec(rrule)?.[1] ?? 1);
  const base: Record<string, number> = { YEARLY: 365.25, MONTHLY: 30.436875, WEEKLY: 7, DAILY: 1 };
  return Math.max(1, (base[freq ?? ''] ?? 1) * interval);
}

/** The calendar period holding a date, as [first day, last day]. ISO weeks start on Monday. */
export function periodOf(day: EpochDay, per: QuotaCadence['per']): [EpochDay, EpochDay] {
  if (per === 'week') {
    const monday = day - (isoWeekday(day) - 1);
    return [monday, monday + 6];
  }
  const [year, month] = civilFromDays(day);
  const firstMonth = per === 'month' ? month : per === 'quarter' ? month - ((month - 1) % 3) : 1;
  const months = per === 'month' ? 1 : per === 'quarter' ? 3 : 12;
  const first = daysFromCivil(year, firstMonth, 1);
  return [first, addMonths(first, months) - 1];
}

/**
 * Quota: each calendar period needs `times` qualifying touches. Due is the end of the first
 * period, from the one holding the last touch (or createdAt), whose quota is unmet; never touched
 * and without createdAt, due today.
 */
function quota(cadence: QuotaCadence): CompiledCadence {
  const lengths = { week: 7, month: 30.436875, quarter: 91.310625, year: 365.25 };
  return {
    kind: 'quota',
    lengthDays: lengths[cadence.per] / cadence.times,
    due(facts) {
      // Never touched and no creation date: due now, like any new contact (spec), not at the end
      // of a period that has barely begun or, on a Sunday, has all but ended.
      if (facts.lastTouchDay === undefined && facts.createdDay === undefined)
        return { kind: 'due', rawDue: facts.today, basis: 'no-history' };
      const start = facts.lastTouchDay ?? facts.createdDay ?? facts.today;
      const days = facts.touchDays();
      let [first, last] = periodOf(start, cadence.per);
      // Touches never lie after today, so at the latest the period after today's is unmet.
      for (;;) {
        let count = 0;
        for (const day of days) if (day >= first && day <= last) count++;
        if (count < cadence.times) {
          return {
            kind: 'due',
            rawDue: last,
            basis: 'period',
            detail: { periodStart: formatDate(first), touchesInPeriod: count, needed: cadence.times },
          };
        }
        [first, last] = periodOf(last + 1, cadence.per);
      }
    },
  };
}

/**
 * Milestones: one-off follow-ups at event + offset. Each is satisfied by a qualifying touch on or
 * after its date − `earlyDays`; due is the earliest unsatisfied one, `ended` when none is left.
 */
function milestones(cadence: MilestoneCadence): CompiledCadence {
  const offsets = cadence.at.map((text) => parseDuration(text)!);
  const earlyDays = cadence.earlyDays ?? 0;
  return {
    kind: 'milestones',
    lengthDays: Math.max(1, ...offsets.map(nominalDays)) / offsets.length,
    due(facts): CadenceOutcome {
      const eventDay = facts.eventDay(cadence.after);
      if (eventDay === undefined) return { kind: 'ended', basis: 'event', detail: { event: cadence.after, missing: true } };
      const dates = offsets.map((offset) => addDuration(eventDay, offset)).sort((a, b) => a - b);
      for (const [index, date] of dates.entries()) {
        if (facts.lastTouchDay === undefined || facts.lastTouchDay < date - earlyDays) {
          return {
            kind: 'due',
            rawDue: date,
            basis: 'event',
            detail: { event: cadence.after, eventOn: formatDate(eventDay), milestone: index + 1, of: dates.length },
          };
        }
      }
      return {
        kind: 'ended',
        basis: 'event',
        detail: { event: cadence.after, eventOn: formatDate(eventDay), milestone: dates.length, of: dates.length },
      };
    },
  };
}
