/**
 * The registry page is the README as npm shows it, away from the repository: a relative link there
 * is dead, and a command that names a file the package does not ship fails for whoever installed
 * it. These checks read the README and the manifest as the registry does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const REPO = 'https://github.com/calling-cycle/calling-cycle';
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  files: string[];
};
const readme = readFileSync(new URL('README.md', root), 'utf8');
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8');

/** Markdown link targets, code blocks left out. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

/** What `npm pack` puts in the tarball, by path. */
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
  return (JSON.parse(output) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}

describe('the registry page', () => {
  it('names the repository, the home page and where to report bugs', () => {
    expect(manifest.repository.url).toBe(`git+${REPO}.git`);
    expect(manifest.homepage).toBe(`${REPO}#readme`);
    expect(manifest.bugs.url).toBe(`${REPO}/issues`);
  });

  it.each([
    ['README.md', readme],
    ['CHANGELOG.md', changelog],
  ])('%s has no relative link, and every link into the repository names a file it has', (_name, markdown) => {
    const links = linksOf(markdown);
    expect(links.filter((link) => !/^(https?:|mailto:|#)/.test(link))).toEqual([]);
    const intoRepository = links.filter((link) => link.startsWith(`${REPO}/blob/main/`));
    const missing = intoRepository
      .map((link) => link.slice(`${REPO}/blob/main/`.length).replace(/#.*$/, ''))
      .filter((path) => !existsSync(new URL(path, root)));
    expect(missing).toEqual([]);
  });

  it('every path the README gives an installed user is in the tarball', () => {
    const shipped = packedFiles();
    const paths = [...readme.matchAll(/node_modules\/calling-cycle\/([\w./-]+)/g)].map((match) => match[1]!.replace(/\/$/, ''));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths)
      expect(
        shipped.some((file) => file === path || file.startsWith(`${path}/`)),
        path,
      ).toBe(true);
    // The sample book the quick start evaluates.
    for (const name of ['policy.json', 'contacts.json', 'touches.json', 'owners.json']) {
      expect(shipped).toContain(`examples/data/${name}`);
    }
  });

  it('keeps the quick start: one command runs the sample book, one runs the tests', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Use it'));
    expect(quickStart).toContain('npm ci && npm run example');
    expect(quickStart).toContain('npm test');
    expect(quickStart).toContain('npx calling-cycle evaluate node_modules/calling-cycle/examples/data');
  });
});

describe('the docs the command line names', () => {
  it('are links into the repository (the package ships no docs/), each to a page that exists', async () => {
    const { DOCS } = await import('../../src/cli/errors.js');
    expect(DOCS).toBe(`${REPO}/blob/main/docs`);
    const { readdirSync } = await import('node:fs');
    const pages = new Set<string>();
    for (const file of readdirSync(new URL('src/cli/', root))) {
      const text = readFileSync(new URL(`src/cli/${file}`, root), 'utf8');
      for (const match of text.matchAll(/\$\{DOCS\}\/([a-z-]+\.md)/g)) pages.add(match[1]!);
      // A bare docs/ path in a message or help text would name a file an installed user lacks.
      const strings = text.replace(/^\s*(\*|\/\/).*$/gm, '');
      expect(strings.match(/['`"][^'`"\n]*\bdocs\/[a-z-]+\.md/g) ?? []).toEqual([]);
    }
    expect([...pages].sort()).toEqual(['cli.md', 'policy.md']);
    for (const page of pages) expect(existsSync(new URL(`docs/${page}`, root))).toBe(true);
  });
});
