#!/usr/bin/env bash
# Checks the packed package as a user receives it: lint the manifest, check the types resolve in
# every module mode, and load every import point from plain Node by import and by require, from a
# fresh folder where only the tarball is installed (outside vitest, where a dependency whose
# CommonJS entry is dressed as ESM would otherwise go unnoticed). Each import point has its own
# script, scripts/consumer-<name>.mjs and .cjs; the testing kit's matchers run in real vitest and
# jest suites (scripts/consumer-suites.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
npx publint --strict
npx attw --pack . --profile node16
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
