/**
 * `evaluateStream` against `evaluate` on the same records flattened: the chunks' items one after
 * the other are `evaluate`'s items, and the errors are `evaluate`'s (positions over the whole
 * stream), for any chunk size. Plus what only a stream has: lazy reading, refused `top` rules,
 * malformed records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluateColumns } from '../../src/core/columns.js';
import { evaluateStream, type StreamRecord } from '../../src/core/stream.js';
import { type DueItem, evaluate, type EvaluateResult, parsePolicy, type RecordError } from '../../src/index.js';
import { bookArb, NOW, policyArb, sortedErrors, weeklyPolicy } from './books.js';

async function collect<T>(chunks: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

async function* slowly<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) {
    await Promise.resolve();
    yield value;
  }
}

/** A chunk of columns as plain values, read now: every column and every row's item. */
function snapshot(chunk: EvaluateColumns) {
  return {
    size: chunk.size,
    errors: chunk.errors,
    columns: (['status', 'dueDay', 'daysOverdue', 'contact', 'cycle', 'lastTouchMs', 'escalation', 'pausedDay'] as const).map((name) =>
      Array.from(chunk[name]),
    ),
    escalations: chunk.escalations,
    items: Array.from({ length: chunk.size }, (_, row) => chunk.item(row)),
  };
}

