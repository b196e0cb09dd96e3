/**
 * Runs examples/pipedrive-sync.ts as a user would (through tsx, in its own process) and checks
 * what it prints against the example's data file, counted by hand.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTaskKey } from '../src/adapters/shared/keys.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('examples/pipedrive-sync.ts', () => {
  const output = execFileSync(`${root}node_modules/.bin/tsx`, ['examples/pipedrive-sync.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = output.split('\n');
  const payloadsAfter = (header: RegExp) => {
    const start = lines.findIndex((line) => header.test(line));
    const payloads: { id?: string; body: Record<string, unknown> }[] = [];
    for (const line of lines.slice(start + 1)) {
      const match = /^ {2}(\d+ )?(\{.*\})$/.exec(line);
      if (!match) break;
      payloads.push({ id: match[1]?.trim(), body: JSON.parse(match[2]!) });
    }
    return payloads;
  };

  it('accounts for every record of the data file', () => {
    // 6 persons (one deleted), 2 users, 9 activities (a task, an open call, a bad done time), 2 deals (one open).
    expect(output).toContain('persons: 6 read, 5 mapped, 1 skipped, 0 errors');
    expect(output).toContain('users: 2 read, 2 mapped, 0 skipped, 0 errors');
    expect(output).toContain('activities: 9 read, 6 mapped, 2 skipped, 1 errors');
    expect(output).toContain('deals: 2 read, 1 mapped, 1 skipped, 0 errors');
    expect(output).toContain('skipped persons #5 (id 2006): deleted');
    expect(output).toContain('skipped activities #4 (id 5): open-activity');
    expect(output).toMatch(/error activities #8 \(id 9\) bad-instant at marked_as_done_time: .*"19\/11\/2026 15:20"/);
  });

  it('prints each rep’s week, the key accounts first', () => {
    expect(output).toContain('rep 501');
    expect(output).toContain('rep 502');
    // 2003 and 2005 earn over 100 000 (the key tier's rule); 2004 does not.
    expect(output).toMatch(/person 2003 \[key\]/);
    expect(output).toMatch(/person 2004 \[other\]/);
    expect(output).not.toContain('person 2006');
  });

  const created = payloadsAfter(/^POST \/api\/v2\/activities/);
  const updated = payloadsAfter(/^PATCH \/api\/v2\/activities/);

  it('prints v2 activity payloads: a call at 10:00 in the rep’s zone, in UTC', () => {
    expect(created.length).toBeGreaterThan(0);
    for (const { body } of [...created, ...updated]) {
      expect(body).toMatchObject({ type: 'call', done: false, duration: '00:15' });
      // Hannah is in London (UTC+0 in winter), Luis in Chicago (UTC−6): 10:00 local is 10:00 or 16:00 UTC.
      expect(body.due_time).toBe(body.owner_id === 501 ? '10:00' : '16:00');
      const participants = body.participants as { person_id: number; primary: boolean }[];
      expect(participants).toHaveLength(1);
      expect(participants[0]!.primary).toBe(true);
      const key = parseTaskKey(/\[(cc1:[^\]]+)\]$/.exec(String(body.note))?.[1]);
      expect(key?.contactId).toBe(String(participants[0]!.person_id));
    }
  });

  it('a re-run updates the activity it made last time instead of creating another', () => {
    expect(updated).toHaveLength(1);
    expect(updated[0]!.id).toBe('812');
    const keys = [...created, ...updated].map(({ body }) => /\[(cc1:[^\]]+)\]$/.exec(String(body.note))![1]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
