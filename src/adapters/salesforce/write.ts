/**
 * `toSalesforceTasks`: a plan (or due items) as Task sObjects, ready for the sObject Collections
 * API or an upsert by external id. Each task carries its idempotency key in an external-id field,
 * so re-running a sync updates the same tasks instead of adding new ones, and a completed task
 * read back by `fromSalesforce` counts for the cycle it was planned for.
 */
import { type DueItem, explain, InputError, type Plan } from '../../index.js';
import { taskKey } from '../shared/keys.js';
import { plannedRows } from '../shared/planned.js';
import { checkWritableItems } from '../shared/writable.js';
import { DEFAULT_KEY_FIELD } from './options.js';

/**
 * One call to make, as `toSalesforceTasks` sees it before it becomes a Task.
 *
 * @example
 * toSalesforceTasks(week, { subject: (call: SalesforceTaskSource) => `Call ${names[call.contactId]}` });
 */
export interface SalesforceTaskSource {
  contactId: string;
  /** The contact's name when the CRM gave one, else null: the default Subject says it. */
  contactName: string | null;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  /** The date the touch is due: part of the idempotency key. */
  dueOn: string;
  /** The day the task is for: the planned day in a plan, the due date for an item. */
  activityDate: string;
  /** Days late on `activityDate` (0 or less when on time). */
  lateness: number;
  /** Why the call is on the list, in one sentence. */
  why: string;
}

/**
 * A Task sObject as the REST API takes it. The idempotency key sits in the field named by
 * `keyField` (`Calling_Cycle_Key__c` by default), hence the index signature.
 *
 * @example
 * const [task]: SalesforceTask[] = toSalesforceTasks(week);
 * task.WhoId; task.ActivityDate; task.Calling_Cycle_Key__c;
 */
export interface SalesforceTask {
  /** The sObject Collections API wants each record's type; left out with `attributes: false`. */
  attributes?: { type: 'Task' };
  WhoId: string;
  OwnerId?: string;
  /** `YYYY-MM-DD`: Task due dates are dates. */
  ActivityDate: string;
  Subject: string;
  Description: string;
  Status: string;
  Priority: 'High' | 'Normal';
  /** Left out with `taskSubtype: false`. */
  TaskSubtype?: 'Call';
  [field: string]: string | { type: 'Task' } | undefined;
}

/**
 * How `toSalesforceTasks` writes.
 *
 * @example
 * const options: ToSalesforceTasksOptions = { keyField: 'CC_Key__c', cycleField: 'Cycle__c' };
 */
export interface ToSalesforceTasksOptions {
  /** External-id field (unique, text) holding the idempotency key. Default `Calling_Cycle_Key__c`. */
  keyField?: string;
  /** Status of a new task. Default `Not Started`. */
  status?: string;
  /**
   * The Subject line (at most 255 characters are kept). Default `Call <name>: <cycle> (tier <tier>)`
   * for a named contact, `Call: <cycle> (tier <tier>)` otherwise (`WhoId` links the contact).
   */
  subject?: (task: SalesforceTaskSource) => string;
  /** Include `attributes: { type: 'Task' }` (the sObject Collections API needs it). Default true. */
  attributes?: boolean;
  /** Task field that receives the cycle id (e.g. `Cycle__c`), for reports in Salesforce. */
  cycleField?: string;
  /**
   * Include `TaskSubtype: 'Call'` (default true). Salesforce sets it on create only; pass false for
   * records that update existing tasks. A planned task reads back as a call either way.
   */
  taskSubtype?: boolean;
}

const SUBJECT_LIMIT = 255;
const DESCRIPTION_LIMIT = 32_000;

const isPlan = (value: Plan | readonly DueItem[]): value is Plan => !Array.isArray(value);

/**
 * Task payloads for a plan (one per planned touch, dated on its planned day) or for due items (one
 * per item with a due date, dated on it; excluded and ended items have none). The same contact,
 * cycle and due date always give the same key. Anything else than a plan or an array throws an
 * `InputError`.
 *
 * @example
 * const tasks = toSalesforceTasks(week, { keyField: 'Calling_Cycle_Key__c' });
 * // PATCH /services/data/v62.0/composite/sobjects/Task/Calling_Cycle_Key__c  { allOrNone: false, records: tasks }
 */
export function toSalesforceTasks(planOrItems: Plan | readonly DueItem[], options: ToSalesforceTasksOptions = {}): SalesforceTask[] {
  return taskSources(planOrItems).map((source) => toTask(source, options));
}

/**
 * The calls a plan or a list of items holds, in plan order (owner, day, position) or item order.
 *
 * @example
 * taskSources(week).map((call) => call.why)
 */
export function taskSources(planOrItems: Plan | readonly DueItem[]): SalesforceTaskSource[] {
  const isItems = Array.isArray(planOrItems);
  if (!isItems && !(typeof planOrItems === 'object' && planOrItems !== null && Array.isArray((planOrItems as Partial<Plan>).owners))) {
    const message = 'toSalesforceTasks: expects a Plan (from plan()) or an array of due items (from evaluate())';
    throw new InputError(message, [{ code: 'invalid_type', path: [], message }]);
  }
  const sources: SalesforceTaskSource[] = [];
  if (isPlan(planOrItems)) {
    return plannedRows(planOrItems, {}, 'toSalesforceTasks').map(({ ownerId, touch, contactName, why }) => ({
      contactId: touch.contactId,
      contactName,
      cycleId: touch.cycleId,
      tierId: touch.tierId,
      ownerId,
      dueOn: touch.dueOn,
      activityDate: touch.plannedOn,
      lateness: touch.lateness,
      why,
    }));
  }
  checkWritableItems('toSalesforceTasks', planOrItems, (item) => item.dueOn !== null);
  for (const item of planOrItems) {
    if (item.dueOn === null) continue;
    sources.push({
      contactId: item.contactId,
      contactName: item.reason.contactName ?? null,
      cycleId: item.cycleId,
      tierId: item.tierId,
      ownerId: item.ownerId,
      dueOn: item.dueOn,
      activityDate: item.dueOn,
      lateness: item.daysOverdue,
      why: explain(item),
    });
  }
  return sources;
}

function toTask(source: SalesforceTaskSource, options: ToSalesforceTasksOptions): SalesforceTask {
  const subject = options.subject
    ? options.subject(source)
    : `Call${source.contactName === null ? ':' : ` ${source.contactName}:`} ${source.cycleId} (tier ${source.tierId})`;
  const task: SalesforceTask = {
    WhoId: source.contactId,
    ActivityDate: source.activityDate,
    Subject: subject.slice(0, SUBJECT_LIMIT),
    Description: source.why.slice(0, DESCRIPTION_LIMIT),
    Status: options.status ?? 'Not Started',
    Priority: source.lateness > 0 ? 'High' : 'Normal',
    TaskSubtype: 'Call',
  };
  if (options.attributes !== false) task.attributes = { type: 'Task' };
  if (options.taskSubtype === false) delete task.TaskSubtype;
  if (source.ownerId !== null) task.OwnerId = source.ownerId;
  task[options.keyField ?? DEFAULT_KEY_FIELD] = taskKey({ contactId: source.contactId, cycleId: source.cycleId, dueOn: source.dueOn });
  if (options.cycleField !== undefined) task[options.cycleField] = source.cycleId;
  // Key order as a person would write the payload: attributes first.
  const { attributes, ...fields } = task;
  return attributes === undefined ? fields : { attributes, ...fields };
}
