/**
 * evaluate on a million contacts: one rolling cycle each over ten real zones, business-day shift
 * with holidays, from plain objects with ISO strings to items. Compared in the same run with the
 * naive correct way (a luxon DateTime per contact) on a sample. Prints figures; never fails on time.
 */
import { DateTime } from 'luxon';
import { type Contact, evaluate, parsePolicy, type Touch } from '../src/index.js';
import { formatRate, peakMemory, runsAsScript, timed } from './util.js';

export const ZONES = [
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Africa/Johannesburg',
  'Pacific/Auckland',
];
export const HOLIDAYS = ['2026-11-26', '2026-12-24', '2026-12-25', '2026-12-28', '2027-01-01', '2026-10-12', '2026-11-11'];
export const NOW = '2026-11-23T08:00:00Z';

export const policy = parsePolicy({
  version: 1,
  calendars: { main: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: HOLIDAYS } },
  calendar: 'main',
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2, soonDays: 3, shift: 'following' }] }],
  defaultTier: 'A',
});

/**
 * A book as a CRM would hand it over, say from `JSON.parse`: every record and every string its
 * own object, laid out in memory in input order. `touchOrder` maps input position to contact:
 * `'grouped'` lists each contact's touch in the contacts' order (an export per contact),
 * `'scattered'` in an order unrelated to the contacts' (an export by date or by touch id).
 */
export function book(size: number, touchOrder: 'grouped' | 'scattered' = 'grouped'): { contacts: Contact[]; touches: Touch[] } {
  const contacts: Contact[] = new Array(size);
  const touches: Touch[] = new Array(size);
  const base = Date.parse('2026-09-01T00:00:00Z');
  for (let index = 0; index < size; index++) {
    contacts[index] = { id: `c${index}`, timeZone: ZONES[index % ZONES.length]!, createdAt: '2025-01-15T10:00:00Z' };
  }
  for (let position = 0; position < size; position++) {
    const index = touchOrder === 'grouped' ? position : (position * 7_919) % size;
    // Spread touches over 80 days and all hours, so every zone meets day boundaries and DST.
    const at = new Date(base + ((index * 7_919_993) % (80 * 86_400_000))).toISOString();
    touches[position] = { contactId: `c${index}`, at, channel: 'call', direction: 'outbound', outcome: 'connected' };
  }
  return { contacts, touches };
}

/** The naive way: luxon per contact, correct but slow. */
export function naive(contacts: Contact[], touches: Touch[]): number {
  const holidays = new Set(HOLIDAYS);
  const last = new Map<string, string>();
  for (const touch of touches) {
    const contactId = String(touch.contactId);
    const previous = last.get(contactId);
    if (previous === undefined || Date.parse(String(touch.at)) > Date.parse(previous)) last.set(contactId, String(touch.at));
  }
  let overdue = 0;
  for (const contact of contacts) {
    const zone = contact.timeZone!;
    const today = DateTime.fromISO(NOW, { zone }).startOf('day');
    let due = DateTime.fromISO(last.get(String(contact.id))!, { zone })
      .startOf('day')
      .plus({ days: 14 });
    while (due.weekday > 5 || holidays.has(due.toISODate()!)) due = due.plus({ days: 1 });
    if (today > due.plus({ days: 2 })) overdue++;
  }
  return overdue;
}

