/**
 * evaluateColumns from a book given as columns (integer contact ids in increasing order, zone and
 * tier codes, epoch-ms instants, touches by contact row), beside, in the same run: the integer
 * floor (a hand-written pipeline over the same typed arrays, checked equal row by row), the same
 * book from objects (evaluateColumns and evaluate) and the naive luxon way. Then the bytes a
 * result keeps alive, and µs per contact at several sizes. Medians of a few runs: the machine is
 * shared. Prints figures; never fails on time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Dictionary, makeData, makeVector, Table, Uint8, Utf8, vectorFromArray } from 'apache-arrow';
import { DateTime } from 'luxon';
import { evaluateArrow } from '../src/arrow/index.js';
import type { ContactColumns, TouchColumns } from '../src/core/column-input.js';
import { type EvaluateColumns, evaluateColumns, STATUS_CODES } from '../src/core/columns.js';
import { evaluateStream, type StreamRecord } from '../src/core/stream.js';
import { ContactIdTable, evaluate, type Policy } from '../src/index.js';
import { anchoredPolicy, book, HOLIDAYS, NOW, naive, naiveAnchored, policy, ZONES } from './evaluate.js';
import { formatRate, peakMemory, timed } from './util.js';

const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;

/** The benchmark's book as columns: the same contacts and touches as `book(size)`, no string per row. */
export function columnBook(size: number, tiers?: readonly string[]): { contacts: ContactColumns; touches: TouchColumns } {
  const id = new Int32Array(size);
  const zone = new Uint8Array(size);
  const created = new Float64Array(size).fill(Date.parse('2025-01-15T10:00:00Z'));
  const contact = new Int32Array(size);
  const atMs = new Float64Array(size);
  const base = Date.parse('2026-09-01T00:00:00Z');
  for (let index = 0; index < size; index++) {
    id[index] = index;
    zone[index] = index % ZONES.length;
    contact[index] = index;
    atMs[index] = base + ((index * 7_919_993) % (80 * DAY));
  }
  const contacts: ContactColumns = {
    id,
    timeZone: { codes: zone, values: ZONES },
    createdMs: created,
    ...(tiers ? { tier: { codes: Uint8Array.from({ length: size }, (_, index) => index % tiers.length), values: tiers } } : {}),
  };
  const touches: TouchColumns = {
    contact,
    atMs,
    channel: { codes: new Uint8Array(size), values: ['call'] },
    direction: { codes: new Uint8Array(size), values: ['outbound'] },
    outcome: { codes: new Uint8Array(size), values: ['connected'] },
  };
  return { contacts, touches };
}

/**
 * The integer floor of the rolling book: per zone a table of UTC offsets by quarter hour over the
 * touches' span, holidays and weekends as a bit per day, then per touch its contact's latest
 * instant, and per contact local day + 14, shifted to a workday, and the status. Only this
 * policy (P14D, grace 2, soon 3, following); the run checks it against evaluateColumns.
 */
function integerFloor(contacts: ContactColumns, touches: TouchColumns, zoneTables: ZoneTables) {
  const size = contacts.id.length;
  const zoneCodes = contacts.timeZone!.codes;
  const last = new Float64Array(size).fill(Number.NaN);
  const { contact, atMs } = touches;
  for (let index = 0; index < atMs.length; index++) {
    const row = contact[index]!;
    const ms = atMs[index]!;
    if (ms <= NOW_MS && !(ms <= last[row]!)) last[row] = ms;
  }
  const status = new Uint8Array(size);
  const dueDay = new Int32Array(size);
  const { offsets, start, today, workable, firstDay } = zoneTables;
  const buckets = offsets.length / ZONES.length;
  for (let row = 0; row < size; row++) {
    const zoneCode = zoneCodes[row]!;
    const ms = last[row]!;
    const bucket = Math.floor((ms - start) / 900_000);
    const localDay = Math.floor((ms + offsets[zoneCode * buckets + bucket]!) / DAY);
    let due = localDay + 14;
    while (workable[due - firstDay] === 0) due++;
    const now = today[zoneCode]!;
    dueDay[row] = due;
    status[row] = now < due ? (now < due - 3 ? 0 : 1) : now <= due + 2 ? 2 : 3;
  }
  return { status, dueDay };
}

