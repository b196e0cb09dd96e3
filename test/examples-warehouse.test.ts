/**
 * examples/warehouse-duckdb.ts runs as a user would run it: the items it prints from DuckDB are the
 * items `fromHubSpot` + `evaluate` give on the same portal, and the records it says it left out are
 * the ones the adapter skips or reports, for the same reasons.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHubSpot } from '../src/adapters/hubspot/index.js';
import { evaluate, parsePolicy } from '../src/index.js';

const root = new URL('../', import.meta.url);
const data = JSON.parse(readFileSync(new URL('examples/data/hubspot.json', root), 'utf8'));

describe('examples/warehouse-duckdb.ts', () => {
  // An odd process zone: nothing the example prints may depend on it.
  const output = execFileSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL('examples/warehouse-duckdb.ts', root).pathname], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Chatham' },
  });
  const section = (title: string) => {
    const start = output.indexOf(title);
    const rest = output.slice(start + title.length).split('\n\n')[0]!;
    return rest
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  };
  const policy = parsePolicy(data.policy);
  const adapter = fromHubSpot(data.records, {
    policy,
    attributes: ['annualrevenue'],
    doNotContactProperties: ['do_not_call'],
    owners: data.ownerSettings,
  });

  it('prints the items evaluate gives on what fromHubSpot reads', () => {
    const { items } = evaluate({ ...adapter, policy, now: '2026-11-23T08:00:00Z' });
    const expected = items
      .map((item) => `${item.contactId} ${item.cycleId} ${item.tierId} ${item.status} ${item.dueOn ?? '-'} ${item.daysOverdue}`)
      .sort();
    expect(expected.length).toBeGreaterThan(2);
    expect(section('Due items at 2026-11-23T08:00:00Z:').sort()).toEqual(expected);
  });

  it('names the records the adapter leaves out, for the same reasons', () => {
    const streams: Record<string, string> = {
      calls: 'engagements_calls',
      meetings: 'engagements_meetings',
      emails: 'engagements_emails',
      tasks: 'engagements_tasks',
      contacts: 'contacts',
    };
    const expected = [
      ...adapter.skipped
        .filter((skip) => skip.source in streams)
        .map((skip) => `skipped ${streams[skip.source]} ${skip.id}: ${skip.reason}`),
      ...adapter.errors
        .filter((error) => error.source in streams)
        .map((error) => `error ${streams[error.source]} ${error.id}: ${error.code}`),
    ].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(section('Left out:').sort()).toEqual(expected);
  });
});
