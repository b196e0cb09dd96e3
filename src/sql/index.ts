/**
 * `calling-cycle/sql`: the same due items `evaluate` computes, computed inside PostgreSQL (15+,
 * Citus) or DuckDB where the data already lives. `compileSql` writes the query; `sqlSupportTables`
 * computes, with the core's own code, the zone offsets and work days the query joins;
 * `stagingViews` maps a Fivetran or Airbyte sync of Salesforce or HubSpot to the tables it reads.
 * See docs/scale.md and docs/warehouse.md.
 */
export {
  type CompiledSql,
  type CompileSqlOptions,
  compileSql,
  type OmittedCycle,
  SQL_ITEM_COLUMNS,
  type SqlItemColumn,
} from './compile.js';
export { compileShardedSql, type ShardedSql, type ShardedSqlOptions, type SqlStep } from './sharded.js';
export { isSqlUnsupported, SqlUnsupportedError } from './refusals.js';
export { type SqlDialect, SQL_DIALECTS } from './dialect.js';
export type { SqlValues } from './query-context.js';
export {
  type ContactColumns,
  DEFAULT_SQL_COLUMNS,
  DEFAULT_SQL_TABLES,
  type OwnerColumns,
  type SnoozeColumns,
  type SqlColumns,
  type SqlTables,
  type TouchColumns,
} from './names.js';
export {
  type OccurrenceRow,
  type SqlSupportOptions,
  type SqlSupportTables,
  type SupportStatementOptions,
  MAX_SUPPORT_YEARS,
  sqlSupportTables,
  supportTableStatements,
  type WorkDayRow,
  type ZoneDayRow,
} from './support.js';
export { type BookStatementOptions, bookTableStatements, type SqlBook } from './load.js';
export { stagingViews } from './staging.js';
export {
  DEFAULT_STAGING_VIEWS,
  type HubSpotStagingOptions,
  type SalesforceStagingOptions,
  STAGING_SOURCES,
  type StagingOwnerSettings,
  type StagingSource,
  type StagingViewNames,
  type StagingViewOptions,
  type StagingViews,
} from './staging-sql.js';
