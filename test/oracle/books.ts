/**
 * Random books for the oracle: every cadence kind (rolling, anchored on a date or an event, quota,
 * milestones), every shift with working days and holidays, grace and soon windows, pauses,
 * snoozes, never-touched contacts with and without createdAt, touch filters (channels,
 * directions, outcomes, purposes), touches after `now` and duplicates, in zones with DST, odd
 * offsets and a date line; `now` often on a DST day or at a period boundary of one of them.
 * Everything is drawn around `now` so due dates land on both sides of it.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { textOf } from './civil.js';
import type { OracleBook, OracleCadence, OracleCalendar, OracleCounts, OracleCycle } from './reference.js';
import { inStep, type OracleRule, type WeekdayPart } from './rrule.js';

export const ZONES = [
  'Pacific/Apia',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
  'UTC',
] as const;

const MS_PER_DAY = 86_400_000;
const MINUTE = 60_000;
const FROM = Date.parse('2025-03-01T00:00:00Z');
const TO = Date.parse('2027-03-01T00:00:00Z');

/** Instants where a zone's offset changes, found day by day (then to the minute) with luxon. */
function transitions(): number[] {
  const found: number[] = [];
  for (const zone of ZONES) {
    let previous = DateTime.fromMillis(FROM, { zone }).offset;
    for (let ms = FROM + MS_PER_DAY; ms <= TO; ms += MS_PER_DAY) {
      const offset = DateTime.fromMillis(ms, { zone }).offset;
      if (offset !== previous) {
        let low = ms - MS_PER_DAY;
        let high = ms;
        while (high - low > MINUTE) {
          const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE || low + MINUTE;
          if (DateTime.fromMillis(middle, { zone }).offset === previous) low = middle;
          else high = middle;
        }
        found.push(high);
      }
      previous = offset;
    }
  }
  return found;
}

const TRANSITIONS = transitions();

/** Local midnight starting a month (so also quarters and years) in one of the zones. */
const periodBoundary = fc
  .tuple(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -90, max: 90 }))
  .map(([zone, months, minutes]) => DateTime.fromObject({ year: 2025, month: 4 }, { zone }).plus({ months }).toMillis() + minutes * MINUTE);

const nowMs = fc.oneof(
  fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((minute) => minute * MINUTE),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -30 * 4, max: 30 * 4 })).map(([ms, quarters]) => ms + quarters * 15 * MINUTE),
  periodBoundary,
);

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const weekdays = fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1, maxLength: 3 });
const plainDays = weekdays.map((days) => days.map((weekday): WeekdayPart => ({ weekday })));
const ordinalDays = fc
  .tuple(fc.constantFrom(1, 2, 3, 4, -1, -2), weekdays)
  .map(([nth, days]) => days.slice(0, 2).map((weekday): WeekdayPart => ({ weekday, nth })));
/** Ordinal and plain days in one list (`1MO,FR`, or `-1FR,FR` naming one weekday both ways), in any order. */
const mixedDays = fc
  .tuple(ordinalDays, plainDays, fc.boolean())
  .map(([ordinal, plain, plainFirst]) => (plainFirst ? [...plain.slice(0, 2), ...ordinal] : [...ordinal, ...plain.slice(0, 2)]));

