/**
 * Random near-valid policies: every field drawn from mostly good values and now and then a bad
 * one, so a policy with many fields is still valid often enough. Shared by the tests that hold two
 * descriptions of the policy to the same verdicts.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Mostly valid values, now and then a bad one: a policy with many fields stays valid often enough. */
const mostly = <T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 40 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });

const durations = mostly(['P14D', 'P1M', 'P3M', 'P1Y', 'P2W', 'P1Y6M'], ['14D', 'P', 'PT36H', 'P1.5D', 'p14d', '', 'P11Y', 'P4000D']);
const dates = mostly(['2026-12-25', '2024-02-29', '2027-01-01'], ['2026-02-30', '2023-02-29', '2026-13-01', '26-12-25']);
// Zones and rules JSON Schema cannot check are drawn bad too: their issues are the ones set aside.
const zones = mostly(['Europe/London', 'UTC', 'Asia/Tokyo'], ['Mars/Olympus', 'europe/nowhere']);
const rrules = mostly(
  ['FREQ=MONTHLY;BYDAY=1TU', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=YEARLY'],
  ['FREQ=HOURLY', 'BYDAY=MO', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2'],
);
const tierIds = ['A', 'B', 'prospect'];
const ids = mostly(tierIds, ['', 'uk', 'x']);
const calendarIds = mostly(['uk', 'us'], ['', 'A']);
const smallInts = mostly([0, 1, 3, 7, 30], [-1, 1.5]);

const cadence: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ every: durations }),
  fc.record(
    { rrule: rrules, anchor: mostly(['2026-01-01', 'contractStart'], ['2026-02-30', '1st']), earlyDays: smallInts },
    { requiredKeys: ['rrule'] },
  ),
  fc.record({ per: mostly(['week', 'month', 'quarter', 'year'], ['fortnight']), times: mostly([1, 2], [0, 1.5]) }),
  fc.record({ after: ids, at: fc.array(durations, { maxLength: 3 }), earlyDays: smallInts }, { requiredKeys: ['after', 'at'] }),
);

const cycle: fc.Arbitrary<Json> = fc.record(
  {
    id: ids,
    cadence,
    counts: fc.record(
      {
        channels: fc.array(mostly(['call', 'meeting', 'email'], ['fax']), { minLength: 1, maxLength: 2 }),
        directions: fc.array(mostly(['outbound', 'inbound'], ['sideways']), { minLength: 1, maxLength: 2 }),
        purposes: fc.array(mostly(['review', 'sales'], ['']), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    graceDays: smallInts,
    soonDays: smallInts,
    shift: mostly(['following', 'preceding', 'modified-following', 'none'], ['nearest']),
    escalate: fc.array(fc.record({ afterDays: mostly([7, 21], [0, -3]), to: mostly(['owner', 'manager'], ['']) }), { maxLength: 2 }),
    firstTouchWithin: durations,
    flexDays: smallInts,
  },
  { requiredKeys: ['id', 'cadence'] },
);

const tier: fc.Arbitrary<Json> = fc.record(
  { id: ids, weight: mostly([1, 2, 0.5], [0, -1]), cycles: fc.array(cycle, { minLength: 1, maxLength: 2 }) },
  { requiredKeys: ['id', 'cycles'] },
);

const assignRule: fc.Arbitrary<Json> = fc.record(
  {
    tier: ids,
    when: fc.oneof(
      fc.record(
        { attribute: mostly(['lifecycle'], ['']), eq: fc.constantFrom('prospect', 3, true), gte: fc.constantFrom(0, 1000) },
        { requiredKeys: ['attribute'] },
      ),
      fc.record({ lapsed: durations }),
    ),
    top: fc.record(
      { by: mostly(['annualRevenue'], ['']), n: mostly([1, 10], [0, 2.5]), per: mostly(['owner', 'overall'], ['team']) },
      { requiredKeys: ['by', 'n'] },
    ),
  },
  { requiredKeys: ['tier'] },
);

export const nearValidPolicy: fc.Arbitrary<Json> = fc.record(
  {
    version: mostly([1], [2]),
    timeZone: zones,
    calendars: fc.dictionary(
      calendarIds,
      fc.record(
        {
          workingDays: fc.array(mostly(['MO', 'TU', 'SA'], ['XX']), { minLength: 1, maxLength: 3 }),
          holidays: fc.array(dates, { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 2 },
    ),
    calendar: calendarIds,
    tiers: fc.uniqueArray(tier, { minLength: 1, maxLength: 3, selector: (t) => (t as { id: Json }).id }),
    assign: fc.array(assignRule, { maxLength: 2 }),
    defaultTier: ids,
    balance: fc.record({ recentTouches: smallInts, oneWayAfter: smallInts }, { requiredKeys: [] }),
    shares: fc.array(fc.record({ tiers: fc.array(ids, { minLength: 1, maxLength: 2 }), share: mostly([0, 0.3, 0.5], [1.5, -0.1]) }), {
      maxLength: 2,
    }),
  },
  { requiredKeys: ['version', 'tiers'] },
);

type Path = (string | number)[];

/** Every place in a document, the root included. */
function pathsOf(value: Json, path: Path = []): Path[] {
  const here: Path[] = [path];
  if (value === null || typeof value !== 'object') return here;
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
  for (const [key, child] of entries) here.push(...pathsOf(child, [...path, key]));
  return here;
}

/** A copy of `document` with the value at `path` replaced (or, with `undefined`, removed). */
function withValueAt(document: Json, path: Path, replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(document)) {
    const copy = [...document];
    const next = withValueAt(copy[head as number]!, rest, replacement);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(document as Record<string, Json>) };
  const next = withValueAt(copy[head as string]!, rest, replacement);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** Odd JSON values to swap in (`undefined` removes the place). */
export const oddJson = fc.constantFrom<Json | undefined>(undefined, null, -1, 0, 1.5, 2, '', 'x', 'P14D', true, [], {}, { extra: 1 });

/** A near-valid policy: a random one, with up to two places swapped for odd values or removed. */
export const nearPolicyFrom = <T>(oddValues: fc.Arbitrary<T | undefined>): fc.Arbitrary<Json | T> =>
  fc
    .tuple(
      nearValidPolicy,
      fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.nat(), oddValues), { minLength: 1, maxLength: 2 })),
      fc.nat(9).map((n) => n === 0),
    )
    .map(([document, edits, addUnknownKey]) => {
      let current: Json | T | undefined = document;
      for (const [pick, value] of edits) {
        if (current === undefined) break;
        const paths = pathsOf(current as Json);
        current = withValueAt(current as Json, paths[pick % paths.length]!, value as Json | undefined);
      }
      if (addUnknownKey && current !== null && typeof current === 'object' && !Array.isArray(current))
        current = { ...current, colour: 'red' };
      return current ?? null;
    });
