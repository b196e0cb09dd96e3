/** examples/hubspot-sync.ts runs as a user would run it and prints what it should. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHubSpot, hubSpotUpsertRequest, toHubSpotTasks } from '../src/adapters/hubspot/index.js';
import { evaluate, parsePolicy, plan } from '../src/index.js';

const root = new URL('../', import.meta.url);

describe('examples/hubspot-sync.ts', () => {
  // Another process time zone than the machine's: the output must not depend on it.
  const output = execFileSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL('examples/hubspot-sync.ts', root).pathname], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
  });

  it('accounts for every record it read: mapped, skipped with a reason, or an error', () => {
    expect(output).toContain('Read 4 contacts, 6 touches, 2 owners.');
    expect(output).toContain('contacts: 5 read, 4 mapped, 0 skipped, 1 errors');
    // The call with three contacts is one record and three touches.
    expect(output).toContain('calls: 4 read, 3 mapped, 1 skipped, 0 errors');
    expect(output).toContain('skipped calls 9004: call-not-completed');
    expect(output).toContain('skipped meetings 7001: meeting-not-completed');
    expect(output).toContain('skipped tasks 6001: open-task');
    expect(output).toMatch(/error contacts 205 unknown-zone at properties\.hs_timezone: .*mars_slash_olympus/);
  });

  it("lists this week's calls, checked by hand", () => {
    // 201: last connected call 2 Nov (the 16 Nov voicemail does not count), every 14 days → due 16 Nov, 7 days late on 23 Nov.
    expect(output).toContain('2026-11-23 1. contact 201 [key] check-in, 7 days late');
    // 202 (New York): last connected call 20 Oct (the three-contact call), every month → due 20 Nov, 3 days late.
    expect(output).toContain('2026-11-23 1. contact 202 [standard] check-in, 3 days late');
    // 203's sent email of 10 Nov makes it due 10 Dec; 204 does not want calls.
    expect(output).not.toMatch(/\d\. contact 20[345]/);
  });

  it('prints the upsert body: 9:00 in each rep zone, keyed, and the association step', () => {
    const body = JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
    expect(body.inputs.map((input: { id: string }) => input.id)).toEqual(['cc1:201:check-in:2026-11-16', 'cc1:202:check-in:2026-11-20']);
    // London in November is UTC+0, New York UTC−5.
    expect(body.inputs.map((input: { properties: { hs_timestamp: string } }) => input.properties.hs_timestamp)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T14:00:00.000Z',
    ]);

    // The same body as the library gives for the same data, computed here independently of the script.
    const data = JSON.parse(readFileSync(new URL('examples/data/hubspot.json', root), 'utf8'));
    const policy = parsePolicy(data.policy);
    const book = fromHubSpot(data.records, {
      policy,
      attributes: ['annualrevenue'],
      doNotContactProperties: ['do_not_call'],
      owners: data.ownerSettings,
    });
    const { items } = evaluate({
      policy,
      contacts: book.contacts,
      touches: book.touches,
      owners: book.owners,
      now: '2026-11-23T08:00:00Z',
    });
    const week = plan({ policy, items, owners: book.owners, from: '2026-11-23', days: 5 });
    expect(body).toEqual(hubSpotUpsertRequest(toHubSpotTasks(week, { owners: book.owners, policy })));

    expect(output).toContain('task 41001 → contact 201 (type 204)');
    expect(output).toContain('task 41002 → contact 202 (type 204)');
  });
});
