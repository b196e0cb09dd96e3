/**
 * toPipedriveActivities and matchPipedriveActivities: API v2 create bodies (participants with
 * `primary`, `due_date`/`due_time` in UTC, numeric ids), the key marker, and re-sync matching.
 */
import { describe, expect, it } from 'vitest';
import {
  fromPipedrive,
  matchPipedriveActivities,
  parseTaskKey,
  type PipedriveActivityPayload,
  taskKey,
  toPipedriveActivities,
} from '../../src/adapters/pipedrive/index.js';
import { callList, type DueItem, evaluate, explain, InputError, plan } from '../../src/index.js';
import { escapeHtml } from '../../src/adapters/pipedrive/fields.js';
import { NOW, policy } from './pipedrive/book.js';
import { v1Records } from './pipedrive/v1.js';

function week() {
  const read = fromPipedrive(v1Records(), { policy, ownerDefaults: { dailyCapacity: 4 } });
  const { items } = evaluate({ policy, contacts: read.contacts, touches: read.touches, owners: read.owners, now: NOW });
  return { items, owners: read.owners, plan: plan({ policy, items, owners: read.owners, from: '2026-11-30', days: 7 }) };
}

const markerOf = (payload: PipedriveActivityPayload) => /\[(cc1:[^\]]+)\]$/.exec(payload.note)?.[1];

describe('toPipedriveActivities from a plan', () => {
  it('writes one not-done call per planned touch, on its planned day, with its key', () => {
    const { plan: p, items } = week();
    const planned = p.owners.flatMap((owner) =>
      owner.days.flatMap((day) => day.touches.map((touch) => ({ owner: owner.ownerId, day: day.date, touch }))),
    );
    const payloads = toPipedriveActivities(p, { items });
    expect(payloads).toHaveLength(planned.length);
    expect(planned.length).toBeGreaterThan(0);
    payloads.forEach((payload, index) => {
      const { owner, day, touch } = planned[index]!;
      expect(payload).toMatchObject({
        // The persons have names (read from `name`), so the subject says whom to call.
        subject: expect.stringMatching(new RegExp(`^${touch.cycleId} call with \\S`)),
        type: 'call',
        due_date: day,
        owner_id: Number(owner),
        participants: [{ person_id: Number(touch.contactId), primary: true }],
        done: false,
        busy: false,
      });
      expect(payload).not.toHaveProperty('due_time');
      expect(markerOf(payload)).toBe(taskKey({ contactId: touch.contactId, cycleId: touch.cycleId, dueOn: touch.dueOn }));
      const item = items.find((i) => i.contactId === touch.contactId && i.cycleId === touch.cycleId)!;
      expect(payload.note.startsWith(explain(item))).toBe(true);
    });
  });

  it('without items, the note is the call list’s sentence for that cycle', () => {
    const { plan: p } = week();
    const owner = p.owners[0]!;
    const first = owner.days[0]!.touches[0]!;
    const line = callList(p, owner.ownerId, owner.days[0]!.date)[first.call - 1]!;
    const why = line.cycles.find((cycle) => cycle.cycleId === first.cycleId)!.why;
    expect(why).toContain(`(${first.contactId}) / ${first.cycleId}`);
    const [payload] = toPipedriveActivities(p);
    expect(payload!.note).toContain(escapeHtml(why));
  });

  it('does not modify the plan or the items', () => {
    const { plan: p, items } = week();
    const copy = structuredClone({ p, items });
    toPipedriveActivities(p, { items, time: '10:00', owners: week().owners });
    expect({ p, items }).toEqual(copy);
  });
});

/** A due item as evaluate returns it, with only what the writer reads set for real. */
function item(contactId: string, ownerId: string | null, dueOn: string | null, status: DueItem['status'] = 'due'): DueItem {
  const base = week().items[0]!;
  return { ...base, contactId, ownerId, cycleId: 'check-in', status, dueOn, daysOverdue: 0 } as DueItem;
}

