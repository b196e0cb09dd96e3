/**
 * Each contact's state at `now`, before any tier or cycle: its last qualifying touch per touch
 * filter (cc_last), its zone and calendars (cc_contacts), and today, createdAt and each last touch
 * as local dates through the zone table (cc_local).
 */
import { sqlName, sqlString } from './dialect.js';
import type { SqlColumns } from './names.js';
import { type Context, failDate, failText, filterSql } from './query-context.js';

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
  const known = (expression: string, what: string) =>
    calendars.length === 0
      ? `CASE WHEN ${expression} IS NULL THEN NULL ELSE ${failText(`'calling-cycle: unknown calendar "' || ${expression} || '" (${what})'`)} END`
      : `CASE WHEN ${expression} IS NULL OR ${expression} IN (${calendars.map(sqlString).join(', ')}) THEN ${expression} ELSE ${failText(`'calling-cycle: unknown calendar "' || ${expression} || '" (${what})'`)} END`;
  const ownerZone = hasOwners ? `${o('timeZone')}, ` : '';
  const ownerCalendar = hasOwners ? `${known(o('calendar'), 'owner calendar')}, ` : '';
  const lasts = [...context.filters.values()].map(({ index }) => `${say.epochMs(`l.last_at_${index}`)} AS last_ms_${index}`);
  return [
    `SELECT ${c('id')} AS contact_id, ${c('ownerId')} AS owner_id,`,
    `  -- The contact's zone: its own, its owner's, the policy's, UTC.`,
    `  -- In lower case, as the support tables key zones: names match without regard to case.`,
    `  lower(COALESCE(${c('timeZone')}, ${ownerZone}${sqlString(policy.timeZone ?? 'UTC')})) AS zone,`,
    `  ${c('tier')} AS explicit_tier,`,
    `  COALESCE(${ownerCalendar}${sqlString(policy.calendar ?? '')}) AS base_calendar,`,
    `  COALESCE(${known(c('calendar'), 'contact calendar')}, '') AS contact_calendar,`,
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
    ` AND ${alias}.utc_day = CAST(floor(${ms} / 86400000.0) AS INTEGER) AND ${ms} >= ${alias}.from_ms AND ${ms} < ${alias}.to_ms`
  );
}

/**
 * The local date of `ms` through a zone join, failing the query when the zone table lacks it.
 *
 * @example
 * `${localDay('zn', 'x.now_ms', 'now')} AS today`
 */
export function localDay(alias: string, ms: string, what: string): string {
  return (
    `CASE WHEN ${ms} IS NULL THEN NULL WHEN ${alias}.zone IS NULL THEN ` +
    failDate(
      `'calling-cycle: no offset for zone ' || x.zone || ' at epoch ms ' || CAST(${ms} AS VARCHAR) || ' (${what}): add the zone or widen from/to in sqlSupportTables'`,
    ) +
    ` ELSE DATE '1970-01-01' + CAST(floor((${ms} + ${alias}.offset_ms) / 86400000.0) AS INTEGER) END`
  );
}

const STATE_COLUMNS = [
  'contact_id',
  'owner_id',
  'zone',
  'base_calendar',
  'contact_calendar',
  'do_not_contact',
  'paused_until',
  'attributes',
  'events',
  'today',
  'created_day',
];

/**
 * The cc_local CTE: today, createdAt and each last touch as local dates in the contact's zone.
 *
 * @example
 * ctes.push(['cc_local', localSql(context)]);
 */
export function localSql(context: Context): string {
  const filters = [...context.filters.values()].map(({ index }) => index);
  return [
    `SELECT x.contact_id, x.owner_id, x.zone, x.base_calendar, x.contact_calendar, x.do_not_contact, x.paused_until, x.attributes, x.events,`,
    `  ${localDay('zn', 'x.now_ms', 'now')} AS today,`,
    `  ${localDay('zc', 'x.created_ms', 'createdAt')} AS created_day,`,
    ...filters.map((index) => `  x.last_ms_${index}, ${localDay(`z${index}`, `x.last_ms_${index}`, 'touch')} AS last_day_${index},`),
    `  x.explicit_tier AS tier_id`,
    `FROM cc_contacts AS x`,
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
  return [...STATE_COLUMNS, ...[...context.filters.values()].flatMap(({ index }) => [`last_ms_${index}`, `last_day_${index}`])];
}
