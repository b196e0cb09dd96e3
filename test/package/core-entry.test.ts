/**
 * One import point per audience: a CRM that embeds the engine loads no adapter, no CLI, no SQL
 * compiler and no testing kit. Bundling the core entry and reading which source files went in
 * checks that from the outside, whatever the imports look like today.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    format: 'esm',
    external: ['luxon', 'zod'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('the core entry', () => {
  it('bundles only the engine: no adapter, iCalendar, CLI, SQL or testing code', async () => {
    const inputs = await inputsOf('src/index.ts');
    expect(inputs.some((input) => input.startsWith('src/core/'))).toBe(true);
    const edges = inputs.filter((input) => /^src\/(adapters|ical|cli|sql|testing|report|schema-json)\//.test(input));
    expect(edges).toEqual([]);
  });

  it('needs no Node built-in module, so a browser CRM can load it', async () => {
    const inputs = await inputsOf('src/index.ts');
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  });

  it.each(['hubspot', 'salesforce', 'pipedrive'])('the %s adapter loads none of the other adapters', async (name) => {
    const inputs = await inputsOf(`src/adapters/${name}/index.ts`);
    const others = inputs.filter(
      (input) => /^src\/adapters\/(hubspot|salesforce|pipedrive|csv)\//.test(input) && !input.startsWith(`src/adapters/${name}/`),
    );
    expect(others).toEqual([]);
  });
});
