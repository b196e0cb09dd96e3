#!/usr/bin/env bash
# Checks the packed package as a user receives it: lint the manifest, check the types resolve in
# every module mode, and load it from plain Node by import and by require (outside vitest, where
# rrule's CommonJS-dressed-as-ESM entry would otherwise go unnoticed).
set -euo pipefail
cd "$(dirname "$0")/.."
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
console.log('import ok');
"
node -e "
const { evaluate, parsePolicy, occurrences } = require('calling-cycle');
const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
const r = evaluate({ policy, contacts: [{ id: 'x', createdAt: '2026-01-05T10:00:00Z' }], touches: [], now: '2026-03-01T00:00:00Z' });
if (r.items.length !== 1 || r.items[0].status !== 'overdue') throw new Error('CJS require gave ' + JSON.stringify(r));
const o = occurrences('FREQ=DAILY;COUNT=2', { dtstart: '2026-03-01T09:00:00', timeZone: 'America/New_York' });
if (o.length !== 2) throw new Error('CJS occurrences gave ' + JSON.stringify(o));
console.log('require ok');
"
