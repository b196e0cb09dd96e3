/**
 * Staging views over a HubSpot sync: Fivetran's tables (`contact`, `owner`, `engagement_call`,
 * `engagement_meeting`, `engagement_email`, `engagement_task`, `engagement_contact`, `deal`,
 * `deal_contact`; each property a `property_<name>` column) or Airbyte's streams (`contacts`,
 * `owners`, `engagements_calls` …; the properties in a JSON `properties` column, the associated
 * contact ids in a JSON `contacts` array). The rules are `fromHubSpot`'s (activities.ts,
 * contacts.ts, owners.ts, deals.ts), its tables imported: the built-in call outcomes
 * (`HUBSPOT_CALL_DISPOSITIONS`), the task types (`TASK_CHANNELS`) and the zone spelling
 * (`hubSpotTimeZone` for the zones the options give).
 */
import { TASK_CHANNELS } from '../adapters/hubspot/activities.js';
import { DEFAULT_KEY_PROPERTY } from '../adapters/hubspot/activities.js';
import { HUBSPOT_CALL_DISPOSITIONS } from '../adapters/hubspot/values.js';
import { hubSpotTimeZone } from '../adapters/hubspot/zones.js';
import { InputError } from '../errors/errors.js';
import { sqlName, sqlString } from './dialect.js';
import { type HubSpotStagingOptions, plannedShapes, refuseDotted, sqlList, type StagingSql } from './staging-sql.js';

type Kind = 'calls' | 'meetings' | 'emails' | 'tasks';

/** Reasons that are errors in `fromHubSpot`'s ledger; every other reason is a skip. */
const ERROR_REASONS = ['bad-value', 'missing-field', 'bad-instant', 'no-contact', 'unknown-zone'];

const NULL_TEXT = 'CAST(NULL AS VARCHAR)';

/**
 * Adds the HubSpot views to `sql`; returns the notes on what the warehouse cannot give.
 *
 * @example
 * const notes = hubSpotStaging(writer, { source: 'airbyte-hubspot', dialect: 'postgres' });
 */
