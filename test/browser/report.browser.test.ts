/**
 * The HTML report in a real browser: Debian's headless Chromium opens the page from a file with
 * JavaScript off and every non-file request refused, and the figures on the page are read back
 * from the DOM and compared with `summarize` and `plan` run on the same book.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contact, evaluate, explain, type Owner, parsePolicy, plan, type Snooze, summarize, type Touch } from '../../src/index.js';
import { buildReport } from '../../src/report/index.js';

const dataDir = new URL('../../examples/data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8')) as T;
const NOW = '2026-11-23T08:00:00.000Z';

const policy = parsePolicy(read('policy.json'));
const contacts = read<Contact[]>('contacts.json');
const owners = read<Owner[]>('owners.json');
const snoozes = read<Snooze[]>('snoozes.json');
// The sample book plus three sales calls to c01, so the one-way section has a contact in it.
const touches = [
  ...read<Touch[]>('touches.json'),
  ...['2026-11-02', '2026-11-09', '2026-11-16'].map(
    (day): Touch => ({
      contactId: 'c01',
      at: `${day}T10:00:00Z`,
      channel: 'call',
      direction: 'outbound',
      outcome: 'connected',
      purpose: 'sales',
    }),
  ),
];
const result = evaluate({ policy, contacts, touches, owners, snoozes, now: NOW });
const week = plan({ policy, items: result.items, owners, from: '2026-11-30', days: 7 });
const summary = summarize(result);

let dir = '';
let context: BrowserContext;
let page: Page;
const refused: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cc-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(
    file,
    buildReport({ now: NOW, policy, items: result.items, balance: result.balance ?? [], plan: week, errors: result.errors.length }),
  );
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    javaScriptEnabled: false,
    viewport: { width: 1100, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    refused.push(url);
    return route.abort();
  });
  page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
});

afterAll(async () => {
  await context?.close();
  // The screenshots stay for a person to look at; the profile goes.
  if (dir) rmSync(join(dir, 'profile'), { recursive: true, force: true });
});

const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim();
const attribute = (selector: string, name: string) => page.locator(selector).first().getAttribute(name);

describe('the report in Chromium (JavaScript off, no network)', () => {
  it('asks for nothing beyond its own file', () => {
    expect(refused).toEqual([]);
  });

  it('shows the instant it was evaluated at and the totals of summarize', async () => {
    expect(await attribute('#now', 'datetime')).toBe(NOW);
    expect(await text('#totals [data-metric="items"]')).toBe(String(summary.total.items));
    expect(await text('#totals [data-metric="overdue"]')).toBe(String(summary.total.statuses.overdue));
    expect(Number(await attribute('#totals [data-metric="compliance"]', 'data-value'))).toBe(summary.total.compliance);
    expect(await text('#totals [data-metric="one-way"]')).toBe(String(summary.total.oneWayContacts));
  });

  it('compliance per tier equals summarize', async () => {
    expect(await page.locator('#tiers tbody tr').count()).toBe(summary.tiers.length);
    for (const tier of summary.tiers) {
      const row = `#tiers tr[data-tier="${tier.tierId}"]`;
      expect(await text(`${row} [data-metric="items"]`)).toBe(String(tier.items));
      expect(await text(`${row} [data-metric="overdue"]`)).toBe(String(tier.statuses.overdue));
      const shown = await attribute(`${row} [data-metric="compliance"]`, 'data-value');
      expect(shown === '' ? null : Number(shown)).toBe(tier.compliance);
      expect(await text(`${row} [data-metric="compliance"]`)).toBe(
        tier.compliance === null ? 'n/a' : `${Math.round(tier.compliance * 1000) / 10}%`,
      );
    }
  });

  it('per rep: capacity, the capacity needed and the calls planned each day equal plan', async () => {
    expect(await page.locator('section.owner').count()).toBe(week.owners.length);
    for (const owner of week.owners) {
      const section = `section[data-owner="${owner.ownerId}"]`;
      expect(await text(`${section} [data-metric="daily-capacity"]`)).toBe(String(owner.dailyCapacity));
      expect(await text(`${section} [data-metric="needed-capacity"]`)).toBe(String(owner.neededCapacity));
      expect(await page.locator(`${section} svg g[data-date]`).count()).toBe(owner.days.length);
      for (const day of owner.days) {
        const bar = `${section} svg g[data-date="${day.date}"]`;
        expect(await attribute(bar, 'data-planned')).toBe(String(day.calls));
        // The number is written on the bar, not left to its height or colour.
        expect(await text(`${bar} text`)).toBe(String(day.calls));
        expect(await text(`${section} table tr[data-date="${day.date}"] [data-metric="planned"]`)).toBe(String(day.calls));
        expect(await text(`${section} table tr[data-date="${day.date}"] [data-metric="capacity"]`)).toBe(String(day.capacity));
      }
      expect(await text(`${section} [data-line="capacity"] text`)).toBe(`capacity ${owner.dailyCapacity}`);
    }
  });

  it('lists every overdue item, most overdue first, with its reason', async () => {
    const overdue = result.items.filter((item) => item.status === 'overdue');
    const rows = page.locator('#overdue tbody tr');
    expect(await rows.count()).toBe(overdue.length);
    const shownDays = (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-days-overdue')))).map(
      Number,
    );
    expect(shownDays).toEqual([...shownDays].sort((a, b) => b - a));
    for (const item of overdue) {
      const row = `#overdue tr[data-contact="${item.contactId}"][data-cycle="${item.cycleId}"]`;
      expect(await attribute(row, 'data-days-overdue')).toBe(String(item.daysOverdue));
      expect(await text(`${row} .reason`)).toBe(explain(item));
    }
  });

  it('lists the one-way contacts of the policy balance section', async () => {
    const oneWay = (result.balance ?? []).filter((entry) => entry.oneWay).map((entry) => entry.contactId);
    expect(oneWay).toContain('c01');
    const shown = await page
      .locator('#one-way tbody tr')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-contact')));
    expect(shown.sort()).toEqual(oneWay.sort());
  });

  it('renders for print, and leaves screenshots to look at', async () => {
    const screen = join(dir, 'report.png');
    await page.screenshot({ path: screen, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const print = join(dir, 'report-print.png');
    await page.screenshot({ path: print, fullPage: true });
    // Print keeps the figures: the charts and tables are not hidden.
    expect(await page.locator('section.owner svg').first().isVisible()).toBe(true);
    expect(readFileSync(screen).subarray(1, 4).toString()).toBe('PNG');
    console.log(`report screenshots: ${screen} ${print}`);
  });
});
