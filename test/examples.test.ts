/** Every example runs as a user would run it, and says what it should. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Contact, evaluate, explain, parsePolicy, type Touch } from '../src/index.js';

const root = new URL('../', import.meta.url);
const run = (file: string, ...args: string[]) =>
  execFileSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL(file, root).pathname, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
  });
const data = <T>(name: string): T => JSON.parse(readFileSync(new URL(`examples/data/${name}`, root), 'utf8')) as T;

describe('examples', () => {
  it('daily-list prints every due and overdue item of the sample book with its reason, and the bad records', () => {
    const output = run('examples/daily-list.ts');
    const { items, errors } = evaluate({
      policy: parsePolicy(data('policy.json')),
      contacts: data('contacts.json'),
      touches: data('touches.json'),
      owners: data('owners.json'),
      snoozes: data('snoozes.json'),
      now: '2026-11-23T08:00:00Z',
    });
    const toCall = items.filter((item) => item.status === 'due' || item.status === 'overdue');
    expect(toCall.length).toBeGreaterThan(5);
    expect(output).toContain(`${toCall.length} due or overdue of ${items.length} contact-cycles`);
    for (const item of toCall) expect(output).toContain(explain(item));
    // The sample book shows each status a rep meets, and the bad touch for an unknown contact.
    for (const status of ['upcoming', 'overdue', 'paused', 'excluded', 'ended']) expect(output).toMatch(new RegExp(`${status} \\d+`));
    expect(errors.map((error) => error.message)).toEqual(['touch names unknown contact "c99"']);
    expect(output).toContain('touch names unknown contact "c99"');
  });

  it('call-list prints next week for both reps: every workday, within capacity, in plan order', () => {
    const output = run('examples/call-list.ts');
    for (const rep of ['u-london', 'u-newyork'])
      expect(output).toMatch(new RegExp(`^${rep}: 4 calls a day; \\d+ a day would keep every cycle on time`, 'm'));
    // Mon 30 Nov to Fri 4 Dec for London; New York's calendar has no holiday that week either.
    for (const date of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) {
      expect(output.match(new RegExp(`^  ${date} \\((\\d)/4\\)`, 'gm'))).toHaveLength(2);
    }
    expect(output).not.toMatch(/2026-12-0[56]/);
    expect(output).toMatch(/^ {4}1\. c25 nurture \[prospect\] 1064 days late$/m);
  });

  it('embed: the recipe maps CRM rows, evaluates and lists due work per rep', () => {
    const output = run('examples/embed.ts', '2026-11-23T08:00:00Z');
    const lines = output.trim().split('\n');
    // acc-100: key account (250k), last connected call 2 Nov (the 16 Nov voicemail does not count) → due 16 Nov, overdue.
    expect(lines.find((line) => line.startsWith('maria: acc-100 / call is overdue by 7 days (due 2026-11-16)'))).toBeDefined();
    // acc-101: 40k, meeting 1 Oct → due 1 Nov (Sunday) → 2 Nov, overdue; acc-102 new key account, due at once (20 Nov).
    expect(output).toContain('maria: acc-101 / call is overdue by 21 days (due 2026-11-02)');
    expect(output).toContain('james: acc-102 / call is overdue by 3 days (due 2026-11-20)');
    expect(output).not.toContain('acc-103');
  });

  it('embed: the recipe in the docs is the example, in at most 20 lines of code', () => {
    const doc = readFileSync(new URL('docs/recipes/embed.md', root), 'utf8');
    const code = readFileSync(new URL('examples/embed.ts', root), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block?.replace("'calling-cycle'", "'../src/index.js'")).toBe(code);
    const codeLines = code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
    expect(codeLines.length).toBeLessThanOrEqual(20);
  });
});

void ({} as Contact | Touch);
