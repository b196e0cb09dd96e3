/**
 * What the staging views of both CRMs share: the options, and the SQL pieces spelled per dialect
 * (instants of the connector's type, local times, JSON objects, regular expressions). The entry
 * is staging.ts; the writers are staging-salesforce.ts and staging-hubspot.ts.
 */
import { InputError } from '../errors/errors.js';
import type { Policy } from '../schema/policy.js';
import { touchShapeForCycle } from '../adapters/shared/cycle-touch.js';
import type { FromSalesforceOptions } from '../adapters/salesforce/types.js';
import type { FromHubSpotOptions } from '../adapters/hubspot/types.js';
import { isValidZone } from '../time/zones.js';
import { type SqlDialect, sqlName, sqlString } from './dialect.js';

/** The connector and CRM whose tables the views read. */
export type StagingSource = 'fivetran-salesforce' | 'airbyte-salesforce' | 'fivetran-hubspot' | 'airbyte-hubspot';

/**
 * Every source `stagingViews` reads.
 *
 * @example
 * STAGING_SOURCES.includes('fivetran-hubspot') // true
 */
export const STAGING_SOURCES: readonly StagingSource[] = [
  'fivetran-salesforce',
  'airbyte-salesforce',
  'fivetran-hubspot',
  'airbyte-hubspot',
];

/** Names of the views written; each may be schema-qualified. */
export interface StagingViewNames {
  contacts: string;
  touches: string;
  owners: string;
  /** Every source row left out, with its reason: `source_table`, `record_id`, `kind` (`skipped`/`error`), `reason`. */
  rejects: string;
}

/**
 * The default view names: the tables `compileSql` reads by default, and `cc_staging_rejects`.
 *
 * @example
 * stagingViews({ source: 'fivetran-hubspot', dialect: 'postgres', views: { ...DEFAULT_STAGING_VIEWS, contacts: 'cc.contacts' } });
 */
export const DEFAULT_STAGING_VIEWS: StagingViewNames = {
  contacts: 'contacts',
  touches: 'touches',
  owners: 'owners',
  rejects: 'cc_staging_rejects',
};

/** Options both CRMs share. */
interface CommonStagingOptions {
  dialect: SqlDialect;
  /** Schema the connector writes to (`salesforce`, `hubspot`); default: none (the search path). */
  schema?: string;
  /** Names of the views written (default `DEFAULT_STAGING_VIEWS`); helper views are named after `contacts` with `_staging_*`. */
  views?: Partial<StagingViewNames>;
  /**
   * How datetime columns are typed. `timestamptz` (default): Fivetran's and Airbyte's own type for
   * instants in PostgreSQL and DuckDB. `utc-timestamp`: `timestamp` without zone holding UTC (a
   * CSV or dbt seed load); read as UTC whatever the session's zone.
   */
  timestamps?: 'timestamptz' | 'utc-timestamp';
  /** The policy: completed tasks carrying a calling-cycle key count for the cycle they were planned for. */
  policy?: Policy;
  /** Activity field/property holding the purpose; its value as the adapter reads it. */
  purposes?: Readonly<Record<string, string>>;
  /**
   * The zones the support tables hold (the `zones` given to `sqlSupportTables`). With it, a
   * person or user whose zone is not among them (misspelt, no IANA zone, or not listed) is left
   * out as `unknown-zone`, as the adapters leave out an unknown zone, instead of failing the whole
   * query. Names that are no IANA zone are ignored. Without it, zones are not checked here.
   */
  zones?: readonly string[];
}

/**
 * Options for Salesforce sources, named as `fromSalesforce`'s (docs/adapters/salesforce.md).
 * Field names are API names (`Time_Zone__c`); Fivetran's columns are found as `warehouseColumn`
 * spells them (`time_zone_c`), Airbyte's under the API name.
 */
