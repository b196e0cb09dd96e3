/**
 * Today's calling list from the bundled sample book, computed inside PostgreSQL: the sample policy
 * compiled with `calling-cycle/sql`, the book loaded into PGlite (PostgreSQL embedded, no server),
 * and the query run there. The rows are the items `npm run example` lists (without the reason
 * sentences, which `explain` builds in Node); a cycle the compiler did not cover would be named
 * here, not guessed.
 *
 * Run: npx tsx examples/sql-pglite.ts
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Contact, type Owner, parsePolicy, type Snooze, type Touch } from '../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../src/sql/index.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

// The same fixed instant as `npm run example`.
const now = '2026-11-23T08:00:00Z';

const policy = parsePolicy(load('policy.json'));
const book = {
  contacts: load<Contact[]>('contacts.json'),
  touches: load<Touch[]>('touches.json'),
  owners: load<Owner[]>('owners.json'),
  snoozes: load<Snooze[]>('snoozes.json'),
};

// A cycle SQL does not cover (an RRULE anchored on each contact's own date) is left out and named.
const compiled = compileSql(policy, { dialect: 'postgres', unsupportedCycles: 'omit' });
for (const cycle of compiled.omittedCycles) {
  console.log(`Not computed in SQL: tier ${cycle.tierId}, cycle ${cycle.cycleId} (${cycle.path.join('.')}): ${cycle.message}`);
}

// Zone offsets and work days come from the library's own zone data and calendars.
const zones = [...new Set([...book.contacts.map((contact) => contact.timeZone), ...book.owners.map((owner) => owner.timeZone)])].filter(
  (zone): zone is string => zone !== undefined,
);
// From the book's earliest date (a touch or a creation) to the last day this list will be run.
const earliest = [...book.touches.map((touch) => String(touch.at)), ...book.contacts.map((contact) => String(contact.createdAt ?? '9999'))]
  .sort()[0]!
  .slice(0, 10);
const support = sqlSupportTables(policy, { from: earliest, to: '2027-12-31', zones });

const db = await PGlite.create();
for (const statement of [
  ...supportTableStatements(support, { dialect: 'postgres' }),
  ...bookTableStatements(book, { dialect: 'postgres' }),
]) {
  await db.exec(statement);
}

interface Row {
  contact_id: string;
  cycle_id: string;
  tier_id: string;
  owner_id: string | null;
  status: string;
  due_on: string | null;
  days_overdue: number;
  last_touch_at: string | null;
  escalation: string | null;
}
const { rows } = await db.query<Row>(compiled.sql, [now]);
await db.close();

const toCall = rows
  .filter((row) => row.status === 'overdue' || row.status === 'due')
  .sort((a, b) => b.days_overdue - a.days_overdue || a.contact_id.localeCompare(b.contact_id) || a.cycle_id.localeCompare(b.cycle_id));

console.log(`Calling list at ${now}: ${toCall.length} due or overdue of ${rows.length} contact-cycles (computed in PostgreSQL)`);
for (const row of toCall) {
  const flag = row.status === 'overdue' ? `OVERDUE ${String(row.days_overdue).padStart(3)}d` : 'due         ';
  const lastTouch = row.last_touch_at ? `last qualifying touch ${row.last_touch_at}` : 'never touched';
  const escalation = row.escalation ? `, escalated to ${row.escalation}` : '';
  console.log(
    `${flag}  ${(row.owner_id ?? '-').padEnd(10)} ${row.contact_id} / ${row.cycle_id}: tier ${row.tier_id}, due ${row.due_on}, ${lastTouch}${escalation}`,
  );
}

const counts = new Map<string, number>();
for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
console.log(
  `\nBy status: ${[...counts]
    .sort()
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')}`,
);
