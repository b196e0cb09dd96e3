// Loads calling-cycle/sql from the installed package by require (and, from the .mjs beside it, by import) and checks what it writes: the
// query's steps for each dialect, a refusal that names the policy path, and the support tables'
// Lord Howe half-hour DST change (02:00 +11:00 → 01:30 +10:30 on 5 April 2026, 15:00 UTC), and
// the staging views of a Fivetran sync.
// The checks are written once: the .mjs loads the same modules by import and calls them.
function check({ parsePolicy }, { compileSql, isSqlUnsupported, sqlSupportTables, stagingViews, supportTableStatements }, how) {
  const expect = (ok, what, detail) => {
    if (!ok) throw new Error(`calling-cycle/sql (${how === 'require' ? 'CJS' : 'ESM'}): ${what}:\n${detail}`);
  };
  const policy = parsePolicy({
    version: 1,
    calendars: { au: { holidays: ['2026-04-03'] } },
    calendar: 'au',
    tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P1M' }, graceDays: 2 }] }],
    defaultTier: 'A',
  });
  for (const dialect of ['postgres', 'duckdb']) {
    const { sql, parameters } = compileSql(policy, { dialect });
    expect(sql.startsWith('WITH\ncc_now AS') && sql.includes('cc_tiered AS') && sql.includes("'check-in' AS cycle_id"), `${dialect} query`, sql);
    expect(JSON.stringify(parameters) === '["now"]' && sql.includes('$1'), `${dialect} parameter`, parameters);
  }
  // An event name SQL cannot carry in a JSON path is one of the parts compileSql refuses.
  const anchored = parsePolicy({
    version: 1,
    tiers: [{ id: 'A', cycles: [{ id: 'm', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: 'closed/won' } }] }],
    defaultTier: 'A',
  });
  let refusal;
  try {
    compileSql(anchored, { dialect: 'postgres' });
  } catch (error) {
    refusal = error;
  }
  expect(isSqlUnsupported(refusal) && refusal.issues[0].path.join('.') === 'tiers.0.cycles.0.cadence.anchor', 'refusal', String(refusal));

  const support = sqlSupportTables(policy, { from: '2026-04-01', to: '2026-04-10', zones: ['Australia/Lord_Howe'] });
  const change = support.zoneDays.filter((row) => row.zone.toLowerCase() === 'australia/lord_howe' && row.utcDay === Date.UTC(2026, 3, 4) / 86_400_000);
  expect(
    change.length === 2 && change[0].offsetMs === 11 * 3_600_000 && change[1].offsetMs === 10.5 * 3_600_000 && change[1].fromMs === Date.UTC(2026, 3, 4, 15),
    'Lord Howe DST change',
    JSON.stringify(change),
  );
  // Good Friday 3 April 2026 is a holiday: following moves it to Monday 6 April, preceding to Thursday 2 April.
  const friday = support.workDays.find((row) => row.baseCalendar === 'au' && row.contactCalendar === '' && row.day === '2026-04-03');
  expect(friday?.following === '2026-04-06' && friday?.preceding === '2026-04-02', 'work days', JSON.stringify(friday));
  const statements = supportTableStatements(support, { dialect: 'duckdb' });
  expect(statements.some((statement) => statement.startsWith('CREATE TABLE "cc_zone_days"')), 'statements', statements.slice(0, 3).join('\n'));
  // The staging views for a Fivetran sync of HubSpot: the three tables the query reads and the rejects view.
  const staging = stagingViews({ source: 'fivetran-hubspot', dialect: 'postgres', schema: 'hubspot' });
  for (const view of ['contacts', 'touches', 'owners', 'cc_staging_rejects']) {
    expect(staging.statements.some((statement) => statement.startsWith(`CREATE VIEW "${view}" AS`)), `staging view ${view}`, staging.statements.join('\n').slice(0, 400));
  }
  console.log(`calling-cycle/sql ${how} ok`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/sql'), 'require');
