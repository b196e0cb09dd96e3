/**
 * A CRM's CSV export in, next week's call lists out as CSV.
 *
 * The export names its columns its own way ("Contact ID", "Phone Call", "Status"), writes times
 * without an offset in the company's zone, and holds an open task, a contact with a zone that
 * does not exist and a row without a real date. The call list goes to stdout (pipe it to a file
 * and open it in a spreadsheet); what was left out, and why, goes to stderr.
 *
 * Run: npx tsx examples/csv-import.ts > calls.csv
 */
import { readFileSync } from 'node:fs';
import { callListToCsv, fromCsv } from '../src/adapters/csv/index.js';
import { evaluate, parsePolicy, plan } from '../src/index.js';

const read = (name: string): string => readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');

// A fixed instant keeps the output the same on every machine; the plan is the next week.
const now = '2026-11-23T08:00:00Z';
const from = '2026-11-30';

const book = fromCsv(
  { contacts: read('crm-contacts.csv'), touches: read('crm-touches.csv'), owners: read('crm-owners.csv') },
  {
    mapping: {
      contacts: {
        id: 'Contact ID',
        ownerId: 'Owner',
        doNotContact: 'Do Not Call',
        attributes: { annualRevenue: 'Annual Revenue', lifecycle: 'Lifecycle Stage' },
        events: { closedWon: 'Closed Won' },
      },
      touches: { contactId: 'Contact', at: 'Date', channel: 'Type', outcome: 'Result', completed: 'Status' },
    },
    channels: { 'Phone Call': 'call' },
    // The export writes local times of the London office, without an offset.
    localTimeZone: 'Europe/London',
  },
);

for (const [collection, count] of Object.entries(book.counts)) {
  console.error(`${collection}: ${count.read} read, ${count.mapped} mapped, ${count.skipped} skipped, ${count.errors} errors`);
}
for (const error of book.errors) console.error(`error ${error.code}: ${error.message}`);
for (const skipped of book.skipped) console.error(`skipped ${skipped.source} line ${skipped.line}: ${skipped.reason}`);
for (const [collection, columns] of Object.entries(book.ignoredColumns)) {
  if (columns.length > 0) console.error(`${collection}: columns not read: ${columns.join(', ')}`);
}

const policy = parsePolicy(JSON.parse(read('policy.json')));
const { items, errors } = evaluate({ policy, contacts: book.contacts, touches: book.touches, owners: book.owners, now });
for (const error of errors) console.error(`engine ${error.code}: ${error.message}`);

const week = plan({ policy, items, owners: book.owners, from, days: 7 });
process.stdout.write(callListToCsv(week));
