/**
 * Each contact's state at `now`, before any tier or cycle: its last qualifying touch per touch
 * filter (cc_last), its zone and calendars (cc_contacts), and today, createdAt and each last touch
 * as local dates through the zone table (cc_local), each with whether the table could place it.
 */
import { sqlName, sqlString } from './dialect.js';
import type { SqlColumns } from './names.js';
import { type Context, filterSql, tracksLostTiers } from './query-context.js';

/**
 * The cc_last CTE: per contact, the instant of its last touch that counts for each touch filter.
 *
 * @example
 * ctes.push(['cc_last', lastTouchesSql(context)]);
 */
export function lastTouchesSql(context: Context): string {
  const at = `t.${sqlName(context.columns.touches.at)}`;
  const lasts = [...context.filters.values()].map(
    ({ index, counts }) => `max(CASE WHEN ${filterSql(context, counts)} THEN ${at} END) AS last_at_${index}`,
  );
  return [
    `SELECT t.${sqlName(context.columns.touches.contactId)} AS contact_id,`,
    ...lasts.map((line, index) => `  ${line}${index < lasts.length - 1 ? ',' : ''}`),
    `FROM ${sqlName(context.tables.touches)} AS t CROSS JOIN cc_now AS n`,
    `-- A touch dated after now is planned, not done.`,
    `WHERE ${at} <= n.now_at`,
    `GROUP BY t.${sqlName(context.columns.touches.contactId)}`,
  ].join('\n');
}

/**
 * The cc_contacts CTE: each contact with its zone, calendars, flags and last touches in epoch ms.
 *
 * @example
 * ctes.push(['cc_contacts', contactsSql(context)]);
 */
export function contactsSql(context: Context): string {
  const { policy, say } = context;
  const c = (name: keyof SqlColumns['contacts']) => `c.${sqlName(context.columns.contacts[name])}`;
  const o = (name: keyof SqlColumns['owners']) => `o.${sqlName(context.columns.owners[name])}`;
  const hasOwners = context.tables.owners !== null;
  const calendars = Object.keys(policy.calendars ?? {});
  // A calendar the policy lacks makes the contact's rows `unknown-calendar` (see cc_local), not
  // a failed query: evaluate reports it as a record error and goes on with the others.
  const unknown = (expression: string) =>
    calendars.length === 0
      ? `${expression} IS NOT NULL`
      : `(${expression} IS NOT NULL AND ${expression} NOT IN (${calendars.map(sqlString).join(', ')}))`;
  const ownerZone = hasOwners ? `${o('timeZone')}, ` : '';
  const ownerCalendar = hasOwners ? `${o('calendar')}, ` : '';
  const calendarUnknown = [unknown(c('calendar')), ...(hasOwners ? [unknown(o('calendar'))] : [])].join(' OR ');
  const lasts = [...context.filters.values()].map(({ index }) => `${say.epochMs(`l.last_at_${index}`)} AS last_ms_${index}`);
  return [
    `SELECT ${c('id')} AS contact_id, ${c('ownerId')} AS owner_id,`,
    `  -- The contact's zone: its own, its owner's, the policy's, UTC.`,
    `  -- In lower case, as the support tables key zones: names match without regard to case.`,
    `  lower(COALESCE(${c('timeZone')}, ${ownerZone}${sqlString(policy.timeZone ?? 'UTC')})) AS zone,`,
    `  ${c('tier')} AS explicit_tier,`,
    `  COALESCE(${ownerCalendar}${sqlString(policy.calendar ?? '')}) AS base_calendar,`,
    `  COALESCE(${c('calendar')}, '') AS contact_calendar, COALESCE(${calendarUnknown}, FALSE) AS calendar_unknown,`,
    `  COALESCE(${c('doNotContact')}, FALSE) AS do_not_contact, ${c('pausedUntil')} AS paused_until,`,
    `  ${c('attributes')} AS attributes, ${c('events')} AS events,`,
    `  ${say.epochMs(c('createdAt'))} AS created_ms, n.now_ms AS now_ms,`,
    `  ${lasts.join(', ')}`,
    `FROM ${sqlName(context.tables.contacts)} AS c`,
    ...(hasOwners ? [`LEFT JOIN ${sqlName(context.tables.owners!)} AS o ON ${o('id')} = ${c('ownerId')}`] : []),
    `LEFT JOIN cc_last AS l ON l.contact_id = ${c('id')}`,
    `CROSS JOIN cc_now AS n`,
  ].join('\n');
}

/**
 * Join to the zone table for the stretch holding `ms` in the row's zone.
 *
 * @example
 * zoneJoin(context, 'zn', 'x.now_ms') // LEFT JOIN "cc_zone_days" AS zn ON zn.zone = x.zone …
 */
export function zoneJoin(context: Context, alias: string, ms: string): string {
  return (
    `LEFT JOIN ${sqlName(context.tables.zoneDays)} AS ${alias} ON ${alias}.zone = x.zone` +
    ` AND ${alias}.utc_day = ${context.say.epochDay(ms)} AND ${ms} >= ${alias}.from_ms AND ${ms} < ${alias}.to_ms`
  );
}

/**
 * The local date of `ms` through a zone join. `zoneUnknown`: the condition under which the row's
 * zone is not in the table at all, where the date is NULL (the row's status says `unknown-zone`).
 * An instant the table cannot place in a zone it holds (before `from` or past `to`) is no failed
 * query: its date is the lowest it can be, the UTC date less one day (every UTC offset lies
 * strictly between -24 and +24 hours, so the local date is that day, the next or the one after),
 * and `lostDay` says so; each reader decides whether its answer can depend on the difference.
 *
 * @example
 * `${localDay(context, 'zn', 'x.now_ms', 'zk.zone IS NULL')} AS today`
 */
