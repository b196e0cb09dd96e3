/**
 * Staging views over a Salesforce sync: Fivetran's tables (`contact`, `lead`, `user`, `task`,
 * `event`, `opportunity`, `opportunity_contact_role`; snake_case columns) or Airbyte's streams
 * (`Contact`, `User`, `Task` …; API field names). The rules are `fromSalesforce`'s, step by step
 * in the same order (activity-shape.ts, activities.ts, directory.ts), and its tables are imported:
 * the call results (`DEFAULT_DISPOSITIONS`, `DISPOSITION_PATTERNS`) and the column spelling
 * (`warehouseColumn`).
 */
import { DEFAULT_DISPOSITIONS, DISPOSITION_PATTERNS, normaliseDisposition } from '../adapters/salesforce/dispositions.js';
import { warehouseColumn } from '../adapters/salesforce/fields.js';
import { ID_PREFIX } from '../adapters/salesforce/fields.js';
import { DEFAULT_DATE_ONLY_TIME, DEFAULT_KEY_FIELD } from '../adapters/salesforce/options.js';
import { InputError } from '../errors/errors.js';
import { sqlName, sqlString } from './dialect.js';
import { checkZone, plannedShapes, refuseDotted, type SalesforceStagingOptions, sqlList, type StagingSql } from './staging-sql.js';

type SalesforceObject = 'Contact' | 'Lead' | 'User' | 'Task' | 'Event' | 'Opportunity' | 'OpportunityContactRole';

/** Reasons that are errors in `fromSalesforce`'s ledger; every other reason is a skip. */
const ERROR_REASONS = ['bad-value', 'missing-field', 'unknown-contact', 'unknown-zone'];

/**
 * Adds the Salesforce views to `sql`; returns the notes on what the warehouse cannot give.
 *
 * @example
 * const notes = salesforceStaging(writer, { source: 'fivetran-salesforce', dialect: 'duckdb' });
 */