/** A rule of the oracle's family (BYDAY lists plain, ordinal, or both mixed where RFC 5545 allows ordinals). */
const ruleShape: fc.Arbitrary<OracleRule> = fc.oneof(
  fc.record({ freq: fc.constant('DAILY' as const), interval: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ freq: fc.constant('DAILY' as const), interval: fc.integer({ min: 1, max: 3 }), byDay: plainDays }),
  fc.record({ freq: fc.constant('WEEKLY' as const), interval: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ freq: fc.constant('WEEKLY' as const), interval: fc.integer({ min: 1, max: 3 }), byDay: plainDays }),
  fc.record({ freq: fc.constant('MONTHLY' as const), interval: fc.integer({ min: 1, max: 7 }) }),
  fc.record({
    freq: fc.constant('MONTHLY' as const),
    interval: fc.integer({ min: 1, max: 3 }),
    byMonthDay: fc.subarray([1, 15, 28, 29, 30, 31, -1, -3], { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ freq: fc.constant('MONTHLY' as const), interval: fc.integer({ min: 1, max: 2 }), byDay: fc.oneof(plainDays, ordinalDays, mixedDays) }),
  fc.record({
    freq: fc.constant('MONTHLY' as const),
    interval: fc.constant(1),
    byDay: plainDays,
    byMonthDay: fc.constant<number[]>([13, 1, -1]),
  }),
  fc.record({ freq: fc.constant('YEARLY' as const), interval: fc.integer({ min: 1, max: 2 }) }),
  fc.record({
    freq: fc.constant('YEARLY' as const),
    interval: fc.constant(1),
    byMonth: fc.subarray([1, 2, 3, 6, 10, 11, 12], { minLength: 1, maxLength: 2 }),
    byMonthDay: fc.constantFrom<number[]>([1], [29], [28, 31], [-1], [15, 30]),
  }),
  fc.record({
    freq: fc.constant('YEARLY' as const),
    interval: fc.constant(1),
    byMonth: fc.subarray([3, 10, 11], { minLength: 1, maxLength: 2 }),
    byDay: fc.oneof(ordinalDays, mixedDays),
  }),
);

/** UNTIL as UTC text, within about a year of `now`, at any quarter hour. */
const until = (now: number) =>
  fc.tuple(fc.integer({ min: -300 * 96, max: 300 * 96 }), fc.integer({ min: 0, max: 3 })).map(([quarters, form]) => {
    const text = new Date(now + quarters * 15 * MINUTE)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    // Mostly an instant in UTC; sometimes the date form (the last date itself).
    return form === 0 ? text.slice(0, 8) : text;
  });

const rule = (now: number): fc.Arbitrary<OracleRule> =>
  fc
    .tuple(ruleShape, fc.oneof(fc.constant({}), fc.record({ count: fc.integer({ min: 1, max: 40 }) }), fc.record({ until: until(now) })))
    .map(([shape, bound]) => ({ ...shape, ...bound }));

/** A fixed anchor past UNTIL is a policy error (no date within 400 years): such a rule loses its UNTIL. */
function withinUntil(anchoredRule: OracleRule, anchor: number): OracleRule {
  if (anchoredRule.until === undefined) return anchoredRule;
  const untilDay = Math.floor(
    Date.UTC(Number(anchoredRule.until.slice(0, 4)), Number(anchoredRule.until.slice(4, 6)) - 1, Number(anchoredRule.until.slice(6, 8))) /
      MS_PER_DAY,
  );
  if (anchor + 2 <= untilDay) return anchoredRule;
  const { until: _dropped, ...rest } = anchoredRule;
  return rest;
}

const dayNear = (now: number, before: number, after: number) =>
  fc.integer({ min: -before, max: after }).map((days) => Math.floor(now / MS_PER_DAY) + days);
const instantNear = (now: number, beforeDays: number, afterDays: number) =>
  fc.integer({ min: -beforeDays * 96, max: afterDays * 96 }).map((quarters) => new Date(now + quarters * 15 * MINUTE).toISOString());

/** An anchor: mostly within two years of `now`, sometimes decades back (a birthday, an old contract). */
const anchorDay = (now: number) =>
  fc.oneof({ arbitrary: dayNear(now, 800, 60), weight: 4 }, { arbitrary: dayNear(now, 366 * 40, 0), weight: 1 });

/** An instant as UTC text, or with the offset of one of the zones (`2026-03-08T03:30:00.000-04:00`). */
const withOffset = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(text, fc.option(fc.constantFrom(...ZONES), { nil: undefined }))
    .map(([iso, zone]) => (zone === undefined ? iso : DateTime.fromISO(iso, { zone }).toISO()!));

const counts: fc.Arbitrary<OracleCounts | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record(
      {
        channels: subset(['call', 'meeting', 'visit', 'email', 'message', 'other']),
        directions: subset(['outbound', 'inbound']),
        outcomes: subset(['connected', 'voicemail', 'left-message']),
        purposes: subset(['sales', 'review', 'check-in']),
      },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
);

interface Draft {
  cycles: OracleCycle[];
  /** Event-anchored rules: event name → rule, for contacts' events in step with it. */
  eventRules: Map<string, OracleRule>;
}

const cadence = (now: number, index: number): fc.Arbitrary<{ cadence: OracleCadence; event?: [string, OracleRule] }> =>
  fc.oneof(
    fc
      .constantFrom('P1D', 'P7D', 'P14D', 'P1M', 'P3M', 'P1Y', 'P2W', 'P1M15D', 'P10D')
      .map((every) => ({ cadence: { kind: 'rolling' as const, every } })),
    fc.tuple(rule(now), anchorDay(now), fc.boolean(), fc.integer({ min: 0, max: 5 })).map(([anchoredRule, day, onEvent, earlyDays]) =>
      onEvent
        ? {
            cadence: { kind: 'anchored' as const, rule: anchoredRule, anchor: `start${index}`, earlyDays },
            event: [`start${index}`, anchoredRule] as [string, OracleRule],
          }
        : {
            cadence: {
              kind: 'anchored' as const,
              rule: withinUntil(anchoredRule, inStep(anchoredRule, day)),
              anchor: textOf(inStep(anchoredRule, day)),
              earlyDays,
            },
          },
    ),
    // Anchored on createdAt: only rules that take every part from DTSTART, so any createdAt date
    // is in step with its rule.
    fc
      .tuple(
        fc.constantFrom<OracleRule['freq']>('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.integer({ min: 0, max: 5 }),
      )
      .map(([freq, interval, count, earlyDays]) => ({
        cadence: { kind: 'anchored' as const, rule: count === undefined ? { freq, interval } : { freq, interval, count }, earlyDays },
      })),
    fc
      .record({
        per: fc.constantFrom('week' as const, 'month' as const, 'quarter' as const, 'year' as const),
        times: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ per, times }) => ({ cadence: { kind: 'quota' as const, per, times } })),
    fc
      .record({ at: subset(['P0D', 'P7D', 'P30D', 'P1M', 'P90D', 'P1Y']), earlyDays: fc.integer({ min: 0, max: 5 }) })
      .map(({ at, earlyDays }) => ({ cadence: { kind: 'milestones' as const, after: 'closedWon', at, earlyDays } })),
  );

const cycles = (now: number): fc.Arbitrary<Draft> =>
  fc
    .integer({ min: 1, max: 3 })
    .chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, index) =>
          fc.record({
            drawn: cadence(now, index),
            counts,
            graceDays: fc.integer({ min: 0, max: 4 }),
            soonDays: fc.integer({ min: 0, max: 4 }),
            shift: fc.constantFrom(undefined, 'following' as const, 'preceding' as const, 'modified-following' as const, 'none' as const),
            firstTouchWithin: fc.constantFrom(undefined, 'P0D', 'P3D', 'P1M'),
          }),
        ),
      ),
    )
    .map((drawn) => {
      const eventRules = new Map<string, OracleRule>();
      const list = drawn.map((entry, index): OracleCycle => {
        if (entry.drawn.event) eventRules.set(...entry.drawn.event);
        const cycle: OracleCycle = { id: `k${index}`, cadence: entry.drawn.cadence, graceDays: entry.graceDays, soonDays: entry.soonDays };
        if (entry.counts !== undefined) cycle.counts = entry.counts;
        if (entry.shift !== undefined) cycle.shift = entry.shift;
        if (entry.firstTouchWithin !== undefined) cycle.firstTouchWithin = entry.firstTouchWithin;
        return cycle;
      });
      return { cycles: list, eventRules };
    });

