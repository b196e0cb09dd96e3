/**
 * buildReport as a pure function: what it escapes, what it leaves out, what it never fetches.
 * The figures themselves are read back in a real browser by test/browser/report.browser.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Contact, evaluate, type Owner, parsePolicy, plan, type Touch } from '../../src/index.js';
import { buildReport, DEFAULT_OVERDUE_LIMIT, type ReportInput } from '../../src/report/index.js';

const dataDir = new URL('../../examples/data/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8')) as T;
const NOW = '2026-11-23T08:00:00.000Z';
const policy = parsePolicy(read('policy.json'));
const owners = read<Owner[]>('owners.json');

function input(contacts: Contact[], touches: Touch[], extra: Partial<ReportInput> = {}): ReportInput {
  const result = evaluate({ policy, contacts, touches, owners, now: NOW });
  return {
    now: NOW,
    policy,
    items: result.items,
    balance: result.balance ?? [],
    plan: plan({ policy, items: result.items, owners, from: '2026-11-30', days: 7 }),
    errors: result.errors.length,
    ...extra,
  };
}

const sample = () => input(read<Contact[]>('contacts.json'), read<Touch[]>('touches.json'));
const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

describe('buildReport', () => {
  it('is one page with nothing to fetch and no script', () => {
    const html = buildReport(sample());
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).toContain('@media print');
  });

  it('escapes what comes from CRM data', () => {
    const contacts: Contact[] = [{ id: '<img src=x onerror=alert(1)>', ownerId: 'u-london', tier: 'A', createdAt: '2026-01-05T10:00:00Z' }];
    const html = buildReport(input(contacts, [], { title: 'Q4 <b>"review"</b> & more' }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Q4 &lt;b&gt;&quot;review&quot;&lt;/b&gt; &amp; more</title>');
  });

  it('gives each rep chart its own pattern id', () => {
    const html = buildReport(sample());
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(count(html, /<pattern id="hatch-\d+"/g)).toBe(owners.length);
  });

  it('lists at most overdueLimit overdue items, the most overdue, and says how many more there are', () => {
    const full = sample();
    const overdue = full.items.filter((item) => item.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(3);
    const html = buildReport({ ...full, overdueLimit: 3 });
    expect(count(html, /<tr data-contact="[^"]+" data-cycle="[^"]+" data-days-overdue="/g)).toBe(3);
    expect(html).toContain(`data-count="${overdue.length}" data-shown="3"`);
    expect(html).toContain(`data-hidden="${overdue.length - 3}"`);
    const top = Math.max(...overdue.map((item) => item.daysOverdue));
    expect(html).toMatch(new RegExp(`data-days-overdue="${top}"`));
    expect(DEFAULT_OVERDUE_LIMIT).toBeGreaterThanOrEqual(overdue.length);
    expect(buildReport(full)).not.toContain('overdue-more');
  });

  it('says when there is no rep, nothing overdue, or no balance section', () => {
    const { balance: _dropped, ...withoutBalance } = policy;
    const result = evaluate({ policy: withoutBalance, contacts: [], touches: [], now: NOW });
    const html = buildReport({
      now: NOW,
      policy: withoutBalance,
      items: result.items,
      balance: [],
      plan: plan({ policy: withoutBalance, items: result.items, owners: [], from: '2026-11-30', days: 7 }),
      errors: 0,
    });
    expect(html).toContain('No rep in the plan');
    expect(html).toContain('Nothing is overdue.');
    expect(html).toContain('one-way contacts are not tracked');
    expect(html).not.toContain('id="errors"');
  });

  it('shows how many records had errors', () => {
    expect(buildReport({ ...sample(), errors: 2 })).toMatch(/id="errors" data-count="2"><strong>2 input records had errors<\/strong>/);
  });

  it('is the same for the same input, and leaves its input alone', () => {
    const report = sample();
    const before = JSON.stringify(report);
    expect(buildReport(report)).toBe(buildReport(report));
    expect(JSON.stringify(report)).toBe(before);
  });
});
