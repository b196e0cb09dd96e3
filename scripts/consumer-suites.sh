#!/usr/bin/env bash
# The testing kit as a CRM team uses it: a fresh folder installs the packed package with vitest,
# jest and fast-check from the registry, writes a vitest suite (ESM) and a jest suite (CommonJS)
# that use the matchers, and runs both; each must pass. Then one deliberately failing assertion
# per framework must fail, with a message saying what was expected, what came out and why; and the
# type augmentations must make TypeScript accept the matchers (and reject a wrong argument).
#
# Usage: scripts/consumer-suites.sh path/to/calling-cycle-x.y.z.tgz
set -euo pipefail
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$tarball" ] || { echo "no tarball at $1" >&2; exit 2; }
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cd "$app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tarball" vitest@~4.1.12 jest@^30 fast-check@^4 typescript@~5.9 @types/jest@^30
mkdir -p vitest-suite vitest-failing jest-suite jest-failing types

cat > vitest-suite/cadence.test.mjs <<'EOF'
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import 'calling-cycle/testing/vitest';
import { book, cadencePolicy, check, checkInvariants, simulate } from 'calling-cycle/testing';

const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
const accounts = book()
  .owner('u1', { timeZone: 'Europe/Berlin', dailyCapacity: 10 })
  .contact('acme', { tier: 'A', timeZone: 'Europe/Berlin', ownerId: 'u1' })
  .touch('acme', '2026-01-05 10:00', 'call');

describe('our key accounts', () => {
  test('touched on 2026-01-05: due on the 19th, overdue by 3 days on the 22nd', () => {
    expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeDueOn('2026-01-19');
    expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(3);
    expect(check(policy, accounts).at('2026-01-21').item('acme')).toHaveStatus('due');
  });

  test('a connected call settles it, a voicemail does not', () => {
    const acme = check(policy, accounts).at('2026-01-22').item('acme');
    expect(acme).toBeSatisfiedBy({ at: '2026-01-22 09:00', channel: 'call' });
    expect(acme).not.toBeSatisfiedBy({ at: '2026-01-22 09:00', outcome: 'voicemail' });
  });

  test("it is on the rep's list on its due date, and comes back every fortnight", () => {
    expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeOnCallList('u1', '2026-01-19');
    expect(check(policy, accounts).at('2026-01-06').item('acme')).toHaveOccurrences(['2026-01-19', '2026-02-02', '2026-02-16']);
  });

  test('a wrong expectation says what came out and why', () => {
    expect(() => expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeDueOn('2026-01-20')).toThrow(
      'expected acme / check-in to be due on 2026-01-20\nreceived: due, due on 2026-01-19\nreason: acme / check-in is due',
    );
  });

  test('the policy keeps the invariants', () => {
    checkInvariants(fc, policy, { numRuns: 25, seed: 1 });
  });

  test('ten calls a day are enough for our book', () => {
    const run = simulate(policy, accounts, { from: '2026-01-19', days: 28 });
    expect(run.summary.finalBacklog).toBe(0);
  });
});
EOF

cat > vitest-failing/wrong.test.mjs <<'EOF'
import { expect, test } from 'vitest';
import 'calling-cycle/testing/vitest';
import { book, cadencePolicy, check } from 'calling-cycle/testing';

test('a deliberately wrong due date', () => {
  const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
  const accounts = book().contact('acme', { timeZone: 'Europe/Berlin' }).touch('acme', '2026-01-05 10:00', 'call');
  expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeDueOn('2026-01-20');
});
EOF

cat > jest-suite/cadence.test.js <<'EOF'
require('calling-cycle/testing/jest');
const fc = require('fast-check');
const { book, cadencePolicy, check, checkInvariants } = require('calling-cycle/testing');

const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
const accounts = book()
  .owner('u1', { timeZone: 'Europe/Berlin', dailyCapacity: 10 })
  .contact('acme', { tier: 'A', timeZone: 'Europe/Berlin', ownerId: 'u1' })
  .touch('acme', '2026-01-05 10:00', 'call');