describe('toPipedriveActivities from due items', () => {
  it('one activity per item with a due date, dated on it; excluded and ended items have none', () => {
    const payloads = toPipedriveActivities([
      item('1001', '11884360', '2026-12-03'),
      item('1002', null, null, 'excluded'),
      item('1003', '7', null, 'ended'),
    ]);
    expect(payloads.map((payload) => [payload.due_date, payload.participants[0]!.person_id])).toEqual([['2026-12-03', 1001]]);
  });

  const times: { zone: string; time: string; date: string; dueDate: string; dueTime: string }[] = [
    // Kyiv is UTC+2 in December.
    { zone: 'Europe/Kiev', time: '10:00', date: '2026-12-03', dueDate: '2026-12-03', dueTime: '08:00' },
    // Tokyo is UTC+9: 09:00 there is midnight UTC, 08:30 the evening before.
    { zone: 'Asia/Tokyo', time: '09:00', date: '2026-12-03', dueDate: '2026-12-03', dueTime: '00:00' },
    { zone: 'Asia/Tokyo', time: '08:30', date: '2026-12-03', dueDate: '2026-12-02', dueTime: '23:30' },
    // New York is UTC−5 in December: 20:00 is 01:00 UTC the next day.
    { zone: 'America/New_York', time: '20:00', date: '2026-12-03', dueDate: '2026-12-04', dueTime: '01:00' },
    // Summer time: UTC−4.
    { zone: 'America/New_York', time: '10:00', date: '2026-07-01', dueDate: '2026-07-01', dueTime: '14:00' },
  ];
  it.each(times)('$time in $zone on $date → due_date $dueDate, due_time $dueTime (UTC)', ({ zone, time, date, dueDate, dueTime }) => {
    const [payload] = toPipedriveActivities([item('1001', '11884360', date)], { time, owners: [{ id: '11884360', timeZone: zone }] });
    expect(payload).toMatchObject({ due_date: dueDate, due_time: dueTime, busy: true });
    // The key keeps the due date in the contact's terms, whatever the UTC date.
    expect(parseTaskKey(markerOf(payload!))?.dueOn).toBe(date);
  });

  it('an owner without a zone uses the timeZone option, else UTC', () => {
    expect(toPipedriveActivities([item('1001', '9', '2026-12-03')], { time: '10:00' })[0]).toMatchObject({ due_time: '10:00' });
    expect(toPipedriveActivities([item('1001', '9', '2026-12-03')], { time: '10:00', timeZone: 'Asia/Tokyo' })[0]).toMatchObject({
      due_date: '2026-12-03',
      due_time: '01:00',
    });
  });

  it('numeric ids become numbers; other ids stay strings; no owner means no owner_id', () => {
    const [numeric, text, ownerless] = toPipedriveActivities([
      item('1001', '42', '2026-12-03'),
      item('c-7', 'u-london', '2026-12-03'),
      item('1002', null, '2026-12-03'),
    ]);
    expect(numeric).toMatchObject({ owner_id: 42, participants: [{ person_id: 1001, primary: true }] });
    expect(text).toMatchObject({ owner_id: 'u-london', participants: [{ person_id: 'c-7', primary: true }] });
    expect(ownerless).not.toHaveProperty('owner_id');
  });

  it('escapes the note as HTML while the key stays exact', () => {
    const [payload] = toPipedriveActivities([item('a<b&c', null, '2026-12-03')]);
    expect(payload!.note).toContain('(a&lt;b&amp;c) / check-in');
    expect(payload!.note).not.toContain('a<b');
    expect(parseTaskKey(markerOf(payload!))?.contactId).toBe('a<b&c');
  });

  it('options: subject, type, duration, keyField', () => {
    const [payload] = toPipedriveActivities([item('1001', '1', '2026-12-03')], {
      subject: (entry) => `Call ${entry.contactId} (${entry.tierId})`,
      type: 'check_in_call',
      duration: '00:15',
      keyField: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
    });
    expect(payload).toMatchObject({
      subject: 'Call 1001 (A)',
      type: 'check_in_call',
      duration: '00:15',
      custom_fields: { f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed: 'cc1:1001:check-in:2026-12-03' },
    });
  });

  it('throws an InputError for a time that is not HH:MM or an unknown zone', () => {
    expect(() => toPipedriveActivities([item('1001', '1', '2026-12-03')], { time: '9am' })).toThrow(InputError);
    expect(() => toPipedriveActivities([item('1001', '1', '2026-12-03')], { time: '09:00', timeZone: 'Mars/Base' })).toThrow(InputError);
  });
});

describe('matchPipedriveActivities', () => {
  const payloads = toPipedriveActivities([
    item('1001', '1', '2026-12-03'),
    item('1002', '1', '2026-12-03'),
    item('1003', '1', '2026-12-03'),
  ]);
  const existing = (payload: PipedriveActivityPayload, id: number, done: boolean) => ({
    id,
    done,
    note: `Edited by the rep<br>${payload.note}`,
    is_deleted: false,
  });

  it('creates what is new, updates what is open, leaves what is done', () => {
    const sync = matchPipedriveActivities(
      [existing(payloads[0]!, 11, false), existing(payloads[1]!, 12, true), { id: 13, note: 'a hand-made activity' }],
      payloads,
    );
    expect(sync.create).toEqual([payloads[2]]);
    expect(sync.update).toEqual([{ id: 11, payload: payloads[0] }]);
    expect(sync.done).toEqual([{ id: 12, key: 'cc1:1002:check-in:2026-12-03' }]);
  });

  it('a second run over what the first created only updates', () => {
    const created = payloads.map((payload, index) => ({ ...payload, id: 100 + index }));
    const sync = matchPipedriveActivities(
      created,
      toPipedriveActivities([item('1001', '1', '2026-12-03'), item('1002', '1', '2026-12-03'), item('1003', '1', '2026-12-03')]),
    );
    expect(sync.create).toEqual([]);
    expect(sync.update.map((entry) => entry.id)).toEqual([100, 101, 102]);
  });

  it('matches by the keyField custom field when the note lost its marker', () => {
    const FIELD = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
    const keyed = toPipedriveActivities([item('1001', '1', '2026-12-03')], { keyField: FIELD });
    const edited = { id: 31, done: false, note: 'The rep rewrote the note', custom_fields: { [FIELD]: 'cc1:1001:check-in:2026-12-03' } };
    expect(matchPipedriveActivities([edited], keyed).create).toHaveLength(1);
    expect(matchPipedriveActivities([edited], keyed, { keyField: FIELD }).update).toEqual([{ id: 31, payload: keyed[0] }]);
  });

  it('ignores deleted activities, and prefers the open one when a key was written twice', () => {
    const sync = matchPipedriveActivities(
      [{ ...existing(payloads[0]!, 21, false), is_deleted: true }, existing(payloads[1]!, 22, true), existing(payloads[1]!, 23, false)],
      payloads,
    );
    expect(sync.create).toEqual([payloads[0], payloads[2]]);
    expect(sync.update).toEqual([{ id: 23, payload: payloads[1] }]);
  });
});
