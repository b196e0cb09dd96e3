/** The defaults of `fromSalesforce`'s options, and the check of the options it is given. */
import { isValidZone } from '../../time/zones.js';
import { InputError } from '../../errors/errors.js';
import { isClockTime, readInstant } from './fields.js';
import type { FromSalesforceOptions } from './types.js';
import { refuseUnknownOptions } from '../shared/values.js';

/**
 * Default name of the external-id field that holds a task's idempotency key.
 *
 * @example
 * task[DEFAULT_KEY_FIELD] // 'cc1:003…:check-in:2026-12-01'
 */
export const DEFAULT_KEY_FIELD = 'Calling_Cycle_Key__c';

/**
 * Default local time given to an activity that only has a date (`ActivityDate`).
 *
 * @example
 * fromSalesforce(records, { dateOnlyTime: DEFAULT_DATE_ONLY_TIME }) // the same as leaving it out
 */
export const DEFAULT_DATE_ONLY_TIME = '12:00';

/** Every option fromSalesforce takes (typed against FromSalesforceOptions, so a new option must be listed here). */
const OPTION_NAMES: Record<keyof FromSalesforceOptions, true> = {
  source: true,
  policy: true,
  keyField: true,
  dispositions: true,
  purposeField: true,
  purposes: true,
  defaultPurpose: true,
  timeZoneField: true,
  tierField: true,
  attributeFields: true,
  dateOnlyTime: true,
  timeZone: true,
  now: true,
  includeConvertedLeads: true,
  includeOtherTasks: true,
  includeListEmails: true,
  includeInternalCalls: true,
  wonEvent: true,
  dailyCapacity: true,
  capacityField: true,
  calendar: true,
};

/**
 * Options are the caller's code, not data: a wrong one would quietly change every touch (a
 * misspelt zone placing date-only calls in UTC), so it throws an `InputError` naming it.
 */
export function checkOptions(options: FromSalesforceOptions): void {
  refuseUnknownOptions('fromSalesforce', options, OPTION_NAMES);
  const problems: { path: string; message: string }[] = [];
  if (options.source !== undefined && options.source !== 'api' && options.source !== 'warehouse') {
    problems.push({ path: 'source', message: `must be 'api' or 'warehouse', not ${JSON.stringify(options.source)}` });
  }
  if (options.dateOnlyTime !== undefined && !isClockTime(options.dateOnlyTime)) {
    problems.push({ path: 'dateOnlyTime', message: `must be a time HH:MM, not ${JSON.stringify(options.dateOnlyTime)}` });
  }
  if (options.timeZone !== undefined && (typeof options.timeZone !== 'string' || !isValidZone(options.timeZone))) {
    problems.push({ path: 'timeZone', message: `unknown IANA time zone ${JSON.stringify(options.timeZone)}` });
  }
  if (options.now !== undefined && readInstant(options.now, 'api') === undefined) {
    problems.push({ path: 'now', message: 'must be an instant (ISO 8601 with an offset, epoch milliseconds or a Date)' });
  }
  if (options.dailyCapacity !== undefined && !(Number.isInteger(options.dailyCapacity) && options.dailyCapacity >= 0)) {
    problems.push({ path: 'dailyCapacity', message: 'must be a whole number of calls, 0 or more' });
  }
  if (problems.length === 0) return;
  const issues = problems.map(({ path, message }) => ({ code: 'invalid_option', path: [path], message }));
  throw new InputError(`fromSalesforce: ${problems.map(({ path, message }) => `options.${path} ${message}`).join('; ')}`, issues);
}
