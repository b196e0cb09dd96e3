#!/usr/bin/env bash
# The engine must give the same answers whatever the process time zone: run the date tests under
# zones with odd offsets, half-hour DST and a skipped day.
set -euo pipefail
cd "$(dirname "$0")/.."
for zone in Pacific/Apia Australia/Lord_Howe America/New_York; do
  echo "== TZ=$zone"
  TZ=$zone npx vitest run test/time test/core test/testing/first-user.test.ts
done
