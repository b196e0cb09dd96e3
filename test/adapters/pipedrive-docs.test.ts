/** docs/adapters/pipedrive.md stays true to the code: every option, skip reason and error code, and nothing invented. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const doc = read('../../docs/adapters/pipedrive.md');
// The reader's code: fromPipedrive, the activities it reads, and the records every collection shares.
const reader = ['read.ts', 'activities.ts', 'records.ts'].map((file) => read(`../../src/adapters/pipedrive/${file}`)).join('\n');
const types = read('../../src/adapters/pipedrive/types.ts');

/** The first-column code names of the table under a `### heading`. */
function tableOf(heading: string): string[] {
  const start = doc.indexOf(`### ${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const rest = doc.slice(start + heading.length + 5);
  const end = rest.search(/\n##+ /);
  const body = end < 0 ? rest : rest.slice(0, end);
  return [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!).sort();
}

const unique = (values: string[]) => [...new Set(values)].sort();

describe('docs/adapters/pipedrive.md', () => {
  it('documents exactly the options of FromPipedriveOptions', () => {
    const body = types.slice(types.indexOf('export interface FromPipedriveOptions'));
    const options = [...body.slice(0, body.indexOf('\n}\n')).matchAll(/^ {2}(\w+)\?:/gm)].map((match) => match[1]!);
    expect(tableOf('Options')).toEqual(unique(options));
  });

  it('documents exactly the skip reasons the reader gives', () => {
    expect(tableOf('Skip reasons')).toEqual(unique([...reader.matchAll(/skip\([^,]+, '([a-z-]+)'\)/g)].map((match) => match[1]!)));
  });

  it('documents exactly the error codes the reader gives', () => {
    expect(tableOf('Error codes')).toEqual(unique([...reader.matchAll(/code: '([a-z-]+)'/g)].map((match) => match[1]!)));
  });
});
