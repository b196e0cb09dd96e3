import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyError, safeParsePolicy } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';

/** The spec's wire-format example, verbatim. */
const specPolicy = {
  version: 1,
  timeZone: 'Europe/London',
  calendars: { uk: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25'] } },
  calendar: 'uk',
  tiers: [
    {
      id: 'A',
      weight: 3,
      cycles: [
        {
          id: 'check-in',
          cadence: { every: 'P14D' },
          graceDays: 2,
          soonDays: 3,
          shift: 'following',
          escalate: [
            { afterDays: 7, to: 'owner' },
            { afterDays: 21, to: 'manager' },
          ],
        },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] } },
      ],
    },
    { id: 'B', weight: 2, cycles: [{ id: 'check-in', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01', earlyDays: 3 } }] },
    { id: 'prospect', weight: 1, cycles: [{ id: 'nurture', cadence: { every: 'P1M' }, counts: { channels: ['call', 'meeting'] } }] },
    { id: 'lapsed', weight: 1, cycles: [{ id: 'win-back', cadence: { every: 'P3M' }, firstTouchWithin: 'P14D' }] },
  ],
  assign: [
    { tier: 'A', top: { by: 'annualRevenue', n: 10, per: 'owner' } },
    { tier: 'prospect', when: { attribute: 'lifecycle', eq: 'prospect' } },
    { tier: 'lapsed', when: { lapsed: 'P365D' } },
  ],
  defaultTier: 'B',
};

const minimal = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' };

describe('parsePolicy', () => {
  it('accepts the spec example unchanged and does not mutate it', () => {
    const input = deepFreeze(structuredClone(specPolicy));
    expect(parsePolicy(input)).toEqual(specPolicy);
  });

  it.each([
    [
      'a duration that is not ISO 8601',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: '2 weeks' } }] }] },
      'tiers.0.cycles.0.cadence.every',
      'not an ISO 8601 duration',
    ],
    [
      'an hour-based duration',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'PT36H' } }] }] },
      'tiers.0.cycles.0.cadence.every',
      'ISO 8601 duration',
    ],
    [
      'negative grace',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' }, graceDays: -1 }] }] },
      'tiers.0.cycles.0.graceDays',
      'negative',
    ],
    ['an unknown default tier', { defaultTier: 'Z' }, 'defaultTier', 'unknown tier "Z"'],
    ['an unknown calendar', { calendar: 'mars' }, 'calendar', 'unknown calendar "mars"'],
    ['a duplicate tier id', { tiers: [minimal.tiers[0], minimal.tiers[0]] }, 'tiers.1.id', 'duplicate tier id'],
    [
      'a duplicate cycle id',
      { tiers: [{ id: 'A', cycles: [minimal.tiers[0]!.cycles[0], minimal.tiers[0]!.cycles[0]] }] },
      'tiers.0.cycles.1.id',
      'duplicate cycle id',
    ],
    ['an unknown key', { colour: 'blue' }, '', 'Unrecognized key'],
    [
      'an unknown cycle key',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' }, grace: 2 }] }] },
      'tiers.0.cycles.0',
      'Unrecognized key',
    ],
    [
      'a cadence of two kinds',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D', per: 'month', times: 1 } }] }] },
      'tiers.0.cycles.0.cadence',
      'one kind',
    ],
    ['a cadence of no kind', { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: {} }] }] }, 'tiers.0.cycles.0.cadence', 'needs one of'],
    [
      'an invalid RRULE',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { rrule: 'FREQ=FORTNIGHTLY' } }] }] },
      'tiers.0.cycles.0.cadence.rrule',
      '',
    ],
    [
      'a quota of zero',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { per: 'month', times: 0 } }] }] },
      'tiers.0.cycles.0.cadence.times',
      '',
    ],
    ['a bad holiday', { calendars: { uk: { holidays: ['25/12/2026'] } } }, 'calendars.uk.holidays.0', 'YYYY-MM-DD'],
    ['a calendar with no working day', { calendars: { uk: { workingDays: [] } } }, 'calendars.uk.workingDays', 'working day'],
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, 'timeZone', 'unknown IANA time zone'],
    [
      'a function inside',
      { tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: () => 'P1D' } }] }] },
      'tiers.0.cycles.0.cadence.every',
      '',
    ],
    ['another version', { version: 2 }, 'version', 'version 1'],
    [
      'an assign rule naming an unknown tier',
      { assign: [{ tier: 'Q', when: { attribute: 'x', exists: true } }] },
      'assign.0.tier',
      'unknown tier "Q"',
    ],
    ['a capacity share naming an unknown tier', { shares: [{ tiers: ['Q'], share: 0.3 }] }, 'shares.0.tiers.0', 'unknown tier "Q"'],
    [
      'a tier in two capacity shares',
      {
        shares: [
          { tiers: ['A'], share: 0.3 },
          { tiers: ['A'], share: 0.2 },
        ],
      },
      'shares.1.tiers.0',
      'already in share 0',
    ],
    [
      'capacity shares above the whole day',
      {
        tiers: [
          { id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] },
          { id: 'B', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] },
        ],
        shares: [
          { tiers: ['A'], share: 0.7 },
          { tiers: ['B'], share: 0.5 },
        ],
      },
      'shares',
      'more than the whole day',
    ],
    ['a share above 1', { shares: [{ tiers: ['A'], share: 1.5 }] }, 'shares.0.share', 'from 0 to 1'],
  ])('reports %s at its path', (_name, change, path, message) => {
    const result = safeParsePolicy({ ...minimal, ...change });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issue = result.issues.find((candidate) => candidate.path.join('.') === path);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    expect(issue!.message).toContain(message);
    expect(issue!.code).toEqual(expect.any(String));
  });

  it('lists every problem at once, with readable paths in the thrown message', () => {
    const bad = {
      version: 1,
      tiers: [
        { id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14X' }, graceDays: -1 }] },
        { id: 'A', cycles: [{ id: 'x', cadence: { per: 'month', times: 1 } }] },
      ],
      defaultTier: 'Z',
    };
    const result = safeParsePolicy(bad);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
        'defaultTier',
        'tiers.0.cycles.0.cadence.every',
        'tiers.0.cycles.0.graceDays',
        'tiers.1.id',
      ]);
    expect(() => parsePolicy(bad)).toThrow(PolicyError);
    expect(() => parsePolicy(bad)).toThrow(/tiers\[0\]\.cycles\[0\]\.cadence\.every: not an ISO 8601 duration/);
  });
});
