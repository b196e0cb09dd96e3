/**
 * docs/adapters/salesforce.md against the code: its skip-reason table lists exactly the reasons
 * the adapter can give, its error table only codes adapters have, its options table every option,
 * and its disposition table agrees with the built-in map.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS, dispositionOutcome, SALESFORCE_SKIP_REASONS } from '../../src/adapters/salesforce/index.js';

const page = readFileSync(new URL('../../docs/adapters/salesforce.md', import.meta.url), 'utf8');

/** The first-column values (in backticks) of the table under a heading. */
function firstColumn(heading: string): string[] {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const rows = page
    .slice(start + heading.length + 2)
    .split('\n')
    .filter(
      (line, index, lines) => line.startsWith('|') && lines.slice(0, index).every((earlier) => earlier === '' || earlier.startsWith('|')),
    );
  return rows.slice(2).map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? row);
}

describe('docs/adapters/salesforce.md', () => {
  it('lists every skip reason, and no other', () => {
    expect(firstColumn('### Skip reasons').sort()).toEqual([...SALESFORCE_SKIP_REASONS].sort());
  });

  it('lists only error codes adapters have', () => {
    const codes = firstColumn('### Error codes');
    const known = [
      'not-an-object',
      'missing-id',
      'bad-id',
      'missing-field',
      'bad-instant',
      'bad-date',
      'bad-value',
      'unknown-zone',
      'unknown-contact',
      'no-contact',
      'unknown-collection',
    ];
    for (const code of codes) expect(known).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(8);
  });

  it('lists every option of fromSalesforce', () => {
    const source = readFileSync(new URL('../../src/adapters/salesforce/types.ts', import.meta.url), 'utf8');
    const block = source.slice(
      source.indexOf('export interface FromSalesforceOptions'),
      source.indexOf('\n}\n', source.indexOf('export interface FromSalesforceOptions')),
    );
    const options = [...block.matchAll(/^ {2}(\w+)\?:/gm)].map((match) => match[1]);
    expect(options.length).toBeGreaterThan(15);
    expect(firstColumn('### Options').sort()).toEqual(options.sort());
  });

  it('gives each call result in its disposition table the outcome the adapter gives it', () => {
    const start = page.indexOf('| Call result | outcome |');
    const rows = page.slice(start).split('\n\n')[0]!.split('\n').slice(2);
    let checked = 0;
    for (const row of rows) {
      const [results, outcome] = row.split('|').slice(1, 3) as [string, string];
      const expected = /`([a-z-]+)`/.exec(outcome)?.[1];
      if (expected === undefined) continue;
      for (const [, result] of results.split(', or text')[0]!.matchAll(/`([^`]+)`/g)) {
        expect(dispositionOutcome(result!), result).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBe(Object.keys(DEFAULT_DISPOSITIONS).length);
  });
});
