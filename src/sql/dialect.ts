/**
 * The few places where PostgreSQL and DuckDB spell the same thing differently. Everything else the
 * compiler writes is SQL both read alike (CTEs, CASE, window functions, `date + integer`).
 */

/** The databases `compileSql` writes for. */
export type SqlDialect = 'postgres' | 'duckdb';

/**
 * Every dialect `compileSql` writes.
 *
 * @example
 * SQL_DIALECTS.includes(requested) // true for 'postgres' and 'duckdb'
 */
export const SQL_DIALECTS: readonly SqlDialect[] = ['postgres', 'duckdb'];

/** A single-quoted SQL string literal (both dialects keep backslashes literal). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A double-quoted identifier; `schema.table` is quoted part by part. */
export function sqlName(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/** A finite number as a SQL literal typed as double precision. */
export function sqlNumber(value: number): string {
  return `CAST(${JSON.stringify(value)} AS DOUBLE PRECISION)`;
}

/** A `YYYY-MM-DD` date literal. */
export function sqlDate(text: string): string {
  return `DATE ${sqlString(text)}`;
}

/** How one dialect spells what the other spells differently. */
export interface DialectSpelling {
  /** Whole epoch milliseconds of a timestamptz expression. */
  epochMs(instant: string): string;
  /** Whole days since 1970-01-01 of epoch milliseconds (a column or simple sum), rounded down. */
  epochDay(ms: string): string;
  /** `YYYY-MM-DD` text of a date expression. */
  dateText(date: string): string;
  /** Canonical UTC ISO text (`2026-11-01T09:30:00.000Z`) of epoch milliseconds. */
  isoFromMs(ms: string): string;
  /** The timestamptz of epoch milliseconds (whole milliseconds, exact). */
  instantFromMs(ms: string): string;
  /** Days from `earlier` to `later` (two date expressions), as an integer. */
  daysBetween(later: string, earlier: string): string;
  /** A date expression plus whole months, the day clamped to the month's end (Jan 31 + 1 = Feb 28/29). */
  addMonths(date: string, months: number): string;
  /** Whether a member of a JSON column holds a value of this JSON type (false when absent). */
  jsonIs(column: string, member: string, kind: 'string' | 'number' | 'boolean' | 'null'): string;
  /** Whether a JSON column has the member at all (a JSON null included). */
  jsonHas(column: string, member: string): string;
  /** The text of a JSON member (a string unquoted, a number or boolean as written). */
  jsonText(column: string, member: string): string;
  /** Binary (code point) ordering of a text expression, whatever the database's collation. */
  binaryOrder(text: string): string;
  /** The query parameter for `now`. */
  nowParameter: string;
  /**
   * What ends a state CTE so the planner computes its columns once, rather than pulling the
   * subquery up and copying each expression into every join key and step that reads it.
   */
  fence: string;
  /**
   * Whether a cycle's steps are written as one derived table per step (DuckDB, which plans a
   * LATERAL join as a join against the distinct outer rows) rather than one-row LATERAL joins.
   */
  stagedSteps: boolean;
  /** A one-row LATERAL join computing named values from the row so far. */
  lateral(values: readonly [expression: string, name: string][], alias: string): string;
}

// DuckDB names a JSON value's type after the SQL type it would read as.
const DUCK_JSON_TYPES = {
  string: "'VARCHAR'",
  number: "'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE'",
  boolean: "'BOOLEAN'",
  null: "'NULL'",
} as const;

function duckPath(member: string): string {
  return sqlString(`$."${member}"`);
}

export const spellings: Record<SqlDialect, DialectSpelling> = {
  postgres: {
    epochMs: (instant) => `CAST(floor(extract(epoch FROM ${instant}) * 1000) AS BIGINT)`,
    // Integer arithmetic, rounding down for instants before 1970 too: dividing by 86400000.0
    // would be numeric arithmetic, several times slower per row in each zone join.
    epochDay: (ms) => `CAST(((${ms}) - mod(mod(${ms}, 86400000) + 86400000, 86400000)) / 86400000 AS INTEGER)`,
    dateText: (date) => `to_char(${date}, 'YYYY-MM-DD')`,
    isoFromMs: (ms) => `to_char(TIMESTAMP '1970-01-01 00:00:00' + ${ms} * INTERVAL '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    // Interval arithmetic is exact to the microsecond, where to_timestamp goes through a double.
    instantFromMs: (ms) => `(TIMESTAMPTZ '1970-01-01 00:00:00+00' + ${ms} * INTERVAL '1 millisecond')`,
    daysBetween: (later, earlier) => `(${later} - ${earlier})`,
    addMonths: (date, months) => `CAST(${date} + INTERVAL '${months} months' AS DATE)`,
    jsonIs: (column, member, kind) => `COALESCE(jsonb_typeof(${column} -> ${sqlString(member)}) = '${kind}', FALSE)`,
    jsonHas: (column, member) => `(${column} -> ${sqlString(member)} IS NOT NULL)`,
    jsonText: (column, member) => `(${column} ->> ${sqlString(member)})`,
    binaryOrder: (text) => `${text} COLLATE "C"`,
    nowParameter: '$1',
    // PostgreSQL inlines a CTE read once; OFFSET 0 keeps it a subquery whose columns are values
    // (EXPLAIN ANALYZE at 100,000 contacts: the epoch and zone expressions were recomputed in
    // each of the four zone joins and every later step).
    fence: '\nOFFSET 0',
    stagedSteps: false,
    // OFFSET 0 keeps the planner from pulling the step up into the outer query, where every later
    // reference would copy the whole expression (the plan then grows with the product of them).
    lateral: (values, alias) =>
      `CROSS JOIN LATERAL (SELECT ${values.map(([expression, name]) => `${expression} AS ${name}`).join(', ')} OFFSET 0) AS ${alias}`,
  },
  duckdb: {
    epochMs: (instant) => `epoch_ms(${instant})`,
    epochDay: (ms) => `CAST(floor((${ms}) / 86400000.0) AS INTEGER)`,
    dateText: (date) => `strftime(${date}, '%Y-%m-%d')`,
    isoFromMs: (ms) => `strftime(make_timestamp(${ms} * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`,
    instantFromMs: (ms) => `make_timestamptz(${ms} * 1000)`,
    daysBetween: (later, earlier) => `CAST(date_diff('day', ${earlier}, ${later}) AS INTEGER)`,
    addMonths: (date, months) => `CAST(${date} + INTERVAL '${months} months' AS DATE)`,
    jsonIs: (column, member, kind) => `COALESCE(json_type(${column}, ${duckPath(member)}) IN (${DUCK_JSON_TYPES[kind]}), FALSE)`,
    jsonHas: (column, member) => `(json_type(${column}, ${duckPath(member)}) IS NOT NULL)`,
    jsonText: (column, member) => `json_extract_string(${column}, ${duckPath(member)})`,
    binaryOrder: (text) => text,
    nowParameter: '$1',
    fence: '',
    stagedSteps: true,
    lateral: (values, alias) =>
      `CROSS JOIN LATERAL (SELECT ${values.map(([expression, name]) => `${expression} AS ${name}`).join(', ')}) AS ${alias}`,
  },
};
