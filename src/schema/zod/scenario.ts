/**
 * Scenario files in zod: the format `runScenarios` reads (calling-cycle/testing), the source of
 * `schema/scenario.json`, and exported from `calling-cycle/zod`. The testing kit's `Scenario` type
 * is written out beside `runScenario` (so its declarations need no zod); a type test holds the two
 * equal.
 */
import { z } from 'zod';

const STATUSES = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'] as const;
const idSchema = z.union([z.string().min(1), z.number().int()]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
/** Local times (`2026-01-05 10:00`, in the record's zone) or instants with an offset. */
const localOrInstant = z.union([z.string().min(1), z.number()]);

const contact = z
  .looseObject({ id: idSchema, createdAt: localOrInstant.optional() })
  .describe('A contact (wire format); createdAt may be a local date-time in its zone');
const touch = z
  .looseObject({ contactId: idSchema, at: localOrInstant, channel: z.string().min(1) })
  .describe('A touch (wire format); at may be a local date-time in the contact zone');
const owner = z.looseObject({ id: idSchema });
const snooze = z.looseObject({ contactId: idSchema, cycleId: z.string().min(1), until: date });

const expectedItem = z
  .strictObject({
    contactId: idSchema,
    cycleId: z.string().min(1).optional().describe('Needed when the contact has more than one cycle'),
    tierId: z.string().min(1).optional(),
    status: z.enum(STATUSES).optional(),
    dueOn: date.nullable().optional(),
    daysOverdue: z.number().int().nonnegative().optional(),
    escalation: z.string().nullable().optional(),
  })
  .describe('What one (contact, cycle) item should be; only the fields given are compared');

const expectedCall = z.union([idSchema, z.strictObject({ contactId: idSchema, cycleId: z.string().min(1).optional() })]);

const expectedCallList = z
  .strictObject({
    ownerId: idSchema,
    date,
    calls: z.array(expectedCall).describe('Contact ids (or { contactId, cycleId }) in list order'),
    exact: z.boolean().optional().describe('true (default): the list is exactly these calls, in order; false: it contains them'),
  })
  .describe("One owner's call list on a date, planned from the scenario's date");

const expectedError = z.strictObject({
  record: z.enum(['contact', 'touch', 'owner', 'snooze']).optional(),
  code: z.string().min(1).optional(),
  contactId: idSchema.optional(),
});

/**
 * One scenario. `now` is a local date (the end of that day in each contact's zone), a local
 * date-time, or an instant, as `asOf` reads it.
 *
 * @example
 * scenarioSchema.parse({ name: 'key account', policy, contacts: [{ id: 'acme' }], touches: [], now: '2026-01-22',
 *   expect: { items: [{ contactId: 'acme', status: 'overdue', dueOn: '2026-01-19' }] } });
 */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).optional().describe('Shown in the report; defaults to the file name'),
    description: z.string().optional(),
    policy: z.looseObject({}).describe('A calling-cycle policy (see schema/policy.json)'),
    contacts: z.array(contact).optional(),
    touches: z.array(touch).optional(),
    owners: z.array(owner).optional(),
    snoozes: z.array(snooze).optional(),
    now: localOrInstant.describe("A local date ('2026-01-22'), a local date-time ('2026-01-22 09:00') or an instant"),
    plan: z
      .strictObject({ days: z.number().int().positive().optional(), flexDays: z.number().int().nonnegative().optional() })
      .optional()
      .describe('Options of the plan the call lists come from'),
    expect: z.strictObject({
      items: z.array(expectedItem).optional(),
      callLists: z.array(expectedCallList).optional(),
      errors: z.array(expectedError).optional().describe('Record errors evaluate should report; any other error fails the scenario'),
    }),
  })
  .describe('A calling-cycle scenario: policy, records, a moment and what should come out');

/**
 * A scenario file: one scenario, or a list of them.
 *
 * @example
 * scenarioFileSchema.parse([firstScenario, secondScenario]);
 */
export const scenarioFileSchema = z.union([scenarioSchema, z.array(scenarioSchema)]);