interface ZoneTables {
  offsets: Float64Array;
  start: number;
  today: Int32Array;
  workable: Uint8Array;
  firstDay: number;
}

/** Built before timing: offsets by quarter hour from luxon, workdays over the span the dues fall in. */
function zoneTables(): ZoneTables {
  const start = Date.parse('2026-08-31T00:00:00Z');
  const end = NOW_MS + DAY;
  const buckets = Math.ceil((end - start) / 900_000);
  const offsets = new Float64Array(ZONES.length * buckets);
  ZONES.forEach((zone, code) => {
    for (let bucket = 0; bucket < buckets; bucket++)
      offsets[code * buckets + bucket] = DateTime.fromMillis(start + bucket * 900_000, { zone }).offset * 60_000;
  });
  const today = Int32Array.from(ZONES, (zone) =>
    Math.floor(Date.parse(`${DateTime.fromMillis(NOW_MS, { zone }).toISODate()}T00:00:00Z`) / DAY),
  );
  const firstDay = Math.floor(start / DAY);
  const holidays = new Set(HOLIDAYS.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY));
  const workable = new Uint8Array(200);
  for (let offset = 0; offset < workable.length; offset++) {
    const day = firstDay + offset;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday: 0 is Sunday
    workable[offset] = weekday !== 0 && weekday !== 6 && !holidays.has(day) ? 1 : 0;
  }
  return { offsets, start, today, workable, firstDay };
}

/** The same columns as Arrow tables over the same arrays (what a DuckDB or Parquet reader hands over). */
function arrowBook(contacts: ContactColumns, touches: TouchColumns): { contacts: Table; touches: Table } {
  const dictionary = (codes: Uint8Array, values: readonly (string | null)[]) =>
    makeVector(
      makeData({
        type: new Dictionary(new Utf8(), new Uint8()),
        length: codes.length,
        data: codes,
        dictionary: vectorFromArray([...values], new Utf8()),
      }),
    );
  const contactTable = new Table({
    id: makeVector(contacts.id as Int32Array),
    timeZone: dictionary(contacts.timeZone!.codes as Uint8Array, contacts.timeZone!.values),
    createdMs: makeVector(contacts.createdMs!),
    ...(contacts.tier ? { tier: dictionary(contacts.tier.codes as Uint8Array, contacts.tier.values) } : {}),
  });
  const touchTable = new Table({
    contact: makeVector(touches.contact as Int32Array),
    atMs: makeVector(touches.atMs),
    channel: dictionary(touches.channel.codes as Uint8Array, touches.channel.values),
    direction: dictionary(touches.direction!.codes as Uint8Array, touches.direction!.values),
    outcome: dictionary(touches.outcome!.codes as Uint8Array, touches.outcome!.values),
  });
  return { contacts: contactTable, touches: touchTable };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Median seconds of `runs` runs of `work` (wall clock, and the process's CPU time: on a shared
 * machine the wall clock also counts the time other processes held the cores), and the last result.
 */
function medianOf<T>(runs: number, work: (previous: T | undefined) => T): { seconds: number; cpu: number; all: number[]; result: T } {
  const all: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const before = process.cpuUsage();
    const step = timed(() => work(result));
    const used = process.cpuUsage(before);
    all.push(step.seconds);
    cpu.push((used.user + used.system) / 1e6);
    result = step.result;
  }
  return { seconds: median(all), cpu: median(cpu), all, result: result! };
}

const seconds = (value: number) => `${value.toFixed(3)} s`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Bytes outside and inside the heap after a full collection, once the current job has ended (a
 * weakly held object lives at least until then).
 */
