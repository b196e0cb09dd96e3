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

  it('call-list prints next week for both reps: one line per contact within capacity, the backlog first by saturating priority, and an honest summary', async () => {
    const { plan } = await import('../src/index.js');
    const output = run('examples/call-list.ts');
    const policyJson = data<{ tiers: { id: string; weight?: number; cycles: { id: string; cadence: Record<string, unknown> }[] }[] }>(
      'policy.json',
    );
    const policy = parsePolicy(policyJson);
    const owners = data<Parameters<typeof plan>[0]['owners']>('owners.json');
    const from = '2026-11-30';
    const { items } = evaluate({
      policy,
      contacts: data('contacts.json'),
      touches: data('touches.json'),
      owners,
      snoozes: data('snoozes.json'),
      now: '2026-11-23T08:00:00Z',
    });
    const week = plan({ policy, items, owners, from, days: 7 });
    const onTimeOnly = plan({ policy, items: items.filter((item) => item.dueOn !== null && item.dueOn >= from), owners, from, days: 7 });
    const daysBefore = (date: string) => (Date.parse(from) - Date.parse(date)) / 86_400_000;
    // The spec's priority, from the policy as written: weight × (min(days late, cycle length) + 1) / cycle length.
    const nominal = (duration: string) => {
      const [, years, months, weeks, days] = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/
        .exec(duration)!
        .map((part) => Number(part ?? 0));
      return years! * 365.25 + months! * 30.436875 + weeks! * 7 + days!;
    };
    const cycleLength = (cadence: Record<string, unknown>): number => {
      if (typeof cadence.every === 'string') return nominal(cadence.every);
      if (typeof cadence.rrule === 'string')
        return { YEARLY: 365.25, MONTHLY: 30.436875, WEEKLY: 7 }[/FREQ=(\w+)/.exec(cadence.rrule)![1]!]!;
      if (typeof cadence.per === 'string')
        return { week: 7, month: 30.436875, quarter: 91.310625, year: 365.25 }[cadence.per]! / Number(cadence.times);
      const offsets = (cadence.at as string[]).map(nominal);
      return Math.max(...offsets) / offsets.length;
    };
    const cycleOf = (tierId: string, cycleId: string) => {
      const tier = policyJson.tiers.find((candidate) => candidate.id === tierId)!;
      return { weight: tier.weight ?? 1, length: cycleLength(tier.cycles.find((cycle) => cycle.id === cycleId)!.cadence) };
    };
    const priority = (tierId: string, cycleId: string, late: number, saturate: boolean) => {
      const { weight, length } = cycleOf(tierId, cycleId);
      return (weight * ((saturate ? Math.min(late, length) : late) + 1)) / length;
    };

    let saturationDecided = 0;
    for (const owner of week.owners) {
      const section = output
        .slice(output.indexOf(`\n${owner.ownerId}: `) + 1)
        .split('\n\n')[0]!
        .split('\n');
      const backlog = items.filter(
        (item) => item.ownerId === owner.ownerId && item.dueOn !== null && item.dueOn < from && item.status !== 'paused',
      );
      expect(backlog.length).toBeGreaterThan(0);
      const oldest = Math.max(...backlog.map((item) => daysBefore(item.dueOn!)));
      const onTimeNeeds = onTimeOnly.owners.find((candidate) => candidate.ownerId === owner.ownerId)!.neededCapacity;
      expect(section.slice(0, 3)).toEqual([
        `${owner.ownerId}: ${owner.dailyCapacity} calls a day`,
        `  backlog: ${backlog.length} cycles already late on ${from}, up to ${oldest.toLocaleString('en')} days late`,
        `  capacity: on-time work alone needs ${onTimeNeeds} calls a day; clearing the backlog within these 7 days as well needs ${owner.neededCapacity}`,
      ]);
      // The summary says what the backlog costs the work that was on time, as the plan has it.
      const touches = owner.days.flatMap((day) => day.touches);
      const madeLate = touches.filter((touch) => touch.dueOn >= from && touch.lateness > 0);
      expect(section[3]).toContain(`${touches.length} cycles`);
      expect(section[3]).toContain(madeLate.length === 0 ? 'nothing that was on time is made late' : `${madeLate.length} cycle`);

      // Every workday Monday to Friday, within capacity counted in calls, one line per contact a day.
      const dayLines = section.filter((line) => /^ {2}\d{4}-/.test(line));
      expect(dayLines.map((line) => line.slice(2, 12))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
      const linesOf = (dayLine: string) => {
        const rest = section.slice(section.indexOf(dayLine) + 1);
        const end = rest.findIndex((line) => !line.startsWith('    '));
        return end === -1 ? rest : rest.slice(0, end);
      };
      const called: { day: number; position: number; contactId: string; tierId: string; cycleId: string; late: number }[] = [];
      owner.days.forEach((day, dayIndex) => {
        const lines = linesOf(dayLines[dayIndex]!);
        expect(dayLines[dayIndex]).toBe(`  ${day.date} (${lines.length}/${owner.dailyCapacity} calls)`);
        expect(lines.length).toBeLessThanOrEqual(owner.dailyCapacity);
        const contacts = lines.map((line) => /^ {4}\d+\. (\S+) /.exec(line)![1]!);
        expect(new Set(contacts).size).toBe(contacts.length);
        // Each of the contact's cycles planned that day is on its one line.
        for (const touch of day.touches) expect(lines[contacts.indexOf(touch.contactId)]).toContain(`${touch.cycleId} `);
        // The backlog comes before work that was on time when the week started.
        const isBacklog = contacts.map((contactId) => day.touches.some((touch) => touch.contactId === contactId && touch.dueOn < from));
        expect(isBacklog.indexOf(false) === -1 || isBacklog.lastIndexOf(true) < isBacklog.indexOf(false)).toBe(true);
        // The touch that booked each call (the first on its line), when it is backlog.
        contacts.forEach((contactId, position) => {
          const booking = day.touches.find((touch) => touch.contactId === contactId)!;
          if (booking.dueOn < from && booking.reason.contactCalendar === null)
            called.push({
              day: dayIndex,
              position,
              contactId,
              tierId: booking.tierId,
              cycleId: booking.cycleId,
              late: daysBefore(booking.dueOn),
            });
        });
      });
      // Backlog calls go by the saturating priority on the first day (5% margin for rounding of cycle lengths).
      for (const first of called) {
        for (const second of called) {
          const before = first.day < second.day || (first.day === second.day && first.position < second.position);
          const saturated = [first, second].map((entry) => priority(entry.tierId, entry.cycleId, entry.late, true));
          if (saturated[0]! > saturated[1]! * 1.05) expect(before, `${first.contactId} before ${second.contactId}`).toBe(true);
          const raw = [first, second].map((entry) => priority(entry.tierId, entry.cycleId, entry.late, false));
          if (before && saturated[0]! > saturated[1]! * 1.05 && raw[0]! < raw[1]!) saturationDecided++;
        }
      }
    }
    // The sample shows the rule at work: some call goes first only because lateness saturates.
    expect(saturationDecided).toBeGreaterThan(0);
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
