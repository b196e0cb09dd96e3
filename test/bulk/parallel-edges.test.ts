/**
 * evaluateParallel where a record holds what a worker cannot be sent (a function, a symbol), and
 * under Node flags a worker refuses: the same answer as evaluate, never a DataCloneError.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { evaluateParallel } from '../../src/parallel/index.js';

const policy = parsePolicy({
  version: 1,
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});
const NOW = '2026-11-23T08:00:00Z';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('evaluateParallel gives what evaluate gives', () => {
  it('a contact with a function attribute, a symbol name, a touch with a function field', async () => {
    const contacts: Record<string, unknown>[] = Array.from({ length: 40 }, (_, index) => ({ id: `c${index}` }));
    contacts[3] = { id: 'c3', attributes: { score() {} } };
    contacts[5] = { id: 'c5', name: Symbol('x') };
    const touches = [{ contactId: 'c1', at: '2026-11-01T00:00:00Z', channel: 'call', note: () => 1 }];
    const input = { policy, contacts, touches, now: NOW } as unknown as Parameters<typeof evaluate>[0];
    const expected = evaluate(input);
    expect(expected.errors.map((error) => error.code)).toEqual(['bad-value']);
    const result = await evaluateParallel(input, { workers: 2, minContactsPerWorker: 5 });
    expect(result.items).toEqual(expected.items);
    expect(result.errors).toEqual(expected.errors);
  }, 60_000);

  it('built, under node --input-type=module -e: the workers start (they do not inherit flags they refuse)', async () => {
    // The package's own build of the two entries (a file worker, as users run it), in a folder
    // under node_modules so luxon, rrule and zod resolve.
    const dir = join(repoRoot, 'node_modules/.cache/calling-cycle-parallel-test', `${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await build({
      config: false,
      entry: {
        index: join(repoRoot, 'src/index.ts'),
        parallel: join(repoRoot, 'src/parallel/index.ts'),
        'parallel-worker': join(repoRoot, 'src/parallel/worker.ts'),
      },
      format: ['esm'],
      target: 'node20',
      outDir: dir,
      external: ['luxon', 'rrule', 'zod'],
      dts: false,
      clean: false,
      silent: true,
    });
    const script = `
      const { evaluateParallel } = await import(${JSON.stringify(pathToFileURL(join(dir, 'parallel.js')).href)});
      const { parsePolicy } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.js')).href)});
      const policy = parsePolicy(${JSON.stringify(policy)});
      const contacts = Array.from({ length: 40 }, (_, index) => ({ id: 'c' + index }));
      const result = await evaluateParallel({ policy, contacts, touches: [], now: ${JSON.stringify(NOW)} }, { workers: 2, minContactsPerWorker: 5 });
      console.log(result.items.length);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).not.toMatch(/--input-type can only be used|a worker failed/);
    expect(child.stdout.trim()).toBe('40');
    expect(child.status).toBe(0);
  }, 120_000);
});
