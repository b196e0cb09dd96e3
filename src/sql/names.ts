/**
 * Table and column names the generated SQL reads. Every one can be renamed by the caller, so the
 * query runs over a CRM's own tables (or views over them) without copying data.
 */

/** Columns of the contacts table. */
export interface ContactColumns {
  /** Text, unique: the contact id (the distribution column on Citus). */
  id: string;
  /** Text, nullable: the owning rep's id. */
  ownerId: string;
  /** Text, nullable: IANA zone. */
  timeZone: string;
  /** Text, nullable: explicit tier id. */
  tier: string;
  /** Text, nullable: name of a policy calendar the contact observes. */
  calendar: string;
  /** timestamptz, nullable. */
  createdAt: string;
  /** JSON (PostgreSQL `jsonb`, DuckDB `JSON`), nullable: attributes for tier rules. */
  attributes: string;
  /** JSON, nullable: named event dates as `YYYY-MM-DD` text (`{"closedWon": "2026-10-01"}`). */
  events: string;
  /** Boolean, nullable (null = false). */
  doNotContact: string;
  /** Date, nullable: no contact before this date. */
  pausedUntil: string;
}

/** Columns of the touches table. */
export interface TouchColumns {
  /** Text: the contact's id (distribute touches by it, co-located with contacts). */
  contactId: string;
  /** timestamptz: when it happened. */
  at: string;
  channel: string;
  /** Text, nullable. */
  direction: string;
  /** Text, nullable. */
  outcome: string;
  /** Text, nullable. */
  purpose: string;
}

/** Columns of the owners table. */
export interface OwnerColumns {
  id: string;
  /** Text, nullable: IANA zone. */
  timeZone: string;
  /** Text, nullable: name of a policy calendar. */
  calendar: string;
}

/** Columns of the snoozes table. */
export interface SnoozeColumns {
  contactId: string;
  cycleId: string;
  /** Date. */
  until: string;
}

/** Table names; a name may be schema-qualified (`crm.contacts`). */
export interface SqlTables {
  contacts: string;
  touches: string;
  owners: string;
  snoozes: string;
  /** Support table: per zone and UTC day, the UTC offset (see `sqlSupportTables`). */
  zoneDays: string;
  /** Support table: per calendar pair, every unworkable day and where each shift moves it. */
  workDays: string;
  /** Support table: the one row giving the date range the support tables cover. */
  supportRange: string;
  /** Support table: occurrence dates of each anchored rule per zone. */
  occurrences: string;
}

export interface SqlColumns {
  contacts: ContactColumns;
  touches: TouchColumns;
  owners: OwnerColumns;
  snoozes: SnoozeColumns;
}

/**
 * The default table names.
 *
 * @example
 * compileSql(policy, { dialect: 'postgres', tables: { ...DEFAULT_SQL_TABLES, contacts: 'crm.people' } });
 */
export const DEFAULT_SQL_TABLES: SqlTables = {
  contacts: 'contacts',
  touches: 'touches',
  owners: 'owners',
  snoozes: 'snoozes',
  zoneDays: 'cc_zone_days',
  workDays: 'cc_work_days',
  supportRange: 'cc_support_range',
  occurrences: 'cc_occurrences',
};

/**
 * The default column names (snake_case of the wire format's field names).
 *
 * @example
 * compileSql(policy, { dialect: 'duckdb', columns: { touches: { at: 'occurred_at' } } }); // the rest as DEFAULT_SQL_COLUMNS
 */
export const DEFAULT_SQL_COLUMNS: SqlColumns = {
  contacts: {
    id: 'id',
    ownerId: 'owner_id',
    timeZone: 'time_zone',
    tier: 'tier',
    calendar: 'calendar',
    createdAt: 'created_at',
    attributes: 'attributes',
    events: 'events',
    doNotContact: 'do_not_contact',
    pausedUntil: 'paused_until',
  },
  touches: { contactId: 'contact_id', at: 'at', channel: 'channel', direction: 'direction', outcome: 'outcome', purpose: 'purpose' },
  owners: { id: 'id', timeZone: 'time_zone', calendar: 'calendar' },
  snoozes: { contactId: 'contact_id', cycleId: 'cycle_id', until: 'until' },
};

/** Caller overrides: some or all of the tables and columns. */
export interface SqlNameOptions {
  tables?: Partial<SqlTables>;
  columns?: { [K in keyof SqlColumns]?: Partial<SqlColumns[K]> };
}

export function resolveNames(options: SqlNameOptions): { tables: SqlTables; columns: SqlColumns } {
  const columns = options.columns ?? {};
  return {
    tables: { ...DEFAULT_SQL_TABLES, ...options.tables },
    columns: {
      contacts: { ...DEFAULT_SQL_COLUMNS.contacts, ...columns.contacts },
      touches: { ...DEFAULT_SQL_COLUMNS.touches, ...columns.touches },
      owners: { ...DEFAULT_SQL_COLUMNS.owners, ...columns.owners },
      snoozes: { ...DEFAULT_SQL_COLUMNS.snoozes, ...columns.snoozes },
    },
  };
}
