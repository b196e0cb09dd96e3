/**
 * `calling-cycle evaluate` on generated contacts in NDJSON, as a shell script would run it: wall
 * time, records per second and the peak memory of the CLI process (its own maxRSS, read by a hook
 * loaded with `--import`, so nothing else is counted). Prints; never asserts.
 *
 * Run: npx tsx bench/cli.ts [contacts]   (default 1,000,000; try 10000 for a quick look)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

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

/** A sample book of `size` contacts with two touches each, as NDJSON files in a folder. */
async function writeBook(dir: string, size: number): Promise<void> {
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  writeFileSync(
    join(dir, 'owners.json'),
    JSON.stringify(
      Array.from({ length: OWNERS }, (_, index) => ({ id: `u${index}`, timeZone: ZONES[index % ZONES.length], dailyCapacity: 40 })),
    ),
  );
  await writeLines(join(dir, 'contacts.ndjson'), size, (index) =>
    JSON.stringify({
      id: `c${index}`,
      ownerId: `u${index % OWNERS}`,
      timeZone: ZONES[index % ZONES.length],
      createdAt: new Date(Date.UTC(2024, 0, 1) + (index % 700) * 86_400_000).toISOString(),
      attributes: { annualRevenue: (index * 7919) % 200_000, lifecycle: index % 5 === 0 ? 'prospect' : 'customer' },
    }),
  );
  await writeLines(join(dir, 'touches.ndjson'), size * 2, (index) =>
    JSON.stringify({
      contactId: `c${index >> 1}`,
      at: new Date(Date.UTC(2026, 6, 1) + ((index * 104_729) % 140) * 86_400_000 + (index % 9) * 3_600_000).toISOString(),
      channel: index % 3 === 0 ? 'email' : 'call',
      outcome: index % 7 === 0 ? 'voicemail' : 'connected',
    }),
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

/**
 * Generates the book, runs `calling-cycle evaluate <dir> --format ndjson` with output discarded,
 * and prints time, throughput and peak memory.
 *
 * @example
 * await runCliBench(10_000);
 */
export async function runCliBench(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-cli-bench-'));
  try {
    const generate = performance.now();
    await writeBook(dir, size);
    const megabytes = (statSync(join(dir, 'contacts.ndjson')).size + statSync(join(dir, 'touches.ndjson')).size) / 1e6;
    console.log(
      `\ncalling-cycle evaluate (CLI, NDJSON in and out): ${size.toLocaleString('en')} contacts, ${(2 * size).toLocaleString('en')} touches, ${megabytes.toFixed(0)} MB of NDJSON (generated in ${((performance.now() - generate) / 1000).toFixed(1)} s)`,
    );
    const cli = await cliPath();
    const start = performance.now();
    const run = spawnSync(process.execPath, ['--import', PEAK_HOOK, cli, 'evaluate', dir, '--now', NOW, '--format', 'ndjson'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - start) / 1000;
    const [, peak, cpu] = /maxRSS (\d+) cpu (\d+)/.exec(run.stderr) ?? [];
    if (run.status !== 0) console.log(`  exit ${run.status}: ${run.stderr.split('\n').slice(0, 3).join(' | ')}`);
    console.log(
      `  ${seconds.toFixed(1)} s wall (${Math.round(size / seconds).toLocaleString('en')} contacts/s), ${cpu ? (Number(cpu) / 1e6).toFixed(1) : '?'} s CPU, peak memory ${peak ? `${(Number(peak) / 1024).toFixed(0)} MB` : 'unknown'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runCliBench(Number(process.argv[2] ?? 1_000_000));
}