export interface SalesforceStagingOptions
  extends CommonStagingOptions,
    Pick<
      FromSalesforceOptions,
      | 'includeConvertedLeads'
      | 'wonEvent'
      | 'keyField'
      | 'dispositions'
      | 'purposeField'
      | 'defaultPurpose'
      | 'timeZoneField'
      | 'tierField'
      | 'attributeFields'
      | 'dateOnlyTime'
      | 'timeZone'
      | 'includeOtherTasks'
      | 'includeListEmails'
      | 'includeInternalCalls'
      | 'calendar'
    > {
  source: 'fivetran-salesforce' | 'airbyte-salesforce';
  /** Read the `lead` table too (converted leads skipped, their activities go to the contact). Default false. */
  leads?: boolean;
  /** Read `opportunity` and `opportunity_contact_role`: a won deal's close date becomes `wonEvent`. Default false. */
  opportunities?: boolean;
  /** Fivetran history mode: only rows with `_fivetran_active` true are current. Default false. */
  fivetranHistoryMode?: boolean;
}

/** What HubSpot does not hold about a rep, as `fromHubSpot`'s `owners` option gives it. */
export interface StagingOwnerSettings {
  timeZone?: string;
  calendar?: string;
}

/** Options for HubSpot sources, named as `fromHubSpot`'s (docs/adapters/hubspot.md). */
export interface HubSpotStagingOptions
  extends CommonStagingOptions,
    Pick<
      FromHubSpotOptions,
      | 'keyProperty'
      | 'attributes'
      | 'tierProperty'
      | 'doNotContactProperties'
      | 'dispositions'
      | 'taskChannels'
      | 'purposeProperty'
      | 'forwardedEmailDirection'
      | 'includeArchived'
      | 'wonStages'
      | 'closedWonEvent'
    > {
  source: 'fivetran-hubspot' | 'airbyte-hubspot';
  /** Each rep's zone and calendar by owner id (HubSpot holds neither), as `fromHubSpot`'s `owners`. */
  owners?: Readonly<Record<string, StagingOwnerSettings>>;
  /** Zone and calendar of a rep `owners` does not name. */
  ownerDefaults?: StagingOwnerSettings;
  /** Read deals (`deal` + `deal_contact`, or Airbyte's `deals`): a won deal's close date becomes `closedWonEvent`. Default false. */
  deals?: boolean;
}

/** Options of `stagingViews`. */
export type StagingViewOptions = SalesforceStagingOptions | HubSpotStagingOptions;

/** The statements, and what the views could not fill. */
export interface StagingViews {
  /** DROP VIEW IF EXISTS and CREATE VIEW statements, in order; run them one by one. */
  statements: string[];
  views: StagingViewNames;
  /** Options for `compileSql` reading these views (`tables`, `snoozes: null`). */
  compileOptions: { tables: { contacts: string; touches: string; owners: string; snoozes: null } };
  /** Each column the views leave NULL or fixed because the warehouse lacks the value, and why. */
  notes: string[];
}

/**
 * The touch a completed task planned for each cycle becomes (`touchShapeForCycle`), keyed by the
 * cycle id as `taskKey` writes it (percent-encoded).
 */
export function plannedShapes(policy: Policy | undefined): Map<string, NonNullable<ReturnType<typeof touchShapeForCycle>>> {
  const shapes = new Map<string, NonNullable<ReturnType<typeof touchShapeForCycle>>>();
  for (const tier of policy?.tiers ?? []) {
    for (const cycle of tier.cycles) {
      const key = encodeURIComponent(cycle.id);
      if (shapes.has(key)) continue;
      const shape = touchShapeForCycle(policy!, cycle.id);
      if (shape !== undefined) shapes.set(key, shape);
    }
  }
  return shapes;
}

/**
 * Throws `InputError` for a zone given in the options that is no IANA zone (the adapters refuse it too).
 */
export function checkZone(zone: string | undefined, path: (string | number)[]): void {
  if (zone === undefined || isValidZone(zone)) return;
  const message = `unknown IANA time zone ${JSON.stringify(zone)}`;
  throw new InputError(`stagingViews: ${path.join('.')}: ${message}`, [{ code: 'invalid_value', path, message }]);
}

/**
 * Throws `InputError` for a dotted field path: in a warehouse a parent's field is a column of
 * another table, which these views do not join (a view of your own can, then name its column).
 */
export function refuseDotted(name: string | undefined, path: (string | number)[]): void {
  if (name === undefined || !name.includes('.')) return;
  const message = `${JSON.stringify(name)} is a dotted path into a parent record; in a warehouse that is another table: join it in a view of your own and name its column`;
  throw new InputError(`stagingViews: ${path.join('.')}: ${message}`, [{ code: 'invalid_value', path, message }]);
}

