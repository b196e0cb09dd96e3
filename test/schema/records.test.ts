/**
 * The hand-written record checks `evaluate` uses and the published zod schemas must agree on every
 * record: valid or not. Random records are built from valid ones with one field spoiled.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contactProblem, ownerProblem, snoozeProblem, touchProblem } from '../../src/core/records.js';
import { contactSchema, ownerSchema, snoozeSchema, touchSchema } from '../../src/schema/zod/records.js';

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constantFrom('2026-11-01', '2026-02-30', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00', 'Asia/Tokyo', 'Mars/Base', 'call', 'fax'),
);

function spoil(base: Record<string, unknown>, keys: string[]) {
  return fc.record({ key: fc.constantFrom(...keys), value: junk }).map(({ key, value }) => {
    const copy: Record<string, unknown> = { ...base };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

const contact = {
  id: 'c1',
  ownerId: 'u1',
  timeZone: 'Asia/Tokyo',
  tier: 'A',
  calendar: 'uk',
  attributes: { revenue: 1 },
  createdAt: '2026-01-05T10:00:00Z',
  events: { closedWon: '2026-10-01' },
  doNotContact: false,
  pausedUntil: '2026-12-01',
};
const touch = {
  contactId: 'c1',
  at: '2026-11-01T09:30:00Z',
  channel: 'call',
  direction: 'outbound',
  outcome: 'connected',
  purpose: 'check-in',
};
const owner = { id: 'u1', timeZone: 'Europe/London', calendar: 'uk', dailyCapacity: 20 };
const snooze = { contactId: 'c1', cycleId: 'check-in', until: '2026-12-03' };

describe('record checks agree with the zod schemas', () => {
  it.each([
    ['contact', contact, contactProblem, contactSchema],
    ['touch', touch, touchProblem, touchSchema],
    ['owner', owner, (value: unknown) => ownerProblem(value, () => true), ownerSchema],
    ['snooze', snooze, snoozeProblem, snoozeSchema],
  ] as const)('%s', (_name, base, check, schema) => {
    expect(check(base)).toBeUndefined();
    expect(schema.safeParse(base).success).toBe(true);
    fc.assert(
      fc.property(spoil(base, Object.keys(base)), (record) => {
        const problem = check(record);
        const result = schema.safeParse(record);
        expect(problem === undefined).toBe(result.success);
        if (problem && !result.success) expect(result.error.issues.map((issue) => issue.path.join('.'))).toContain(problem.path.join('.'));
      }),
      { numRuns: 300 },
    );
  });
});
