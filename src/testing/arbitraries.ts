/**
 * fast-check arbitraries for zones, policies, books and touch histories, and the invariants a
 * team can run on its own policy.
 *
 * fast-check is an optional peer: this module never imports it at run time. You pass your own
 * `fc` in (`arbitraries(fc)`, `invariants(fc, policy)`), so the testing entry loads without
 * fast-check, from ESM and CommonJS alike, and the arbitraries are built with the very fast-check
 * your test runs (no second copy whose arbitraries the first cannot use).
 */
// fast-check is an optional peer: the build marks these imports in the published declarations so
// that without fast-check installed the names are `any` to the compiler (a team that only uses
// the book builder, the matchers or scenarios compiles with skipLibCheck off), and with it they
// are fast-check's own types (scripts/optional-peer-types.mjs).
import type * as FastCheckModule from 'fast-check';
import type { Arbitrary, IPropertyWithHooks, Parameters as FastCheckParameters } from 'fast-check';
import type { BookData } from './book.js';
import type { PolicyInput } from './policies.js';
import { evaluate } from '../core/evaluate.js';
import type { Contact, DueItem, Owner, Touch } from '../core/types.js';
import { plan } from '../plan/plan.js';
import { parsePolicy, type Cadence, type Policy } from '../schema/policy.js';

/** The parts of fast-check the kit uses; pass `fc` (default or namespace import). */
export type FastCheck = Pick<
  typeof FastCheckModule,
  | 'array'
  | 'boolean'
  | 'constant'
  | 'constantFrom'
  | 'integer'
  | 'oneof'
  | 'option'
  | 'record'
  | 'tuple'
  | 'property'
  | 'assert'
  | 'shuffledSubarray'
  | 'subarray'
>;

/**
 * Zones where local-date bugs hide: half-hour and 45-minute offsets, a half-hour DST shift, a
 * zone that skipped a whole day, offsets past ±12 hours. Drawn three times as often as the rest.
 *
 * @example
 * ODD_ZONES.includes('Pacific/Chatham'); // true: UTC+12:45, +13:45 in summer
 */
export const ODD_ZONES = [
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'Asia/Kolkata',
  'Pacific/Marquesas',
] as const;

/**
 * Ordinary zones, for contrast (and UTC).
 *
 * @example
 * COMMON_ZONES[0]; // 'UTC'
 */
export const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

/** The span arbitraries draw dates from, as `YYYY-MM-DD` dates. */
export interface DateSpan {
  from?: string;
  to?: string;
}

/** What `book` draws. */
export interface BookArbitraryOptions extends DateSpan {
  /** Contacts per book (default 1 to 8). */
  minContacts?: number;
  maxContacts?: number;
  /** Owners per book (default 1 to 3); each contact belongs to one. */
  maxOwners?: number;
  /** Touches per contact (default 0 to 6). */
  maxTouches?: number;
  /** Daily capacity of each owner (default 1 to 5). */
  maxCapacity?: number;
}

/** The arbitraries, built on your `fc`. */
export interface CallingCycleArbitraries {
  /** An IANA zone, weighted toward odd ones (Lord_Howe, Kathmandu, Apia, Chatham …). */
  zone(): Arbitrary<string>;
  /** A `YYYY-MM-DD` date in the span. */
  date(span?: DateSpan): Arbitrary<string>;
  /** A UTC ISO instant in the span (any time of day, DST transitions included). */
  instant(span?: DateSpan): Arbitrary<string>;
  /** A cadence of any kind: rolling, anchored, quota, milestones. */
  cadence(): Arbitrary<Cadence>;
  /** A valid policy of one or two tiers with one or two cycles each. */
  policy(): Arbitrary<Policy>;
  /** A contact's touches: varied channels, outcomes and purposes, unordered, duplicates possible. */
  touchHistory(contactId: string, span?: DateSpan & { maxTouches?: number }): Arbitrary<Touch[]>;
  /** Contacts (tiers, zones, owners, events a policy's cadences read), owners and touches for a policy. */
  book(policy: Policy, options?: BookArbitraryOptions): Arbitrary<BookData>;
}

