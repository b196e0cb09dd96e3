/**
 * A plan (or due items) → Pipedrive API v2 activity create payloads, each carrying the task key
 * `cc1:<contact>:<cycle>:<due>` in its note (Pipedrive activities have no external id field), so
 * a re-run finds the activity it made and a completed one reads back as a touch of its cycle.
 */
import { isWellFormedText } from '../../schema/text.js';
import { wellFormed } from '../shared/ids.js';
import { explain } from '../../core/explain.js';
import { formatDate, MS_PER_DAY } from '../../time/dates.js';
import { InputError } from '../../errors/errors.js';
import type { DueItem, Plan } from '../../index.js';
import { taskKey } from '../shared/keys.js';
import { atOrAfter, plannedRows, planFloor } from '../shared/planned.js';
import { checkWritableItems } from '../shared/writable.js';
import { activityKey, escapeHtml, idOf, keyMarker, parseClock, zonedDateTime } from './fields.js';
import type { PipedriveActivityInput, PipedriveActivityPayload, PipedriveSyncPlan, ToPipedriveActivitiesOptions } from './types.js';

/** A numeric id as the number Pipedrive expects; any other id as it is. */
function pipedriveId(id: string): number | string {
  return /^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

function isPlan(input: Plan | readonly DueItem[]): input is Plan {
  return !Array.isArray(input) && typeof input === 'object' && input !== null && Array.isArray((input as Plan).owners);
}

function inputsOf(input: Plan | readonly DueItem[], items: readonly DueItem[] | undefined): PipedriveActivityInput[] {
  if (isPlan(input)) {
    // A due item given for the touch explains it in full; otherwise the call list's sentence.
    const byCycle = new Map<string, DueItem>();
    for (const item of items ?? []) if (item.dueOn !== null) byCycle.set(`${item.contactId}\u0000${item.cycleId}\u0000${item.dueOn}`, item);
    return plannedRows(input, {}, 'toPipedriveActivities').map(({ ownerId, date, touch, contactName, why }) => {
      const item = byCycle.get(`${touch.contactId}\u0000${touch.cycleId}\u0000${touch.dueOn}`);
      return {
        contactId: touch.contactId,
        contactName,
        cycleId: touch.cycleId,
        tierId: touch.tierId,
        ownerId,
        dueOn: touch.dueOn,
        day: date,
        explanation: item ? explain(item) : why,
      };
    });
  }
  if (!Array.isArray(input)) throw new InputError('toPipedriveActivities: expected a plan or an array of due items');
  checkWritableItems('toPipedriveActivities', input, (item) => item.dueOn !== null);
  const inputs: PipedriveActivityInput[] = [];
  for (const item of input) {
    // Excluded and ended items have nothing due: no activity.
    if (item.dueOn === null) continue;
    inputs.push({
      contactId: item.contactId,
      contactName: item.reason.contactName ?? null,
      cycleId: item.cycleId,
      tierId: item.tierId,
      ownerId: item.ownerId,
      dueOn: item.dueOn,
      day: item.dueOn,
      explanation: explain(item),
    });
  }
  return inputs;
}

/**
 * Pipedrive API v2 `POST /api/v2/activities` bodies: one call activity per planned touch of a
 * plan (every owner, every day), or per due item that has a due date. Each is not done, dated on
 * the planned day (or the item's due date), owned by the contact's owner, with the contact as
 * primary participant, the reason as its note, and the task key as a `[cc1:…]` marker at the end
 * of the note. With `time`, the local time in the owner's zone becomes Pipedrive's UTC
 * `due_date` and `due_time`.
 *
 * @example
 * const activities = toPipedriveActivities(week, { items, owners, time: '10:00' });
 * // [{ subject: 'check-in call', type: 'call', due_date: '2026-12-07', due_time: '09:00', owner_id: 101,
 * //    participants: [{ person_id: 1001, primary: true }], note: '… <br>[cc1:1001:check-in:2026-12-07]', done: false, busy: true }]
 */
export function toPipedriveActivities(
  input: Plan | readonly DueItem[],
  options: ToPipedriveActivitiesOptions = {},
): PipedriveActivityPayload[] {
  const time = options.time === undefined ? undefined : parseClock(options.time);
  if (options.time !== undefined && time === undefined) throw new InputError(`toPipedriveActivities: time "${options.time}" is not HH:MM`);
  const zones = new Map<string, string>();
  for (const owner of options.owners ?? []) if (owner.timeZone !== undefined) zones.set(String(owner.id), owner.timeZone);
  const floor = planFloor(input);
  const subject =
    options.subject ??
    ((entry: PipedriveActivityInput) => `${entry.cycleId} call${entry.contactName === null ? '' : ` with ${entry.contactName}`}`);
  return inputsOf(input, options.items).map((entry) => {
    const key = taskKey({ contactId: entry.contactId, cycleId: entry.cycleId, dueOn: entry.dueOn });
    const due: Pick<PipedriveActivityPayload, 'due_date' | 'due_time'> = { due_date: entry.day };
    if (time !== undefined) {
      const zone = (entry.ownerId !== null ? zones.get(entry.ownerId) : undefined) ?? options.timeZone ?? 'UTC';
      const local = zonedDateTime(entry.day, time, zone);
      if (local === undefined) throw new InputError(`toPipedriveActivities: unknown time zone "${zone}"`);
      // Never before the plan's now: a first-day activity whose time has passed is due at once.
      const ms = atOrAfter(local, floor);
      // Pipedrive reads due_date and due_time in UTC, so 09:00 in Tokyo is the day before at 00:00.
      const day = Math.floor(ms / MS_PER_DAY);
      const minutes = Math.floor((ms - day * MS_PER_DAY) / 60_000);
      due.due_date = formatDate(day);
      due.due_time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    }
    const payload: PipedriveActivityPayload = {
      subject: subject(entry),
      type: options.type ?? 'call',
      ...due,
      participants: [{ person_id: pipedriveId(entry.contactId), primary: true }],
      note: `${escapeHtml(entry.explanation)}<br>${keyMarker(key)}`,
      done: false,
      busy: time !== undefined,
    };
    if (options.duration !== undefined) payload.duration = options.duration;
    if (entry.ownerId !== null) payload.owner_id = pipedriveId(entry.ownerId);
    if (options.keyField !== undefined) payload.custom_fields = { [options.keyField]: key };
    return payload;
  });
}

/**
 * Sorts payloads against the activities already in Pipedrive (as `GET /api/v2/activities`
 * returns them), by task key: payloads whose key no activity has are to create, those whose
 * open activity exists are to update (`PATCH /api/v2/activities/{id}`), and those whose activity
 * is already done are left alone. Re-running a sync so never duplicates an activity.
 *
 * @example
 * const { create, update } = matchPipedriveActivities(openAndDoneActivities, toPipedriveActivities(week, { items }));
 * for (const payload of create) await post('/api/v2/activities', payload);
 * for (const { id, payload } of update) await patch(`/api/v2/activities/${id}`, payload);
 */
export function matchPipedriveActivities(
  existing: readonly unknown[],
  payloads: readonly PipedriveActivityPayload[],
  options: Pick<ToPipedriveActivitiesOptions, 'keyField'> = {},
): PipedriveSyncPlan {
  const byKey = new Map<string, { id: number | string; done: boolean }>();
  for (const activity of existing) {
    if (typeof activity !== 'object' || activity === null) continue;
    const row = activity as Record<string, unknown>;
    const parts = activityKey(row, options.keyField);
    // An activity whose id or key no output can carry cannot be updated nor matched (no payload's
    // key holds a lone surrogate): it is left alone, never a throw that loses the others.
    const id = wellFormed(idOf(row.id));
    if (!parts || id === undefined || row.is_deleted === true || row.active_flag === false) continue;
    if (!isWellFormedText(parts.contactId) || !isWellFormedText(parts.cycleId)) continue;
    const key = taskKey(parts);
    const done = row.done === true || row.done === 1;
    // When a key was written twice, an open activity is the one to update.
    const seen = byKey.get(key);
    if (!seen || (seen.done && !done)) byKey.set(key, { id: pipedriveId(id), done });
  }
  const plan: PipedriveSyncPlan = { create: [], update: [], done: [] };
  for (const payload of payloads) {
    const parts = activityKey(payload as unknown as Record<string, unknown>, options.keyField);
    const key = parts ? taskKey(parts) : undefined;
    const match = key === undefined ? undefined : byKey.get(key);
    if (!match) plan.create.push(payload);
    else if (match.done) plan.done.push({ id: match.id, key: key! });
    else plan.update.push({ id: match.id, payload });
  }
  return plan;
}
