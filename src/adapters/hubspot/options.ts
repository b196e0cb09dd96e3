/** The check of `fromHubSpot`'s options, made before any record is read. */
import { InputError, type Issue } from '../../errors/errors.js';
import { CHANNELS } from '../../schema/policy.js';
import type { FromHubSpotOptions } from './types.js';
import { readInstant } from './values.js';
import { refuseUnknownOptions } from '../shared/values.js';

/** Every option fromHubSpot takes (typed against FromHubSpotOptions, so a new option must be listed here). */
const OPTION_NAMES: Record<keyof FromHubSpotOptions, true> = {
  policy: true,
  keyProperty: true,
  attributes: true,
  tierProperty: true,
  doNotContactProperties: true,
  owners: true,
  ownerDefaults: true,
  dispositions: true,
  taskChannels: true,
  purposeProperty: true,
  purposes: true,
  countScheduledMeetingsBefore: true,
  forwardedEmailDirection: true,
  wonStages: true,
  closedWonEvent: true,
  includeArchived: true,
};

/**
 * Bad options are a programming error, not bad data: they throw, listing every problem, before a
 * record is read (a typo in an option would otherwise skip or mis-map a whole portal quietly).
 *
 * @example
 * checkOptions({ forwardedEmailDirection: 'sideways' }) // throws InputError naming forwardedEmailDirection
 */
export function checkOptions(options: FromHubSpotOptions): void {
  refuseUnknownOptions('fromHubSpot', options, OPTION_NAMES);
  const issues: Issue[] = [];
  for (const name of ['keyProperty', 'tierProperty', 'purposeProperty', 'closedWonEvent'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      issues.push({ code: 'invalid_type', path: [name], message: 'must be a property name' });
  }
  if (options.countScheduledMeetingsBefore !== undefined && readInstant(options.countScheduledMeetingsBefore) === undefined) {
    issues.push({
      code: 'invalid_type',
      path: ['countScheduledMeetingsBefore'],
      message: 'must be an ISO 8601 instant with an offset, epoch milliseconds or a Date',
    });
  }
  if (
    options.forwardedEmailDirection !== undefined &&
    options.forwardedEmailDirection !== 'inbound' &&
    options.forwardedEmailDirection !== 'outbound'
  ) {
    issues.push({ code: 'invalid_value', path: ['forwardedEmailDirection'], message: 'must be inbound or outbound' });
  }
  for (const [type, channel] of Object.entries(options.taskChannels ?? {})) {
    if (channel !== null && !(CHANNELS as readonly string[]).includes(channel)) {
      issues.push({ code: 'invalid_value', path: ['taskChannels', type], message: `must be null or one of ${CHANNELS.join(', ')}` });
    }
  }
  for (const name of ['doNotContactProperties', 'wonStages'] as const) {
    const value = options[name];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      issues.push({ code: 'invalid_type', path: [name], message: 'must be a list of names' });
    }
  }
  if (issues.length > 0) {
    throw new InputError(
      `fromHubSpot: bad options: ${issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      issues,
    );
  }
}
