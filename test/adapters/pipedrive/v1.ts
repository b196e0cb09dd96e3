/**
 * A small Pipedrive company as API v1 returns it (`GET /v1/users`, `/v1/persons`, `/v1/activities`,
 * `/v1/deals` `data` items), written from the published v1 shapes: numeric ids, `owner_id` and a
 * deal's `person_id` as objects whose `value` is the id, timestamps `YYYY-MM-DD HH:mm:ss` in UTC,
 * `due_time` `HH:MM` or empty, `marked_as_done_time` empty until done, `participants` with
 * `primary_flag`, `active_flag` false once deleted. A function, so every test gets a fresh copy.
 */

const company_id = 7780468;

function owner(id: number, name: string) {
  return { id, name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, has_pic: 0, pic_hash: null, active_flag: true, value: id };
}

const DANA = owner(11884360, 'Dana Reyes');
const OMAR = owner(11884361, 'Omar Haddad');

function person(id: number, name: string, ownerObject: ReturnType<typeof owner>, addTime: string, extra: Record<string, unknown> = {}) {
  const [first_name, last_name] = name.split(' ');
  return {
    id,
    company_id,
    owner_id: ownerObject,
    org_id: null,
    name,
    first_name,
    last_name,
    open_deals_count: 0,
    closed_deals_count: 0,
    activities_count: 1,
    done_activities_count: 1,
    active_flag: true,
    phone: [{ label: 'work', value: '+14443332266', primary: true }],
    email: [{ label: 'work', value: `${first_name!.toLowerCase()}@example.org`, primary: true }],
    first_char: name[0]!.toLowerCase(),
    update_time: addTime,
    delete_time: null,
    add_time: addTime,
    visible_to: '3',
    next_activity_date: null,
    next_activity_time: null,
    label: 1,
    owner_name: ownerObject.name,
    cc_email: 'sandbox@pipedrivemail.com',
    ...extra,
  };
}

function activity(id: number, type: string, extra: Record<string, unknown>) {
  return {
    id,
    company_id,
    user_id: DANA.id,
    done: true,
    type,
    reference_type: null,
    reference_id: null,
    due_date: '2026-11-10',
    due_time: '09:30',
    duration: '00:30',
    busy_flag: true,
    add_time: '2026-11-09 16:02:04',
    marked_as_done_time: '2026-11-10 09:42:10',
    subject: `${type[0]!.toUpperCase()}${type.slice(1)} with customer`,
    public_description: '',
    location: null,
    org_id: null,
    person_id: null,
    deal_id: null,
    lead_id: null,
    active_flag: true,
    update_time: '2026-11-10 09:42:10',
    private: false,
    note: '',
    created_by_user_id: DANA.id,
    attendees: null,
    participants: null,
    series: null,
    is_recurring: null,
    owner_name: DANA.name,
    assigned_to_user_id: DANA.id,
    type_name: `${type[0]!.toUpperCase()}${type.slice(1)}`,
    ...extra,
  };
}

function deal(id: number, status: string, personId: number | null, extra: Record<string, unknown> = {}) {
  return {
    id,
    creator_user_id: DANA,
    user_id: DANA,
    person_id:
      personId === null
        ? null
        : { active_flag: true, name: `Person ${personId}`, email: [], phone: [], owner_id: DANA.id, value: personId },
    org_id: null,
    stage_id: 1,
    title: `Deal ${id}`,
    value: 12000,
    currency: 'USD',
    add_time: '2026-02-01 10:00:00',
    update_time: '2026-10-01 14:00:00',
    stage_change_time: '2026-10-01 14:00:00',
    active: status === 'open',
    deleted: false,
    status,
    probability: null,
    next_activity_date: null,
    lost_reason: null,
    visible_to: '3',
    close_time: status === 'open' ? null : '2026-10-01 14:00:00',
    pipeline_id: 1,
    won_time: null,
    lost_time: null,
    expected_close_date: null,
    ...extra,
  };
}

/** Each collection as the plain objects an API page's `data` holds. */
export interface V1Records {
  users: Record<string, unknown>[];
  persons: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  deals: Record<string, unknown>[];
}

