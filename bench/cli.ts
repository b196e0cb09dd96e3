/**
 * `calling-cycle evaluate` on generated contacts in NDJSON, as a shell script would run it, two
 * ways: the whole book (contacts.ndjson and touches.ndjson, read into memory) and the same book
 * streamed (records.ndjson, one contact with its touches a line, evaluated chunk by chunk). For
 * each: wall time, contacts per second, CPU time and the peak memory of the CLI process (its own
 * maxRSS, read by a hook loaded with `--import`, so nothing else is counted). Prints; never asserts.
 *
 * Run: npx tsx bench/cli.ts [contacts] [--streamed-only] [--chunk-size n]   (default 1,000,000;
 * try 10000 for a quick look; --streamed-only writes and runs only the records file, for sizes
 * whose whole book would not fit in memory)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'tsup';
import { runsAsScript } from './util.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/Berlin'];
const OWNERS = 20;
const NOW = '2026-11-23T08:00:00Z';

const POLICY = {
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    { id: 'A', weight: 3, cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 }] },
    { id: 'B', weight: 2, cycles: [{ id: 'check-in', cadence: { per: 'quarter', times: 1 } }] },
    { id: 'prospect', cycles: [{ id: 'nurture', cadence: { every: 'P1M' } }] },
  ],
  assign: [
    { tier: 'A', when: { attribute: 'annualRevenue', gte: 150000 } },
    { tier: 'prospect', when: { attribute: 'lifecycle', eq: 'prospect' } },
  ],
  defaultTier: 'B',
};

/** Writes a line at a time, waiting when the file stream asks to. */
async function writeLines(file: string, count: number, line: (index: number) => string): Promise<void> {
  const stream = createWriteStream(file);
  let chunk = '';
  for (let index = 0; index < count; index++) {
    chunk += `${line(index)}\n`;
    if (chunk.length > 1 << 16) {
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      chunk = '';
    }
  }
  stream.write(chunk);
  await new Promise<void>((resolve) => stream.end(() => resolve()));
}

/** Contact `index` of the book. */
function contactOf(index: number): Record<string, unknown> {
  return {
    id: `c${index}`,
    ownerId: `u${index % OWNERS}`,
    timeZone: ZONES[index % ZONES.length],
    createdAt: new Date(Date.UTC(2024, 0, 1) + (index % 700) * 86_400_000).toISOString(),
    attributes: { annualRevenue: (index * 7919) % 200_000, lifecycle: index % 5 === 0 ? 'prospect' : 'customer' },
  };
}

/** Touch `index` of the book: contact `index >> 1` has touches `2i` and `2i + 1`. */
function touchOf(index: number): Record<string, unknown> {
  return {
    contactId: `c${index >> 1}`,
    at: new Date(Date.UTC(2026, 6, 1) + ((index * 104_729) % 140) * 86_400_000 + (index % 9) * 3_600_000).toISOString(),
    channel: index % 3 === 0 ? 'email' : 'call',
    outcome: index % 7 === 0 ? 'voicemail' : 'connected',
  };
}

function writeBookFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  writeFileSync(
    join(dir, 'owners.json'),
    JSON.stringify(
      Array.from({ length: OWNERS }, (_, index) => ({ id: `u${index}`, timeZone: ZONES[index % ZONES.length], dailyCapacity: 40 })),
    ),
  );
}

/** A sample book of `size` contacts with two touches each, as NDJSON files in a folder. */
async function writeBook(dir: string, size: number): Promise<void> {
  writeBookFiles(dir);
  await writeLines(join(dir, 'contacts.ndjson'), size, (index) => JSON.stringify(contactOf(index)));
  await writeLines(join(dir, 'touches.ndjson'), size * 2, (index) => JSON.stringify(touchOf(index)));
}

/** The same book as streamed records: one `{ contact, touches }` a line, in a folder of its own. */
async function writeRecords(dir: string, size: number): Promise<void> {
  writeBookFiles(dir);
  await writeLines(join(dir, 'records.ndjson'), size, (index) =>
    JSON.stringify({ contact: contactOf(index), touches: [touchOf(2 * index), touchOf(2 * index + 1)] }),
  );
}