const calendar = (now: number): fc.Arbitrary<OracleCalendar> =>
  fc.record({
    workingDays: fc.oneof(
      { arbitrary: fc.constant<string[]>(['MO', 'TU', 'WE', 'TH', 'FR']), weight: 3 },
      { arbitrary: subset(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), weight: 2 },
    ),
    holidays: fc.array(dayNear(now, 120, 120).map(textOf), { maxLength: 25 }),
  });

function contact(now: number, id: string, draft: Draft, owners: readonly string[]) {
  // Event anchors in step with their rule, as dates (or absent: never touched and without
  // createdAt that is due today, otherwise an unknown-event error).
  const events: fc.Arbitrary<Record<string, string>>[] = [...draft.eventRules].map(([name, eventRule]) =>
    fc
      .tuple(fc.integer({ min: 0, max: 5 }), anchorDay(now))
      .map(([roll, day]): Record<string, string> => (roll === 0 ? {} : { [name]: textOf(inStep(eventRule, day)) })),
  );
  return fc
    .record(
      {
        ownerId: fc.constantFrom(...owners),
        timeZone: fc.constantFrom(...ZONES),
        calendar: fc.constantFrom('a', 'b'),
        createdAt: withOffset(instantNear(now, 500, 0)),
        closedWon: fc.oneof(
          dayNear(now, 400, 100).map(textOf),
          instantNear(now, 400, 100),
          // A milestone within days of today, where a shift across today would show.
          fc.tuple(fc.constantFrom(0, 7, 30, 90), dayNear(now, 3, 3)).map(([back, day]) => textOf(day - back)),
          fc.tuple(fc.constantFrom(0, 7, 30, 90), dayNear(now, 3, 3)).map(([back, day]) => textOf(day - back)),
        ),
        doNotContact: fc.constantFrom(true, false),
        pausedUntil: fc.oneof(dayNear(now, 30, 30).map(textOf), instantNear(now, 30, 30)),
      },
      { requiredKeys: [] },
    )
    .chain((fields) =>
      fc.tuple(fc.constant(fields), fc.tuple(...events), fc.integer({ min: 0, max: 9 })).map(([drawn, eventParts, dncRoll]) => {
        const record: OracleBook['contacts'][number] = { id };
        if (drawn.ownerId !== undefined) record.ownerId = drawn.ownerId;
        if (drawn.timeZone !== undefined) record.timeZone = drawn.timeZone;
        if (drawn.calendar !== undefined) record.calendar = drawn.calendar;
        if (drawn.createdAt !== undefined) record.createdAt = drawn.createdAt;
        // Do-not-contact and pauses are rare: most contacts should show the cadence itself.
        if (drawn.doNotContact !== undefined && dncRoll === 0) record.doNotContact = drawn.doNotContact;
        if (drawn.pausedUntil !== undefined && dncRoll < 3) record.pausedUntil = drawn.pausedUntil;
        const allEvents: Record<string, string> = Object.assign({}, ...eventParts);
        if (drawn.closedWon !== undefined) allEvents.closedWon = drawn.closedWon;
        if (Object.keys(allEvents).length > 0) record.events = allEvents;
        return record;
      }),
    );
}