export function salesforceStaging(sql: StagingSql, options: SalesforceStagingOptions): string[] {
  const airbyte = options.source === 'airbyte-salesforce';
  checkOptions(options);
  const col = (alias: string, api: string) => `${alias}.${sqlName(airbyte ? api : warehouseColumn(api))}`;
  const table = (object: SalesforceObject) => sql.table(airbyte ? object : warehouseColumn(object));
  const tableName = (object: SalesforceObject) => (airbyte ? object : warehouseColumn(object));
  const text = (alias: string, api: string) => sql.text(col(alias, api));
  const flag = (alias: string, api: string) => `COALESCE(${col(alias, api)}, FALSE)`;
  const id = (alias: string) => `CAST(${col(alias, 'Id')} AS VARCHAR)`;
  /** The WHEN branches that make a row no longer current, as `RecordChecks.gone`. */
  const gone = (alias: string, object: SalesforceObject): string => {
    const branches: string[] = [];
    // Users cannot be deleted in Salesforce; Fivetran marks a user gone from the API with its own column.
    if (object !== 'User') branches.push(`WHEN ${flag(alias, 'IsDeleted')} THEN 'deleted'`);
    else if (!airbyte) branches.push(`WHEN COALESCE(${alias}."_fivetran_deleted", FALSE) THEN 'deleted'`);
    if (!airbyte && options.fivetranHistoryMode === true) branches.push(`WHEN ${alias}."_fivetran_active" = FALSE THEN 'history-row'`);
    return branches.join(' ');
  };

  const people = sql.helper('people');
  const users = sql.helper('users');
  const who = sql.helper('who');
  const activities = sql.helper('activities');

  // ——— people: contacts (and leads) ———
  const attributePairs: [string, string][] = Array.isArray(options.attributeFields)
    ? (options.attributeFields as readonly string[]).map((field) => [field, field])
    : Object.entries(options.attributeFields ?? {});
  const person = (object: 'Contact' | 'Lead'): string => {
    const owner = text('s', 'OwnerId');
    const field = (name: string | undefined) => (name === undefined ? 'CAST(NULL AS VARCHAR)' : text('s', name));
    // A blank text field is absent, as the adapter reads it; a typed value keeps its JSON type.
    const attribute = (name: string) => `CASE WHEN CAST(${col('s', name)} AS VARCHAR) = '' THEN NULL ELSE ${col('s', name)} END`;
    const attributes = sql.jsonObject([
      ['sobjectType', sqlString(object)],
      // Email opt-out stops emails, not calls: kept for tier rules, never do-not-contact.
      ['hasOptedOutOfEmail', `CASE WHEN ${flag('s', 'HasOptedOutOfEmail')} THEN TRUE END`],
      ...attributePairs.map(([attributeName, name]): [string, string] => [attributeName, attribute(name)]),
    ]);
    const converted = object === 'Lead' ? flag('s', 'IsConverted') : 'FALSE';
    const verdict = [
      gone('s', object),
      object === 'Lead' && options.includeConvertedLeads !== true ? `WHEN ${converted} THEN 'converted-lead'` : '',
      options.timeZoneField === undefined ? '' : sql.unknownZone(field(options.timeZoneField)),
    ].join(' ');
    return [
      `SELECT ${id('s')} AS id, ${sqlString(tableName(object))} AS source_table,`,
      // A lead owned by a queue has no rep yet: planned under no owner.
      `  CASE WHEN ${owner} LIKE '${ID_PREFIX.queue}%' THEN NULL ELSE ${owner} END AS owner_id,`,
      `  ${field(options.timeZoneField)} AS time_zone, ${field(options.tierField)} AS tier,`,
      `  ${sql.instant(col('s', 'CreatedDate'))} AS created_at, ${attributes} AS attributes,`,
      `  CASE WHEN ${flag('s', 'DoNotCall')} THEN TRUE END AS do_not_contact,`,
      `  ${object === 'Lead' ? `CASE WHEN ${converted} THEN ${text('s', 'ConvertedContactId')} END` : 'CAST(NULL AS VARCHAR)'} AS converted_to,`,
      `  ${verdict.trim() === '' ? 'CAST(NULL AS VARCHAR)' : `CASE ${verdict} END`} AS verdict`,
      `FROM ${table(object)} AS s`,
      ...(options.timeZoneField === undefined ? [] : [sql.knownZone(field(options.timeZoneField))]),
    ].join('\n');
  };
  sql.view(people, [person('Contact'), ...(options.leads === true ? [person('Lead')] : [])].join('\nUNION ALL\n'));

  // ——— owners: users ———
  const zone = text('s', 'TimeZoneSidKey');
  const calendar =
    typeof options.calendar === 'string'
      ? sqlString(options.calendar)
      : sql.lookup(
          zone,
          Object.entries(options.calendar ?? {}).map(([key, value]) => [key, sqlString(value)]),
          'CAST(NULL AS VARCHAR)',
        );
  const userGone = gone('s', 'User');
  sql.view(
    users,
    [
      `SELECT ${id('s')} AS id, ${sqlString(tableName('User'))} AS source_table, ${zone} AS time_zone, ${calendar} AS calendar,`,
      // A deactivated rep is kept, marked: their contacts still plan, a manager sees whose book to reassign.
      `  NOT (${col('s', 'IsActive')} IS NOT NULL AND ${col('s', 'IsActive')} = FALSE) AS active,`,
      `  ${userGone === '' && !sql.checksZones ? 'CAST(NULL AS VARCHAR)' : `CASE ${userGone} ${sql.unknownZone(zone)} END`} AS verdict`,
      `FROM ${table('User')} AS s`,
      sql.knownZone(zone),
    ].join('\n'),
  );
  sql.view(sql.views.owners, `SELECT id, time_zone, calendar, active FROM ${sqlName(users)} WHERE verdict IS NULL`);

  // ——— who an id names: a mapped person, or the contact a converted lead became ———
  sql.view(
    who,
    [
      `SELECT p.id AS who_id, CASE WHEN p.verdict IS NULL THEN p.id WHEN t.verdict IS NULL THEN t.id END AS person_id`,
      `FROM ${sqlName(people)} AS p LEFT JOIN ${sqlName(people)} AS t ON t.id = p.converted_to`,
    ].join('\n'),
  );

  // ——— contacts, with a won deal's close date as an event ———
  const wonEvent = options.wonEvent ?? 'closedWon';
  const won =
    options.opportunities === true
      ? [
          `LEFT JOIN (`,
          `  SELECT w.person_id, max(CAST(${col('o', 'CloseDate')} AS DATE)) AS closed_on`,
          `  FROM ${table('OpportunityContactRole')} AS r`,
          `  JOIN ${table('Opportunity')} AS o ON CAST(${col('o', 'Id')} AS VARCHAR) = ${text('r', 'OpportunityId')}`,
          `  JOIN ${sqlName(who)} AS w ON w.who_id = ${text('r', 'ContactId')}`,
          `  WHERE ${flag('o', 'IsWon')} AND ${col('o', 'CloseDate')} IS NOT NULL AND w.person_id IS NOT NULL`,
          `    AND NOT ${flag('o', 'IsDeleted')} AND NOT ${flag('r', 'IsDeleted')}`,
          ...(!airbyte && options.fivetranHistoryMode === true ? [`    AND o."_fivetran_active" AND r."_fivetran_active"`] : []),
          `  GROUP BY w.person_id`,
          `) AS won ON won.person_id = p.id`,
        ]
      : [];
  const events =
    won.length > 0
      ? `CASE WHEN won.closed_on IS NULL THEN NULL ELSE ${sql.jsonObject([[wonEvent, sql.dateText('won.closed_on')]])} END`
      : `CAST(NULL AS ${sql.jsonType})`;
  sql.view(
    sql.views.contacts,
    [
      `SELECT p.id, p.owner_id, p.time_zone, p.tier, CAST(NULL AS VARCHAR) AS calendar, p.created_at, p.attributes,`,
      `  ${events} AS events, p.do_not_contact, CAST(NULL AS DATE) AS paused_until`,
      `FROM ${sqlName(people)} AS p`,
      ...won,
      `WHERE p.verdict IS NULL`,
    ].join('\n'),
  );

  // ——— activities: tasks and events, one row per activity ———
  const shapes = plannedShapes(options.policy === undefined ? undefined : sql.policy);
  const keyed = shapes.size > 0;
  const key = keyed ? text('s', options.keyField ?? DEFAULT_KEY_FIELD) : 'CAST(NULL AS VARCHAR)';
  const cycle = `CASE WHEN ${sql.matches(key, '^cc1:[^:]*:[^:]*:[0-9]{4}-[0-9]{2}-[0-9]{2}$')} THEN split_part(${key}, ':', 3) END`;
  const shapeOf = (field: 'channel' | 'direction' | 'outcome' | 'purpose') =>
    sql.lookup(
      'k.cycle',
      [...shapes].flatMap(([cycleKey, shape]) => (shape[field] === undefined ? [] : [[cycleKey, sqlString(shape[field])] as const])),
      'CAST(NULL AS VARCHAR)',
    );
  const purpose = purposeSql(options, text);
  // The cycle a key names counts only when the policy has that cycle (`plannedFor`).
  const cycleKnown = keyed ? `CASE WHEN ${cycle} IN (${sqlList([...shapes.keys()])}) THEN ${cycle} END` : 'CAST(NULL AS VARCHAR)';
  const taskGone = gone('s', 'Task');
  const tasks = [
    `SELECT k.*,`,
    `  CASE WHEN k.gone_reason IS NOT NULL THEN k.gone_reason`,
    `    WHEN NOT k.closed THEN 'open-task'`,
    `    WHEN k.recurrence THEN 'recurring-series'`,
    ...(options.includeInternalCalls === true ? [] : [`    WHEN k.call_type = 'internal' THEN 'internal-call'`]),
    `    WHEN k.call_type NOT IN ('inbound', 'outbound', 'internal') THEN 'bad-value'`,
    ...(options.includeListEmails === true ? [] : [`    WHEN k.subtype = 'listemail' THEN 'list-email'`]),
    ...(options.includeOtherTasks === true ? [] : [`    WHEN k.channel = 'other' AND k.cycle IS NULL THEN 'not-a-touch-type'`]),
    `    WHEN k.completed_at IS NULL AND k.activity_day IS NULL THEN 'missing-field'`,
    `  END AS activity_verdict,`,
    // A logged email or call without a CallType was made by the rep.
    `  CASE WHEN k.call_type IN ('inbound', 'outbound') THEN k.call_type WHEN k.call_type IS NULL AND k.channel IN ('email', 'call') THEN 'outbound' END AS direction,`,
    `  CASE WHEN k.channel = 'call' THEN ${dispositionSql(sql, options, 'k.disposition')} END AS outcome,`,
    `  ${shapeOf('channel')} AS planned_channel, ${shapeOf('direction')} AS planned_direction,`,
    `  ${shapeOf('outcome')} AS planned_outcome, ${shapeOf('purpose')} AS planned_purpose`,
    `FROM (`,
    `  SELECT c.*, CASE`,
    `      WHEN c.subtype = 'call' OR (c.call_type IS NOT NULL AND c.subtype IN ('', 'task')) THEN 'call'`,
    `      WHEN c.subtype IN ('email', 'listemail') THEN 'email' WHEN c.subtype = 'linkedin' THEN 'message'`,
    `      WHEN c.task_type = 'call' THEN 'call' WHEN c.task_type = 'email' THEN 'email' WHEN c.task_type = 'meeting' THEN 'meeting'`,
    `      ELSE 'other' END AS channel`,
    `  FROM (`,
    `    SELECT ${id('s')} AS record_id, ${text('s', 'WhoId')} AS who,`,
    `      ${taskGone === '' ? 'CAST(NULL AS VARCHAR)' : `CASE ${taskGone} END`} AS gone_reason,`,
    `      COALESCE(${col('s', 'IsClosed')}, COALESCE(lower(${text('s', 'Status')}), '') = 'completed') AS closed,`,
    `      ${flag('s', 'IsRecurrence')} AS recurrence, lower(${text('s', 'CallType')}) AS call_type,`,
    `      COALESCE(lower(${text('s', 'TaskSubtype')}), '') AS subtype, COALESCE(lower(${text('s', 'Type')}), '') AS task_type,`,
    `      ${text('s', 'CallDisposition')} AS disposition, ${purpose} AS purpose,`,
    `      ${sql.instant(col('s', 'CompletedDateTime'))} AS completed_at, CAST(${col('s', 'ActivityDate')} AS DATE) AS activity_day,`,
    `      ${cycleKnown} AS cycle, ${keyed ? `split_part(${key}, ':', 2)` : 'CAST(NULL AS VARCHAR)'} AS planned_contact`,
    `    FROM ${table('Task')} AS s`,
    `  ) AS c`,
    `) AS k`,
  ].join('\n');
  const taskSelect = [
    `SELECT ${sqlString(tableName('Task'))} AS source_table, t.record_id AS id, t.who, t.activity_verdict,`,
    `  t.completed_at AS "at", CASE WHEN t.completed_at IS NULL THEN t.activity_day END AS day,`,
    `  t.channel, t.direction, t.outcome, t.purpose, t.planned_contact,`,
    `  t.planned_channel, t.planned_direction, t.planned_outcome, t.planned_purpose`,
    `FROM (\n${tasks}\n) AS t`,
  ].join('\n');

  const allDay = flag('s', 'IsAllDayEvent');
  const start = `COALESCE(${col('s', 'StartDateTime')}, ${col('s', 'ActivityDateTime')})`;
  const eventSelect = [
    `SELECT ${sqlString(tableName('Event'))} AS source_table, ${id('s')} AS id, ${text('s', 'WhoId')} AS who,`,
    `  CASE ${gone('s', 'Event')}`.trimEnd(),
    // Each invitee gets a copy of the event; the organiser's is the one meeting.
    `    WHEN ${flag('s', 'IsChild')} THEN 'invitee-copy'`,
    `    WHEN ${flag('s', 'IsRecurrence')} THEN 'recurring-series'`,
    `    WHEN ${allDay} AND ${col('s', 'ActivityDate')} IS NULL THEN 'missing-field'`,
    `    WHEN NOT ${allDay} AND ${start} IS NULL THEN 'missing-field'`,
    `  END AS activity_verdict,`,
    `  CASE WHEN ${allDay} THEN NULL ELSE ${sql.instant(start)} END AS "at",`,
    `  CASE WHEN ${allDay} THEN CAST(${col('s', 'ActivityDate')} AS DATE) END AS day,`,
    `  CASE lower(${text('s', 'Type')}) WHEN 'call' THEN 'call' WHEN 'email' THEN 'email' ELSE 'meeting' END AS channel,`,
    `  CAST(NULL AS VARCHAR) AS direction, CAST(NULL AS VARCHAR) AS outcome, ${purpose} AS purpose, CAST(NULL AS VARCHAR) AS planned_contact,`,
    `  CAST(NULL AS VARCHAR) AS planned_channel, CAST(NULL AS VARCHAR) AS planned_direction,`,
    `  CAST(NULL AS VARCHAR) AS planned_outcome, CAST(NULL AS VARCHAR) AS planned_purpose`,
    `FROM ${table('Event')} AS s`,
  ].join('\n');

  const fallbackZone = options.timeZone ?? sql.policy?.timeZone ?? 'UTC';
  const planned = `(a.planned_channel IS NOT NULL AND a.planned_contact = p.id)`;
  sql.view(
    activities,
    [
      `SELECT a.source_table, a.id, w.person_id AS contact_id,`,
      `  COALESCE(a.activity_verdict, CASE WHEN a.who IS NULL THEN 'no-contact' WHEN w.person_id IS NOT NULL THEN NULL`,
      `    WHEN w.who_id IS NOT NULL THEN 'contact-not-mapped'`,
      `    WHEN a.who LIKE '${ID_PREFIX.contact}%' OR a.who LIKE '${ID_PREFIX.lead}%' THEN 'unknown-contact' ELSE 'no-contact' END) AS verdict,`,
      // A date-only activity is placed at a local time in its person's zone (theirs, their owner's, the fallback).
      `  COALESCE(a."at", ${sql.localInstant('a.day', options.dateOnlyTime ?? DEFAULT_DATE_ONLY_TIME, `COALESCE(p.time_zone, u.time_zone, ${sqlString(fallbackZone)})`)}) AS "at",`,
      `  CASE WHEN ${planned} THEN a.planned_channel ELSE a.channel END AS channel,`,
      `  CASE WHEN ${planned} THEN a.planned_direction ELSE a.direction END AS direction,`,
      // The rep's own call result still decides: a voicemail on a planned call does not close the cycle.
      `  CASE WHEN ${planned} THEN COALESCE(a.outcome, a.planned_outcome) ELSE a.outcome END AS outcome,`,
      `  CASE WHEN ${planned} AND a.planned_purpose IS NOT NULL THEN a.planned_purpose ELSE a.purpose END AS purpose`,
      `FROM (\n${taskSelect}\nUNION ALL\n${eventSelect}\n) AS a`,
      `LEFT JOIN ${sqlName(who)} AS w ON w.who_id = a.who`,
      `LEFT JOIN ${sqlName(people)} AS p ON p.id = w.person_id`,
      `LEFT JOIN ${sqlName(users)} AS u ON u.id = p.owner_id AND u.verdict IS NULL`,
    ].join('\n'),
  );
  sql.view(
    sql.views.touches,
    `SELECT contact_id, "at", channel, direction, outcome, purpose FROM ${sqlName(activities)} WHERE verdict IS NULL`,
  );
  sql.view(
    sql.views.rejects,
    [
      `SELECT source_table, record_id, CASE WHEN reason IN (${sqlList(ERROR_REASONS)}) THEN 'error' ELSE 'skipped' END AS kind, reason`,
      `FROM (`,
      `  SELECT source_table, id AS record_id, verdict AS reason FROM ${sqlName(people)} WHERE verdict IS NOT NULL`,
      `  UNION ALL SELECT source_table, id, verdict FROM ${sqlName(users)} WHERE verdict IS NOT NULL`,
      `  UNION ALL SELECT source_table, id, verdict FROM ${sqlName(activities)} WHERE verdict IS NOT NULL`,
      `) AS r`,
    ].join('\n'),
  );

  return [
    'contacts.calendar and contacts.paused_until: NULL (Salesforce has no standard field for either).',
    ...(options.opportunities === true ? [] : ['contacts.events: NULL (opportunities: true reads won opportunities as closedWon).']),
    ...(options.timeZoneField === undefined
      ? ["contacts.time_zone: NULL (Salesforce has no standard field; the owner's TimeZoneSidKey applies)."]
      : []),
    'touches: one per WhoId; Shared Activities (TaskWhoRelation/EventWhoRelation) are not read.',
    "Date-only activities are placed at a local time with the database's own zone rules.",
    ...(sql.checksZones
      ? []
      : ['Zones (Time_Zone__c, TimeZoneSidKey) are not checked (no `zones`): a zone the support tables lack fails the query, naming it.']),
  ];
}

