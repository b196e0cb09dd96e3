/**
 * The engine runs unchanged in a browser: the built ESM package, bundled by esbuild as a CRM front
 * end bundles it, evaluates and plans a book across zones, DST changes and holidays in Node, on a
 * Chromium page and in a Chromium Web Worker, and the three answers are the same JSON byte for
 * byte. The browser runs in another time zone and locale than Node, with every request but the
 * page's own refused. Needs the build (`npm run build`) and Debian's chromium
 * (scripts/ensure-chromium.sh); runs with `npm run test:browser`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = new URL('../../examples/data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8')) as T;

type Json = Record<string, unknown>;

interface PageWorker {
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: { message: string }) => void) | null;
  postMessage(value: unknown): void;
}

// Contacts in zones where local dates go wrong: a half-hour DST (Lord Howe), a 45-minute offset
// (Kathmandu), a skipped day (Apia), a half-hour offset with DST (St John's), southern DST
// (Santiago), each touched on the night its clocks change.
const oddContacts: Json[] = [
  { id: 'lh', ownerId: 'u-london', timeZone: 'Australia/Lord_Howe', tier: 'A', createdAt: '2026-01-05T10:00:00Z' },
  { id: 'ktm', ownerId: 'u-london', timeZone: 'Asia/Kathmandu', tier: 'B', createdAt: '2026-02-01T00:00:00Z' },
  { id: 'apia', ownerId: 'u-london', timeZone: 'Pacific/Apia', tier: 'A', createdAt: '2026-01-05T10:00:00Z' },
  { id: 'nfld', ownerId: 'u-london', timeZone: 'America/St_Johns', tier: 'A', createdAt: '2026-03-01T12:00:00Z' },
  { id: 'scl', ownerId: 'u-london', timeZone: 'America/Santiago', tier: 'B', createdAt: '2026-03-01T12:00:00Z' },
];
const oddTouches: Json[] = [
  { contactId: 'lh', at: '2026-10-03T15:29:59Z', channel: 'call', outcome: 'connected', purpose: 'check-in' },
  { contactId: 'ktm', at: '2026-10-31T18:14:00Z', channel: 'meeting', purpose: 'review' },
  { contactId: 'apia', at: '2026-11-09T10:59:00Z', channel: 'call', outcome: 'connected' },
  { contactId: 'nfld', at: '2026-11-01T04:30:00Z', channel: 'call', outcome: 'connected' },
  { contactId: 'nfld', at: '2026-11-01T03:30:00Z', channel: 'call', outcome: 'voicemail' },
  { contactId: 'scl', at: '2026-09-06T03:59:59Z', channel: 'visit', purpose: 'review' },
];

const book = {
  policy: read<Json>('policy.json'),
  contacts: [...read<Json[]>('contacts.json'), ...oddContacts],
  touches: [...read<Json[]>('touches.json'), ...oddTouches],
  owners: read<Json[]>('owners.json'),
  snoozes: read<Json[]>('snoozes.json'),
  // The sample book's instant, the night US clocks go back, the night UK clocks go forward, and a
  // bank-holiday week (Christmas in the UK, Thanksgiving in the US).
  nows: ['2026-11-23T08:00:00.000Z', '2026-11-01T06:30:00.000Z', '2027-03-28T00:59:59.000Z', '2026-12-21T12:00:00.000Z'],
  rules: [
    ['FREQ=WEEKLY;BYDAY=SU', { dtstart: '2026-03-01T02:30:00', timeZone: 'America/New_York', count: 6 }],
    ['FREQ=MONTHLY;BYDAY=-1SU;BYHOUR=1;BYMINUTE=30', { dtstart: '2026-01-25T01:30:00', timeZone: 'Europe/London', count: 12 }],
    ['FREQ=DAILY', { dtstart: '2011-12-28T09:00:00', timeZone: 'Pacific/Apia', count: 4 }],
    ['FREQ=YEARLY;BYMONTH=10;BYDAY=1SU;BYHOUR=2', { dtstart: '2026-10-04T02:00:00', timeZone: 'Australia/Lord_Howe', count: 3 }],
  ],
  badPolicy: { version: 2, tiers: [{ id: '', cycles: [{ id: 'c', cadence: { every: 'P14X' }, graceDays: -1 }] }], colour: 'red' },
};

const ORIGIN = 'http://calling-cycle.test';
let dir = '';
let code = '';
let nodeAnswer = '';
let browser: Browser;
let page: Page;
const refused: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js')))
    throw new Error('engine.browser.test: run `npm run build` first (it loads the built package)');
  // Resolved from the repository root, `calling-cycle` is the package itself through its exports
  // map: the built ESM, as a CRM's bundler finds it in node_modules.
  const bundled = await build({
    entryPoints: [join(root, 'test/browser/engine-harness.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  code = bundled.outputFiles[0]!.text;
  dir = mkdtempSync(join(tmpdir(), 'cc-engine-'));
  const file = join(dir, 'engine.mjs');
  writeFileSync(file, code);
  const harness = (await import(pathToFileURL(file).href)) as { run(input: typeof book): string };
  nodeAnswer = harness.run(structuredClone(book));

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  // Another zone and locale than any CI machine's: the engine must read neither.
  const context = await browser.newContext({ timezoneId: 'Pacific/Chatham', locale: 'ar-EG' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/`)
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/engine.js"></script>' });
    if (url === `${ORIGIN}/engine.js`) return route.fulfill({ contentType: 'text/javascript', body: code });
    refused.push(url);
    return route.abort();
  });
  page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => typeof (globalThis as { callingCycleRun?: unknown }).callingCycleRun === 'function');
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the engine in Chromium', () => {
  it('gives Node an answer worth comparing: every instant evaluated and planned, the bad policy refused', () => {
    const answer = JSON.parse(nodeAnswer) as Record<string, { result?: { items: unknown[]; errors: unknown[] }; sameColumns?: boolean }> & {
      badPolicy: { success: boolean; issues: unknown[] };
    };
    for (const now of book.nows) {
      expect(answer[now]!.result!.items.length).toBeGreaterThan(book.contacts.length);
      expect(answer[now]!.sameColumns).toBe(true);
    }
    expect(answer.badPolicy.success).toBe(false);
    expect(answer.badPolicy.issues.length).toBeGreaterThanOrEqual(4);
  });

  it('on a page, answers as Node does, byte for byte', async () => {
    const answer = await page.evaluate(
      (input) => (globalThis as unknown as { callingCycleRun(book: unknown): string }).callingCycleRun(input),
      book,
    );
    expect(answer.length).toBe(nodeAnswer.length);
    expect(answer === nodeAnswer).toBe(true);
  });

  it('in a Web Worker, answers as Node does, byte for byte', async () => {
    const answer = await page.evaluate(
      ({ input, source }) =>
        new Promise<string>((resolve, reject) => {
          // The page's own Worker (this function runs in Chromium; the compiler knows Node's globals).
          const BrowserWorker = (globalThis as unknown as { Worker: new (url: string, options: { type: 'module' }) => PageWorker }).Worker;
          const worker = new BrowserWorker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
          worker.postMessage(input);
        }),
      { input: book, source: code },
    );
    expect(answer.length).toBe(nodeAnswer.length);
    expect(answer === nodeAnswer).toBe(true);
  });

  it('asks for nothing beyond its own page and script', () => {
    expect(refused).toEqual([]);
  });
});
