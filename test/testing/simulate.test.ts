/**
 * simulate on a book worked out by hand: ten contacts on a weekly cadence, every day a working
 * day. Contact i was last touched on 2025-12-29 + (i mod 7) days, so from 2026-01-05 two contacts
 * fall due on each of the first three days of every week and one on each of the other four: ten
 * calls a week, never more than two a day.
 */
import { describe, expect, test } from 'vitest';
import { addDays, book, cadencePolicy, simulate, type BookBuilder } from '../../src/testing/index.js';

const ALL_WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as ('MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU')[];
const weekly = cadencePolicy({ every: 'P7D' }, {}, { workingDays: ALL_WEEK });

function weeklyBook(capacity: number, zoneOf: (index: number) => string = () => 'UTC'): BookBuilder {
  let accounts = book().owner('u1', { dailyCapacity: capacity });
  for (let index = 0; index < 10; index++) {
    const id = `c${index}`;
    accounts = accounts.contact(id, { ownerId: 'u1', timeZone: zoneOf(index) }).touch(id, `${addDays('2025-12-29', index % 7)} 10:00`);
  }
  return accounts;
}

describe('simulate', () => {
  test('two calls a day keep every contact on time: each called on its due date, 4 times in 4 weeks', () => {
    const run = simulate(weekly, weeklyBook(2), { from: '2026-01-05', days: 28 });
    expect(run.summary).toMatchObject({ worstCompliance: { A: 1 }, finalBacklog: 0, peakBacklog: 0, made: 40, planned: 40 });
    expect(run.days[0]).toMatchObject({ date: '2026-01-05', backlog: 0, made: 2, load: { u1: { planned: 2, made: 2, capacity: 2 } } });
    expect(run.days[3]).toMatchObject({ date: '2026-01-08', made: 1 });
    expect(run.touches.filter((touch) => touch.contactId === 'c0').map((touch) => touch.at)).toEqual([
      '2026-01-05T10:00:00.000Z',
      '2026-01-12T10:00:00.000Z',
      '2026-01-19T10:00:00.000Z',
      '2026-01-26T10:00:00.000Z',
    ]);
  });

  test('one call a day is not sustainable: 7 calls a week for 10 due, so a backlog builds', () => {
    const run = simulate(weekly, weeklyBook(1), { from: '2026-01-05', days: 28 });
    expect(run.summary.made).toBe(28);
    expect(run.summary.finalBacklog).toBeGreaterThan(0);
    expect(run.summary.worstCompliance.A).toBeLessThan(1);
  });

  test('"what if we had 2 calls a day": capacity overrides every owner\'s', () => {
    const run = simulate(weekly, weeklyBook(1), { from: '2026-01-05', days: 28, capacity: 2 });
    expect(run.summary).toMatchObject({ finalBacklog: 0, made: 40 });
  });

  test('reps who make no calls: by the last day every contact is overdue', () => {
    const run = simulate(weekly, weeklyBook(2), { from: '2026-01-05', days: 28, behaviour: () => false });
    expect(run.summary.made).toBe(0);
    expect(run.days.at(-1)).toMatchObject({ date: '2026-02-01', backlog: 10, compliance: { A: 0 } });
    // Contacts due on day d are overdue from day d + 1 (no grace): 2 on the 6th, 4 on the 7th …
    expect(run.days.slice(0, 8).map((day) => day.backlog)).toEqual([0, 2, 4, 6, 7, 8, 9, 10]);
  });

  test('a share of the calls, by a seeded generator: the same seed makes the same calls', () => {
    const options = { from: '2026-01-05', days: 28, behaviour: { share: 0.5, seed: 42 } };
    const first = simulate(weekly, weeklyBook(2), options);
    const second = simulate(weekly, weeklyBook(2), options);
    expect(second.touches).toEqual(first.touches);
    expect(first.summary.made).toBeLessThan(first.summary.planned);
    expect(first.summary.made).toBeGreaterThan(0);
  });

  test('a rule decides each call and may log it as an attempt that does not count', () => {
    const run = simulate(weekly, weeklyBook(2), {
      from: '2026-01-05',
      days: 7,
      behaviour: (call) => (call.contactId === 'c0' ? { outcome: 'voicemail' } : true),
    });
    const c0 = run.touches.filter((touch) => touch.contactId === 'c0');
    expect(c0.length).toBeGreaterThan(1); // the voicemail did not count, so c0 stays on the list
    expect(c0.every((touch) => touch.outcome === 'voicemail')).toBe(true);
  });

  test("touches are logged at 10:00 in each contact's zone, also with zones 25 hours apart", () => {
    const zones = (index: number) => (index % 2 === 0 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago');
    const run = simulate(weekly, weeklyBook(2, zones), { from: '2026-01-05', days: 14 });
    expect(run.summary).toMatchObject({ finalBacklog: 0, made: 20 });
    // Kiritimati is UTC+14, Pago Pago UTC−11.
    expect(run.touches.find((touch) => touch.contactId === 'c0')!.at).toBe('2026-01-04T20:00:00.000Z');
    expect(run.touches.find((touch) => touch.contactId === 'c1')!.at).toBe('2026-01-06T21:00:00.000Z');
  });

  test('a long list is logged within the day: 1000 calls from 10:00 end before 18:00', () => {
    let crowd = book().owner('u1', { dailyCapacity: 1000 });
    for (let index = 0; index < 1000; index++) crowd = crowd.contact(`c${index}`, { ownerId: 'u1', createdAt: '2026-01-05 09:00' });
    const run = simulate(weekly, crowd, { from: '2026-01-05', days: 1 });
    expect(run.summary.made).toBe(1000);
    const times = run.touches.map((touch) => String(touch.at)).sort();
    expect(times[0]).toBe('2026-01-05T10:00:00.000Z');
    expect(times.at(-1)! < '2026-01-05T18:00:00.000Z').toBe(true);
  });

  test('never mutates its input', () => {
    const data = weeklyBook(2).build();
    const before = JSON.stringify(data);
    simulate(weekly, data, { from: '2026-01-05', days: 7 });
    expect(JSON.stringify(data)).toBe(before);
  });
});
