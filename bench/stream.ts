/**
 * evaluateStream over an NDJSON file of `{ contact, touches }` records on disk (ten million by
 * default, written once to the system's temporary folder and kept for the next run): throughput,
 * peak memory, and where the time goes (reading and splitting lines, JSON.parse, evaluation).
 * Beside it, the naive way on a sample: the whole file parsed into arrays, then `evaluate`, its
 * memory per contact extrapolated to the full size. Prints figures; never fails on time.
 */
import { createReadStream, createWriteStream, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { STATUS_CODES } from '../src/core/columns.js';
import { evaluateStream, type StreamRecord } from '../src/core/stream.js';
import { type Contact, evaluate, type Touch } from '../src/index.js';
import { NOW, policy, ZONES } from './evaluate.js';
import { formatRate, peakMemory, runsAsScript } from './util.js';

/** The file for `size` records, written if missing (a few hundred bytes a record). */
async function bookFile(size: number): Promise<string> {
  const path = join(tmpdir(), `calling-cycle-bench-${size}.ndjson`);
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const base = Date.parse('2026-09-01T00:00:00Z');
  let batch = '';
  for (let index = 0; index < size; index++) {
    const at = new Date(base + ((index * 7_919_993) % (80 * 86_400_000))).toISOString();
    batch += `{"contact":{"id":"c${index}","timeZone":"${ZONES[index % ZONES.length]}","createdAt":"2025-01-15T10:00:00Z"},"touches":[{"contactId":"c${index}","at":"${at}","channel":"call","direction":"outbound","outcome":"connected"}]}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((resolve) => out.once('drain', () => resolve(undefined)));
      batch = '';
    }
  }
  out.end(batch);
  await new Promise((resolve) => out.once('finish', () => resolve(undefined)));
  renameSync(partial, path);
  return path;
}

/** Records from an NDJSON file, read in 1 MB pieces; the time spent splitting and parsing is added up. */
async function* records(path: string, clock: { read: number; parse: number }): AsyncGenerator<StreamRecord> {
  let rest = '';
  let started = performance.now();
  for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    clock.read += performance.now() - started;
    const text = rest + (piece as string);
    const parsed: StreamRecord[] = [];
    const parseStart = performance.now();
    let from = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
      if (end > from) parsed.push(JSON.parse(text.slice(from, end)) as StreamRecord);
      from = end + 1;
    }
    rest = text.slice(from);
    clock.parse += performance.now() - parseStart;
    yield* parsed;
    started = performance.now();
  }
  if (rest.trim() !== '') yield JSON.parse(rest) as StreamRecord;
}

export async function runStreamBench(size = 10_000_000): Promise<void> {
  console.log(
    `\nevaluateStream: ${size.toLocaleString('en')} contacts from NDJSON on disk, 1 rolling cycle, 10 zones, shift with holidays`,
  );
  const written = await timedAsync(() => bookFile(size));
  const path = written.result;
  console.log(`  file ${path} (${written.seconds > 1 ? `written in ${written.seconds.toFixed(1)} s` : 'already there'})`);

  const memory = peakMemory();
  const clock = { read: 0, parse: 0 };
  const overdueCode = STATUS_CODES.indexOf('overdue');
  let rows = 0;
  let overdue = 0;
  let errors = 0;
  const start = performance.now();
  for await (const chunk of evaluateStream(records(path, clock), { policy, now: NOW, chunkSize: 20_000, output: 'columns' })) {
    rows += chunk.size;
    errors += chunk.errors.length;
    for (let row = 0; row < chunk.size; row++) if (chunk.status[row] === overdueCode) overdue++;
  }
  const seconds = (performance.now() - start) / 1000;
  const evaluation = seconds - (clock.read + clock.parse) / 1000;
  console.log(
    `  stream: ${seconds.toFixed(1)} s, ${formatRate(size / seconds)} contacts/s; ${rows.toLocaleString('en')} rows (${overdue.toLocaleString('en')} overdue), ${errors} errors; peak RSS ${memory.stop()} (target < 500 MB)`,
  );
  console.log(
    `  where the time goes: reading the file ${(clock.read / 1000).toFixed(1)} s, splitting lines and JSON.parse ${(clock.parse / 1000).toFixed(1)} s, evaluation (check, index, compute, columns) ${evaluation.toFixed(1)} s`,
  );

  // The naive way: every record into memory first, then one evaluate.
  const sample = Math.min(size, 500_000);
  const before = process.memoryUsage().rss;
  const naive = await timedAsync(async () => {
    const contacts: Contact[] = [];
    const touches: Touch[] = [];
    for await (const record of records(path, { read: 0, parse: 0 })) {
      contacts.push(record.contact);
      for (const touch of record.touches ?? []) touches.push(touch);
      if (contacts.length === sample) break;
    }
    return evaluate({ policy, contacts, touches, now: NOW }).items.length;
  });
  const perContact = (process.memoryUsage().rss - before) / sample;
  console.log(
    `  naive (all records parsed into arrays, then one evaluate) on ${sample.toLocaleString('en')}: ${formatRate(sample / naive.seconds)} contacts/s, about ${(perContact / 1024).toFixed(2)} kB of memory per contact → ~${((perContact * size) / 2 ** 30).toFixed(1)} GB for ${size.toLocaleString('en')}`,
  );
}

async function timedAsync<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

if (runsAsScript('stream.ts')) await runStreamBench(Number(process.argv[2] ?? 10_000_000));
