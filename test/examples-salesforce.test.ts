/** examples/salesforce-sync.ts runs as a user would run it and prints what it says it does. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaskKey } from '../src/adapters/shared/keys.js';

const root = new URL('../', import.meta.url);
const run = (timeZone: string) =>
  execFileSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL('examples/salesforce-sync.ts', root).pathname], {
    encoding: 'utf8',
    env: { ...process.env, TZ: timeZone },
  });

interface Row {
  Id: string;
  OwnerId?: string;
  DoNotCall?: boolean;
  IsConverted?: boolean;
}
const data = JSON.parse(readFileSync(new URL('examples/data/salesforce.json', root), 'utf8')) as {
  records: { contacts: Row[]; leads: Row[] };
};

describe('examples/salesforce-sync.ts', () => {
  const output = run('Pacific/Kiritimati');
  const body = JSON.parse(output.slice(output.indexOf('{\n'))) as { allOrNone: boolean; records: Record<string, unknown>[] };

  it('reports what it read, and every record it left out with the reason', () => {
    // The data file holds 7 contacts and 2 leads, one of them converted.
    expect(output).toMatch(/^Read from Salesforce: 8 contacts and leads, \d+ touches, 2 reps$/m);
    for (const line of [
      'skipped leads[1] 00Q4x00000Led02EAB: converted-lead',
      'skipped tasks[4] 00T4x00000Tsk05AAB: open-task',
      'skipped tasks[10] 00T4x00000Tsk11AAB: not-a-touch-type',
      'skipped events[1] 00U4x00000Evt02AAB: invitee-copy',
      'skipped events[3] 00U4x00000Evt04AAB: future-event',
      'skipped opportunities[1] 0064x00000Opp02AAB: open-opportunity',
      'error tasks[7] 00T4x00000Tsk08AAB bad-instant CompletedDateTime',
    ])
      expect(output).toContain(line);
  });

  it('prints an upsert body with one Task per planned call, each keyed, on a rep’s own contact', () => {
    const count = Number(
      /^(\d+) tasks: PATCH \/services\/data\/v62\.0\/composite\/sobjects\/Task\/Calling_Cycle_Key__c$/m.exec(output)?.[1],
    );
    expect(count).toBeGreaterThan(0);
    expect(body.allOrNone).toBe(false);
    expect(body.records).toHaveLength(count);
    const people = new Map([...data.records.contacts, ...data.records.leads].map((row) => [row.Id, row]));
    for (const task of body.records) {
      expect(task).toMatchObject({ attributes: { type: 'Task' }, Status: 'Not Started', TaskSubtype: 'Call' });
      const person = people.get(String(task.WhoId))!;
      expect(person).toBeDefined();
      expect(person.DoNotCall).not.toBe(true);
      expect(person.IsConverted).not.toBe(true);
      expect(task.OwnerId).toBe(person.OwnerId);
      const key = parseTaskKey(task.Calling_Cycle_Key__c)!;
      expect(key.contactId).toBe(task.WhoId);
      // The week of 23 November 2026: Monday to Sunday, never on a US rep's Thanksgiving.
      expect(String(task.ActivityDate) >= '2026-11-23' && String(task.ActivityDate) <= '2026-11-29').toBe(true);
      if (task.OwnerId === '0054x00000AbNycAAB') expect(task.ActivityDate).not.toBe('2026-11-26');
    }
    expect(new Set(body.records.map((task) => task.Calling_Cycle_Key__c)).size).toBe(count);
  });

  it('lists each rep’s week with the calls the tasks hold', () => {
    expect(output).toMatch(/^0054x00000AbLonAAB: 4 calls a day$/m);
    expect(output).toMatch(/^0054x00000AbNycAAB: 3 calls a day$/m);
    for (const task of body.records)
      expect(output).toMatch(new RegExp(`\\d+\\. ${task.WhoId} .*${parseTaskKey(task.Calling_Cycle_Key__c)!.cycleId}`));
  });

  it('prints the same thing in any process time zone, so a re-run upserts the same tasks', () => {
    expect(run('America/Los_Angeles')).toBe(output);
  });
});
