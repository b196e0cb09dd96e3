/**
 * `stagingViews`: views that turn the tables Fivetran and Airbyte load for Salesforce and HubSpot
 * into the default tables `compileSql` reads (`contacts`, `touches`, `owners`), with the mapping
 * rules of the JS adapters: their disposition, channel and task-type tables are imported from the
 * adapters, so the SQL path and `fromSalesforce`/`fromHubSpot` read the same rows the same way.
 *
 * Beside those three, a `cc_staging_rejects` view lists every source row the views leave out and
 * why, in the adapters' own words (`open-task`, `deleted`, `contact-not-mapped` …): nothing read is
 * dropped without a trace. This file is the entry; the options and the SQL both CRMs share are in
 * staging-sql.ts, the writers in staging-salesforce.ts and staging-hubspot.ts. docs/warehouse.md
 * has the recipe.
 */
import { InputError, type Issue } from '../errors/errors.js';
import { parsePolicy } from '../schema/policy.js';
import { refuseUnknownOptions } from '../adapters/shared/values.js';
import { SQL_DIALECTS } from './dialect.js';
import { hubSpotStaging } from './staging-hubspot.js';
import { salesforceStaging } from './staging-salesforce.js';
import {
  DEFAULT_STAGING_VIEWS,
  type HubSpotStagingOptions,
  type SalesforceStagingOptions,
  STAGING_SOURCES,
  StagingSql,
  type StagingViewOptions,
  type StagingViews,
} from './staging-sql.js';

/** Every option of a Salesforce source (typed, so a new option must be listed here). */
const SALESFORCE_OPTION_NAMES: Record<keyof SalesforceStagingOptions, true> = {
  source: true,
  leads: true,
  includeConvertedLeads: true,
  opportunities: true,
  wonEvent: true,
  fivetranHistoryMode: true,
  keyField: true,
  dispositions: true,
  purposeField: true,
  defaultPurpose: true,
  timeZoneField: true,
  tierField: true,
  attributeFields: true,
  dateOnlyTime: true,
  timeZone: true,
  includeOtherTasks: true,
  includeListEmails: true,
  includeInternalCalls: true,
  calendar: true,
  dialect: true,
  schema: true,
  views: true,
  timestamps: true,
  policy: true,
  purposes: true,
  zones: true,
};

/** Every option of a HubSpot source. */
const HUBSPOT_OPTION_NAMES: Record<keyof HubSpotStagingOptions, true> = {
  source: true,
  keyProperty: true,
  attributes: true,
  tierProperty: true,
  doNotContactProperties: true,
  owners: true,
  ownerDefaults: true,
  dispositions: true,
  taskChannels: true,
  purposeProperty: true,
  forwardedEmailDirection: true,
  includeArchived: true,
  deals: true,
  wonStages: true,
  closedWonEvent: true,
  dialect: true,
  schema: true,
  views: true,
  timestamps: true,
  policy: true,
  purposes: true,
  zones: true,
};

/**
 * CREATE VIEW statements that map a Fivetran or Airbyte sync of Salesforce or HubSpot to the
 * tables `compileSql` reads, the way `fromSalesforce`/`fromHubSpot` map the same records.
 * Throws `InputError` for options it cannot honour (a dotted field path, an unknown zone).
 *
 * @example
 * const staging = stagingViews({ source: 'fivetran-salesforce', schema: 'salesforce', dialect: 'postgres' });
 * for (const statement of staging.statements) await client.query(statement);
 * const { sql } = compileSql(policy, { dialect: 'postgres', ...staging.compileOptions });
 */
export function stagingViews(options: StagingViewOptions): StagingViews {
  const issues: Issue[] = [];
  if (!STAGING_SOURCES.includes(options.source)) {
    issues.push({ code: 'invalid_value', path: ['source'], message: `one of ${STAGING_SOURCES.join(', ')}` });
  }
  if (!SQL_DIALECTS.includes(options.dialect)) {
    issues.push({ code: 'invalid_value', path: ['dialect'], message: `one of ${SQL_DIALECTS.join(', ')}` });
  }
  if (options.timestamps !== undefined && options.timestamps !== 'timestamptz' && options.timestamps !== 'utc-timestamp') {
    issues.push({ code: 'invalid_value', path: ['timestamps'], message: "'timestamptz' or 'utc-timestamp'" });
  }
  if (issues.length > 0)
    throw new InputError(`stagingViews: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, issues);
  const salesforce = options.source === 'fivetran-salesforce' || options.source === 'airbyte-salesforce';
  // An option of the other CRM (or a misspelt one) would be ignored, mapping every row without it.
  refuseUnknownOptions('stagingViews', options, salesforce ? SALESFORCE_OPTION_NAMES : HUBSPOT_OPTION_NAMES);
  const policy = options.policy === undefined ? undefined : parsePolicy(options.policy);
  const views = { ...DEFAULT_STAGING_VIEWS, ...options.views };
  const writer = new StagingSql(options.dialect, options.schema, options.timestamps ?? 'timestamptz', views, policy, options.zones);
  const notes = salesforce
      ? salesforceStaging(writer, options as SalesforceStagingOptions)
      : hubSpotStaging(writer, options as HubSpotStagingOptions);
  return {
    statements: writer.statements(),
    views,
    compileOptions: { tables: { contacts: views.contacts, touches: views.touches, owners: views.owners, snoozes: null } },
    notes,
  };
}
