/**
 * evaluateColumns on a million contacts, beside evaluate's object result on the same book, with
 * where the time goes: intake (check records, parse instants, index ids, group touches, tiers),
 * compute (cadence, shift, status per contact-cycle) and output (columns, or items and reasons).
 * Prints figures; never fails on time.
 */
import { loadavg } from 'node:os';
import { columnsOfBook, evaluateColumns } from '../src/core/columns.js';
import { evaluate, evaluateBookItems } from '../src/core/evaluate.js';
import { checkArguments, openSession, readBook, snoozeEntries } from '../src/core/intake.js';
import type { Contact, Policy, RecordError, Touch } from '../src/index.js';
import { anchoredPolicy, book, NOW, naive, naiveAnchored, policy } from './evaluate.js';
import { formatRate, peakMemory, runsAsScript, timed } from './util.js';

interface Phases {
  intake: number;
  rest: number;
}

/** The two stages of one evaluation timed apart, through the same functions evaluate uses. */
function phases(policyInput: Policy, contacts: Contact[], touches: Touch[], output: 'columns' | 'items'): Phases {
  const options = { policy: policyInput, contacts, touches, now: NOW };
  const errors: RecordError[] = [];
  const intake = timed(() => {
    const session = openSession(policyInput, undefined, checkArguments(options), errors);
    return { session, read: readBook(session, contacts, touches, snoozeEntries([]), 0, 0, errors) };
  });
  const { session, read } = intake.result;
  const rest = timed(() =>
    output === 'columns' ? columnsOfBook(session, read, errors).size : evaluateBookItems(session, read, errors).length,
  );
  return { intake: intake.seconds, rest: rest.seconds };
}

async function runOne(
  title: string,
  policyInput: Policy,
  size: number,
  target: number,
  /** The naive way (luxon per contact) and the sample it runs on: it is far too slow for the whole book. */
  naiveWay: { run: (contacts: Contact[], touches: Touch[]) => number; sample: number; label: string },
  setup?: (contacts: Contact[]) => void,
): Promise<void> {
  const { contacts, touches } = book(size);
  setup?.(contacts);
  // The load before the run: on a shared machine a figure means little without it.
  console.log(`\n${title}: ${size.toLocaleString('en')} contacts (load average ${loadavg()[0]!.toFixed(2)})`);
  const warm = book(20_000);
  setup?.(warm.contacts);
  evaluateColumns({ policy: policyInput, ...warm, now: NOW });
  evaluate({ policy: policyInput, ...warm, now: NOW });
  const memory = peakMemory();
  const columns = timed(() => evaluateColumns({ policy: policyInput, contacts, touches, now: NOW }));
  const columnsPeak = memory.stop();
  // The stages timed apart before the object result exists: a million items alive would make
  // the collector's work, not the stage's, show in the figures.
  // Twice each, the faster kept: on a shared machine one run may take the collector's work left by another.
  const fastest = (output: 'columns' | 'items'): Phases => {
    const [a, b] = [phases(policyInput, contacts, touches, output), phases(policyInput, contacts, touches, output)];
    return { intake: Math.min(a.intake, b.intake), rest: Math.min(a.rest, b.rest) };
  };
  const column = fastest('columns');
  const object = fastest('items');
  const items = timed(() => evaluate({ policy: policyInput, contacts, touches, now: NOW }).items.length);
  console.log(
    `  evaluateColumns: ${columns.seconds.toFixed(3)} s, ${formatRate(size / columns.seconds)} contact-cycles/s (target ≥ ${formatRate(target)}/s); ${columns.result.size.toLocaleString('en')} rows; peak RSS ${columnsPeak}`,
  );
  console.log(
    // After the columnar runs in one process, their garbage still there: the object result's own
    // figure, against its target, is the evaluate section's (a process of its own).
    `  evaluate (objects), after those in the same process: ${items.seconds.toFixed(3)} s, ${formatRate(size / items.seconds)} contact-cycles/s; ${items.result.toLocaleString('en')} items`,
  );
  console.log(
    `  where the time goes: intake (check, parse instants, index, group, tiers) ${column.intake.toFixed(3)} s; compute + columns ${column.rest.toFixed(3)} s; compute + items and reasons ${object.rest.toFixed(3)} s`,
  );
  const sample = Math.min(size, 100_000);
  const explained = timed(() => {
    let length = 0;
    for (let row = 0; row < sample; row++) length += columns.result.reason(row).cycleId.length;
    return length;
  });
  console.log(`  reasons on demand: ${formatRate(sample / explained.seconds)} rows/s (${sample.toLocaleString('en')} asked)`);
  const naiveSample = Math.min(size, naiveWay.sample);
  const naiveRun = timed(() => naiveWay.run(contacts.slice(0, naiveSample), touches.slice(0, naiveSample)));
  const naiveRate = naiveSample / naiveRun.seconds;
  console.log(
    `  naive ${naiveWay.label} (sample ${naiveSample.toLocaleString('en')}): ${formatRate(naiveRate)} contact-cycles/s; evaluateColumns is ${(size / columns.seconds / naiveRate).toFixed(0)}× that`,
  );
}

export async function runColumnsBench(size = 1_000_000): Promise<void> {
  await runOne('evaluateColumns, one rolling cycle, 10 zones, shift with holidays, ISO strings', policy, size, 2_000_000, {
    run: naive,
    sample: 20_000,
    label: 'luxon per contact',
  });
}

export async function runColumnsAnchoredBench(size = 1_000_000): Promise<void> {
  const naiveWay = { run: naiveAnchored, sample: 2_000, label: 'luxon day by day per contact' };
  await runOne('evaluateColumns, anchored monthly / quarterly RRULEs, 10 zones', anchoredPolicy, size, 1_500_000, naiveWay, (contacts) => {
    for (const [index, contact] of contacts.entries()) contact.tier = index % 2 === 0 ? 'monthly' : 'quarterly';
  });
}

if (runsAsScript('columns.ts')) {
  const size = Number(process.argv[2] ?? 1_000_000);
  await runColumnsBench(size);
  await runColumnsAnchoredBench(size);
}
