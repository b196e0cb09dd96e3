/**
 * Zod schemas of the records a CRM sends: the same rules `evaluate` applies with its hand-written
 * checks (which spare a million contacts a zod parse each). A test holds the two to the same
 * verdict on random records. Use these to validate at your own edge, or to derive JSON Schema;
 * they are exported from `calling-cycle/zod`, so the engine's entry does not load zod.
 */
import { z } from 'zod';
import { CHANNELS, DIRECTIONS } from '../rules.js';
import { isDateOrInstant, parseInstant } from '../../time/instant.js';
import { isValidZone } from '../../time/zones.js';
import { messages } from '../../errors/messages.js';
import { isWellFormedText } from '../text.js';

/** Ids: non-empty strings (well-formed: no lone UTF-16 surrogate) or safe integers (a Pipedrive person id is a number). */
const text = z.string().min(1, messages.missingId).refine(isWellFormedText, messages.illFormedId);
const id = z.union([text, z.number().int().refine(Number.isSafeInteger, 'must be a safe integer')], {
  error: messages.missingId,
});
const zone = z.string().refine(isValidZone, { error: (issue) => messages.unknownZone(String(issue.input)) });
/** An instant: an ISO string with an offset, epoch ms or a Date, within years 1000–9999. */
const instant = z.union([z.string(), z.number(), z.date()]).refine((value) => parseInstant(value) !== undefined, messages.badInstant);
const dateOrInstant = z.union([z.string(), z.number(), z.date()]).refine(isDateOrInstant, messages.badDateOrInstant);

/** A contact. Extra fields (an e-mail, a phone number) are allowed and ignored. */
export const contactSchema = z.looseObject({
  id,
  name: z.string().nullable().optional(),
  ownerId: id.optional(),
  timeZone: zone.optional(),
  tier: z.string().optional(),
  calendar: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  createdAt: instant.optional(),
  events: z.record(z.string(), dateOrInstant).optional(),
  doNotContact: z.boolean().optional(),
  pausedUntil: dateOrInstant.nullable().optional(),
});

/** A touch. */
export const touchSchema = z.looseObject({
  contactId: id,
  at: instant,
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS).optional(),
  outcome: z.string().optional(),
  purpose: z.string().optional(),
});

/** An owner. Its calendar name is checked against the policy by `evaluate` and `plan`. */
export const ownerSchema = z.looseObject({
  id,
  name: z.string().nullable().optional(),
  timeZone: zone.optional(),
  calendar: z.string().optional(),
  dailyCapacity: z.number().int().nonnegative().optional(),
});

/** A snooze. */
export const snoozeSchema = z.looseObject({ contactId: id, cycleId: text, until: dateOrInstant });
