/** docs/scale.md stays true to the code: the tables and columns it documents are the defaults. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DUCKDB_AFTER_LOAD, DUCKDB_RECIPE } from '../../bench/duckdb-recipe.js';
import { DEFAULT_SQL_COLUMNS, DEFAULT_SQL_TABLES, STAGING_SOURCES } from '../../src/sql/index.js';

const doc = readFileSync(new URL('../../docs/scale.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## The tables it reads'), doc.indexOf('## `now`'));
const rows = new Map(
  [...section.matchAll(/^\| `([a-z_]+)` \| (.+) \|$/gm)].map((match) => [
    match[1]!,
    [...match[2]!.matchAll(/`([a-z_]+)` [a-z]/g)].map((column) => column[1]!),
  ]),
);

describe('docs/scale.md', () => {
  it('names every default table', () => {
    expect([...rows.keys()].sort()).toEqual(Object.values(DEFAULT_SQL_TABLES).sort());
  });

  it.each(Object.entries(DEFAULT_SQL_COLUMNS))('lists exactly the default columns of %s', (table, columns) => {
    expect(rows.get(DEFAULT_SQL_TABLES[table as keyof typeof DEFAULT_SQL_COLUMNS])!.sort()).toEqual(Object.values(columns).sort());
  });
});

describe('docs/scale.md, DuckDB', () => {
  // The bench and the DuckDB suites run these statements: the page must give the same ones.
  const recipe = doc.slice(doc.indexOf('### DuckDB'), doc.indexOf('### PostgreSQL'));
  const block = /```sql\n([^`]*)```/.exec(recipe)?.[1] ?? '';
  const statements = block
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('--'))
    .map((line) => line.replace(/;$/, ''));

  it('prints the session recipe the bench runs, in order', () => {
    expect(statements).toEqual([...DUCKDB_RECIPE, DUCKDB_AFTER_LOAD]);
  });
});

describe('docs/warehouse.md', () => {
  const warehouse = readFileSync(new URL('../../docs/warehouse.md', import.meta.url), 'utf8');
  const table = warehouse.slice(warehouse.indexOf('## What each source reads'), warehouse.indexOf('A column the views read'));

  it('has a row for every staging source, and no other', () => {
    expect(
      [...table.matchAll(/^\| `([a-z-]+)` \|/gm)]
        .map((match) => match[1])
        .filter((name) => name !== 'source')
        .sort(),
    ).toEqual([...STAGING_SOURCES].sort());
  });
});
