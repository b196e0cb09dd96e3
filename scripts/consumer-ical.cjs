// Loads calling-cycle/ical from the installed package by require (and, from the .mjs beside it, by import) and checks the file it writes:
// CRLF lines of at most 75 octets, escaped TEXT, stable UIDs, DTSTAMP from the stamp, and timed
// events with a VTIMEZONE for the rep's zone.
// The checks are written once: the .mjs loads the same modules by import and calls them.
function check({ evaluate, parsePolicy, plan }, { toICalendar }, how) {
  const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
  const owners = [{ id: 'u1', timeZone: 'Australia/Lord_Howe', dailyCapacity: 5 }];
  const contacts = [{ id: 'Zoë, "李"; 🎉', ownerId: 'u1', createdAt: '2026-11-02T09:30:00Z' }];
  const now = '2026-11-30T09:00:00Z';
  const { items } = evaluate({ policy, contacts, touches: [], owners, now });
  const week = plan({ policy, items, owners, from: '2026-11-30', days: 5 });
  const expect = (ok, what, detail) => {
    if (!ok) throw new Error(`calling-cycle/ical (${how === 'require' ? 'CJS' : 'ESM'}): ${what}:\n${detail}`);
  };

  const todo = toICalendar(week, { stamp: new Date('2026-11-27T18:00:00Z'), domain: 'crm.example.com' });
  const lines = todo.split('\r\n');
  expect(todo.endsWith('END:VCALENDAR\r\n') && !/[^\r]\n|\r[^\n]/.test(todo), 'CRLF', todo);
  expect(lines.every((line) => new TextEncoder().encode(line).length <= 75), 'folding', todo);
  expect(lines.includes('BEGIN:VTODO') && lines.includes('DUE;VALUE=DATE:20261130') && lines.includes('DTSTAMP:20261127T180000Z'), 'VTODO', todo);
  expect(todo.replace(/\r\n /g, '').includes('SUMMARY:Call Zoë\\, "李"\\; 🎉: check-in'), 'escaped summary', todo);
  // Never touched: due when created, on 2 November; the UID is the task key at the domain.
  expect(todo.replace(/\r\n /g, '').includes('UID:cc1:Zo%C3%AB%2C%20%22%E6%9D%8E%22%3B%20%F0%9F%8E%89:check-in:2026-11-02@crm.example.com'), 'UID', todo);

  const events = toICalendar(week, { stamp: '2026-11-27T18:00:00Z', mode: 'event', slot: { start: '09:00', minutes: 15 }, owners });
  // Lord Howe is on daylight time (UTC+11) in November; its half-hour change is in the VTIMEZONE.
  expect(events.includes('BEGIN:VTIMEZONE\r\nTZID:Australia/Lord_Howe\r\n') && events.includes('TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100'), 'VTIMEZONE', events);
  expect(events.includes('DTSTART;TZID=Australia/Lord_Howe:20261130T090000\r\nDTEND;TZID=Australia/Lord_Howe:20261130T091500'), 'slot', events);
  console.log(`calling-cycle/ical ${how} ok`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/ical'), 'require');