const touch = (now: number, contactId: string) =>
  fc
    .record(
      {
        at: fc.oneof(
          { arbitrary: withOffset(instantNear(now, 400, 10)), weight: 6 },
          { arbitrary: fc.constant(new Date(now).toISOString()), weight: 1 },
        ),
        channel: fc.constantFrom('call', 'meeting', 'visit', 'email', 'message', 'other'),
        direction: fc.constantFrom('outbound', 'inbound'),
        outcome: fc.constantFrom('connected', 'voicemail', 'no-answer', 'bounced', 'left-message'),
        purpose: fc.constantFrom('sales', 'review', 'check-in'),
      },
      { requiredKeys: ['at', 'channel'] },
    )
    .map((fields) => ({ contactId, ...fields }));

/** A random book around a random `now`. */
export const oracleBook: fc.Arbitrary<OracleBook> = nowMs.chain((now) =>
  fc
    .record({
      draft: cycles(now),
      timeZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
      calendars: fc.record({ a: calendar(now), b: calendar(now) }),
      calendar: fc.constantFrom(undefined, 'a'),
      owners: fc.constantFrom(
        [] as OracleBook['owners'],
        [{ id: 'u0', timeZone: 'Asia/Tokyo', calendar: 'b' }],
        [{ id: 'u0' }, { id: 'u1', timeZone: 'America/St_Johns', calendar: 'a' }],
      ),
      size: fc.integer({ min: 1, max: 5 }),
    })
    .chain(({ draft, timeZone, calendars, calendar: policyCalendar, owners, size }) => {
      const ids = Array.from({ length: size }, (_, index) => `c${index}`);
      const ownerIds = owners.map((owner) => owner.id);
      return fc
        .record({
          contacts: fc.tuple(...ids.map((id) => contact(now, id, draft, ownerIds.length > 0 ? ownerIds : ['none']))),
          touches: fc
            .tuple(...ids.map((id) => fc.oneof(fc.constant([]), fc.array(touch(now, id), { maxLength: 6 }))))
            .map((lists) => lists.flat()),
          duplicates: fc.array(fc.nat(), { maxLength: 3 }),
          snoozes: fc.array(
            fc.record({
              contactId: fc.constantFrom(...ids),
              cycleId: fc.constantFrom(...draft.cycles.map((cycle) => cycle.id)),
              until: dayNear(now, 20, 40).map(textOf),
            }),
            { maxLength: 2 },
          ),
        })
        .map(({ contacts, touches, duplicates, snoozes }) => {
          for (const record of contacts) if (record.ownerId === 'none') delete record.ownerId;
          // The same touch synced twice; one snooze per (contact, cycle).
          const copies = touches.length === 0 ? [] : duplicates.map((n) => ({ ...touches[n % touches.length]! }));
          const seen = new Set<string>();
          const book: OracleBook = {
            calendars,
            cycles: draft.cycles,
            owners,
            contacts,
            touches: [...touches, ...copies],
            snoozes: snoozes.filter((snooze) => {
              const key = `${snooze.contactId} ${snooze.cycleId}`;
              return !seen.has(key) && seen.add(key) !== undefined;
            }),
            now: new Date(now).toISOString(),
          };
          if (timeZone !== undefined) book.timeZone = timeZone;
          if (policyCalendar !== undefined) book.calendar = policyCalendar;
          return book;
        });
    }),
);
