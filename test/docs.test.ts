/** The documentation stays true to the code: every policy field documented, nothing invented. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORD_ERROR_CODES } from '../src/index.js';
import { policyPartSchemas } from '../src/schema/zod/policy.js';

const policyDoc = readFileSync(new URL('../docs/policy.md', import.meta.url), 'utf8');

function documentedFields(section: string): string[] {
  const start = policyDoc.indexOf(`### ${section}\n`);
  if (start < 0) return [];
  const rest = policyDoc.slice(start + section.length + 5);
  const end = rest.indexOf('\n### ');
  const body = end < 0 ? rest : rest.slice(0, end);
  return [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!);
}

describe('docs/policy.md', () => {
  it.each(Object.entries(policyPartSchemas))('documents exactly the fields of %s', (section, schema) => {
    expect(documentedFields(section).sort()).toEqual(Object.keys(schema.shape).sort());
  });
});

describe('docs/errors.md', () => {
  const errorsDoc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  it('lists exactly the record error codes the engine can give', () => {
    const section = errorsDoc.slice(errorsDoc.indexOf('## Record errors'), errorsDoc.indexOf('## Plan errors'));
    const documented = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...RECORD_ERROR_CODES].sort());
  });
});