export async function runEvaluateBench(size = 1_000_000): Promise<void> {
  const { contacts, touches } = book(size);
  console.log(`\nevaluate: ${size.toLocaleString('en')} contacts × 1 rolling cycle, 10 zones, shift with holidays`);
  evaluate({ policy, ...book(20_000), now: NOW }); // warm up the JIT and the zone caches
  const memory = peakMemory();
  const { result, seconds } = timed(() => evaluate({ policy, contacts, touches, now: NOW }));
  const peak = memory.stop();
  const rate = size / seconds;
  console.log(
    `  engine: ${seconds.toFixed(3)} s, ${formatRate(rate)} contact-cycles/s (target ≥ 1,000,000/s for the object result), ${(seconds / (size / 1e6)).toFixed(3)} s per million`,
  );
  console.log(`  items ${result.items.length.toLocaleString('en')}, errors ${result.errors.length}, peak RSS ${peak}`);
  const kept = await keptBytes(() => evaluate({ policy, contacts, touches, now: NOW }).items);
  console.log(
    `  kept alive by the items (after a full collection, book not counted): ${(kept.bytes / size).toFixed(0)} bytes per item; ${kept.reasons.toLocaleString('en')} distinct reason objects for ${kept.items.toLocaleString('en')} items (equal reasons are one frozen object)`,
  );

  // The same book with its touches in an order unrelated to the contacts': each one is looked up by id.
  const scattered = book(size, 'scattered').touches;
  const scatteredRun = timed(() => evaluate({ policy, contacts, touches: scattered, now: NOW }));
  console.log(
    `  touches in scattered order: ${scatteredRun.seconds.toFixed(3)} s, ${formatRate(size / scatteredRun.seconds)} contact-cycles/s`,
  );

  const sample = 20_000;
  const naiveRun = timed(() => naive(contacts.slice(0, sample), touches.slice(0, sample)));
  const naiveRate = sample / naiveRun.seconds;
  const engineOverdue = result.items.slice(0, sample).filter((item) => item.status === 'overdue').length;
  console.log(
    `  naive luxon per contact (sample ${sample.toLocaleString('en')}): ${formatRate(naiveRate)} contact-cycles/s; agrees on overdue count: ${naiveRun.result === engineOverdue}`,
  );
  console.log(`  ratio engine / naive: ${(rate / naiveRate).toFixed(0)}× (target ≥ 100×)`);
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Heap bytes a result keeps alive, after full collections (`--expose-gc`, as the bench runs), and its distinct reasons. */
async function keptBytes(make: () => readonly { reason: object }[]): Promise<{ bytes: number; items: number; reasons: number }> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const items = make();
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { bytes, items: items.length, reasons: new Set(items.map((item) => item.reason)).size };
}

export const anchoredPolicy = parsePolicy({
  version: 1,
  calendars: { main: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: HOLIDAYS } },
  calendar: 'main',
  tiers: [
    { id: 'monthly', cycles: [{ id: 'check-in', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01', earlyDays: 3 } }] },
    { id: 'quarterly', cycles: [{ id: 'review', cadence: { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', anchor: '2025-01-01' } }] },
  ],
  defaultTier: 'monthly',
});

/**
 * The naive way for anchored rules: a luxon DateTime per contact in its zone, stepped a day at a
 * time from the last touch until a date matches the rule (first Tuesday; last day of every third
 * month from January).
 */
export function naiveAnchored(contacts: Contact[], touches: Touch[]): number {
  let dueCount = 0;
  const now = Date.parse(NOW);
  for (const [index, contact] of contacts.entries()) {
    const zone = contact.timeZone!;
    const quarterly = contact.tier === 'quarterly';
    const last = DateTime.fromISO(String(touches[index]!.at), { zone }).startOf('day');
    let day = last.plus({ days: quarterly ? 1 : 4 });
    const matches = (date: DateTime) =>
      quarterly ? (date.month - 1) % 3 === 0 && date.day === date.daysInMonth : date.weekday === 2 && date.day <= 7;
    while (!matches(day)) day = day.plus({ days: 1 });
    if (day.toMillis() <= now) dueCount++;
  }
  return dueCount;
}

export async function runAnchoredBench(size = 1_000_000): Promise<void> {
  const { contacts, touches } = book(size);
  for (const [index, contact] of contacts.entries()) contact.tier = index % 2 === 0 ? 'monthly' : 'quarterly';
  console.log(`\nevaluate: ${size.toLocaleString('en')} contacts on anchored monthly / quarterly RRULEs, 10 zones`);
  evaluate({ policy: anchoredPolicy, contacts: contacts.slice(0, 20_000), touches: touches.slice(0, 20_000), now: NOW });
  const { result, seconds } = timed(() => evaluate({ policy: anchoredPolicy, contacts, touches, now: NOW }));
  const rate = size / seconds;
  console.log(
    `  engine: ${seconds.toFixed(3)} s, ${formatRate(rate)} contact-cycles/s (target ≥ 1,000,000/s); items ${result.items.length.toLocaleString('en')}, errors ${result.errors.length}, peak RSS ${peakMemory().stop()}`,
  );
  const sample = 5_000;
  const naiveRun = timed(() => naiveAnchored(contacts.slice(0, sample), touches.slice(0, sample)));
  const naiveRate = sample / naiveRun.seconds;
  console.log(`  naive luxon day by day per contact (sample ${sample.toLocaleString('en')}): ${formatRate(naiveRate)} contact-cycles/s`);
  console.log(`  ratio engine / naive: ${(rate / naiveRate).toFixed(0)}×`);
}

// Run directly only (not when a bundle of another bench inlines this file).
if (runsAsScript('evaluate.ts')) {
  const size = Number(process.argv[2] ?? 1_000_000);
  await runEvaluateBench(size);
  await runAnchoredBench(size);
}