describe('evaluateStream', () => {
  it('refuses a reuseChunks that is not true or false, naming it', () => {
    const run = () => evaluateStream([], { policy: weeklyPolicy(), now: NOW, output: 'columns', reuseChunks: 'yes' as never });
    expect(run).toThrow(expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['reuseChunks'] })] }));
  });

  it('with reuseChunks, gives each chunk as without it, read before the next; the chunk before is retired', async () => {
    await fc.assert(
      fc.asyncProperty(policyArb, bookArb({ duplicates: true }), fc.integer({ min: 1, max: 5 }), async (policy, book, chunkSize) => {
        const options = { policy, owners: book.owners, snoozes: book.snoozes, now: NOW, chunkSize, output: 'columns' as const };
        const expected = ((await collect(evaluateStream(book.records, options))) as EvaluateColumns[]).map(snapshot);
        const got: ReturnType<typeof snapshot>[] = [];
        let before: EvaluateColumns | undefined;
        for await (const chunk of evaluateStream(book.records, { ...options, reuseChunks: true })) {
          if (before !== undefined && before.size > 0) expect(() => before!.item(0)).toThrow(expect.objectContaining({ name: 'InputError' }));
          got.push(snapshot(chunk));
          before = chunk;
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });


  it('yields, chunk after chunk, evaluate’s items in order and its errors, for any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        bookArb({ duplicates: false }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (policy, book, chunkSize, asynchronous) => {
          const expected = evaluate({
            policy,
            contacts: book.contacts,
            touches: book.touches,
            owners: book.owners,
            snoozes: book.snoozes,
            now: NOW,
          });
          const source = asynchronous ? slowly(book.records) : book.records;
          const options = { policy, owners: book.owners, snoozes: book.snoozes, now: NOW, chunkSize };
          const chunks = await collect(evaluateStream(source, options));
          // One chunk per chunkSize records, and one more, empty but for the snoozes whose contact
          // never came, when a full chunk was the last.
          const full = Math.max(1, Math.ceil(book.records.length / chunkSize));
          expect(chunks.length === full || chunks.length === full + 1).toBe(true);
          for (const extra of chunks.slice(full)) {
            expect(extra.items).toEqual([]);
            expect(extra.errors.every((error) => error.record === 'snooze' && error.code === 'unknown-contact')).toBe(true);
          }
          expect(chunks.flatMap((chunk) => chunk.items)).toEqual(expected.items);
          expect(sortedErrors(chunks.flatMap((chunk) => chunk.errors))).toEqual(sortedErrors(expected.errors));
          const balances = chunks.flatMap((chunk) => chunk.balance ?? []);
          expect(balances).toEqual(expected.balance ?? []);
          // Within a chunk the errors come in evaluate's order: owners, contacts, touches, snoozes, cycles.
          const phase = (error: RecordError) => ['owner', 'contact', 'touch', 'snooze'].indexOf(error.record);
          for (const chunk of chunks.slice(0, -1)) {
            const intake = chunk.errors.filter(
              (error) =>
                !['unknown-tier', 'no-occurrence', 'unknown-event', 'missing-anchor', 'date-out-of-range'].includes(error.code) ||
                error.record !== 'contact',
            );
            expect(intake.map(phase)).toEqual([...intake.map(phase)].sort((a, b) => a - b));
          }
          // The columns of the stream are the same rows.
          const columnChunks = (await collect(evaluateStream(book.records, { ...options, output: 'columns' }))) as EvaluateColumns[];
          const rows: DueItem[] = [];
          for (const chunk of columnChunks) for (let row = 0; row < chunk.size; row++) rows.push(chunk.item(row));
          expect(rows).toEqual(expected.items);
          expect(sortedErrors(columnChunks.flatMap((chunk) => chunk.errors))).toEqual(sortedErrors(expected.errors));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads no further than the chunk it is about to yield', async () => {
    const policy = weeklyPolicy();
    let read = 0;
    function* records(): Generator<StreamRecord> {
      for (let index = 0; index < 100; index++) {
        read++;
        yield { contact: { id: `c${index}` }, touches: [] };
      }
    }
    const stream = evaluateStream(records(), { policy, now: NOW, chunkSize: 10 });
    const first = await stream.next();
    expect((first.value as EvaluateResult).items.map((item) => item.contactId)).toEqual(
      Array.from({ length: 10 }, (_, index) => `c${index}`),
    );
    expect(read).toBe(10);
    await stream.next();
    expect(read).toBe(20);
  });

  it('refuses a top-N tier rule before reading, naming its path in the policy', () => {
    const policy = parsePolicy({
      version: 1,
      tiers: [
        { id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' } }] },
        { id: 'B', cycles: [{ id: 'y', cadence: { every: 'P1M' } }] },
      ],
      assign: [
        { when: { attribute: 'vip', eq: true }, tier: 'A' },
        { top: { by: 'revenue', n: 10 }, tier: 'A' },
      ],
      defaultTier: 'B',
    });
    let read = false;
    const source = {
      *[Symbol.iterator]() {
        read = true;
        yield { contact: { id: 'c1' } };
      },
    };
    expect(() => evaluateStream(source, { policy, now: NOW })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        issues: [expect.objectContaining({ path: ['policy', 'assign', 1, 'top'], code: 'unsupported-in-stream' })],
      }),
    );
    expect(read).toBe(false);
  });

  it('checks its arguments when called', () => {
    const policy = weeklyPolicy();
    const pathOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { issues: { path: unknown[] }[] }).issues[0]!.path;
      }
      return undefined;
    };
    expect(pathOf(() => evaluateStream(null as never, { policy, now: NOW }))).toEqual(['source']);
    expect(pathOf(() => evaluateStream([], { policy, now: 'soon' }))).toEqual(['now']);
    expect(pathOf(() => evaluateStream([], { policy, now: NOW, chunkSize: 0 }))).toEqual(['chunkSize']);
    expect(pathOf(() => evaluateStream([], { policy, now: NOW, chunkSize: 2.5 }))).toEqual(['chunkSize']);
    expect(pathOf(() => evaluateStream([], { policy, now: NOW, output: 'rows' as never }))).toEqual(['output']);
  });

  it('reports a malformed record at its position and evaluates the others', async () => {
    const policy = weeklyPolicy();
    const records = [
      { contact: { id: 'c0' } },
      'not a record',
      { contact: { id: 'c2' }, touches: 'many' },
      { contact: { id: 'c3' }, touches: [{ contactId: 'c3', at: '2026-11-20T10:00:00Z', channel: 'call' }] },
    ] as unknown as StreamRecord[];
    const [chunk] = await collect(evaluateStream(records, { policy, now: NOW }));
    expect(chunk!.items.map((item) => item.contactId)).toEqual(['c0', 'c3']);
    expect(chunk!.items[1]!.lastTouchAt).toBe('2026-11-20T10:00:00.000Z');
    expect(chunk!.errors.map((error) => [error.record, error.index, error.code, error.path])).toEqual([
      ['contact', 1, 'not-an-object', []],
      ['contact', 2, 'bad-value', ['touches']],
    ]);
    expect(chunk!.errors[1]!.contactId).toBe('c2');
  });

  it('reports a snooze whose contact never came once, with the last chunk', async () => {
    const policy = weeklyPolicy();
    const records = [{ contact: { id: 'c0' } }, { contact: { id: 'c1' } }, { contact: { id: 'c2' } }];
    const snoozes = [
      { contactId: 'ghost', cycleId: 'x', until: '2026-12-01' },
      { contactId: 'c2', cycleId: 'x', until: '2026-12-01' },
    ];
    const chunks = await collect(evaluateStream(records, { policy, now: NOW, chunkSize: 2, snoozes }));
    expect(chunks.map((chunk) => chunk.errors.map((error) => `${error.record}:${error.index}:${error.code}`))).toEqual([
      [],
      ['snooze:0:unknown-contact'],
    ]);
    expect(chunks[1]!.errors[0]!.message).toBe('snooze names unknown contact "ghost"');
    expect(chunks[1]!.items[0]!.dueOn).toBe('2026-12-01');
  });
});
