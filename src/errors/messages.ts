/**
 * Every message the library shows about input, in one place, so wording stays consistent and a
 * CRM can match on `code` while people read `message`.
 */
/**
 * `a` or `an` before a word, by its first letter: right for every word the library puts there
 * (channels, directions, JavaScript types), none of which starts with a silent or a "you" sound.
 *
 * @example
 * withArticle('email') // 'an email'
 */
export const withArticle = (phrase: string): string => `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;

export const messages = {
  unknownZone: (zone: string) => `unknown IANA time zone "${zone}"`,
  badInstant: 'not an ISO 8601 instant with an offset or Z, nor epoch milliseconds',
  badDate: 'not a YYYY-MM-DD date',
  badDateOrInstant: 'not a YYYY-MM-DD date nor an ISO 8601 instant',
  badDuration: 'not an ISO 8601 duration of years, months, weeks and days (e.g. P14D, P1M)',
  missingId: 'missing or empty id',
  illFormedId: 'holds a lone UTF-16 surrogate, which no UTF-8 output can hold: ids must be well-formed text',
  badId: (value: unknown) =>
    `${typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : value === null || value === undefined ? String(value) : withArticle(typeof value)} is not an id: ids are non-empty strings or safe integers`,
  instantOutOfRange: 'outside the supported years 1000–9999 (from 1000-01-02 to 9999-12-30 UTC, so that its date is within them in every zone)',
  badCapacity: 'must be a whole number of touches, 0 or more',
  notAnObject: 'not an object',
  duplicateContact: (id: string) => `duplicate contact id "${id}": only the first is evaluated`,
  unknownContact: (id: string) => `touch names unknown contact "${id}"`,
  unknownSnoozeContact: (id: string) => `snooze names unknown contact "${id}"`,
  unknownTier: (id: string) => `unknown tier "${id}"`,
  unknownOwner: (id: string) => `unknown owner "${id}": not among the given owners`,
  duplicateOwner: (id: string) => `duplicate owner id "${id}": only the first is used`,
  reservedName: (name: string) => `"${name}" is a reserved name: choose another`,
  noTier: 'no tier: the contact has none, no assign rule matched and the policy has no defaultTier',
  dateOutOfRange: 'the due date would fall outside years 1000–9999, the dates the library writes',
  unknownCalendar: (id: string) => `unknown calendar "${id}"`,
  unknownCycle: (id: string) => `unknown cycle "${id}"`,
  badChannel: (value: unknown) => `unknown channel ${JSON.stringify(value)}`,
  badDirection: (value: unknown) => `unknown direction ${JSON.stringify(value)}`,
  notAString: 'not a string',
  notABoolean: 'not a boolean',
  notARecord: 'not an object of named values',
  badNow: 'now is not an ISO 8601 instant with an offset or Z, nor epoch milliseconds',
  noWorkableDay: (calendar: string) => `calendar "${calendar}" has no working day within a year`,
} as const;
