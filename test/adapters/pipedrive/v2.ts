/**
 * The same kind of company as API v2 returns it (`GET /api/v2/persons`, `/api/v2/activities`,
 * `/api/v2/deals`; users still come from `/v1/users`), written from the published v2 shapes:
 * `owner_id` and `person_id` plain numbers, ISO 8601 timestamps with `Z`, `due_time` `HH:MM:SS`
 * or null, `participants` with `primary`, `busy`, `is_deleted`, custom fields under
 * `custom_fields`.
 */

const DANA = 11884360;
const OMAR = 11884361;

function person(id: number, name: string, ownerId: number, addTime: string, extra: Record<string, unknown> = {}) {
  const [first_name, last_name] = name.split(' ');
  return {
    id,
    name,
    first_name,
    last_name,
    owner_id: ownerId,
    org_id: null,
    add_time: addTime,
    update_time: addTime,
    emails: [{ value: `${first_name!.toLowerCase()}@example.org`, primary: true, label: 'work' }],
    phones: [{ value: '+15554442233', primary: true, label: 'work' }],
    is_deleted: false,
    visible_to: 3,
    label_ids: [1],
    picture_id: null,
    custom_fields: { '9f3a1c0e5b7d4e2fa1c3b5d7e9f1a3c5b7d9e1f3': null },
    ...extra,
  };
}

function activity(id: number, type: string, extra: Record<string, unknown>) {
  return {
    id,
    subject: `${type} with customer`,
    type,
    owner_id: DANA,
    creator_user_id: DANA,
    is_deleted: false,
    add_time: '2026-11-09T16:02:04Z',
    update_time: '2026-11-10T09:42:10Z',
    deal_id: null,
    lead_id: null,
    person_id: null,
    org_id: null,
    project_id: null,
    due_date: '2026-11-10',
    due_time: '09:30:00',
    duration: '00:30:00',
    busy: true,
    done: true,
    marked_as_done_time: '2026-11-10T09:42:10Z',
    location: null,
    participants: [],
    attendees: [],
    conference_meeting_client: null,
    conference_meeting_url: null,
    conference_meeting_id: null,
    public_description: '',
    priority: null,
    note: null,
    ...extra,
  };
}

function deal(id: number, status: string, personId: number | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    title: `Deal ${id}`,
    owner_id: DANA,
    person_id: personId,
    org_id: null,
    pipeline_id: 1,
    stage_id: 1,
    value: 12000,
    currency: 'USD',
    add_time: '2026-02-01T10:00:00Z',
    update_time: '2026-10-01T14:00:00Z',
    stage_change_time: '2026-10-01T14:00:00Z',
    is_deleted: false,
    is_archived: false,
    status,
    probability: null,
    lost_reason: null,
    visible_to: 3,
    close_time: status === 'open' ? null : '2026-10-01T14:00:00Z',
    won_time: null,
    lost_time: null,
    expected_close_date: null,
    label_ids: [],
    origin: 'ManuallyCreated',
    ...extra,
  };
}

/** Each collection as the plain objects an API page's `data` holds. */
export interface V2Records {
  users: Record<string, unknown>[];
  persons: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  deals: Record<string, unknown>[];
}

/** Every fixture record, v2. */
export function v2Records(): V2Records {
  return {
    users: [
      {
        id: DANA,
        name: 'Dana Reyes',
        timezone_name: 'Europe/Kiev',
        timezone_offset: '+02:00',
        active_flag: true,
        is_admin: 1,
        is_you: true,
      },
      { id: OMAR, name: 'Omar Haddad', timezone_name: 'America/New_York', timezone_offset: '-05:00', active_flag: true, is_admin: 0 },
      // An unknown zone name.
      { id: 11884362, name: 'Kim Tan', timezone_name: 'Mars/Olympus_Mons', timezone_offset: '+00:00', active_flag: true, is_admin: 0 },
    ],
    persons: [
      person(1001, 'Ana Lima', DANA, '2026-01-05T10:00:00Z'),
      person(1002, 'Ben Okafor', DANA, '2026-02-01T09:15:00Z'),
      person(1003, 'Chloe Martin', OMAR, '2026-03-10T17:40:00Z', {
        custom_fields: { '9f3a1c0e5b7d4e2fa1c3b5d7e9f1a3c5b7d9e1f3': 27 },
      }),
      person(1004, 'Dev Patel', OMAR, '2026-03-11T08:00:00Z', { is_deleted: true }),
      // No offset on an ISO timestamp: v2 always writes one, so this is refused.
      person(1005, 'Eva Novak', OMAR, '2026-03-12T08:00:00'),
    ],
    activities: [
      activity(1, 'call', { person_id: 1001, participants: [{ person_id: 1001, primary: true }], note: 'Quarterly check-in' }),
      activity(2, 'deadline', { person_id: 1001, participants: [{ person_id: 1001, primary: true }] }),
      activity(3, 'call', {
        done: false,
        marked_as_done_time: null,
        due_date: '2026-12-02',
        person_id: 1002,
        participants: [{ person_id: 1002, primary: true }],
      }),
      activity(4, 'meeting', {
        due_date: '2026-11-12',
        due_time: null,
        duration: null,
        busy: false,
        marked_as_done_time: null,
        person_id: 1001,
        participants: [
          { person_id: 1002, primary: false },
          { person_id: 1001, primary: true },
          { person_id: 1003, primary: false },
        ],
      }),
      activity(5, 'call', {
        person_id: 1002,
        participants: [{ person_id: 1002, primary: true }],
        marked_as_done_time: '2026-11-31T10:00:00Z',
      }),
      activity(6, 'site_visit', { person_id: 1003, participants: [{ person_id: 1003, primary: true }], owner_id: OMAR }),
      activity(7, 'call', { deal_id: 501, due_date: '2026-10-20', due_time: '15:15:00', marked_as_done_time: '2026-10-20T15:50:00Z' }),
      activity(8, 'call', { person_id: 1001, participants: [{ person_id: 1001, primary: true }], is_deleted: true }),
      activity(9, 'lunch', {
        person_id: 1003,
        participants: [{ person_id: 1003, primary: true }],
        owner_id: OMAR,
        due_date: '2026-11-03',
        due_time: '17:00:00',
        marked_as_done_time: '2026-11-03T19:05:00Z',
      }),
    ],
    deals: [
      deal(501, 'won', 1002, { won_time: '2026-10-01T14:00:00Z' }),
      deal(502, 'won', 1002, { won_time: '2026-03-15T11:30:00Z' }),
      deal(503, 'open', 1001),
      deal(504, 'lost', 1003, { lost_time: '2026-08-20T09:00:00Z', lost_reason: 'Budget' }),
    ],
  };
}

/** Record counts, written down by hand. */
export const V2_COUNTS = { users: 3, persons: 5, activities: 9, deals: 4 } as const;
