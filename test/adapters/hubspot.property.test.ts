/** fromHubSpot on arbitrary portals: it never throws, accounts for every record and hands the engine only what it accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHubSpot, type HubSpotRecords } from '../../src/adapters/hubspot/index.js';
import { taskKey } from '../../src/adapters/shared/keys.js';
import { evaluate } from '../../src/index.js';
import { bookPolicy, GUID } from './hubspot/book.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Values a portal really holds, and the broken ones an export can carry.
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 6 });
const instant = fc.oneof(
  fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => String(d.getTime())),
  fc.constantFrom('yesterday', '2026-02-30T10:00:00Z', '2026-11-02T14:30:00', '20261102', ''),
);
const contactId = fc.constantFrom('1', '2', '3', '4', '99');
// Now and then an id holding a lone UTF-16 surrogate: JSON can carry it, no output can (a bad-id wherever it is read).
const illFormedId = fc.constant('5\uD800');
const associations = fc.array(fc.record({ id: fc.oneof({ weight: 15, arbitrary: contactId }, illFormedId), type: fc.constantFrom('call_to_contact', 'task_to_contact', 'labelled') }), {
  maxLength: 4,
});
const activityId = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) }, fc.constant(''));
const envelope = (properties: fc.Arbitrary<Record<string, string | null>>, id: fc.Arbitrary<string> = activityId) =>
  fc.record({
    id,
    properties,
    associations: fc.option(
      associations.map((results) => ({ contacts: { results } })),
      { nil: undefined },
    ),
    archived: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, fc.constant(true)),
  });

const records = fc.record({
  contacts: fc.array(
    envelope(
      fc.record({
        hubspot_owner_id: nullable(fc.oneof({ weight: 15, arbitrary: fc.constantFrom('u1', 'u2') }, fc.constant('u\uD800'))),
        hs_timezone: nullable(
          fc.constantFrom('america_slash_new_york', 'europe_slash_london', 'asia_slash_tokyo', 'europe_slash_paris', 'mars_slash_olympus'),
        ),
        createdate: nullable(instant),
        do_not_call: nullable(fc.constantFrom('true', 'false', 'false', 'false', 'maybe')),
      }),
      fc.oneof({ weight: 18, arbitrary: contactId }, { weight: 2, arbitrary: fc.constant('') }, illFormedId),
    ),
    { minLength: 2, maxLength: 6 },
  ),
  calls: fc.array(
    envelope(
      fc.record({
        hs_timestamp: nullable(instant),
        hs_call_status: nullable(fc.constantFrom('COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_ANSWER', 'BUSY')),
        hs_call_direction: nullable(fc.constantFrom('INBOUND', 'OUTBOUND', 'OUTBOUND', 'OUTBOUND', 'SIDEWAYS')),
        hs_call_disposition: nullable(fc.constantFrom(...Object.values(GUID), 'not-a-guid')),
      }),
    ),
    { maxLength: 8 },
  ),
  meetings: fc.array(
    envelope(
      fc.record({
        hs_meeting_start_time: nullable(instant),
        hs_meeting_outcome: nullable(fc.constantFrom('COMPLETED', 'SCHEDULED', 'NO_SHOW', 'CANCELED', 'RESCHEDULED')),
      }),
    ),
    { maxLength: 4 },
  ),
  tasks: fc.array(
    envelope(
      fc.record({
        hs_timestamp: nullable(instant),
        hs_task_completion_date: nullable(instant),
        hs_task_status: nullable(fc.constantFrom('COMPLETED', 'NOT_STARTED', 'IN_PROGRESS')),
        hs_task_type: nullable(fc.constantFrom('CALL', 'EMAIL', 'TODO')),
        calling_cycle_key: nullable(
          fc.constantFrom(taskKey({ contactId: '2', cycleId: 'review', dueOn: '2026-12-31' }), 'cc1:broken', 'cc1:2\uD800:review:2026-12-31'),
        ),
      }),
    ),
    { maxLength: 4 },
  ),
  deals: fc.array(
    envelope(
      fc.record({ dealstage: nullable(fc.constantFrom('closedwon', 'closedlost', 'qualifiedtobuy')), closedate: nullable(instant) }),
    ),
    { maxLength: 3 },
  ),
});

/**
 * A fixed portal every run checks first: 24 touches on its own (so the reach check below never
 * rests on the random ones), and each kind of ill-formed id the generator can give.
 */