const DEFAULT_FROM = '2025-01-01';
const DEFAULT_TO = '2027-12-31';
const MS_PER_DAY = 86_400_000;

function epochDay(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return ms / MS_PER_DAY;
}

function dateText(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Events the policy's cadences read from contacts (`closedWon`, an anchor such as `contractStart`). */
function eventsRead(policy: Policy): string[] {
  const names = new Set<string>();
  for (const tier of policy.tiers) {
    for (const cycle of tier.cycles) {
      const cadence = cycle.cadence;
      if ('after' in cadence) names.add(cadence.after);
      if ('rrule' in cadence && cadence.anchor !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(cadence.anchor)) names.add(cadence.anchor);
    }
  }
  return [...names].sort();
}

/**
 * The arbitraries, built with your fast-check.
 *
 * @example
 * import fc from 'fast-check';
 * import { arbitraries } from 'calling-cycle/testing';
 * const arb = arbitraries(fc);
 * fc.assert(fc.property(arb.policy(), arb.zone(), (policy, zone) => evaluate({ policy, contacts: [{ id: 'x', timeZone: zone }], touches: [], now: '2026-01-19T12:00:00Z' }).items.length > 0));
 */
export function arbitraries(fc: FastCheck): CallingCycleArbitraries {
  const zone = (): Arbitrary<string> =>
    fc.oneof({ arbitrary: fc.constantFrom(...ODD_ZONES), weight: 3 }, { arbitrary: fc.constantFrom(...COMMON_ZONES), weight: 1 });
  const dayIn = (span: DateSpan = {}): Arbitrary<number> =>
    fc.integer({ min: epochDay(span.from ?? DEFAULT_FROM), max: epochDay(span.to ?? DEFAULT_TO) });
  const date = (span?: DateSpan): Arbitrary<string> => dayIn(span).map(dateText);
  const instant = (span?: DateSpan): Arbitrary<string> =>
    fc
      .tuple(dayIn(span), fc.integer({ min: 0, max: MS_PER_DAY / 60_000 - 1 }))
      .map(([day, minute]) => new Date(day * MS_PER_DAY + minute * 60_000).toISOString());

  const rolling = fc.oneof(
    fc.integer({ min: 1, max: 60 }).map((days) => `P${days}D`),
    fc.integer({ min: 1, max: 8 }).map((weeks) => `P${weeks}W`),
    fc.integer({ min: 1, max: 12 }).map((months) => `P${months}M`),
    fc.constant('P1Y'),
  );
  const cadence = (): Arbitrary<Cadence> =>
    fc.oneof(
      rolling.map((every): Cadence => ({ every })),
      fc
        .record({
          rrule: fc.constantFrom(
            'FREQ=WEEKLY;BYDAY=MO',
            'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
            'FREQ=MONTHLY;BYDAY=1TU',
            'FREQ=MONTHLY;BYMONTHDAY=31',
            'FREQ=MONTHLY;BYMONTHDAY=-1',
            'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
            'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
          ),
          anchor: fc.oneof(date({ from: '2024-01-01', to: '2026-12-31' }), fc.constant('contractStart')),
          earlyDays: fc.integer({ min: 0, max: 5 }),
        })
        .map((anchored): Cadence => anchored),
      fc
        .record({ per: fc.constantFrom('week', 'month', 'quarter', 'year'), times: fc.integer({ min: 1, max: 3 }) })
        .map((quota): Cadence => quota as Cadence),
      fc.subarray(['P7D', 'P30D', 'P90D', 'P1Y'], { minLength: 1 }).map((at): Cadence => ({ after: 'closedWon', at })),
    );

  const cycle = (id: string) =>
    fc.record({
      id: fc.constant(id),
      cadence: cadence(),
      graceDays: fc.integer({ min: 0, max: 5 }),
      soonDays: fc.integer({ min: 0, max: 5 }),
      shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
      counts: fc.option(
        fc.oneof(fc.constant({ purposes: ['review'] }), fc.constant({ channels: ['call', 'meeting'] as ('call' | 'meeting')[] })),
        { nil: undefined },
      ),
    });
  const tier = (id: string) =>
    fc.record({
      id: fc.constant(id),
      weight: fc.integer({ min: 1, max: 5 }),
      cycles: fc
        .integer({ min: 1, max: 2 })
        .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => cycle(['check-in', 'review'][index]!)))),
    });
  const policy = (): Arbitrary<Policy> =>
    fc
      .record({
        tiers: fc
          .integer({ min: 1, max: 2 })
          .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => tier(['A', 'B'][index]!)))),
        timeZone: fc.option(zone(), { nil: undefined }),
        holidays: fc.array(date({ from: '2025-01-01', to: '2027-12-31' }), { maxLength: 4 }),
        saturday: fc.boolean(),
      })
      .map(({ tiers, timeZone, holidays, saturday }) =>
        parsePolicy({
          version: 1,
          ...(timeZone !== undefined ? { timeZone } : {}),
          calendars: { work: { workingDays: saturday ? ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'] : ['MO', 'TU', 'WE', 'TH', 'FR'], holidays } },
          calendar: 'work',
          tiers: tiers.map((entry) => ({
            ...entry,
            cycles: entry.cycles.map(({ counts, ...rest }) => (counts ? { ...rest, counts } : rest)),
          })),
          defaultTier: tiers[0]!.id,
        }),
      );

  const touchHistory = (contactId: string, span: DateSpan & { maxTouches?: number } = {}): Arbitrary<Touch[]> =>
    fc.array(
      fc
        .record({
          at: instant(span),
          channel: fc.constantFrom('call', 'call', 'meeting', 'email', 'visit', 'message', 'other'),
          direction: fc.constantFrom('outbound', 'inbound'),
          outcome: fc.constantFrom('connected', 'connected', 'voicemail', 'no-answer', 'bounced'),
          purpose: fc.constantFrom('check-in', 'review', 'sales', 'service'),
        })
        .map((fields): Touch => ({ contactId, ...fields }) as Touch),
      { maxLength: span.maxTouches ?? 6 },
    );

  const book = (policyValue: Policy, options: BookArbitraryOptions = {}): Arbitrary<BookData> => {
    const span = { from: options.from ?? DEFAULT_FROM, to: options.to ?? DEFAULT_TO };
    const tierIds = policyValue.tiers.map((entry) => entry.id);
    const events = eventsRead(policyValue);
    const owner = (id: string) =>
      fc
        .record({ timeZone: fc.option(zone(), { nil: undefined }), dailyCapacity: fc.integer({ min: 1, max: options.maxCapacity ?? 5 }) })
        .map(({ timeZone, dailyCapacity }): Owner => (timeZone === undefined ? { id, dailyCapacity } : { id, timeZone, dailyCapacity }));
    const contact = (id: string, ownerCount: number) =>
      fc
        .record({
          ownerIndex: fc.integer({ min: 0, max: ownerCount - 1 }),
          timeZone: fc.option(zone(), { nil: undefined }),
          tier:
            policyValue.defaultTier === undefined
              ? fc.constantFrom(...tierIds)
              : fc.option(fc.constantFrom(...tierIds), { nil: undefined }),
          createdAt: fc.option(instant({ from: span.from, to: span.to }), { nil: undefined }),
          eventDates: fc.tuple(...events.map(() => date(span))),
          doNotContact: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
          touches: touchHistory(id, { ...span, maxTouches: options.maxTouches ?? 6 }),
        })
        .map((drawn): { contact: Contact; touches: Touch[] } => {
          const record: Contact = { id, ownerId: `u${drawn.ownerIndex + 1}` };
          if (drawn.timeZone !== undefined) record.timeZone = drawn.timeZone;
          if (drawn.tier !== undefined) record.tier = drawn.tier;
          if (drawn.createdAt !== undefined) record.createdAt = drawn.createdAt;
          if (events.length > 0) record.events = Object.fromEntries(events.map((name, index) => [name, drawn.eventDates[index]!]));
          if (drawn.doNotContact) record.doNotContact = true;
          return { contact: record, touches: drawn.touches };
        });
    return fc
      .tuple(
        fc.integer({ min: 1, max: options.maxOwners ?? 3 }),
        fc.integer({ min: options.minContacts ?? 1, max: options.maxContacts ?? 8 }),
      )
      .chain(([ownerCount, contactCount]) =>
        fc.tuple(
          fc.tuple(...Array.from({ length: ownerCount }, (_, index) => owner(`u${index + 1}`))),
          fc.tuple(...Array.from({ length: contactCount }, (_, index) => contact(`c${index + 1}`, ownerCount))),
        ),
      )
      .map(([owners, drawn]) => ({
        contacts: drawn.map((entry) => entry.contact),
        touches: drawn.flatMap((entry) => entry.touches),
        owners,
        snoozes: [],
      }));
  };

  return { zone, date, instant, cadence, policy, touchHistory, book };
}

/** Options of the ready-made invariants. */
export interface InvariantOptions extends BookArbitraryOptions {
  /** Process zones the `TZ` invariant runs under (default: odd ones and UTC). */
  processZones?: readonly string[];
}

/**
 * A touch drawn for `touchNeverMovesDueEarlier`: `minutesAfter` the contact's latest touch or
 * creation (or before `now` when it has neither), never after `now`.
 */
export interface LaterTouch {
  minutesAfter: number;
  channel: 'call' | 'meeting' | 'email';
  outcome: 'connected' | 'voicemail';
  purpose: 'check-in' | 'review' | 'sales';
}

/** The ready-made invariants of a policy, as fast-check properties. */
export interface PolicyInvariants {
  /**
   * A later touch (qualifying or not; after the contact's other touches and creation, not after
   * `now`) never moves a (contact, cycle)'s due date earlier. Items "due today" only because the
   * contact has no history and no creation date are left out: they have no cadence date yet.
   */
  touchNeverMovesDueEarlier: IPropertyWithHooks<[BookData, string, number, LaterTouch]>;
  /** Shuffling contacts, touches and owners changes no item and no error but their positions. */
  inputOrderDoesNotMatter: IPropertyWithHooks<[BookData, string, number]>;
  /** Items and plans are the same whatever the process `TZ` is. */
  processTimeZoneDoesNotMatter: IPropertyWithHooks<[BookData, string]>;
  /** No owner's day holds more calls than their daily capacity. */
  planNeverExceedsCapacity: IPropertyWithHooks<[BookData, string, number, number]>;
}

/** Items in a stable order, for comparison. */
function sortedItems(items: readonly DueItem[]): string[] {
  return items.map((item) => JSON.stringify(item)).sort();
}

function keyOf(item: DueItem): string {
  return `${item.contactId}\u0000${item.cycleId}\u0000${item.tierId}`;
}

/** A deterministic shuffle by a seed (fast-check shrinks the seed, not a permutation). */
function shuffle<T>(values: readonly T[], seed: number): T[] {
  const copy = [...values];
  let state = seed >>> 0 || 1;
  for (let index = copy.length - 1; index > 0; index--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const other = (state >>> 0) % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * The invariants every policy should keep, as fast-check properties over random books of it.
 * Run one with `fc.assert`, or all with `checkInvariants`.
 *
 * What the `TZ` invariant checks: `evaluate` and `plan` run with `process.env.TZ` set to each of
 * `processZones` in turn (Node applies a new `TZ` to `Date` and `Intl` at once) and must give the
 * same items and plan; the variable is restored afterwards. Where there is no `process`, it
 * compares one run with itself.
 *
 * @example
 * import fc from 'fast-check';
 * const { touchNeverMovesDueEarlier } = invariants(fc, teamPolicy);
 * fc.assert(touchNeverMovesDueEarlier, { numRuns: 200 });
 */
export function invariants(fc: FastCheck, policyInput: PolicyInput, options: InvariantOptions = {}): PolicyInvariants {
  const policy = parsePolicy(policyInput);
  const arb = arbitraries(fc);
  const books = arb.book(policy, options);
  const now = arb.instant({ from: options.from ?? '2025-06-01', to: options.to ?? DEFAULT_TO });
  const processZones = options.processZones ?? ['UTC', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati'];

  const laterTouch = fc.record({
    // Mostly within a cycle of the last activity, where due dates move; sometimes long after.
    minutesAfter: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 60 * 24 * 60 }), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 60 * 24 * 800 }), weight: 1 },
    ),
    channel: fc.constantFrom('call', 'meeting', 'email'),
    outcome: fc.constantFrom('connected', 'voicemail'),
    purpose: fc.constantFrom('check-in', 'review', 'sales'),
  });

  const touchNeverMovesDueEarlier = fc.property(
    books,
    now,
    fc.integer({ min: 0, max: 1_000 }),
    laterTouch,
    (data, nowText, contactPick, { minutesAfter, ...fields }) => {
      const contact = data.contacts[contactPick % data.contacts.length]!;
      const contactId = String(contact.id);
      const nowMs = Date.parse(nowText);
      // "Later": after every touch of the contact and its creation, and not after `now`.
      const latest = Math.max(
        ...data.touches.filter((touch) => String(touch.contactId) === contactId).map((touch) => Date.parse(String(touch.at))),
        contact.createdAt !== undefined ? Date.parse(String(contact.createdAt)) : Number.NEGATIVE_INFINITY,
      );
      const at = latest === Number.NEGATIVE_INFINITY ? nowMs - minutesAfter * 60_000 : Math.min(nowMs, latest + minutesAfter * 60_000);
      if (at < latest) return true; // the contact's history runs past `now`: no later touch fits
      const touch: Touch = { ...fields, direction: 'outbound', contactId, at: new Date(at).toISOString() };
      const records = { policy, contacts: data.contacts, owners: data.owners, snoozes: data.snoozes, now: nowText };
      const before = evaluate({ ...records, touches: data.touches }).items.filter((item) => item.contactId === contactId);
      const after = new Map(evaluate({ ...records, touches: [...data.touches, touch] }).items.map((item) => [keyOf(item), item]));
      for (const item of before) {
        const next = after.get(keyOf(item));
        // A contact with no qualifying touch and no creation date has no cadence date yet (it is
        // due for want of any history): its first touch may well set an earlier one.
        if (!next || (item.reason.lastTouchOn === null && contact.createdAt === undefined)) continue;
        if (item.dueOn === null) {
          if (next.dueOn !== null)
            throw new Error(`${keyOf(item)}: had no due date (${item.status}), has ${next.dueOn} after the touch at ${touch.at}`);
        } else if (next.dueOn !== null && next.dueOn < item.dueOn) {
          throw new Error(`${item.contactId} / ${item.cycleId}: due ${item.dueOn} before the touch at ${touch.at}, ${next.dueOn} after it`);
        }
      }
      return true;
    },
  );

  const inputOrderDoesNotMatter = fc.property(books, now, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (data, nowText, seed) => {
    const base = { policy, snoozes: data.snoozes, now: nowText };
    const ordered = evaluate({ ...base, contacts: data.contacts, touches: data.touches, owners: data.owners });
    const shuffled = evaluate({
      ...base,
      contacts: shuffle(data.contacts, seed),
      touches: shuffle(data.touches, seed + 1),
      owners: shuffle(data.owners, seed + 2),
    });
    const a = sortedItems(ordered.items);
    const b = sortedItems(shuffled.items);
    if (a.length !== b.length || a.some((item, index) => item !== b[index])) throw new Error('items differ when the input is shuffled');
    const errorKey = (error: (typeof ordered.errors)[number]) =>
      `${error.record} ${error.code} ${error.contactId ?? ''} ${error.path.join('.')} ${error.message}`;
    const errorsA = ordered.errors.map(errorKey).sort();
    const errorsB = shuffled.errors.map(errorKey).sort();
    if (errorsA.join('\n') !== errorsB.join('\n'))
      throw new Error(`errors differ when the input is shuffled:\n${errorsA.join('\n')}\nvs\n${errorsB.join('\n')}`);
    return true;
  });

  const processTimeZoneDoesNotMatter = fc.property(books, now, (data, nowText) => {
    const run = (): string => {
      const { items } = evaluate({ policy, ...data, now: nowText });
      const planned = plan({ policy, items, owners: data.owners, from: nowText.slice(0, 10), days: 7 });
      return JSON.stringify({ items, planned });
    };
    const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
    if (!env) {
      const first = run();
      return run() === first;
    }
    const original = env.TZ;
    try {
      const outputs = processZones.map((zoneName) => {
        env.TZ = zoneName;
        return run();
      });
      const differs = outputs.findIndex((output) => output !== outputs[0]);
      if (differs !== -1)
        throw new Error(`evaluate or plan gave another result with TZ=${processZones[differs]} than with TZ=${processZones[0]}`);
    } finally {
      if (original === undefined) delete env.TZ;
      else env.TZ = original;
    }
    return true;
  });

  const planNeverExceedsCapacity = fc.property(
    books,
    now,
    fc.integer({ min: 1, max: 21 }),
    fc.integer({ min: 0, max: 7 }),
    (data, nowText, days, flexDays) => {
      const { items } = evaluate({ policy, ...data, now: nowText });
      const result = plan({ policy, items, owners: data.owners, from: nowText.slice(0, 10), days, flexDays });
      const capacity = new Map(data.owners.map((owner) => [String(owner.id), owner.dailyCapacity ?? 0]));
      for (const owner of result.owners) {
        for (const day of owner.days) {
          const calls = new Set(day.touches.map((touch) => touch.contactId)).size;
          const limit = capacity.get(owner.ownerId) ?? 0;
          if (calls > limit) throw new Error(`${owner.ownerId} has ${calls} calls on ${day.date}, capacity ${limit}`);
        }
      }
      return true;
    },
  );

  return { touchNeverMovesDueEarlier, inputOrderDoesNotMatter, processTimeZoneDoesNotMatter, planNeverExceedsCapacity };
}

/**
 * Runs every invariant of `invariants(fc, policy)` with `fc.assert`; the first that fails throws
 * fast-check's report (with the counterexample), prefixed by the invariant's name.
 *
 * @example
 * import fc from 'fast-check';
 * test('our policy keeps the invariants', () => checkInvariants(fc, teamPolicy, { numRuns: 100 }));
 */
export function checkInvariants(
  fc: FastCheck,
  policy: PolicyInput,
  parameters: FastCheckParameters<unknown> & InvariantOptions = {},
): void {
  const { processZones, from, to, minContacts, maxContacts, maxOwners, maxTouches, maxCapacity, ...runParameters } = parameters;
  const all = invariants(fc, policy, { processZones, from, to, minContacts, maxContacts, maxOwners, maxTouches, maxCapacity });
  for (const [name, property] of Object.entries(all) as [string, IPropertyWithHooks<unknown[]>][]) {
    try {
      fc.assert(property, runParameters as FastCheckParameters<unknown[]>);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`invariant ${name} failed for this policy:\n${message}`);
    }
  }
}
