#!/usr/bin/env bash
# Checks the packed package as a user receives it: lint the manifest, check the types resolve and
# compile in every module mode, hold the engine to its size budget, and load every import point
# from plain Node by import and by require, from a fresh folder where only the tarball is installed
# (outside vitest, where a dependency whose CommonJS entry is dressed as ESM would otherwise go
# unnoticed). Each import point has its own
# script, scripts/consumer-<name>.mjs and .cjs; the testing kit's matchers run in real vitest and
# jest suites (scripts/consumer-suites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
npx publint --strict
# Every import point under node10 (typesVersions), node16 from CommonJS and from ESM, and bundler.
npx attw --pack .
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
mkdir -p "$tmp/app"
cd "$tmp/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tmp/$tarball"
node --input-type=module -e "
import { evaluate, parsePolicy, occurrences } from 'calling-cycle';
const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
const r = evaluate({ policy, contacts: [{ id: 'x', createdAt: '2026-01-05T10:00:00Z' }], touches: [], now: '2026-03-01T00:00:00Z' });
if (r.items.length !== 1 || r.items[0].status !== 'overdue') throw new Error('ESM import gave ' + JSON.stringify(r));
const o = occurrences('FREQ=DAILY;COUNT=2', { dtstart: '2026-03-01T09:00:00', timeZone: 'America/New_York' });
if (o.length !== 2) throw new Error('ESM occurrences gave ' + JSON.stringify(o));
console.log('calling-cycle: import ok');
"
node -e "
const { evaluate, parsePolicy, occurrences } = require('calling-cycle');
const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
const r = evaluate({ policy, contacts: [{ id: 42, createdAt: new Date('2026-01-05T10:00:00Z') }], touches: [], now: '2026-03-01T00:00:00Z' });
if (r.items.length !== 1 || r.items[0].status !== 'overdue' || r.items[0].contactId !== '42') throw new Error('CJS require gave ' + JSON.stringify(r));
const o = occurrences('FREQ=DAILY;COUNT=2', { dtstart: '2026-03-01T09:00:00', timeZone: 'America/New_York' });
if (o.length !== 2) throw new Error('CJS occurrences gave ' + JSON.stringify(o));
console.log('calling-cycle: require ok');
"
# The engine's weight from the installed tarball: a minified browser bundle of its functions within
# the gzipped budget, and no Node built-in reachable when bundled for platform 'neutral'.
node "$root/scripts/size.mjs" "$tmp/app"
# The public declarations as a CRM codebase compiles them, from this fresh folder (no fast-check,
# vitest, jest or @types/node installed): moduleResolution node10, node16 (CommonJS and ESM) and
# bundler, with esModuleInterop and skipLibCheck off. calling-cycle/zod is checked apart: its types
# are zod's, which compile where zod's own declarations do (scripts/consumer-types-zod.ts).
cp "$root/scripts/consumer-types.ts" "$tmp/app/consumer-types.ts"
cp "$root/scripts/consumer-types.ts" "$tmp/app/consumer-types.mts"
cp "$root/scripts/consumer-types-zod.ts" "$tmp/app/consumer-types-zod.ts"
typecheck() { # name module moduleResolution lib interop-flags files...
  local name=$1 module=$2 resolution=$3 lib=$4 interop=$5
  shift 5
  local files
  files=$(printf '"%s",' "$@")
  cat >"tsconfig.$name.json" <<JSON
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "lib": [$lib], "types": [],
  "module": "$module", "moduleResolution": "$resolution", $interop "skipLibCheck": false }, "files": [${files%,}] }
JSON
  "$root/node_modules/.bin/tsc" -p "tsconfig.$name.json"
}
off='"esModuleInterop": false,'
typecheck node10 commonjs node '"ES2022"' "$off" consumer-types.ts
typecheck node16 node16 node16 '"ES2022"' "$off" consumer-types.ts consumer-types.mts
typecheck bundler esnext bundler '"ES2022"' "$off" consumer-types.ts
typecheck zod node16 node16 '"ES2022", "DOM"' "$off \"allowSyntheticDefaultImports\": true," consumer-types-zod.ts
echo "types: every import point compiles under node10, node16 (CJS and ESM) and bundler, esModuleInterop and skipLibCheck off"
# Every other import point: calling-cycle/hubspot, calling-cycle/salesforce, calling-cycle/pipedrive,
# calling-cycle/csv, calling-cycle/ical, calling-cycle/sql, calling-cycle/testing (and /vitest,
# /jest), calling-cycle/parallel where present, and the calling-cycle bin.
# Each script is copied into the consumer folder first: run from scripts/, `calling-cycle` would
# resolve to this checkout by self-reference instead of the installed tarball.
cp "$root"/scripts/consumer-*.mjs "$root"/scripts/consumer-*.cjs "$tmp/app/"
for script in "$tmp"/app/consumer-*.mjs "$tmp"/app/consumer-*.cjs; do
  echo "== $(basename "$script")"
  node "$script"
done
# The testing kit as a CRM team uses it: vitest and jest suites in a fresh folder.
bash "$root/scripts/consumer-suites.sh" "$tmp/$tarball"
