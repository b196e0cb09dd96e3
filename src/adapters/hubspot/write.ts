/**
 * `toHubSpotTasks`: a plan (or due items) to HubSpot task inputs for
 * `POST /crm/v3/objects/tasks/batch/upsert`, keyed by an idempotency property so that running the
 * sync again updates the same tasks instead of creating new ones.
 */
import { DateTime } from 'luxon';
import { explain } from '../../core/explain.js';
import type { DueItem, Owner } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import { InputError } from '../../errors/errors.js';
import type { Plan } from '../../plan/plan.js';
import type { Policy } from '../../schema/policy.js';
import { parseTaskKey, taskKey } from '../shared/keys.js';
import { atOrAfter, plannedRows, planFloor } from '../shared/planned.js';
import { checkWritableItems } from '../shared/writable.js';
import { formatInstant } from '../../time/instant.js';
import { DEFAULT_KEY_PROPERTY } from './activities.js';
import type { HubSpotList, HubSpotObject } from './types.js';

/**
 * HubSpot's association type id for task → contact (HUBSPOT_DEFINED).
 *
 * @example
 * { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT_ASSOCIATION_TYPE_ID }
 */
export const TASK_TO_CONTACT_ASSOCIATION_TYPE_ID = 204;

/**
 * `hs_task_priority` values.
 *
 * @example
 * const urgent = tasks.filter((task) => task.properties.hs_task_priority === ('HIGH' satisfies HubSpotTaskPriority));
 */
export type HubSpotTaskPriority = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * One association of a task input, as the tasks API publishes it.
 *
 * @example
 * { to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }
 */
export interface HubSpotTaskAssociation {
  to: { id: string };
  types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[];
}

/**
 * One task: the upsert input (`idProperty`, `id`, `properties`, every value a string) and the
 * association to its contact. The batch upsert endpoint takes no associations (see
 * `hubSpotUpsertRequest` and `hubSpotAssociationRequest`); batch create takes them as they are.
 *
 * @example
 * const [task] = toHubSpotTasks(items, { owners });
 * task.id === task.properties.calling_cycle_key // true
 */
export interface HubSpotTaskInput {
  idProperty: string;
  id: string;
  properties: Record<string, string>;
  associations: HubSpotTaskAssociation[];
}

/**
 * Options of `toHubSpotTasks`.
 *
 * @example
 * toHubSpotTasks(week, { owners, policy, hour: 10, keyProperty: 'calling_cycle_key' });
 */
export interface ToHubSpotTasksOptions {
  /** The reps, for their time zones (the task is due at `hour` in the rep's zone). */
  owners?: readonly Owner[];
  /** The policy: its zone for reps without one, and its tier weights for the priority. */
  policy?: Policy;
  /** Local hour the task is due at, 0–23. Default 9. */
  hour?: number;
  /** Local minute, 0–59. Default 0. */
  minute?: number;
  /** The task property holding the idempotency key. Default `calling_cycle_key`; it must be a unique-value property. */
  keyProperty?: string;
  /** For due items: the day the tasks are due (`YYYY-MM-DD`). Default: each item's `dueOn`. */
  date?: string;
  /** For due items: which statuses become tasks. Default `['due', 'overdue']`. */
  statuses?: readonly DueItem['status'][];
}

/** What a task is made from: one planned touch, or one due item. */
interface TaskSource {
  contactId: string;
  /** The contact's name when the CRM gave one: the subject says it. */
  contactName: string | null;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  dueOn: string;
  /** The day the task is due. */
  on: string;
  late: boolean;
  timing: string;
  why: string;
}