/** A fresh build of the CLI under node_modules/.cache (dist/ may be stale or absent). */
async function cliPath(): Promise<string> {
  const dir = join(root, 'node_modules/.cache/calling-cycle-bench/dist');
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  await build({
    config: false,
    entry: { cli: join(root, 'src/cli/main.ts') },
    format: ['esm'],
    target: 'node20',
    outDir: dir,
    external: Object.keys(manifest.dependencies),
    dts: false,
    clean: false,
    silent: true,
  });
  return join(dir, 'cli.js');
}

// Prints the CLI process's own peak resident memory and CPU time as it exits: on a shared machine
// the wall clock also counts other people's work.
const PEAK_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('maxRSS '+u.maxRSS+' cpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

/** Runs the CLI on `dir` with output discarded; prints time, throughput, CPU and peak memory. */
function timeRun(cli: string, what: string, dir: string, size: number, extra: readonly string[] = []): void {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', PEAK_HOOK, cli, 'evaluate', dir, '--now', NOW, '--format', 'ndjson', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  const [, peak, cpu] = /maxRSS (\d+) cpu (\d+)/.exec(run.stderr) ?? [];
  if (run.status !== 0) console.log(`  exit ${run.status}: ${run.stderr.split('\n').slice(0, 3).join(' | ')}`);
  console.log(
    `  ${what}: ${seconds.toFixed(1)} s wall (${Math.round(size / seconds).toLocaleString('en')} contacts/s), ${cpu ? (Number(cpu) / 1e6).toFixed(1) : '?'} s CPU, peak memory ${peak ? `${(Number(peak) / 1024).toFixed(0)} MB` : 'unknown'}`,
  );
}

const megabytesOf = (...files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0) / 1e6;

/**
 * Generates the book both ways (or only as records), runs `calling-cycle evaluate <dir> --format
 * ndjson` on each with output discarded, and prints time, throughput, CPU and peak memory.
 *
 * @example
 * await runCliBench(10_000);
 */
export async function runCliBench(size: number, options: { streamedOnly?: boolean; chunkSize?: number } = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-cli-bench-'));
  try {
    const generate = performance.now();
    const whole = join(dir, 'whole');
    const streamed = join(dir, 'streamed');
    if (!options.streamedOnly) await writeBook(whole, size);
    await writeRecords(streamed, size);
    const sizes = [
      options.streamedOnly
        ? ''
        : `${megabytesOf(join(whole, 'contacts.ndjson'), join(whole, 'touches.ndjson')).toFixed(0)} MB as contacts + touches, `,
      `${megabytesOf(join(streamed, 'records.ndjson')).toFixed(0)} MB as records`,
    ].join('');
    console.log(
      `\ncalling-cycle evaluate (CLI, NDJSON in and out): ${size.toLocaleString('en')} contacts, ${(2 * size).toLocaleString('en')} touches, ${sizes} (generated in ${((performance.now() - generate) / 1000).toFixed(1)} s)`,
    );
    const cli = await cliPath();
    if (!options.streamedOnly) timeRun(cli, 'whole book (contacts.ndjson, touches.ndjson)', whole, size);
    const chunk = options.chunkSize === undefined ? [] : ['--chunk-size', String(options.chunkSize)];
    timeRun(cli, `streamed (records.ndjson, chunks of ${(options.chunkSize ?? 10_000).toLocaleString('en')})`, streamed, size, chunk);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (runsAsScript('cli.ts')) {
  const { values, positionals } = parseArgs({
    options: { 'streamed-only': { type: 'boolean' }, 'chunk-size': { type: 'string' } },
    allowPositionals: true,
  });
  await runCliBench(Number(positionals[0] ?? 1_000_000), {
    streamedOnly: values['streamed-only'] === true,
    ...(values['chunk-size'] !== undefined ? { chunkSize: Number(values['chunk-size']) } : {}),
  });
}
