/** The CSV adapter passes the conformance suite every adapter passes: its tasks are call-list rows. */
import { stringify } from 'csv-stringify/sync';
import { type CallListRow, callListRows, fromCsv, touchShapeForCycle } from '../../src/adapters/csv/index.js';
import { describeAdapterConformance } from './conformance.js';
import { type CsvBook, csvBook, csvBookCounts, csvNow, csvPolicy } from './csv-fixtures.js';

const readOptions = { channels: { Phone: 'call' as const }, contactIdSeparator: '|' };

describeAdapterConformance<CsvBook, CallListRow>({
  name: 'csv',
  records: csvBook,
  read: (records) => fromCsv(records, readOptions),
  inputCounts: csvBookCounts,
  contactIds: ['c1', 'c2', 'c3', 'c5', '42'],
  withOpenActivity: (records) => ({
    ...records,
    touches: `${records.touches}c1,2026-11-02T09:30:00Z,call,outbound,connected,check-in,open\r\n`,
  }),
  withIllFormedContactId: (records) => ({ ...records, contacts: `${records.contacts}c\uD800,Zoë,u1,,,,,,\r\n` }),
  policy: csvPolicy,
  now: csvNow,
  write: (plan) => callListRows(plan),
  keyOf: (row) => row.key,
  // A rep marks the row done: the call becomes a touches line of the shape its cycle counts.
  complete: (records, row, at) => {
    const shape = touchShapeForCycle(csvPolicy, row.cycleId)!;
    const line = stringify([[row.contactId, at, shape.channel, shape.direction, shape.outcome, shape.purpose ?? '', 'done']], {
      record_delimiter: 'windows',
    });
    return { ...records, touches: records.touches + line };
  },
});