const fixedPortal = {
  contacts: [
    ...['1', '2', '3', '4'].map((id) => ({
      id,
      properties: { hubspot_owner_id: 'u1', hs_timezone: 'europe_slash_london', createdate: '2025-01-01T00:00:00Z', do_not_call: 'false' },
      associations: undefined,
      archived: false,
    })),
    { id: '5\uD800', properties: { hubspot_owner_id: null, hs_timezone: null, createdate: null, do_not_call: null }, associations: undefined, archived: false },
    { id: '99', properties: { hubspot_owner_id: 'u\uD800', hs_timezone: null, createdate: null, do_not_call: null }, associations: undefined, archived: false },
  ],
  calls: [
    ...['10', '11', '12', '13', '14', '15', '16', '17'].map((id) => ({
      id,
      properties: { hs_timestamp: '2026-11-02T10:00:00.000Z', hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND', hs_call_disposition: GUID.connected },
      associations: { contacts: { results: ['1', '2', '3'].map((contact) => ({ id: contact, type: 'call_to_contact' })) } },
      archived: false,
    })),
    {
      id: '18',
      properties: { hs_timestamp: '2026-11-02T10:00:00.000Z', hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND', hs_call_disposition: null },
      associations: { contacts: { results: [{ id: '5\uD800', type: 'call_to_contact' }] } },
      archived: false,
    },
  ],
  meetings: [],
  tasks: [
    {
      id: '30',
      properties: {
        hs_timestamp: '2026-11-02T10:00:00.000Z',
        hs_task_completion_date: null,
        hs_task_status: 'COMPLETED',
        hs_task_type: 'CALL',
        calling_cycle_key: 'cc1:2\uD800:review:2026-12-31',
      },
      associations: { contacts: { results: [{ id: '1', type: 'task_to_contact' }] } },
      archived: false,
    },
  ],
  deals: [],
};

describe('fromHubSpot on arbitrary portals', () => {
  it('never throws; every record is mapped, skipped or an error; touches are canonical and name mapped contacts; the engine accepts the result', () => {
    let touchesSeen = 0;
    fc.assert(
      fc.property(records, (input) => {
        const result = fromHubSpot(input as unknown as HubSpotRecords, { policy: bookPolicy, doNotContactProperties: ['do_not_call'] });
        for (const [collection, count] of Object.entries(result.counts)) {
          const given = (input as Record<string, unknown[] | undefined>)[collection]?.length ?? 0;
          expect(count.read, collection).toBe(given);
          expect(count.mapped + count.skipped + count.errors, collection).toBe(given);
        }
        touchesSeen += result.touches.length;
        const ids = new Set(result.contacts.map((contact) => contact.id));
        expect(ids.size).toBe(result.contacts.length);
        for (const touch of result.touches) {
          expect(touch.at).toMatch(CANONICAL);
          expect(ids.has(touch.contactId)).toBe(true);
        }
        const evaluated = evaluate({ policy: bookPolicy, contacts: result.contacts, touches: result.touches, now: '2026-11-25T10:00:00Z' });
        expect(evaluated.errors).toEqual([]);
      }),
      { numRuns: 200, examples: [[fixedPortal as never]] },
    );
    // The mapping is reached, not only the error paths (the fixed portal alone gives 24 touches).
    expect(touchesSeen).toBeGreaterThan(20);
  });

  it('the order of the activities does not change which touches come out', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 0, max: 1000 }), (generated, seed) => {
        // Two different records under one id are not pages of one query: the first is kept (a
        // repeat is skipped as duplicate-id), so the order matters for them by design.
        const input = { ...generated, calls: generated.calls.filter((call, index, all) => all.findIndex((other) => other.id === call.id) === index) };
        const shuffled = {
          ...input,
          calls: [...input.calls].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7)).reverse(),
        };
        const key = (touch: { contactId: unknown; at: unknown; channel: string; outcome?: unknown }) =>
          `${String(touch.contactId)} ${String(touch.at)} ${touch.channel} ${String(touch.outcome)}`;
        const before = fromHubSpot(input as unknown as HubSpotRecords)
          .touches.map(key)
          .sort();
        const after = fromHubSpot(shuffled as unknown as HubSpotRecords)
          .touches.map(key)
          .sort();
        expect(after).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