function checkOptions(options: SalesforceStagingOptions): void {
  refuseDotted(options.timeZoneField, ['timeZoneField']);
  refuseDotted(options.tierField, ['tierField']);
  refuseDotted(options.purposeField, ['purposeField']);
  const fields = Array.isArray(options.attributeFields)
    ? (options.attributeFields as readonly string[])
    : Object.values(options.attributeFields ?? {});
  for (const field of fields) refuseDotted(field, ['attributeFields', field]);
  checkZone(options.timeZone, ['timeZone']);
  if (options.dateOnlyTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(options.dateOnlyTime)) {
    const message = `must be a time HH:MM, not ${JSON.stringify(options.dateOnlyTime)}`;
    throw new InputError(`stagingViews: dateOnlyTime ${message}`, [{ code: 'invalid_option', path: ['dateOnlyTime'], message }]);
  }
}

/** The purpose of an activity, as `ActivityShaper.purpose`: the field's value through `purposes`, lower-cased, else the default. */
function purposeSql(options: SalesforceStagingOptions, text: (alias: string, api: string) => string): string {
  const fallback = options.defaultPurpose === undefined ? 'CAST(NULL AS VARCHAR)' : sqlString(options.defaultPurpose);
  if (options.purposeField === undefined) return fallback;
  const value = text('s', options.purposeField);
  const mapped = Object.entries(options.purposes ?? {}).map(
    ([name, purpose]) => `WHEN lower(${value}) = ${sqlString(name.trim().toLowerCase())} THEN ${sqlString(purpose)}`,
  );
  return `CASE WHEN ${value} IS NULL THEN ${fallback} ${mapped.join(' ')} ELSE lower(${value}) END`;
}

/** A call result's outcome, as `dispositionOutcome`: the caller's map, the default map, the patterns, else the text. */
function dispositionSql(sql: StagingSql, options: SalesforceStagingOptions, disposition: string): string {
  const key = `regexp_replace(lower(${disposition}), '[\\s_]+', ' ', 'g')`;
  const branches = [
    ...Object.entries(options.dispositions ?? {}).map(
      ([name, outcome]) => `WHEN ${key} = ${sqlString(normaliseDisposition(name))} THEN ${sqlString(outcome)}`,
    ),
    ...Object.entries(DEFAULT_DISPOSITIONS).map(([name, outcome]) => `WHEN ${key} = ${sqlString(name)} THEN ${sqlString(outcome)}`),
    ...DISPOSITION_PATTERNS.map(([pattern, outcome]) => `WHEN ${sql.matches(key, sql.pattern(pattern))} THEN ${sqlString(outcome)}`),
  ];
  return `CASE WHEN ${disposition} IS NULL THEN NULL ${branches.join(' ')} ELSE ${disposition} END`;
}