export function hubSpotStaging(sql: StagingSql, options: HubSpotStagingOptions): string[] {
  const airbyte = options.source === 'airbyte-hubspot';
  for (const name of [options.tierProperty, options.purposeProperty, ...(options.doNotContactProperties ?? [])])
    refuseDotted(name, ['options']);
  const attributePairs: [string, string][] = Array.isArray(options.attributes)
    ? (options.attributes as readonly string[]).map((name) => [name, name])
    : Object.entries(options.attributes ?? {});
  for (const [property] of attributePairs) refuseDotted(property, ['attributes', property]);

  const tables = airbyte
    ? {
        contacts: 'contacts',
        owners: 'owners',
        calls: 'engagements_calls',
        meetings: 'engagements_meetings',
        emails: 'engagements_emails',
        tasks: 'engagements_tasks',
      }
    : {
        contacts: 'contact',
        owners: 'owner',
        calls: 'engagement_call',
        meetings: 'engagement_meeting',
        emails: 'engagement_email',
        tasks: 'engagement_task',
      };
  /** A property's raw value: a typed column (Fivetran) or the text in the JSON (Airbyte). */
  const raw = (alias: string, name: string) =>
    airbyte ? sql.jsonText(`${alias}."properties"`, name) : `${alias}.${sqlName(`property_${name}`)}`;
  const prop = (alias: string, name: string) => sql.text(raw(alias, name));
  const archived = (alias: string) => (airbyte ? `COALESCE(${alias}."archived", FALSE)` : `COALESCE(${alias}."_fivetran_deleted", FALSE)`);
  /** An instant property: typed (Fivetran), or text holding ISO 8601 or epoch ms (Airbyte). */
  const instant = (alias: string, name: string) => (airbyte ? sql.instantFromText(prop(alias, name)) : sql.instant(raw(alias, name)));
  /** `missing-field` when unset, `bad-instant` when set but no instant. */
  const instantProblem = (alias: string, name: string) =>
    `WHEN ${prop(alias, name)} IS NULL THEN 'missing-field' WHEN ${instant(alias, name)} IS NULL THEN 'bad-instant'`;
  const skipArchived = (alias: string) => (options.includeArchived === true ? '' : `WHEN ${archived(alias)} THEN 'archived'`);

  const people = sql.helper('people');
  const activities = sql.helper('activities');
  const targets = sql.helper('targets');

  // ——— contacts ———
  const zoneText = prop('s', 'hs_timezone');
  const zone = `replace(replace(lower(${zoneText}), '_slash_', '/'), '_hyphen_', '-')`;
  const attribute = (property: string) => {
    const value = prop('s', property);
    // Plain decimal numbers become numbers (for gte/lte and top-N), as `attributeValue`; `02139` stays text.
    return `CASE WHEN ${value} IS NULL THEN NULL WHEN ${sql.matches(value, '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$')} THEN ${sql.jsonNumber(value)} ELSE ${sql.jsonString(value)} END`;
  };
  const flagWords = (value: string, words: string) => `lower(${value}) IN (${words})`;
  const doNotContact = (options.doNotContactProperties ?? []).map((name) => prop('s', name));
  const createdSet = prop('s', 'createdate');
  const created = airbyte
    ? `CASE WHEN ${createdSet} IS NOT NULL THEN ${sql.instantFromText(createdSet)} ELSE ${sql.instant('s."createdAt"')} END`
    : sql.instant(raw('s', 'createdate'));
  // In the adapter's order: archived, then the zone, the creation date and the do-not-contact flags.
  const contactBranches = [
    skipArchived('s'),
    sql.unknownZone(zoneText),
    airbyte ? `WHEN ${createdSet} IS NOT NULL AND ${sql.instantFromText(createdSet)} IS NULL THEN 'bad-instant'` : '',
    ...doNotContact.map(
      (value) => `WHEN ${value} IS NOT NULL AND NOT ${flagWords(value, "'true', 'yes', '1', 'false', 'no', '0'")} THEN 'bad-value'`,
    ),
  ].filter((branch) => branch !== '');
  const contactVerdict = contactBranches.length === 0 ? NULL_TEXT : `CASE ${contactBranches.join('\n    ')} END`;
  sql.view(
    people,
    [
      `SELECT CAST(s."id" AS VARCHAR) AS id, ${sqlString(tables.contacts)} AS source_table, ${prop('s', 'hubspot_owner_id')} AS owner_id,`,
      // HubSpot spells zones as slugs (america_slash_new_york); the query matches zones without regard to case.
      `  ${zone} AS time_zone,`,
      `  ${options.tierProperty === undefined ? NULL_TEXT : prop('s', options.tierProperty)} AS tier, ${created} AS created_at,`,
      `  ${options.attributes === undefined ? `CAST(NULL AS ${sql.jsonType})` : sql.jsonObject(attributePairs.map(([property, name]) => [name, attribute(property)]))} AS attributes,`,
      `  ${doNotContact.length === 0 ? 'CAST(NULL AS BOOLEAN)' : `CASE WHEN ${doNotContact.map((value) => flagWords(value, "'true', 'yes', '1'")).join(' OR ')} THEN TRUE END`} AS do_not_contact,`,
      `  ${contactVerdict} AS verdict`,
      `FROM ${sql.table(tables.contacts)} AS s`,
      sql.knownZone(zone),
    ].join('\n'),
  );

  // ——— owners: zone and calendar from the options, as HubSpot holds neither ———
  const settings = ownerSettings(options);
  const ownerId = airbyte ? 'CAST(o."id" AS VARCHAR)' : 'CAST(o."owner_id" AS VARCHAR)';
  const setting = (field: 'timeZone' | 'calendar') =>
    sql.lookup(
      ownerId,
      settings.own.flatMap(([id, own]) => (own[field] === undefined ? [] : [[id, sqlString(own[field])] as const])),
      settings.defaults[field] === undefined ? NULL_TEXT : sqlString(settings.defaults[field]),
    );
  sql.view(
    sql.views.owners,
    [
      `SELECT ${ownerId} AS id, ${setting('timeZone')} AS time_zone, ${setting('calendar')} AS calendar,`,
      // Archived owners are kept, marked inactive: their contacts still plan. Fivetran's owner table has no such column.
      `  ${airbyte ? 'NOT COALESCE(o."archived", FALSE)' : 'CAST(NULL AS BOOLEAN)'} AS active`,
      `FROM ${sql.table(tables.owners)} AS o`,
    ].join('\n'),
  );

  // ——— activities, one row each ———
  const purpose = (alias: string) => {
    if (options.purposeProperty === undefined) return NULL_TEXT;
    const value = prop(alias, options.purposeProperty);
    return sql.lookup(
      value,
      Object.entries(options.purposes ?? {}).map(([key, mapped]) => [key, sqlString(mapped)]),
      value,
    );
  };
  const activityId = airbyte ? 'CAST(s."id" AS VARCHAR)' : 'CAST(s."engagement_id" AS VARCHAR)';
  const links = airbyte ? `, s."contacts" AS links` : '';
  const select = (kind: Kind, columns: Record<string, string>): string =>
    [
      `SELECT ${sqlString(tables[kind])} AS source_table, ${activityId} AS id,`,
      `  ${Object.entries(columns)
        .map(([name, expression]) => `${expression} AS ${sqlName(name)}`)
        .join(',\n  ')}${links}`,
      `FROM ${sql.table(tables[kind])} AS s`,
    ].join('\n');

  const callStatus = `upper(${prop('s', 'hs_call_status')})`;
  const callDirection = `upper(${prop('s', 'hs_call_direction')})`;
  const disposition = prop('s', 'hs_call_disposition');
  const own = Object.entries(options.dispositions ?? {}).map(
    ([key, outcome]) => `WHEN ${disposition} = ${sqlString(key)} THEN ${sqlString(outcome)}`,
  );
  const builtIn = Object.entries(HUBSPOT_CALL_DISPOSITIONS).map(
    ([key, { outcome }]) => `WHEN lower(${disposition}) = ${sqlString(key)} THEN ${sqlString(outcome)}`,
  );
  const callOutcome = `CASE WHEN ${disposition} IS NULL THEN NULL ${[...own, ...builtIn].join(' ')} END`;
  const calleeType = `upper(${prop('s', 'hs_call_callee_object_type')})`;
  const calls = select('calls', {
    activity_verdict: [
      `CASE ${skipArchived('s')}`,
      // A call logged by hand has no dialer status: it is a record of a call that happened.
      `    WHEN ${callStatus} IS NOT NULL AND ${callStatus} <> 'COMPLETED' THEN 'call-not-completed'`,
      `    ${instantProblem('s', 'hs_timestamp')}`,
      `    WHEN ${callDirection} IS NOT NULL AND ${callDirection} NOT IN ('OUTBOUND', 'INBOUND') THEN 'bad-value'`,
      `    WHEN ${disposition} IS NOT NULL AND ${callOutcome} IS NULL THEN 'bad-value' END`,
    ].join('\n'),
    at: instant('s', 'hs_timestamp'),
    channel: "'call'",
    direction: `CASE ${callDirection} WHEN 'OUTBOUND' THEN 'outbound' WHEN 'INBOUND' THEN 'inbound' END`,
    outcome: callOutcome,
    purpose: purpose('s'),
    key_contact: NULL_TEXT,
    callee: `CASE WHEN ${calleeType} = 'CONTACT' OR ${prop('s', 'hs_call_callee_object_type_id')} = '0-1' THEN ${prop('s', 'hs_call_callee_object_id')} END`,
  });

  const meetingOutcome = `upper(${prop('s', 'hs_meeting_outcome')})`;
  const startName = `CASE WHEN ${prop('s', 'hs_meeting_start_time')} IS NOT NULL THEN 'start' END`;
  const meetingStart = `CASE WHEN ${startName} IS NOT NULL THEN ${instant('s', 'hs_meeting_start_time')} ELSE ${instant('s', 'hs_timestamp')} END`;
  const meetings = select('meetings', {
    activity_verdict: [
      `CASE ${skipArchived('s')}`,
      `    WHEN ${meetingOutcome} IN ('RESCHEDULED', 'NO_SHOW', 'CANCELED', 'CANCELLED') THEN 'meeting-not-held'`,
      `    WHEN ${meetingOutcome} IS NULL OR ${meetingOutcome} <> 'COMPLETED' THEN 'meeting-not-completed'`,
      `    WHEN ${startName} IS NULL AND ${prop('s', 'hs_timestamp')} IS NULL THEN 'missing-field'`,
      `    WHEN ${meetingStart} IS NULL THEN 'bad-instant' END`,
    ].join('\n'),
    at: meetingStart,
    channel: "'meeting'",
    direction: NULL_TEXT,
    outcome: "'connected'",
    purpose: purpose('s'),
    key_contact: NULL_TEXT,
    callee: NULL_TEXT,
  });

  const emailStatus = `upper(${prop('s', 'hs_email_status')})`;
  const emailDirection = `upper(${prop('s', 'hs_email_direction')})`;
  const emails = select('emails', {
    activity_verdict: [
      `CASE ${skipArchived('s')}`,
      // SCHEDULED, SENDING and FAILED emails were never delivered; a logged email has no status.
      `    WHEN ${emailStatus} IS NOT NULL AND ${emailStatus} NOT IN ('SENT', 'BOUNCED') THEN 'email-not-sent'`,
      `    ${instantProblem('s', 'hs_timestamp')}`,
      `    WHEN ${emailDirection} IS NOT NULL AND ${emailDirection} NOT IN ('EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL') THEN 'bad-value' END`,
    ].join('\n'),
    at: instant('s', 'hs_timestamp'),
    channel: "'email'",
    direction: `CASE ${emailDirection} WHEN 'EMAIL' THEN 'outbound' WHEN 'INCOMING_EMAIL' THEN 'inbound' WHEN 'FORWARDED_EMAIL' THEN ${sqlString(options.forwardedEmailDirection ?? 'inbound')} END`,
    outcome: `CASE WHEN ${emailStatus} = 'BOUNCED' THEN 'bounced' END`,
    purpose: purpose('s'),
    key_contact: NULL_TEXT,
    callee: NULL_TEXT,
  });

  const taskType = `COALESCE(upper(${prop('s', 'hs_task_type')}), 'TODO')`;
  const channels = { ...TASK_CHANNELS, ...options.taskChannels };
  const typeChannel = sql.lookup(
    taskType,
    Object.entries(channels).flatMap(([type, channel]) => (channel === null ? [] : [[type.toUpperCase(), sqlString(channel)] as const])),
    NULL_TEXT,
  );
  const key = prop('s', options.keyProperty ?? DEFAULT_KEY_PROPERTY);
  const keyValid = sql.matches(key, '^cc1:[^:]*:[^:]*:[0-9]{4}-[0-9]{2}-[0-9]{2}$');
  const keyCycle = `CASE WHEN ${keyValid} THEN split_part(${key}, ':', 3) END`;
  const shapes = plannedShapes(sql.policy);
  const shape = (field: 'channel' | 'direction' | 'outcome' | 'purpose') =>
    sql.lookup(
      keyCycle,
      [...shapes].flatMap(([cycle, value]) => (value[field] === undefined ? [] : [[cycle, sqlString(value[field])] as const])),
      NULL_TEXT,
    );
  const hasShape = shapes.size === 0 ? 'FALSE' : `COALESCE(${keyCycle} IN (${sqlList([...shapes.keys()])}), FALSE)`;
  const completion = prop('s', 'hs_task_completion_date');
  const taskAt = `CASE WHEN ${completion} IS NOT NULL THEN ${instant('s', 'hs_task_completion_date')} ELSE ${instant('s', 'hs_timestamp')} END`;
  // No association from a task to its call is in either sync: a CALL task's outcome is `unknown`, as the adapter's without one.
  const taskChannel = `CASE WHEN ${keyCycle} IS NULL THEN ${typeChannel} WHEN ${hasShape} THEN ${shape('channel')} ELSE COALESCE(${typeChannel}, 'call') END`;
  const tasks = select('tasks', {
    activity_verdict: [
      `CASE ${skipArchived('s')}`,
      `    WHEN ${prop('s', 'hs_task_status')} IS NULL OR upper(${prop('s', 'hs_task_status')}) <> 'COMPLETED' THEN 'open-task'`,
      `    WHEN ${keyCycle} IS NULL AND ${typeChannel} IS NULL THEN 'not-a-touch-type'`,
      `    WHEN ${completion} IS NOT NULL AND ${taskAt} IS NULL THEN 'bad-instant'`,
      `    WHEN ${completion} IS NULL AND ${prop('s', 'hs_timestamp')} IS NULL THEN 'missing-field'`,
      `    WHEN ${taskAt} IS NULL THEN 'bad-instant' END`,
    ].join('\n'),
    at: taskAt,
    channel: taskChannel,
    direction: `CASE WHEN ${hasShape} THEN ${shape('direction')} ELSE 'outbound' END`,
    outcome: `CASE WHEN ${taskChannel} = 'call' THEN 'unknown' WHEN ${hasShape} THEN ${shape('outcome')} WHEN ${keyCycle} IS NOT NULL THEN 'connected' END`,
    purpose: `CASE WHEN ${hasShape} THEN COALESCE(${shape('purpose')}, ${purpose('s')}) ELSE ${purpose('s')} END`,
    key_contact: `CASE WHEN ${keyValid} THEN split_part(${key}, ':', 2) END`,
    callee: NULL_TEXT,
  });
  sql.view(activities, [calls, meetings, emails, tasks].join('\nUNION ALL\n'));

  // ——— which contacts each activity goes to: its associations, else a call's callee, and a planned task's contact ———
  // The activities are read once, and their links once, into materialized CTEs: written out in
  // each branch, the activities view (four large SELECTs) was planned five times per read of
  // `touches`, which took DuckDB seconds for a policy whose query reads `touches` three times.
  const linked = airbyte
    ? `SELECT a.source_table, a.id, ${sql.jsonElements('a.links')} AS contact_id FROM a`
    : [
        'SELECT a.source_table, a.id, CAST(l."contact_id" AS VARCHAR) AS contact_id FROM a',
        `JOIN ${sql.table('engagement_contact')} AS l ON CAST(l."engagement_id" AS VARCHAR) = a.id`,
      ].join('\n');
  sql.view(
    targets,
    [
      `WITH a AS MATERIALIZED (SELECT source_table, id, callee, key_contact${airbyte ? ', links' : ''} FROM ${sqlName(activities)}),`,
      `linked AS MATERIALIZED (${linked})`,
      `SELECT source_table, id, contact_id FROM linked`,
      `UNION`,
      `SELECT a.source_table, a.id, a.callee FROM a`,
      `WHERE a.callee IS NOT NULL AND NOT EXISTS (SELECT 1 FROM linked AS l WHERE l.source_table = a.source_table AND l.id = a.id)`,
      `UNION`,
      `SELECT a.source_table, a.id, a.key_contact FROM a WHERE a.key_contact IS NOT NULL`,
    ].join('\n'),
  );

  // ——— contacts, with won deals' close dates ———
  const won = options.deals === true ? wonDeals(sql, options, airbyte, people, archived) : undefined;
  const event = options.closedWonEvent ?? 'closedWon';
  sql.view(
    sql.views.contacts,
    [
      `SELECT p.id, p.owner_id, p.time_zone, p.tier, CAST(NULL AS VARCHAR) AS calendar, p.created_at, p.attributes,`,
      `  ${won === undefined ? `CAST(NULL AS ${sql.jsonType})` : `CASE WHEN won.closed_on IS NULL THEN NULL ELSE ${sql.jsonObject([[event, sql.dateText('won.closed_on')]])} END`} AS events,`,
      `  p.do_not_contact, CAST(NULL AS DATE) AS paused_until`,
      `FROM ${sqlName(people)} AS p`,
      ...(won === undefined ? [] : [`LEFT JOIN (${won}) AS won ON won.contact_id = p.id`]),
      `WHERE p.verdict IS NULL`,
    ].join('\n'),
  );

  sql.view(
    sql.views.touches,
    [
      `SELECT t.contact_id, a."at", a.channel, a.direction, a.outcome, a.purpose`,
      `FROM ${sqlName(activities)} AS a`,
      `JOIN ${sqlName(targets)} AS t ON t.source_table = a.source_table AND t.id = a.id`,
      `JOIN ${sqlName(people)} AS p ON p.id = t.contact_id AND p.verdict IS NULL`,
      `WHERE a.activity_verdict IS NULL`,
    ].join('\n'),
  );

  sql.view(
    sql.views.rejects,
    [
      `SELECT source_table, record_id, CASE WHEN reason IN (${sqlList(ERROR_REASONS)}) THEN 'error' ELSE 'skipped' END AS kind, reason`,
      `FROM (`,
      `  SELECT source_table, id AS record_id, verdict AS reason FROM ${sqlName(people)} WHERE verdict IS NOT NULL`,
      `  UNION ALL SELECT source_table, id, activity_verdict FROM ${sqlName(activities)} WHERE activity_verdict IS NOT NULL`,
      `  UNION ALL`,
      `  SELECT a.source_table, a.id,`,
      `    CASE WHEN count(t.contact_id) = 0 THEN 'no-contact' WHEN count(p.id) > 0 THEN 'contact-not-mapped' ELSE 'contact-not-in-book' END`,
      `  FROM ${sqlName(activities)} AS a`,
      `  LEFT JOIN ${sqlName(targets)} AS t ON t.source_table = a.source_table AND t.id = a.id`,
      `  LEFT JOIN ${sqlName(people)} AS p ON p.id = t.contact_id`,
      `  WHERE a.activity_verdict IS NULL`,
      `  GROUP BY a.source_table, a.id`,
      `  HAVING count(CASE WHEN p.verdict IS NULL THEN p.id END) = 0`,
      `) AS r`,
    ].join('\n'),
  );

  return [
    'contacts.calendar and contacts.paused_until: NULL (HubSpot has no standard property for either).',
    ...(options.deals === true ? [] : ['contacts.events: NULL (deals: true reads won deals as closedWon).']),
    ...(airbyte ? [] : ["owners.active: NULL (Fivetran's owner table does not say whether an owner is archived)."]),
    "touches.outcome of a completed CALL task: 'unknown' (neither sync holds the task's link to its call).",
    sql.checksZones
      ? 'contacts.time_zone: the hs_timezone slug as a lower-case IANA name; a contact whose zone is not among `zones` is left out (unknown-zone).'
      : 'contacts.time_zone: the hs_timezone slug as a lower-case IANA name, not checked (no `zones`): a zone the support tables lack fails the query, naming it.',
  ];
}