describe('our key accounts', () => {
  test('touched on 2026-01-05: due on the 19th, overdue by 3 days on the 22nd', () => {
    expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeDueOn('2026-01-19');
    expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(3);
    expect(check(policy, accounts).at('2026-01-22').item('acme')).not.toHaveStatus('due');
  });

  test('a review needs a review touch', () => {
    const reviews = cadencePolicy({ per: 'quarter', times: 1 }, { counts: { purposes: ['review'] } }, { cycleId: 'review' });
    const acme = check(reviews, book().contact('acme', { createdAt: '2026-01-02 09:00' })).at('2026-01-05').item('acme');
    expect(acme).toBeSatisfiedBy({ at: '2026-01-05 11:00', purpose: 'review' });
    expect(acme).not.toBeSatisfiedBy({ at: '2026-01-05 11:00', purpose: 'check-in' });
  });

  test("on the rep's list, and every first Tuesday for the monthly rule", () => {
    expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeOnCallList('u1', '2026-01-19');
    expect({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2026-01-01T09:00:00', timeZone: 'Europe/Berlin' }).toHaveOccurrences([
      '2026-01-06',
      '2026-02-03',
    ]);
  });

  test('matchers work inside toEqual', () => {
    const acme = check(policy, accounts).at('2026-01-19').item('acme');
    expect({ acme }).toEqual({ acme: expect.toBeDueOn('2026-01-19') });
  });

  test('the policy keeps the invariants', () => {
    checkInvariants(fc, policy, { numRuns: 25, seed: 1 });
  });
});
EOF

cat > jest-failing/wrong.test.js <<'EOF'
require('calling-cycle/testing/jest');
const { book, cadencePolicy, check } = require('calling-cycle/testing');

test('a deliberately wrong lateness', () => {
  const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
  const accounts = book().contact('acme', { timeZone: 'Europe/Berlin' }).touch('acme', '2026-01-05 10:00', 'call');
  expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(2);
});
EOF

cat > types/vitest-types.mts <<'EOF'
import { expect } from 'vitest';
import 'calling-cycle/testing/vitest';
import { book, cadencePolicy, check } from 'calling-cycle/testing';

const acme = check(cadencePolicy({ every: 'P14D' }), book().contact('acme')).at('2026-01-19').item('acme');
expect(acme).toBeDueOn('2026-01-19');
expect(acme).not.toBeOverdueBy(3);
expect(acme).toBeOnCallList('u1', '2026-01-19', { flexDays: 0 });
expect({ acme }).toEqual({ acme: expect.toBeDueOn('2026-01-19') });
// @ts-expect-error a status is one of seven words
expect(acme).toHaveStatus('late');
EOF

cat > types/jest-types.cts <<'EOF'
import 'calling-cycle/testing/jest';
import { book, cadencePolicy, check } from 'calling-cycle/testing';

const acme = check(cadencePolicy({ every: 'P14D' }), book().contact('acme')).at('2026-01-19').item('acme');
expect(acme).toBeDueOn('2026-01-19');
expect(acme).not.toHaveStatus('overdue');
expect(acme).toBeSatisfiedBy({ at: '2026-01-19 09:00', purpose: 'check-in' });
expect({ acme }).toEqual({ acme: expect.toBeDueOn('2026-01-19') });
expect({ acme }).toEqual({ acme: expect.not.toBeDueOn('2026-01-20') });
// @ts-expect-error days are a number
expect(acme).toBeOverdueBy('3');
EOF

cat > tsconfig.json <<'EOF'
{
  "compilerOptions": { "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "noEmit": true, "skipLibCheck": true },
  "include": ["types"]
}
EOF

echo '--- types: the matchers type-check in vitest and jest'
npx tsc -p tsconfig.json

echo '--- vitest suite'
npx vitest run --root vitest-suite
echo '--- jest suite'
npx jest --ci --rootDir jest-suite

# The failing runs must fail, and say why.
expect_failure() {
  local name=$1 log=$2
  shift 2
  if "$@" >"$log" 2>&1; then
    cat "$log"
    echo "$name: the deliberately failing suite passed" >&2
    exit 1
  fi
}
check_message() {
  local name=$1 log=$2 text=$3
  if ! grep -qF -- "$text" "$log"; then
    cat "$log"
    echo "$name: the failure message lacks: $text" >&2
    exit 1
  fi
}
echo '--- vitest, a deliberately failing assertion'
expect_failure vitest vitest.log npx vitest run --root vitest-failing
check_message vitest vitest.log 'expected acme / check-in to be due on 2026-01-20'
check_message vitest vitest.log 'received: due, due on 2026-01-19'
check_message vitest vitest.log 'reason: acme / check-in is due (due 2026-01-19)'
echo '--- jest, a deliberately failing assertion'
expect_failure jest jest.log npx jest --ci --rootDir jest-failing
check_message jest jest.log 'expected acme / check-in to be overdue by 2 days'
check_message jest jest.log 'received: overdue by 3 days, due on 2026-01-19'
check_message jest jest.log 'last qualifying touch on 2026-01-05'
echo 'consumer suites ok: vitest and jest pass, and both explain a failure'
