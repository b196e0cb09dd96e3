/** The policy and helpers the Pipedrive tests share: a tier with a check-in, a quarterly review and after-sale follow-ups. */
import { parsePolicy, type Policy } from '../../../src/index.js';
import type { PipedriveActivityPayload } from '../../../src/adapters/pipedrive/index.js';

export const policy: Policy = parsePolicy({
  version: 1,
  timeZone: 'UTC',
  calendars: { weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'] } },
  calendar: 'weekdays',
  tiers: [
    {
      id: 'A',
      weight: 2,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' } },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] } },
      ],
    },
  ],
  defaultTier: 'A',
});

/** A Monday: the book's contacts are due, so a week's plan has work in it. */
export const NOW = '2026-11-30T09:00:00Z';

/** `2026-11-30T09:00:00Z` → `2026-11-30 09:00:00`, the v1 spelling. */
export function v1Timestamp(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** The activity Pipedrive v1 returns once a rep has completed a created one at `at`. */
export function completedV1(payload: PipedriveActivityPayload, id: number, at: string): Record<string, unknown> {
  const personId = payload.participants[0]!.person_id;
  return {
    id,
    company_id: 7780468,
    user_id: payload.owner_id ?? null,
    done: true,
    type: payload.type,
    due_date: payload.due_date,
    due_time: payload.due_time ?? '',
    duration: payload.duration ?? '',
    busy_flag: payload.busy,
    add_time: v1Timestamp(at),
    marked_as_done_time: v1Timestamp(at),
    subject: payload.subject,
    person_id: personId,
    participants: payload.participants.map((participant) => ({ person_id: participant.person_id, primary_flag: participant.primary })),
    deal_id: null,
    active_flag: true,
    note: payload.note,
  };
}

/** The activity Pipedrive v2 returns once a rep has completed a created one at `at`. */
export function completedV2(payload: PipedriveActivityPayload, id: number, at: string): Record<string, unknown> {
  return {
    id,
    subject: payload.subject,
    type: payload.type,
    owner_id: payload.owner_id ?? null,
    is_deleted: false,
    add_time: new Date(at).toISOString().replace('.000Z', 'Z'),
    deal_id: null,
    person_id: payload.participants[0]!.person_id,
    due_date: payload.due_date,
    due_time: payload.due_time === undefined ? null : `${payload.due_time}:00`,
    busy: payload.busy,
    done: true,
    marked_as_done_time: new Date(at).toISOString().replace('.000Z', 'Z'),
    participants: payload.participants,
    note: payload.note,
  };
}