/**
 * The SQL pieces the two writers share, spelled for one dialect, and the views written so far.
 */
export class StagingSql {
  private readonly created: [name: string, body: string][] = [];

  constructor(
    readonly dialect: SqlDialect,
    private readonly schema: string | undefined,
    private readonly timestamps: 'timestamptz' | 'utc-timestamp',
    readonly views: StagingViewNames,
    readonly policy: Policy | undefined,
    private readonly zones: readonly string[] | undefined,
  ) {}

  /** Whether zones are checked (`zones` given). */
  get checksZones(): boolean {
    return this.zones !== undefined;
  }

  /**
   * A LEFT JOIN (alias `known`) to the zones given; `known.zone IS NULL` with a zone set means it
   * is unknown. Zones match without regard to case, as in the compiled query. Nothing without `zones`.
   */
  knownZone(zone: string): string {
    if (this.zones === undefined) return '';
    const names = [...new Set(this.zones.filter((name) => isValidZone(name)).map((name) => name.toLowerCase()))];
    const list =
      names.length === 0
        ? `SELECT CAST(NULL AS VARCHAR) AS zone WHERE FALSE`
        : `SELECT zone FROM (VALUES ${names.map((name) => `(${sqlString(name)})`).join(', ')}) AS given(zone)`;
    return `LEFT JOIN (${list}) AS known ON known.zone = lower(${zone})`;
  }

  /** The WHEN branch that leaves a row out for an unknown zone (empty without `zones`). */
  unknownZone(zone: string): string {
    return this.zones === undefined ? '' : `WHEN ${zone} IS NOT NULL AND known.zone IS NULL THEN 'unknown-zone'`;
  }

  /** A source table, in the connector's schema. */
  table(name: string): string {
    return this.schema === undefined ? sqlName(name) : `${sqlName(this.schema)}.${sqlName(name)}`;
  }

  /** A helper view's name, beside the contacts view (`contacts_staging_people`). */
  helper(suffix: string): string {
    return `${this.views.contacts}_staging_${suffix}`;
  }

  /** Adds a view; views are dropped in reverse order and created in this one. */
  view(name: string, body: string): undefined {
    this.created.push([name, body]);
    return undefined;
  }

  statements(): string[] {
    // Every view either CRM's writer creates, dependents first, so views left by another source
    // (Salesforce's who and users, HubSpot's targets) do not block the drop (PostgreSQL refuses
    // to drop a view another depends on).
    const every = [
      this.views.rejects,
      this.views.touches,
      this.views.contacts,
      this.views.owners,
      ...['targets', 'activities', 'who', 'users', 'people'].map((suffix) => this.helper(suffix)),
    ];
    return [
      ...every.map((name) => `DROP VIEW IF EXISTS ${sqlName(name)}`),
      ...this.created.map(([name, body]) => `CREATE VIEW ${sqlName(name)} AS\n${body}`),
    ];
  }

  /** Text: trimmed, blank as NULL (the adapters read a blank field as absent). */
  text(expression: string): string {
    return `NULLIF(trim(CAST(${expression} AS VARCHAR)), '')`;
  }

  /** A timestamptz from a datetime column of the connector's type. */
  instant(expression: string): string {
    if (this.timestamps === 'timestamptz') return `CAST(${expression} AS TIMESTAMPTZ)`;
    return this.dialect === 'postgres'
      ? `(CAST(${expression} AS TIMESTAMP) AT TIME ZONE 'UTC')`
      : `timezone('UTC', CAST(${expression} AS TIMESTAMP))`;
  }

  /**
   * A timestamptz from text holding an ISO 8601 instant with an offset or `Z`, or epoch
   * milliseconds as 12 to 16 digits (HubSpot writes both); NULL for anything else.
   */
  instantFromText(text: string): string {
    const epoch =
      this.dialect === 'postgres'
        ? `to_timestamp(CAST(${text} AS DOUBLE PRECISION) / 1000.0)`
        : `to_timestamp(CAST(${text} AS DOUBLE) / 1000.0)`;
    return (
      `CASE WHEN ${this.matches(text, '^[0-9]{12,16}$')} THEN ${epoch}` +
      ` WHEN ${this.matches(text, '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$')} THEN CAST(${text} AS TIMESTAMPTZ) END`
    );
  }