/** Owner settings with zones in IANA spelling; a zone that names none is an option error. */
function ownerSettings(options: HubSpotStagingOptions): {
  defaults: { timeZone?: string; calendar?: string };
  own: [string, { timeZone?: string; calendar?: string }][];
} {
  const zone = (value: string | undefined, path: string[]): string | undefined => {
    if (value === undefined) return undefined;
    const resolved = hubSpotTimeZone(value);
    if (resolved !== undefined) return resolved;
    const message = `time zone ${JSON.stringify(value)} is not a known IANA zone`;
    throw new InputError(`stagingViews: ${path.join('.')}: ${message}`, [{ code: 'invalid_value', path, message }]);
  };
  const defaults = { ...options.ownerDefaults, timeZone: zone(options.ownerDefaults?.timeZone, ['ownerDefaults', 'timeZone']) };
  const own = Object.entries(options.owners ?? {}).map(([id, settings]): [string, { timeZone?: string; calendar?: string }] => {
    const merged = { ...options.ownerDefaults, ...settings };
    return [id, { calendar: merged.calendar, timeZone: zone(merged.timeZone, ['owners', id, 'timeZone']) }];
  });
  return { defaults, own };
}

/** Per mapped contact, the latest close date of its won deals (`readDeals`). */
function wonDeals(
  sql: StagingSql,
  options: HubSpotStagingOptions,
  airbyte: boolean,
  people: string,
  archived: (alias: string) => string,
): string {
  const stages = ['closedwon', ...(options.wonStages ?? [])];
  const prop = (name: string) => sql.text(airbyte ? sql.jsonText('d."properties"', name) : `d.${sqlName(`property_${name}`)}`);
  const closeText = prop('closedate');
  // A date property is kept at midnight UTC: its UTC date is the date the rep picked.
  const utcDate = (instant: string) =>
    sql.dialect === 'postgres' ? `CAST(${instant} AT TIME ZONE 'UTC' AS DATE)` : `CAST(timezone('UTC', ${instant}) AS DATE)`;
  const closedOn = airbyte
    ? `CASE WHEN ${sql.matches(closeText, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')} THEN CAST(${closeText} AS DATE) ELSE ${utcDate(sql.instantFromText(closeText))} END`
    : utcDate(sql.instant('d."property_closedate"'));
  const won = `(lower(${prop('hs_is_closed_won')}) = 'true' OR ${prop('dealstage')} IN (${sqlList(stages)}))`;
  const dealId = airbyte ? 'CAST(d."id" AS VARCHAR)' : 'CAST(d."deal_id" AS VARCHAR)';
  const contacts = airbyte
    ? `(SELECT ${dealId} AS deal_id, ${sql.jsonElements('d."contacts"')} AS contact_id FROM ${sql.table('deals')} AS d)`
    : `(SELECT CAST(l."deal_id" AS VARCHAR) AS deal_id, CAST(l."contact_id" AS VARCHAR) AS contact_id FROM ${sql.table('deal_contact')} AS l)`;
  const gone = options.includeArchived === true ? 'FALSE' : airbyte ? archived('d') : 'COALESCE(d."is_deleted", FALSE)';
  return [
    `SELECT l.contact_id, max(${closedOn}) AS closed_on`,
    `FROM ${sql.table(airbyte ? 'deals' : 'deal')} AS d`,
    `JOIN ${contacts} AS l ON l.deal_id = ${dealId}`,
    `JOIN ${sqlName(people)} AS p ON p.id = l.contact_id AND p.verdict IS NULL`,
    `WHERE ${won} AND NOT ${gone}`,
    `GROUP BY l.contact_id`,
  ].join('\n');
}
