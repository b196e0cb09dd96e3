/**
 * Layers that point one way: no two folders of src/ import each other, directly or round a longer
 * circle, and the ground floor stays the ground floor (src/time imports only src/errors; the
 * engine neither the zod schemas nor any edge). Read from the import statements of the sources,
 * each adapter and `src/schema/zod` counted as a folder of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The layer a file belongs to: src/<folder>, or src/adapters/<crm>, or src/schema/zod. */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 2) return 'src';
  if (parts[1] === 'adapters' || (parts[1] === 'schema' && parts.length > 3)) return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

const graph = new Map<string, Set<string>>();
for (const file of sourceFiles('src')) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const match of text.matchAll(/^(?:import|export)[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const target = relative(root, normalize(join(root, dirname(file), match[1]!)));
    const from = layerOf(file);
    const to = layerOf(target);
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
}

/** A circle of layers through `start`, if there is one. */
function circleThrough(start: string): string[] | undefined {
  const path: string[] = [];
  const seen = new Set<string>();
  const visit = (layer: string): boolean => {
    for (const next of graph.get(layer) ?? []) {
      if (next === start) {
        path.push(layer);
        return true;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      if (visit(next)) {
        path.push(layer);
        return true;
      }
    }
    return false;
  };
  return visit(start) ? [start, ...path.reverse().slice(1), start] : undefined;
}

describe('the layers of src/', () => {
  it('found the folders it should', () => {
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['src/core', 'src/plan', 'src/schema', 'src/cli', 'src/adapters/hubspot']));
  });

  it('have no circle between folders', () => {
    const circles = [...graph.keys()].map(circleThrough).filter((circle) => circle !== undefined);
    expect(circles).toEqual([]);
  });

  it.each([
    ['src/time', ['src/errors']],
    ['src/schema', ['src/errors', 'src/time']],
    ['src/core', ['src/errors', 'src/time', 'src/schema']],
    ['src/plan', ['src/errors', 'src/time', 'src/schema', 'src/core']],
  ])('%s stands only on the floors below it', (layer, below) => {
    expect([...(graph.get(layer) ?? [])].filter((to) => !below.includes(to))).toEqual([]);
  });
});
