/**
 * calling-cycle/ical: a plan's calls or due items as an RFC 5545 calendar (to-dos, or events for
 * calendars that ignore to-dos). docs/adapters/ical.md shows the output.
 */
export { toICalendar } from './calendar.js';
export type { CalendarEntry, CallSlot, ICalendarOptions } from './calendar.js';