  /** The instant of a local time of day on a date in a zone (the database's own zone rules). */
  localInstant(date: string, time: string, zone: string): string {
    const local = `(CAST(${date} AS DATE) + TIME ${sqlString(`${time}:00`)})`;
    return this.dialect === 'postgres' ? `(${local} AT TIME ZONE ${zone})` : `timezone(${zone}, ${local})`;
  }

  /** Whether text matches a regular expression (partial match, as JavaScript's `test`). */
  matches(text: string, pattern: string): string {
    return this.dialect === 'postgres' ? `(${text} ~ ${sqlString(pattern)})` : `regexp_matches(${text}, ${sqlString(pattern)})`;
  }

  /** A JavaScript regular expression's source in the dialect's syntax (PostgreSQL spells `\b` as `\y`). */
  pattern(regex: RegExp): string {
    return this.dialect === 'postgres' ? regex.source.replaceAll('\\b', '\\y') : regex.source;
  }

  /** A JSON object of the pairs whose value is not NULL (no pair at all: NULL when `emptyIsNull`). */
  jsonObject(pairs: readonly [key: string, value: string][], emptyIsNull = false): string {
    if (pairs.length === 0) return emptyIsNull ? `CAST(NULL AS ${this.jsonType})` : `CAST('{}' AS ${this.jsonType})`;
    if (this.dialect === 'postgres') {
      return `jsonb_strip_nulls(jsonb_build_object(${pairs.map(([key, value]) => `${sqlString(key)}, ${value}`).join(', ')}))`;
    }
    const members = pairs.map(
      ([key, value]) =>
        `CASE WHEN ${value} IS NULL THEN NULL ELSE ${sqlString(`${JSON.stringify(key)}:`)} || CAST(to_json(${value}) AS VARCHAR) END`,
    );
    return `CAST('{' || concat_ws(',', ${members.join(', ')}) || '}' AS JSON)`;
  }

  /** A text member of a JSON column (a string unquoted, a number as written). */
  jsonText(column: string, member: string): string {
    return this.dialect === 'postgres'
      ? `(${column} ->> ${sqlString(member)})`
      : `json_extract_string(${column}, ${sqlString(`$."${member}"`)})`;
  }

  /** Set-returning: each element of a JSON array column as text (in a SELECT list). */
  jsonElements(column: string): string {
    return this.dialect === 'postgres' ? `jsonb_array_elements_text(${column})` : `unnest(json_extract_string(${column}, '$[*]'))`;
  }

  /** A JSON number from text that reads as one. */
  jsonNumber(text: string): string {
    return this.dialect === 'postgres' ? `to_jsonb(CAST(${text} AS NUMERIC))` : `CAST(CAST(${text} AS DOUBLE) AS JSON)`;
  }

  /** A JSON string. */
  jsonString(text: string): string {
    return this.dialect === 'postgres' ? `to_jsonb(CAST(${text} AS TEXT))` : `to_json(CAST(${text} AS VARCHAR))`;
  }

  /** A JSON value from a typed column: numbers and booleans as such, the rest as strings. */
  jsonValue(expression: string): string {
    return this.dialect === 'postgres' ? `to_jsonb(${expression})` : `to_json(${expression})`;
  }

  /** YYYY-MM-DD of a date expression. */
  dateText(date: string): string {
    return this.dialect === 'postgres' ? `to_char(CAST(${date} AS DATE), 'YYYY-MM-DD')` : `strftime(CAST(${date} AS DATE), '%Y-%m-%d')`;
  }

  get jsonType(): string {
    return this.dialect === 'postgres' ? 'JSONB' : 'JSON';
  }

  /** `CASE expression WHEN key THEN value … ELSE otherwise END` over a JS map (no entry: `otherwise`). */
  lookup(expression: string, entries: readonly (readonly [string, string])[], otherwise = 'NULL'): string {
    if (entries.length === 0) return otherwise;
    return `CASE ${expression} ${entries.map(([key, value]) => `WHEN ${sqlString(key)} THEN ${value}`).join(' ')} ELSE ${otherwise} END`;
  }
}

/** A SQL list of string literals. */
export function sqlList(values: readonly string[]): string {
  return values.map(sqlString).join(', ');
}