async function liveBytes(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The columnar figures of one book: evaluateColumns, reuse, bytes kept, Arrow, the floor. Returns contacts per second from columns. */
async function fromColumns(policyInput: Policy, size: number, target: number, tiers?: readonly string[]): Promise<number> {
  const { contacts, touches } = columnBook(size, tiers);
  // Two runs over the whole book first, untimed, as the scaling section does: a first run is
  // mostly the optimizing compiler's, and its work goes on in other threads during the second
  // (the floor below gets the same).
  for (let run = 0; run < 2; run++) evaluateColumns({ policy: policyInput, contacts, touches, now: NOW });

  const fresh = medianOf<EvaluateColumns>(5, () => evaluateColumns({ policy: policyInput, contacts, touches, now: NOW }));
  const reused = medianOf<EvaluateColumns>(5, (previous) =>
    evaluateColumns({ policy: policyInput, contacts, touches, now: NOW, ...(previous ? { reuse: previous } : {}) }),
  );
  // The bytes one result keeps, measured apart from the timed runs: the full collections it
  // needs leave the heap's limits tight, and the runs just after them collect more often.
  const before = await liveBytes();
  const kept = evaluateColumns({ policy: policyInput, contacts, touches, now: NOW });
  const retained = (await liveBytes()) - before;
  if (kept.size !== fresh.result.size) throw new Error('a result of the same book has another size');
  const rate = size / fresh.seconds;
  console.log(
    `  evaluateColumns from columns: ${seconds(fresh.seconds)} median of 5 (${fresh.all.map((value) => value.toFixed(3)).join(', ')}), ${formatRate(rate)} contact-cycles/s (target ≥ ${formatRate(target)}/s); CPU ${seconds(fresh.cpu)}, ${formatRate(size / fresh.cpu)}/s of CPU; ${fresh.result.size.toLocaleString('en')} rows, ${fresh.result.errors.length} errors`,
  );
  console.log(
    `  the same handing back the result before (reuse): ${seconds(reused.seconds)} median of 5, ${formatRate(size / reused.seconds)} contact-cycles/s; CPU ${seconds(reused.cpu)}, ${formatRate(size / reused.cpu)}/s of CPU`,
  );
  console.log(
    `  kept alive by one result (after a full collection, book not counted): ${(retained / size).toFixed(1)} bytes per contact (target ≤ 40)`,
  );

  const tablesIn = arrowBook(contacts, touches);
  const fromArrow = medianOf<EvaluateColumns>(5, () => evaluateArrow({ policy: policyInput, ...tablesIn, now: NOW }));
  console.log(
    `  from Arrow tables over the same arrays (evaluateArrow): ${seconds(fromArrow.seconds)} median of 5, ${formatRate(size / fromArrow.seconds)}/s; ${(fromArrow.seconds / fresh.seconds).toFixed(2)}× the typed-array input (target ≤ 1.5×)`,
  );

  if (tiers === undefined) {
    const tables = zoneTables();
    for (let run = 0; run < 2; run++) integerFloor(contacts, touches, tables);
    const floor = medianOf(5, () => integerFloor(contacts, touches, tables));
    const result = fresh.result;
    let equal = floor.result.status.length === result.size;
    for (let row = 0; equal && row < result.size; row++)
      equal = floor.result.status[row] === result.status[row] && floor.result.dueDay[row] === result.dueDay[row];
    console.log(
      `  integer floor (typed arrays, offset table, workday table, no checks): ${seconds(floor.seconds)} median of 5, ${formatRate(size / floor.seconds)}/s, CPU ${seconds(floor.cpu)}; evaluateColumns is ${(fresh.seconds / floor.seconds).toFixed(1)}× the floor, ${(reused.seconds / floor.seconds).toFixed(1)}× with reuse (CPU: ${(fresh.cpu / floor.cpu).toFixed(1)}×, ${(reused.cpu / floor.cpu).toFixed(1)}×) (target ≤ 3×, load average ${loadavg()[0]!.toFixed(2)}); equal on every row: ${equal}`,
    );

    // Text ids: the id table hashed each run, allocated anew or kept by the caller.
    const textContacts: ContactColumns = { ...contacts, id: Array.from({ length: size }, (_, index) => `c${index}`) };
    const plain = medianOf<EvaluateColumns>(5, (previous) =>
      evaluateColumns({ policy: policyInput, contacts: textContacts, touches, now: NOW, ...(previous ? { reuse: previous } : {}) }),
    );
    const idTable = new ContactIdTable();
    const kept = medianOf<EvaluateColumns>(5, (previous) =>
      evaluateColumns({
        policy: policyInput,
        contacts: textContacts,
        touches,
        now: NOW,
        idTable,
        ...(previous ? { reuse: previous } : {}),
      }),
    );
    console.log(
      `  text ids instead (reuse): ${seconds(plain.seconds)} median of 5 with a new id table each run, ${seconds(kept.seconds)} with a ContactIdTable kept across runs (${formatRate(size / kept.seconds)}/s)`,
    );
  }
  return rate;
}

async function runOne(title: string, policyInput: Policy, size: number, target: number, tiers?: readonly string[]): Promise<void> {
  console.log(`\n${title}: ${size.toLocaleString('en')} contacts (load average ${loadavg()[0]!.toFixed(2)})`);
  const rate = await fromColumns(policyInput, size, target, tiers);
  // The columnar book, its Arrow tables and its results are let go (and collected) first: the
  // object paths are measured as a caller without them runs them.
  await liveBytes();

  // The same book from objects with ISO strings, and the naive way, in the same process.
  const objects = book(size);
  if (tiers) for (const [index, contact] of objects.contacts.entries()) contact.tier = tiers[index % tiers.length]!;
  const fromObjects = medianOf(3, () => evaluateColumns({ policy: policyInput, ...objects, now: NOW }).size);
  // The general path handing back the result before: its columns and its intake's arrays.
  const fromObjectsReused = medianOf<EvaluateColumns>(3, (previous) =>
    evaluateColumns({ policy: policyInput, ...objects, now: NOW, ...(previous ? { reuse: previous } : {}) }),
  );
  const items = medianOf(3, () => evaluate({ policy: policyInput, ...objects, now: NOW }).items.length);
  // The same records as a stream of { contact, touches } (already parsed: no JSON here), in chunks.
  const records: StreamRecord[] = objects.contacts.map((contact, index) => ({ contact, touches: [objects.touches[index]!] }));
  const streamed = await medianOfAsync(3, () => streamRows(records, policyInput, 'columns'));
  const streamedReused = await medianOfAsync(3, () => streamRows(records, policyInput, 'columns', true));
  const streamedItems = await medianOfAsync(3, () => streamRows(records, policyInput, 'items'));
  const naiveWay = tiers ? { run: naiveAnchored, sample: 2_000 } : { run: naive, sample: 20_000 };
  const sample = Math.min(size, naiveWay.sample);
  const naiveRun = timed(() => naiveWay.run(objects.contacts.slice(0, sample), objects.touches.slice(0, sample)));
  const naiveRate = sample / naiveRun.seconds;
  console.log(
    `  from objects (ISO strings, text ids): evaluateColumns ${seconds(fromObjects.seconds)}, ${formatRate(size / fromObjects.seconds)}/s; evaluate (objects out) ${seconds(items.seconds)}, ${formatRate(size / items.seconds)}/s (medians of 3); evaluateColumns handing back the result before (reuse: columns and intake arrays) ${seconds(fromObjectsReused.seconds)}, CPU ${seconds(fromObjectsReused.cpu)} against ${seconds(fromObjects.cpu)}`,
  );
  console.log(
    `  naive ${tiers ? 'rrule.js' : 'luxon'} per contact (sample ${sample.toLocaleString('en')}): ${formatRate(naiveRate)}/s; evaluateColumns from objects ${(size / fromObjects.seconds / naiveRate).toFixed(0)}× that${tiers ? '' : ' (target ≥ 150×)'}, evaluate ${(size / items.seconds / naiveRate).toFixed(0)}×${tiers ? '' : ' (target ≥ 100×)'}, from columns ${(rate / naiveRate).toFixed(0)}×`,
  );
  console.log(
    `  evaluateStream over the same records (chunks of ${STREAM_CHUNK.toLocaleString('en')}, parsed already): columns ${seconds(streamed.seconds)}, ${formatRate(size / streamed.seconds)}/s, ${(size / streamed.seconds / naiveRate).toFixed(0)}× naive (each chunk over the one before, reuseChunks: ${seconds(streamedReused.seconds)}, ${(size / streamedReused.seconds / naiveRate).toFixed(0)}× naive); items ${seconds(streamedItems.seconds)}, ${formatRate(size / streamedItems.seconds)}/s, ${(size / streamedItems.seconds / naiveRate).toFixed(0)}× naive (medians of 3; ${streamed.result.toLocaleString('en')} rows)`,
  );
  console.log(`  peak RSS of the section ${peakMemory().stop()}`);
}

const STREAM_CHUNK = 20_000;

/** Rows of a stream's chunks, each chunk read (its status column, or its items) before the next. */
async function streamRows(records: readonly StreamRecord[], policyInput: Policy, output: 'columns' | 'items', reuseChunks = false): Promise<number> {
  let rows = 0;
  if (output === 'columns') {
    for await (const chunk of evaluateStream(records, { policy: policyInput, now: NOW, chunkSize: STREAM_CHUNK, output, reuseChunks }))
      rows += chunk.status.length;
  } else {
    for await (const chunk of evaluateStream(records, { policy: policyInput, now: NOW, chunkSize: STREAM_CHUNK }))
      rows += chunk.items.length;
  }
  return rows;
}

/** Median seconds of `runs` runs of asynchronous `work`, and the last result. */
async function medianOfAsync<T>(runs: number, work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const all: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = await work();
    all.push((performance.now() - start) / 1000);
  }
  return { seconds: median(all), result: result! };
}

