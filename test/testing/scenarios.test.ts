/**
 * Scenario files: the bundled examples pass; a scenario that is wrong fails with one line saying
 * what did not match; the closing line counts them.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { scenarioFileSchema } from '../../src/schema/zod/index.js';
import { formatScenarioResults, runScenario, runScenarioFiles, runScenarios } from '../../src/testing/index.js';

const examples = join(import.meta.dirname, '../../examples/scenarios');

const policy = {
  version: 1,
  tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 }] }],
  defaultTier: 'A',
};
const keyAccount = {
  name: 'key account',
  policy,
  owners: [{ id: 'u1', timeZone: 'Europe/Berlin', dailyCapacity: 5 }],
  contacts: [{ id: 'acme', ownerId: 'u1', timeZone: 'Europe/Berlin' }],
  touches: [{ contactId: 'acme', at: '2026-01-05 10:00', channel: 'call' }],
  now: '2026-01-22',
  expect: { items: [{ contactId: 'acme', status: 'overdue', dueOn: '2026-01-19', daysOverdue: 3 }] },
};

describe('scenario files', () => {
  test('the bundled examples pass', async () => {
    const results = await runScenarioFiles([examples]);
    expect(results.map((result) => [result.file?.endsWith('.json'), result.passed, result.failures])).toEqual([
      [true, true, []],
      [true, true, []],
      [true, true, []],
    ]);
    expect(formatScenarioResults(results).split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  test('wrong expectations, a typo, bad JSON and a missing file each fail on their own line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'scenarios-'));
    await writeFile(join(folder, 'a-pass.json'), JSON.stringify(keyAccount));
    await writeFile(
      join(folder, 'b-wrong.json'),
      JSON.stringify({
        ...keyAccount,
        name: 'wrong',
        expect: {
          items: [{ contactId: 'acme', status: 'due', dueOn: '2026-01-20' }],
          callLists: [{ ownerId: 'u1', date: '2026-01-22', calls: ['globex'] }],
        },
      }),
    );
    await writeFile(join(folder, 'c-typo.json'), JSON.stringify({ ...keyAccount, name: 'typo', expect: { item: [] } }));
    await writeFile(join(folder, 'd-broken.json'), '{ "name": ');
    await writeFile(join(folder, 'notes.txt'), 'not a scenario');
    const results = await runScenarioFiles([folder, join(folder, 'missing.json')]);
    const lines = formatScenarioResults(results).split('\n');
    expect(lines).toHaveLength(results.length + 1);
    expect(lines.at(-1)).toBe('1 passed, 4 failed');
    expect(lines).toContain(`PASS key account (${join(folder, 'a-pass.json')})`);
    expect(lines).toContain(
      `FAIL wrong (${join(folder, 'b-wrong.json')}): acme: expected status "due", got "overdue"; acme: expected dueOn "2026-01-20", got "2026-01-19"; u1 on 2026-01-22: expected the list [globex], got [acme / check-in]`,
    );
    expect(lines.find((line) => line.startsWith('FAIL typo'))).toMatch(/expect: Unrecognized key: "item"/);
    expect(lines.find((line) => line.startsWith('FAIL d-broken'))).toMatch(/not readable JSON/);
    expect(lines.find((line) => line.includes('missing.json'))).toMatch(/^FAIL .*cannot read/);
  });

  test('a file may hold a list of scenarios; unnamed ones are numbered', () => {
    const { name: _, ...unnamed } = keyAccount;
    const results = runScenarios([[keyAccount, unnamed]], ['pair']);
    expect(results.map((result) => [result.name, result.passed])).toEqual([
      ['key account', true],
      ['pair #2', true],
    ]);
  });

  test('unexpected record errors fail the scenario; expected ones are matched', () => {
    const withBadTouch = {
      ...keyAccount,
      touches: [...keyAccount.touches, { contactId: 'nobody', at: '2026-01-06 10:00', channel: 'call' }],
    };
    const failed = runScenario(withBadTouch);
    expect(failed.passed).toBe(false);
    expect(failed.failures).toEqual([expect.stringMatching(/^unexpected touch error \(unknown-contact\) at touches\[1\]\.contactId: /)]);
    const expected = runScenario({
      ...withBadTouch,
      expect: { ...keyAccount.expect, errors: [{ record: 'touch', code: 'unknown-contact' }] },
    });
    expect(expected).toEqual({ name: 'key account', passed: true, failures: [] });
  });

  test('a bad policy fails with every problem by path', () => {
    const result = runScenario({ ...keyAccount, policy: { version: 1, tiers: [] } });
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual([expect.stringMatching(/^policy\.tiers: /)]);
  });

  test('the schema converts to JSON Schema (the CLI ships it)', () => {
    const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input' }) as { anyOf?: unknown[] };
    expect(schema.anyOf).toHaveLength(2);
  });
});