function checkOptions(options: ToHubSpotTasksOptions): void {
  const hour = options.hour ?? 9;
  const minute = options.minute ?? 0;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    throw new InputError(`toHubSpotTasks: hour must be a whole number 0–23, got ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new InputError(`toHubSpotTasks: minute must be a whole number 0–59, got ${minute}`);
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new InputError(`toHubSpotTasks: date must be YYYY-MM-DD, got ${JSON.stringify(options.date)}`);
  }
  // A rep's zone decides when their tasks fall due: a mistyped one must not quietly become UTC.
  for (const owner of options.owners ?? []) {
    if (owner.timeZone !== undefined && !isValidZone(owner.timeZone)) {
      throw new InputError(`toHubSpotTasks: owner ${String(owner.id)} has an unknown time zone ${JSON.stringify(owner.timeZone)}`);
    }
  }
}

function sourcesFromPlan(plan: Plan): TaskSource[] {
  // The call list's timing and reason for each planned cycle, in the words the rep reads.
  return plannedRows(plan, {}, 'toHubSpotTasks').map(({ ownerId, date, touch, contactName, timing, why }) => ({
    contactId: touch.contactId,
    contactName,
    cycleId: touch.cycleId,
    tierId: touch.tierId,
    ownerId,
    dueOn: touch.dueOn,
    on: date,
    late: touch.lateness > 0,
    timing,
    why,
  }));
}

function sourcesFromItems(items: readonly DueItem[], options: ToHubSpotTasksOptions): TaskSource[] {
  const statuses = new Set(options.statuses ?? ['due', 'overdue']);
  checkWritableItems('toHubSpotTasks', items, (item) => item.dueOn !== null && statuses.has(item.status));
  const sources: TaskSource[] = [];
  for (const item of items) {
    if (item.dueOn === null || !statuses.has(item.status)) continue;
    sources.push({
      contactId: item.contactId,
      contactName: item.reason.contactName ?? null,
      cycleId: item.cycleId,
      tierId: item.tierId,
      ownerId: item.ownerId,
      dueOn: item.dueOn,
      on: options.date ?? item.dueOn,
      late: item.status === 'overdue',
      timing: item.status === 'overdue' ? `${item.daysOverdue} ${item.daysOverdue === 1 ? 'day' : 'days'} overdue` : `due ${item.dueOn}`,
      why: explain(item),
    });
  }
  return sources;
}

/**
 * HIGH when the call is late; on time, MEDIUM for the policy's heaviest tiers (or every tier when no
 * policy is given) and LOW for the rest, so a rep's HubSpot task queue sorts like the plan.
 */
function priorityOf(source: TaskSource, policy: Policy | undefined): HubSpotTaskPriority {
  if (source.late) return 'HIGH';
  if (policy === undefined) return 'MEDIUM';
  const heaviest = Math.max(...policy.tiers.map((tier) => tier.weight ?? 1));
  const weight = policy.tiers.find((tier) => tier.id === source.tierId)?.weight ?? 1;
  return weight >= heaviest ? 'MEDIUM' : 'LOW';
}

/**
 * HubSpot task inputs for a plan (one task per planned touch, due on its planned day) or for due
 * items (one per due or overdue item, due on `options.date` or the item's due date). Each task is
 * a CALL, NOT_STARTED, due at `hour` (default 9:00) in its rep's zone, associated with its
 * contact, and keyed by `cc1:<contact>:<cycle>:<due date>` in `keyProperty`: the same plan gives
 * the same keys, so upserting again updates instead of duplicating, and `fromHubSpot` reads the
 * completed task back as a touch of its cycle.
 *
 * @example
 * const tasks = toHubSpotTasks(plan({ policy, items, owners, from: '2026-11-30', days: 5 }), { owners, policy });
 * await fetch('https://api.hubapi.com/crm/v3/objects/tasks/batch/upsert', {
 *   method: 'POST', headers, body: JSON.stringify(hubSpotUpsertRequest(tasks)),
 * });
 */
export function toHubSpotTasks(planOrItems: Plan | readonly DueItem[], options: ToHubSpotTasksOptions = {}): HubSpotTaskInput[] {
  checkOptions(options);
  const keyProperty = options.keyProperty ?? DEFAULT_KEY_PROPERTY;
  const zones = new Map((options.owners ?? []).map((owner) => [String(owner.id), owner.timeZone]));
  const fallbackZone = options.policy?.timeZone ?? 'UTC';
  const floor = planFloor(planOrItems);
  const sources = Array.isArray(planOrItems)
    ? sourcesFromItems(planOrItems as readonly DueItem[], options)
    : sourcesFromPlan(planOrItems as Plan);

  return sources.map((source) => {
    const zone = (source.ownerId !== null ? zones.get(source.ownerId) : undefined) ?? fallbackZone;
    const key = taskKey({ contactId: source.contactId, cycleId: source.cycleId, dueOn: source.dueOn });
    const [year, month, day] = source.on.split('-').map(Number) as [number, number, number];
    // A local hour that does not exist (a DST gap) moves forward, as a wall clock does.
    const due = DateTime.fromObject({ year, month, day, hour: options.hour ?? 9, minute: options.minute ?? 0 }, { zone }).toUTC();
    const properties: Record<string, string> = {
      // Never before the plan's now: a first-day task whose hour has passed is due at once.
      hs_timestamp: due.isValid ? formatInstant(atOrAfter(due.toMillis(), floor)) : `${source.on}T00:00:00.000Z`,
      hs_task_type: 'CALL',
      // The task is associated with its contact; the subject names the person when the CRM gave a name.
      hs_task_subject: `Call${source.contactName === null ? ':' : ` ${source.contactName}:`} ${source.cycleId} (tier ${source.tierId}), ${source.timing}`,
      hs_task_body: source.why,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: priorityOf(source, options.policy),
      [keyProperty]: key,
    };
    if (source.ownerId !== null) properties.hubspot_owner_id = source.ownerId;
    return {
      idProperty: keyProperty,
      id: key,
      properties,
      associations: [
        {
          to: { id: source.contactId },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: TASK_TO_CONTACT_ASSOCIATION_TYPE_ID }],
        },
      ],
    };
  });
}

/**
 * The body of `POST /crm/v3/objects/tasks/batch/upsert`: the published input has `idProperty`,
 * `id` and `properties` only, so the associations are left out here and made afterwards with
 * `hubSpotAssociationRequest`. HubSpot takes at most 100 inputs per call: send it in chunks.
 *
 * @example
 * hubSpotUpsertRequest(tasks) // { inputs: [{ idProperty: 'calling_cycle_key', id: 'cc1:…', properties: { … } }] }
 */
export function hubSpotUpsertRequest(tasks: readonly HubSpotTaskInput[]): {
  inputs: { idProperty: string; id: string; properties: Record<string, string> }[];
} {
  return { inputs: tasks.map((task) => ({ idProperty: task.idProperty, id: task.id, properties: { ...task.properties } })) };
}

/**
 * The body of `POST /crm/v3/objects/tasks/batch/create`: properties and associations in one call,
 * but no idempotency (running it twice makes two tasks). For a first load, or a portal whose key
 * property cannot be a unique-value one; re-syncs should upsert.
 *
 * @example
 * hubSpotCreateRequest(tasks) // { inputs: [{ properties: { … }, associations: [{ to: { id: '101' }, types: [ … ] }] }] }
 */
export function hubSpotCreateRequest(tasks: readonly HubSpotTaskInput[]): {
  inputs: { properties: Record<string, string>; associations: HubSpotTaskAssociation[] }[];
} {
  return {
    inputs: tasks.map((task) => ({
      properties: { ...task.properties },
      associations: task.associations.map((association) => ({
        to: { id: association.to.id },
        types: association.types.map((type) => ({ ...type })),
      })),
    })),
  };
}

/**
 * The body of `POST /crm/v4/associations/tasks/contacts/batch/create`, linking each upserted task
 * to its contact. `results` is the upsert response's `results`; each is matched to its task by the
 * key property it carries back. Tasks with no matching result are listed in `unmatched`.
 *
 * @example
 * const response = await upsert(hubSpotUpsertRequest(tasks));
 * const { request } = hubSpotAssociationRequest(tasks, response.results);
 */
export function hubSpotAssociationRequest(
  tasks: readonly HubSpotTaskInput[],
  results: readonly { id: string | number; properties?: Record<string, string | null | undefined> }[],
): {
  request: { inputs: { from: { id: string }; to: { id: string }; types: HubSpotTaskAssociation['types'] }[] };
  unmatched: HubSpotTaskInput[];
} {
  const inputs: { from: { id: string }; to: { id: string }; types: HubSpotTaskAssociation['types'] }[] = [];
  const unmatched: HubSpotTaskInput[] = [];
  for (const task of tasks) {
    const result = results.find((candidate) => candidate.properties?.[task.idProperty] === task.id);
    if (result === undefined) {
      unmatched.push(task);
      continue;
    }
    for (const association of task.associations) {
      inputs.push({
        from: { id: String(result.id) },
        to: { id: association.to.id },
        types: association.types.map((type) => ({ ...type })),
      });
    }
  }
  return { request: { inputs }, unmatched };
}

/**
 * The body of `POST /crm/v3/objects/tasks/batch/archive` for tasks a sync wrote earlier that no
 * longer stand for a due call: open tasks whose key names a (contact, cycle) that is now due on
 * another date (a touch moved it on), has nothing due (ended, do not contact), or is no longer
 * evaluated. A task for a call still due stays, even when this week's plan had no room for it; a
 * completed task, or one a rep made by hand (no key), is never touched.
 *
 * @example
 * const { request, stale } = hubSpotArchiveRequest(existingTasks.results, items);
 * if (request.inputs.length > 0) await post('/crm/v3/objects/tasks/batch/archive', request);
 */
export function hubSpotArchiveRequest(
  existing: HubSpotList<HubSpotObject>,
  items: readonly DueItem[],
  options: { keyProperty?: string } = {},
): { request: { inputs: { id: string }[] }; stale: HubSpotObject[] } {
  const keyProperty = options.keyProperty ?? DEFAULT_KEY_PROPERTY;
  const dueOn = new Map<string, string | null>();
  for (const item of items) dueOn.set(`${item.contactId}\u0000${item.cycleId}`, item.dueOn);
  const stale: HubSpotObject[] = [];
  const records = Array.isArray(existing) ? existing : (existing as { results: readonly HubSpotObject[] }).results;
  for (const task of records) {
    const properties = task?.properties ?? {};
    if (task?.archived === true || String(properties.hs_task_status ?? '').toUpperCase() === 'COMPLETED') continue;
    const key = parseTaskKey(properties[keyProperty]);
    if (key === undefined) continue;
    if (dueOn.get(`${key.contactId}\u0000${key.cycleId}`) !== key.dueOn) stale.push(task);
  }
  return { request: { inputs: stale.map((task) => ({ id: String(task.id) })) }, stale };
}
