/** docs/testing.md stays true: its scenario passes and its failure message is the one printed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { book, cadencePolicy, check, runScenario, toBeDueOn } from '../../src/testing/index.js';

const doc = readFileSync(new URL('../../docs/testing.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(([, language, body]) => ({ language, body: body! }));

describe('docs/testing.md', () => {
  it('its scenario file passes', () => {
    const json = blocks.filter((block) => block.language === 'json');
    expect(json).toHaveLength(1);
    expect(runScenario(JSON.parse(json[0]!.body))).toMatchObject({ passed: true, failures: [] });
  });

  it('its failure message is what the matcher prints', () => {
    const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
    const accounts = check(
      policy,
      book().contact('acme', { tier: 'A', timeZone: 'Europe/Berlin' }).touch('acme', '2026-01-05 10:00', 'call'),
    );
    const message = toBeDueOn(accounts.at('2026-01-19').item('acme'), '2026-01-20').message();
    expect(blocks.some((block) => block.language === '' && block.body.trim() === message)).toBe(true);
  });
});