export function localDay(context: Context, alias: string, ms: string, zoneUnknown: string): string {
  const { say } = context;
  return (
    `CASE WHEN ${ms} IS NULL OR ${zoneUnknown} THEN NULL WHEN ${alias}.zone IS NULL THEN DATE '1970-01-01' + (${say.epochDay(ms)} - 1)` +
    ` ELSE DATE '1970-01-01' + ${say.epochDay(`${ms} + ${alias}.offset_ms`)} END`
  );
}

/**
 * Whether the zone table could not place `ms` in a zone it holds: `localDay` then gave the
 * lowest date the instant can have, and the true one is up to two days later.
 *
 * @example
 * `${lostDay('zn', 'x.now_ms', 'zk.zone IS NULL')} AS today_lost`
 */
export function lostDay(alias: string, ms: string, zoneUnknown: string): string {
  return `COALESCE(${ms} IS NOT NULL AND NOT (${zoneUnknown}) AND ${alias}.zone IS NULL, FALSE)`;
}

/**
 * The highest date a local date from `localDay` can be: two days later when it was lost.
 *
 * @example
 * highDay('s.created_day', 's.created_lost') // CASE WHEN s.created_lost THEN s.created_day + 2 ELSE s.created_day END
 */
export function highDay(day: string, lost: string): string {
  return `CASE WHEN ${lost} THEN ${day} + 2 ELSE ${day} END`;
}

const STATE_COLUMNS = [
  'contact_id',
  'problem',
  'owner_id',
  'zone',
  'base_calendar',
  'contact_calendar',
  'do_not_contact',
  'paused_until',
  'attributes',
  'events',
  'today',
  'today_lost',
  'created_day',
  'created_lost',
];

const ZONE_UNKNOWN = 'zk.zone IS NULL';

/**
 * The cc_zones CTE: the zones the zone table holds.
 *
 * @example
 * ctes.push(['cc_zones', zonesSql(context)]);
 */
export function zonesSql(context: Context): string {
  return `SELECT DISTINCT zone FROM ${sqlName(context.tables.zoneDays)}`;
}

/**
 * The cc_local CTE: today, createdAt and each last touch as local dates in the contact's zone.
 *
 * @example
 * ctes.push(['cc_local', localSql(context)]);
 */
export function localSql(context: Context): string {
  const filters = [...context.filters.values()].map(({ index }) => index);
  return [
    `SELECT x.contact_id, x.owner_id, x.zone, x.base_calendar, x.contact_calendar, x.do_not_contact, x.paused_until,${readsAttributes(context) ? ' x.attributes,' : ''}${readsEvents(context) ? ' x.events,' : ''}`,
    `  -- A zone the support tables lack, or a calendar the policy lacks: every row of the contact`,
    `  -- says so in its status, and the contact takes no place in a top-N ranking.`,
    `  CASE WHEN zk.zone IS NULL THEN 'unknown-zone' WHEN x.calendar_unknown THEN 'unknown-calendar' END AS problem,`,
    `  -- An instant the zone table cannot place (before from, past to) is flagged, not a failed query.`,
    `  ${localDay(context, 'zn', 'x.now_ms', ZONE_UNKNOWN)} AS today, ${lostDay('zn', 'x.now_ms', ZONE_UNKNOWN)} AS today_lost,`,
    `  ${localDay(context, 'zc', 'x.created_ms', ZONE_UNKNOWN)} AS created_day, ${lostDay('zc', 'x.created_ms', ZONE_UNKNOWN)} AS created_lost,`,
    ...filters.map(
      (index) =>
        `  x.last_ms_${index}, ${localDay(context, `z${index}`, `x.last_ms_${index}`, ZONE_UNKNOWN)} AS last_day_${index}, ${lostDay(`z${index}`, `x.last_ms_${index}`, ZONE_UNKNOWN)} AS last_lost_${index},`,
    ),
    `  x.explicit_tier AS tier_id${tracksLostTiers(context) ? ', FALSE AS tier_lost' : ''}`,
    `FROM cc_contacts AS x`,
    `LEFT JOIN cc_zones AS zk ON zk.zone = x.zone`,
    zoneJoin(context, 'zn', 'x.now_ms'),
    zoneJoin(context, 'zc', 'x.created_ms'),
    ...filters.map((index) => zoneJoin(context, `z${index}`, `x.last_ms_${index}`)),
  ].join('\n');
}

/**
 * The columns of a contact's state row that every later CTE carries along.
 *
 * @example
 * const keep = stateColumns(context).map((column) => `s.${column}`).join(', ');
 */
export function stateColumns(context: Context): string[] {
  return [
    ...STATE_COLUMNS.filter((column) => column !== 'attributes' || readsAttributes(context)).filter(
      (column) => column !== 'events' || readsEvents(context),
    ),
    ...[...context.filters.values()].flatMap(({ index }) => [`last_ms_${index}`, `last_day_${index}`, `last_lost_${index}`]),
  ];
}

// The JSON columns are carried through the query only when a rule reads them: at a million
// contacts they are most of a row's bytes.
function readsAttributes(context: Context): boolean {
  return (context.policy.assign ?? []).some((rule) => rule.top !== undefined || (rule.when !== undefined && 'attribute' in rule.when));
}

function readsEvents(context: Context): boolean {
  return context.policy.tiers.some((tier) =>
    tier.cycles.some((cycle) => 'after' in cycle.cadence || ('rrule' in cycle.cadence && cycle.cadence.anchor !== undefined)),
  );
}
