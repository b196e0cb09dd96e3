/**
 * A small book as a CRM user would export it to CSV: a header line naming the columns, a
 * contact's name (for display), an open activity in the touches, a contact
 * with an unknown zone (and a touch of it), a touch without a valid time, a channel in the
 * export's own words (`Phone`), and a meeting with two contacts (`c1|c3`, read with
 * `contactIdSeparator: '|'`).
 */
import { parsePolicy } from '../../src/index.js';

export const csvPolicy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    {
      id: 'A',
      weight: 3,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' } },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
      ],
    },
    { id: 'B', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] },
  ],
  assign: [{ tier: 'A', when: { attribute: 'annualRevenue', gte: 100000 } }],
  defaultTier: 'B',
});

export const csvNow = '2026-11-23T08:00:00.000Z';

export interface CsvBook {
  contacts: string;
  touches: string;
  owners: string;
}

export const csvBook = (): CsvBook => ({
  contacts: [
    'id,name,ownerId,timeZone,createdAt,attributes.annualRevenue,attributes.lifecycle,events.closedWon,doNotContact',
    'c1,"Müller, Hans",u1,Europe/Berlin,2025-01-05T10:00:00Z,250000,customer,,no',
    'c2,Ada,u1,America/New_York,2025-03-01T10:00:00Z,40000,prospect,,',
    'c3,Kenji,u2,Asia/Tokyo,2025-06-01T00:00:00+09:00,120000,customer,2026-10-01,',
    'c4,Bad zone,u2,Mars/Olympus,2025-06-01T00:00:00Z,1,,,',
    'c5,Do not call,u1,Europe/London,,,,,yes',
    '42,Numbered,u2,America/Chicago,2025-02-01T12:00:00-06:00,90000,customer,,',
    '',
  ].join('\r\n'),
  touches: [
    'contactId,at,channel,direction,outcome,purpose,status',
    'c1,2026-11-02T09:30:00Z,call,outbound,connected,check-in,done',
    'c1,2026-10-01T09:30:00+02:00,meeting,outbound,connected,review,done',
    'c2,2026-09-15T14:00:00Z,email,inbound,connected,sales,completed',
    'c3,2026-11-20T01:00:00Z,call,outbound,voicemail,,done',
    'c3,2026-12-01T09:00:00Z,call,outbound,,check-in,open',
    'c2,yesterday,call,outbound,connected,,done',
    'c4,2026-11-10T10:00:00Z,call,outbound,connected,,done',
    '42,2026-11-10T10:00:00Z,Phone,outbound,connected,,done',
    'c1|c3,2026-11-12T15:00:00Z,meeting,outbound,connected,insight,done',
    '',
  ].join('\r\n'),
  owners: ['id,timeZone,dailyCapacity', 'u1,Europe/London,3', 'u2,America/New_York,3', ''].join('\r\n'),
});

/** Rows per CSV above, counted by hand: data lines, not the header. */
export const csvBookCounts = { contacts: 6, touches: 9, owners: 2 };