export async function runColumnInputBench(size = 1_000_000): Promise<void> {
  await runOne('evaluateColumns from columns, one rolling cycle, 10 zones, shift with holidays', policy, size, 10_000_000);
}

export async function runColumnInputAnchoredBench(size = 1_000_000): Promise<void> {
  await runOne('evaluateColumns from columns, anchored monthly / quarterly RRULEs, 10 zones', anchoredPolicy, size, 5_000_000, [
    'monthly',
    'quarterly',
  ]);
}

/**
 * µs per contact from columns at a tenth of `size`, `size` and ten times it (the rolling book;
 * 100k, 1M and 10M by default), each size in a child process of its own, so the peak memory
 * printed beside it (the process's high-water mark: book, result and runtime) is that size's alone.
 */
export async function runColumnScalingBench(size = 1_000_000): Promise<void> {
  console.log(
    `\nevaluateColumns from columns, scaling from ${(size / 10).toLocaleString('en')} to ${(size * 10).toLocaleString('en')} contacts, each size in a process of its own (load average ${loadavg()[0]!.toFixed(2)})`,
  );
  const script = process.argv[1]!;
  const perContact: number[] = [];
  const wallPerContact: number[] = [];
  for (const count of [size / 10, size, size * 10].map(Math.round)) {
    const run = spawnSync(process.execPath, [...process.execArgv, script, 'columns-scaling-one', String(count)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the ${count}-contact run failed: ${run.stderr}`);
    const line = run.stdout.trim().split('\n').at(-1)!;
    const {
      seconds: runSeconds,
      cpu,
      peakMb,
      overdue,
    } = JSON.parse(line) as { seconds: number; cpu: number; peakMb: number; overdue: number };
    perContact.push((cpu * 1e6) / count);
    wallPerContact.push((runSeconds * 1e6) / count);
    console.log(
      `  ${count.toLocaleString('en').padStart(12)} contacts: ${seconds(runSeconds)} median of 3 (reuse), ${((runSeconds * 1e6) / count).toFixed(3)} µs per contact (CPU ${((cpu * 1e6) / count).toFixed(3)}), ${formatRate(count / runSeconds)}/s (${overdue.toLocaleString('en')} overdue); peak RSS ${peakMb} MB${count >= 10_000_000 ? ' (target < 1,536 MB)' : ''} (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }
  console.log(
    // Both: at the smallest size a run takes milliseconds, and the optimizing compiler's threads,
    // still at work beside it, can double its CPU time.
    `  µs per contact, largest size against smallest: wall ${(wallPerContact.at(-1)! / wallPerContact[0]!).toFixed(2)}×, CPU ${(perContact.at(-1)! / perContact[0]!).toFixed(2)}× (linear: about 1×)`,
  );
}

/** One size of the scaling section, in its own process: prints one JSON line. */
export async function runColumnScalingOne(count: number): Promise<void> {
  const { contacts, touches } = columnBook(count);
  // Two runs not timed, as many rows as timed: at 100k a first run is mostly the JIT's.
  let previous: EvaluateColumns | undefined;
  for (let run = 0; run < 2; run++)
    previous = evaluateColumns({ policy, contacts, touches, now: NOW, ...(previous ? { reuse: previous } : {}) });
  const run = medianOf<EvaluateColumns>(3, (before) =>
    evaluateColumns({ policy, contacts, touches, now: NOW, reuse: before ?? previous! }),
  );
  const overdue = run.result.status.filter((code) => code === STATUS_CODES.indexOf('overdue')).length;
  console.log(JSON.stringify({ seconds: run.seconds, cpu: run.cpu, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), overdue }));
}
