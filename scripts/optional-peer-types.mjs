// fast-check is an optional peer of calling-cycle/testing: its published declarations import
// fast-check's types, which a project without fast-check cannot resolve (TS2307 under
// skipLibCheck off). Each such import is marked `@ts-ignore`, so without fast-check the names are
// `any` and everything else in the kit still type-checks; with it they are fast-check's own types.
// The declaration bundler drops comments, so this runs on dist/ after it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OPTIONAL_PEERS = ['fast-check'];
const marker = '// @ts-ignore optional peer, absent unless the project installs it\n';
let marked = 0;

function visit(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) visit(path);
    else if (/\.d\.c?ts$/.test(entry.name)) mark(path);
  }
}

function mark(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = [];
  for (const line of lines) {
    const peer = /^import .* from '([^']+)';$/.exec(line)?.[1];
    if (peer !== undefined && OPTIONAL_PEERS.includes(peer) && out.at(-1) !== marker.trimEnd()) {
      out.push(marker.trimEnd());
      marked++;
    }
    out.push(line);
  }
  writeFileSync(path, out.join('\n'));
}

visit(new URL('../dist/', import.meta.url).pathname);
// The testing kit's declarations (ESM and CJS) import fast-check's types: finding none means the
// build changed and this step no longer does its job.
if (marked < 2) throw new Error(`optional-peer-types: marked ${marked} imports, expected the testing kit's`);
console.log(`optional-peer-types: marked ${marked} imports of ${OPTIONAL_PEERS.join(', ')}`);
