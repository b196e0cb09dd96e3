/**
 * Work that grows with the input, not faster: one HubSpot call with many associated contacts, one
 * Pipedrive activity with many participants. The work is counted (array elements walked by
 * searches), not timed: doubling the input at most doubles it, and it stays a small multiple of n.
 */
import { describe, expect, it } from 'vitest';
import { fromHubSpot, type HubSpotObject } from '../../src/adapters/hubspot/index.js';
import { fromPipedrive } from '../../src/adapters/pipedrive/index.js';
import { countArrayWork } from './work-counter.js';

const hubSpotCall = (n: number): HubSpotObject => ({
  id: '1',
  properties: { hs_timestamp: '2026-11-02T09:00:00Z', hs_call_status: 'COMPLETED' },
  associations: { contacts: { results: Array.from({ length: n }, (_, i) => ({ id: String(1000 + i), type: 'call_to_contact' })) } },
});

const pipedriveActivity = (n: number) => ({
  id: 1,
  type: 'call',
  done: true,
  marked_as_done_time: '2026-11-02 09:00:00',
  participants: Array.from({ length: n }, (_, i) => ({ person_id: 1000 + i, primary: i === n - 1 })),
});

describe('adapters: work linear in the size of one record', () => {
  it.each([
    ['a HubSpot call with n associations', (n: number) => fromHubSpot({ calls: [hubSpotCall(n)] }).touches.length],
    ['a Pipedrive activity with n participants', (n: number) => fromPipedrive({ activities: [pipedriveActivity(n)] }).touches.length],
  ])('%s', (_, read) => {
    const small = countArrayWork(() => read(5_000));
    const large = countArrayWork(() => read(10_000));
    expect(small.result).toBe(5_000);
    expect(large.result).toBe(10_000);
    expect(large.walked).toBeLessThanOrEqual(8 * 10_000);
    expect(large.walked).toBeLessThanOrEqual(2 * small.walked + 100);
  });
});