/** Every fixture record, v1. */
export function v1Records(): V1Records {
  return {
    users: [
      {
        id: DANA.id,
        name: DANA.name,
        default_currency: 'USD',
        timezone_name: 'Europe/Kiev',
        timezone_offset: '+02:00',
        locale: 'en_US',
        email: DANA.email,
        phone: null,
        created: '2020-12-10 07:23:44',
        modified: '2026-11-22 14:21:29',
        lang: 1,
        active_flag: true,
        is_admin: 1,
        last_login: '2026-11-22 14:21:29',
        role_id: 1,
        icon_url: null,
        is_you: true,
      },
      {
        id: OMAR.id,
        name: OMAR.name,
        default_currency: 'USD',
        timezone_name: 'America/New_York',
        timezone_offset: '-05:00',
        locale: 'en_US',
        email: OMAR.email,
        phone: null,
        created: '2021-03-01 09:00:00',
        modified: '2026-11-20 10:00:00',
        lang: 1,
        active_flag: true,
        is_admin: 0,
        last_login: '2026-11-20 10:00:00',
        role_id: 1,
        icon_url: null,
        is_you: false,
      },
    ],
    persons: [
      person(1001, 'Ana Lima', DANA, '2026-01-05 10:00:00'),
      person(1002, 'Ben Okafor', DANA, '2026-02-01 09:15:00'),
      person(1003, 'Chloe Martin', OMAR, '2026-03-10 17:40:00', { marketing_status: 'unsubscribed' }),
      // Deleted: v1 keeps the record with active_flag false.
      person(1004, 'Dev Patel', OMAR, '2026-03-11 08:00:00', { active_flag: false, delete_time: '2026-09-01 12:00:00' }),
      // A bad timestamp: month 13.
      person(1005, 'Eva Novak', OMAR, '2026-13-02 08:00:00'),
    ],
    activities: [
      // A done call: marked_as_done_time (UTC, no offset) is the touch's instant.
      activity(1, 'call', { person_id: 1001, participants: [{ person_id: 1001, primary_flag: true }], note: 'Quarterly check-in<br>' }),
      // A task is work, not a touch.
      activity(2, 'task', { person_id: 1001, participants: [{ person_id: 1001, primary_flag: true }] }),
      // Not done yet.
      activity(3, 'call', {
        done: false,
        marked_as_done_time: '',
        due_date: '2026-12-02',
        person_id: 1002,
        participants: [{ person_id: 1002, primary_flag: true }],
      }),
      // One meeting with three persons, no time and no done time: due_date at noon in Dana's zone.
      activity(4, 'meeting', {
        due_date: '2026-11-12',
        due_time: '',
        duration: '',
        marked_as_done_time: '',
        busy_flag: false,
        person_id: 1001,
        participants: [
          { person_id: 1002, primary_flag: false },
          { person_id: 1001, primary_flag: true },
          { person_id: 1003, primary_flag: false },
        ],
      }),
      // A bad timestamp.
      activity(5, 'call', { person_id: 1002, participants: [{ person_id: 1002, primary_flag: true }], marked_as_done_time: 'yesterday' }),
      // A custom activity type.
      activity(6, 'site_visit', {
        person_id: 1003,
        participants: [{ person_id: 1003, primary_flag: true }],
        user_id: OMAR.id,
        type_name: 'Site visit',
      }),
      // Linked only to a deal: the deal's person is the contact.
      activity(7, 'call', { deal_id: 501, due_date: '2026-10-20', due_time: '15:15', marked_as_done_time: '2026-10-20 15:50:00' }),
      // Deleted.
      activity(8, 'call', { person_id: 1001, participants: [{ person_id: 1001, primary_flag: true }], active_flag: false }),
      // A lunch, done, timed, owned by Omar.
      activity(9, 'lunch', {
        person_id: 1003,
        participants: [{ person_id: 1003, primary_flag: true }],
        user_id: OMAR.id,
        due_date: '2026-11-03',
        due_time: '17:00',
        marked_as_done_time: '2026-11-03 19:05:00',
      }),
    ],
    deals: [
      deal(501, 'won', 1002, { won_time: '2026-10-01 14:00:00' }),
      // An earlier win for the same person: the latest one is closedWon.
      deal(502, 'won', 1002, { won_time: '2026-03-15 11:30:00' }),
      deal(503, 'open', 1001),
      deal(504, 'lost', 1003, { lost_time: '2026-08-20 09:00:00', lost_reason: 'Budget' }),
    ],
  };
}

/** Record counts, written down by hand. */
export const V1_COUNTS = { users: 2, persons: 5, activities: 9, deals: 4 } as const;
