/** Reading produced calendars back with ical.js, and due items built by hand for chosen days. */
import ICAL from 'ical.js';
import { expect } from 'vitest';
import type { DueItem } from '../../src/index.js';

/** Parses a file with ical.js and registers its VTIMEZONEs, so TZID times convert to instants. */
export function readCalendar(text: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar;
}

/** The physical lines of a file, checked for CRLF everywhere and 75 octets at most. */
export function physicalLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  // A bare CR or LF anywhere is a line end that is not CRLF.
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  return lines;
}

/** The first value of a property as text. */
export function text(component: ICAL.Component, name: string): string {
  return String(component.getFirstPropertyValue(name));
}

/** A due item for `contactId`/`cycleId` due on `dueOn`, owned by `ownerId`: the shape evaluate returns. */
export function dueItem(contactId: string, dueOn: string, ownerId: string | null, extra: Partial<DueItem> = {}): DueItem {
  return {
    contactId,
    cycleId: 'check-in',
    tierId: 'A',
    ownerId,
    status: 'due',
    dueOn,
    daysOverdue: 0,
    lastTouchAt: null,
    escalation: null,
    reason: {
      tierId: 'A',
      tier: { by: 'explicit' },
      cycleId: 'check-in',
      cadence: { every: 'P14D' },
      timeZone: 'UTC',
      contactCalendar: null,
      basis: 'no-history',
      lastTouchOn: null,
      rawDue: dueOn,
      shiftedTo: null,
      shift: 'following',
      pausedUntil: null,
      snoozedUntil: null,
    },
    ...extra,
  } as DueItem;
}
