/** examples/sql-pglite.ts runs as a user would run it and lists what `evaluate` lists for the cycles SQL covers. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../src/index.js';

const root = new URL('../', import.meta.url);
const data = <T>(name: string): T => JSON.parse(readFileSync(new URL(`examples/data/${name}`, root), 'utf8')) as T;

describe('examples/sql-pglite.ts', () => {
  it('prints the due and overdue items evaluate finds, every cycle of the sample policy computed in SQL, and the counts by status', () => {
    const output = execFileSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL('examples/sql-pglite.ts', root).pathname], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Kiritimati' },
    });
    // The sample policy's anchored cycle has a fixed anchor, which SQL covers: nothing is left out.
    expect(output).not.toContain('Not computed in SQL');

    const { items } = evaluate({
      policy: parsePolicy(data('policy.json')),
      contacts: data('contacts.json'),
      touches: data('touches.json'),
      owners: data('owners.json'),
      snoozes: data('snoozes.json'),
      now: '2026-11-23T08:00:00Z',
    });
    const covered = items;
    const toCall = covered.filter((item) => item.status === 'due' || item.status === 'overdue');
    expect(toCall.length).toBeGreaterThan(3);
    expect(output).toContain(`${toCall.length} due or overdue of ${covered.length} contact-cycles (computed in PostgreSQL)`);
    for (const item of toCall) {
      const flag = item.status === 'overdue' ? `OVERDUE ${String(item.daysOverdue).padStart(3)}d` : 'due         ';
      const lastTouch = item.lastTouchAt ? `last qualifying touch ${item.lastTouchAt}` : 'never touched';
      const escalation = item.escalation ? `, escalated to ${item.escalation}` : '';
      expect(output).toContain(
        `${flag}  ${(item.ownerId ?? '-').padEnd(10)} ${item.contactId} / ${item.cycleId}: tier ${item.tierId}, due ${item.dueOn}, ${lastTouch}${escalation}`,
      );
    }
    const counts = new Map<string, number>();
    for (const item of covered) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    for (const [status, count] of counts) expect(output).toMatch(new RegExp(`${status} ${count}\\b`));
  }, 120_000);
});
