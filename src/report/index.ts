/**
 * The report a sales manager opens: one self-contained HTML page (no script, no network, no web
 * fonts) built from an evaluation and a plan. Pure: data in, HTML text out. Every figure carries
 * `data-*` attributes so a test (or a scraper) can read it back exactly.
 */
import { explain } from '../core/explain.js';
import { type Summary, summarize } from '../core/summarize.js';
import type { ContactBalance } from '../core/balance.js';
import type { DueItem } from '../core/types.js';
import type { OwnerPlan, Plan } from '../plan/plan.js';
import type { Policy } from '../schema/policy.js';

/** What the report shows. */
export interface ReportInput {
  /** The instant the items were evaluated at (canonical ISO). */
  now: string;
  policy: Policy;
  /** Items from `evaluate`. */
  items: readonly DueItem[];
  /** `evaluate`'s balance (empty without the policy's `balance` section). */
  balance: readonly ContactBalance[];
  /** A plan of those items. */
  plan: Plan;
  /** How many input records had errors (shown, so nobody mistakes a partial book for a whole one). */
  errors: number;
  /** The page title; default "Calling cycle report". */
  title?: string;
  /**
   * At most this many overdue items are listed (the most overdue); the page says how many more
   * there are. Default 500: a manager reads the top of the list, and a page of a million rows
   * would not open.
   */
  overdueLimit?: number;
}

/** Default `overdueLimit`. */
export const DEFAULT_OVERDUE_LIMIT = 500;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
/** An attribute value. */
const attr = (value: string | number) => escapeHtml(String(value));
const percent = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 1000) / 10}%`);

// Okabe–Ito colours: told apart by every common kind of colour blindness, and never the only cue
// (each bar has its number, each line its label and its own dash pattern).
const BLUE = '#0072B2';
const VERMILION = '#D55E00';
const INK = '#1a1a1a';

const STYLE = `
:root { color: ${INK}; background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
body { max-width: 64rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid ${INK}; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
.meta { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #bbb; vertical-align: top; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0; padding: 0; list-style: none; }
.figures li { border: 1px solid #999; border-radius: 4px; padding: .4rem .7rem; }
.figures strong { font-size: 1.2rem; display: block; }
.bar { display: inline-block; width: 8rem; height: .8rem; border: 1px solid ${INK}; vertical-align: middle; margin-right: .4rem; background: #fff; }
.bar span { display: block; height: 100%; background: repeating-linear-gradient(45deg, ${BLUE} 0 4px, #5aa6d6 4px 6px); }
.warn { font-weight: bold; }
svg text { font: 11px system-ui, sans-serif; fill: ${INK}; }
td { white-space: nowrap; }
td.reason { color: #333; font-size: .9rem; white-space: normal; }
.errors { border: 2px solid ${VERMILION}; padding: .5rem .75rem; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  section.owner, table, figure { break-inside: avoid; }
  th { background: none; }
  .bar span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** Planned calls per day against capacity: bars with their numbers, capacity and need as labelled lines. */
function dayChart(owner: OwnerPlan, chartIndex: number): string {
  // Ids are per chart: one page holds a chart per rep.
  const hatch = `hatch-${chartIndex}`;
  const days = owner.days;
  if (days.length === 0) return '<p>No workable day in the horizon.</p>';
  const barWidth = 34;
  const gap = 14;
  const height = 160;
  const top = 18;
  const left = 34;
  const width = left + days.length * (barWidth + gap) + 90;
  const peak = Math.max(1, owner.dailyCapacity, owner.neededCapacity, ...days.map((day) => day.calls));
  const y = (value: number) => top + height - (value / peak) * height;
  const bars = days
    .map((day, index) => {
      const x = left + index * (barWidth + gap);
      const planned = day.calls;
      return `<g data-date="${attr(day.date)}" data-planned="${planned}" data-capacity="${day.capacity}">
<rect x="${x}" y="${y(planned)}" width="${barWidth}" height="${(planned / peak) * height}" fill="url(#${hatch})" stroke="${BLUE}"/>
<text x="${x + barWidth / 2}" y="${y(planned) - 4}" text-anchor="middle">${planned}</text>
<text x="${x + barWidth / 2}" y="${top + height + 14}" text-anchor="middle">${attr(day.date.slice(5))}</text>
</g>`;
    })
    .join('\n');
  const line = (value: number, label: string, dash: string, colour: string, metric: string) =>
    `<g data-line="${metric}" data-value="${value}"><line x1="${left - 4}" x2="${width - 86}" y1="${y(value)}" y2="${y(value)}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>
<text x="${width - 82}" y="${y(value) + 4}">${label} ${value}</text></g>`;
  const description = `Planned calls per day for ${owner.ownerId}: ${days.map((day) => `${day.date} ${day.calls}`).join(', ')}; capacity ${owner.dailyCapacity}, needed ${owner.neededCapacity}.`;
  return `<figure><svg role="img" aria-label="${attr(description)}" viewBox="0 0 ${width} ${top + height + 24}" width="${width}" height="${top + height + 24}" xmlns="http://www.w3.org/2000/svg">
<title>${escapeHtml(description)}</title>
<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#cfe3f1"/><rect width="3" height="6" fill="${BLUE}"/></pattern></defs>
<line x1="${left - 4}" x2="${left - 4}" y1="${top}" y2="${top + height}" stroke="${INK}"/>
<line x1="${left - 4}" x2="${width - 86}" y1="${top + height}" y2="${top + height}" stroke="${INK}"/>
<text x="${left - 8}" y="${top + 4}" text-anchor="end">${peak}</text><text x="${left - 8}" y="${top + height}" text-anchor="end">0</text>
${bars}
${line(owner.dailyCapacity, 'capacity', '8 4', INK, 'capacity')}
${owner.neededCapacity !== owner.dailyCapacity ? line(owner.neededCapacity, 'needed', '2 3', VERMILION, 'needed') : ''}
</svg><figcaption>Bars: calls planned each workable day (number on top; a call may serve several cycles of one contact). Dashed line: the rep's daily capacity${owner.neededCapacity !== owner.dailyCapacity ? '; dotted line: the capacity that would keep every cycle on time' : ' (also the capacity needed)'}.</figcaption></figure>`;
}

function ownerSection(owner: OwnerPlan, index: number, summary: Summary, overflow: number): string {
  const figures = summary.owners.find((entry) => entry.ownerId === owner.ownerId);
  const planned = owner.days.reduce((sum, day) => sum + day.calls, 0);
  const short = owner.neededCapacity > owner.dailyCapacity;
  return `<section class="owner" id="owner-${attr(owner.ownerId)}" data-owner="${attr(owner.ownerId)}">
<h3>${escapeHtml(owner.ownerId)}</h3>
<ul class="figures">
<li>daily capacity <strong data-metric="daily-capacity">${owner.dailyCapacity}</strong></li>
<li>capacity needed <strong data-metric="needed-capacity" class="${short ? 'warn' : ''}">${owner.neededCapacity}</strong>${short ? ' (short)' : ''}</li>
<li>calls planned <strong data-metric="planned">${planned}</strong></li>
<li>do not fit <strong data-metric="overflow">${overflow}</strong></li>
${figures ? `<li>compliance <strong data-metric="compliance" data-value="${figures.compliance ?? ''}">${percent(figures.compliance)}</strong></li><li>overdue <strong data-metric="overdue">${figures.statuses.overdue}</strong></li>` : ''}
</ul>
${dayChart(owner, index)}
<table class="days"><thead><tr><th>day</th><th class="num">planned</th><th class="num">capacity</th></tr></thead><tbody>
${owner.days.map((day) => `<tr data-date="${attr(day.date)}"><td>${day.date}</td><td class="num" data-metric="planned">${day.calls}</td><td class="num" data-metric="capacity">${day.capacity}</td></tr>`).join('\n')}
</tbody></table>
</section>`;
}

function tierTable(summary: Summary, policy: Policy): string {
  const weight = new Map(policy.tiers.map((tier) => [tier.id, tier.weight ?? 1]));
  const rows = summary.tiers
    .map((tier) => {
      const active = tier.statuses.upcoming + tier.statuses.soon + tier.statuses.due + tier.statuses.overdue;
      const share = tier.compliance;
      return `<tr data-tier="${attr(tier.tierId)}">
<td>${escapeHtml(tier.tierId)}</td><td class="num">${weight.get(tier.tierId) ?? ''}</td>
<td class="num" data-metric="items">${tier.items}</td><td class="num" data-metric="active">${active}</td><td class="num" data-metric="overdue">${tier.statuses.overdue}</td>
<td data-metric="compliance" data-value="${share ?? ''}"><span class="bar" aria-hidden="true"><span style="width:${share === null ? 0 : Math.round(share * 100)}%"></span></span>${percent(share)}</td>
<td class="num" data-metric="mean-days-overdue">${Math.round(tier.meanDaysOverdue * 10) / 10}</td></tr>`;
    })
    .join('\n');
  return `<table id="tiers"><thead><tr><th>tier</th><th class="num">weight</th><th class="num">items</th><th class="num">active</th><th class="num">overdue</th><th>compliance (share not overdue)</th><th class="num">mean days overdue</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function overdueTable(items: readonly DueItem[], limit: number): string {
  const overdue = items
    .filter((item) => item.status === 'overdue')
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.contactId.localeCompare(b.contactId) || a.cycleId.localeCompare(b.cycleId));
  if (overdue.length === 0) return '<p id="overdue" data-count="0">Nothing is overdue.</p>';
  const shown = overdue.slice(0, limit);
  const more =
    shown.length < overdue.length
      ? `<p id="overdue-more" data-hidden="${overdue.length - shown.length}">Showing the ${shown.length} most overdue of ${overdue.length}; <code>calling-cycle explain --status overdue</code> lists every one.</p>\n`
      : '';
  const rows = shown
    .map(
      (item) => `<tr data-contact="${attr(item.contactId)}" data-cycle="${attr(item.cycleId)}" data-days-overdue="${item.daysOverdue}">
<td>${escapeHtml(item.contactId)}</td><td>${escapeHtml(item.cycleId)}</td><td>${escapeHtml(item.tierId)}</td><td>${escapeHtml(item.ownerId ?? '-')}</td>
<td class="num">${item.daysOverdue}</td><td>${escapeHtml(item.escalation ?? '')}</td><td class="reason">${escapeHtml(explain(item))}</td></tr>`,
    )
    .join('\n');
  return `${more}<table id="overdue" data-count="${overdue.length}" data-shown="${shown.length}"><thead><tr><th>contact</th><th>cycle</th><th>tier</th><th>owner</th><th class="num">days overdue</th><th>escalated to</th><th>why</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function oneWayTable(balance: readonly ContactBalance[], policy: Policy): string {
  if (!policy.balance)
    return '<p id="one-way" data-count="0">The policy has no <code>balance</code> section, so one-way contacts are not tracked.</p>';
  const oneWay = balance.filter((entry) => entry.oneWay).sort((a, b) => a.contactId.localeCompare(b.contactId));
  const after = policy.balance.oneWayAfter ?? 3;
  if (oneWay.length === 0) return `<p id="one-way" data-count="0">No contact's last ${after} touches were all sales.</p>`;
  return `<p>Contacts whose last ${after} touches were all sales: they only hear from us when we need something.</p>
<table id="one-way" data-count="${oneWay.length}"><thead><tr><th>contact</th><th>owner</th><th class="num">recent touches</th><th class="num">not sales</th></tr></thead><tbody>
${oneWay.map((entry) => `<tr data-contact="${attr(entry.contactId)}"><td>${escapeHtml(entry.contactId)}</td><td>${escapeHtml(entry.ownerId ?? '-')}</td><td class="num">${entry.recentTouches}</td><td class="num">${percent(entry.nonSalesShare)}</td></tr>`).join('\n')}
</tbody></table>`;
}

/**
 * What the page may load or run: nothing but its own inline styles (the bars are style
 * attributes). No script runs and nothing is fetched, so even text that slipped past escaping
 * could not act; the report is often opened from a mail or a shared folder.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The report as one HTML page: per rep, planned calls per day against capacity and the capacity
 * they need; compliance per tier; the overdue list with reasons; one-way contacts.
 *
 * @example
 * const result = evaluate({ policy, contacts, touches, owners, now });
 * const week = plan({ policy, items: result.items, owners, from: '2026-11-23', days: 7 });
 * writeFileSync('report.html', buildReport({ now, policy, items: result.items, balance: result.balance ?? [], plan: week, errors: result.errors.length }));
 */
export function buildReport(input: ReportInput): string {
  // summarize only reads the items; its signature asks for the mutable array evaluate returns.
  const summary = summarize({ items: input.items as DueItem[], balance: input.balance });
  const title = input.title ?? 'Calling cycle report';
  const overflowBy = new Map<string, number>();
  for (const entry of input.plan.overflow) overflowBy.set(entry.ownerId, (overflowBy.get(entry.ownerId) ?? 0) + 1);
  const total = summary.total;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Evaluated at <time id="now" datetime="${attr(input.now)}">${escapeHtml(input.now)}</time>; plan from <span id="plan-from">${escapeHtml(input.plan.from)}</span> for <span id="plan-days">${input.plan.days}</span> days.</p>
<ul class="figures" id="totals">
<li>contact-cycles <strong data-metric="items">${total.items}</strong></li>
<li>overdue <strong data-metric="overdue">${total.statuses.overdue}</strong></li>
<li>due <strong data-metric="due">${total.statuses.due}</strong></li>
<li>compliance <strong data-metric="compliance" data-value="${total.compliance ?? ''}">${percent(total.compliance)}</strong></li>
<li>one-way contacts <strong data-metric="one-way">${total.oneWayContacts}</strong></li>
</ul>
${input.errors > 0 ? `<p class="errors" id="errors" data-count="${input.errors}"><strong>${input.errors} input record${input.errors === 1 ? '' : 's'} had errors</strong> and are not in these figures; run the same command with <code>--format json</code> to see them.</p>` : ''}
</header>
<main>
<h2 id="reps">Reps: planned calls per day against capacity</h2>
${input.plan.owners.length === 0 ? '<p>No rep in the plan (no owners given).</p>' : input.plan.owners.map((owner, index) => ownerSection(owner, index, summary, overflowBy.get(owner.ownerId) ?? 0)).join('\n')}
<h2 id="compliance">Compliance per tier</h2>
<p>Share of active items (upcoming, soon, due, overdue) that are not overdue.</p>
${tierTable(summary, input.policy)}
<h2 id="overdue-list">Overdue, with reasons</h2>
${overdueTable(input.items, input.overdueLimit ?? DEFAULT_OVERDUE_LIMIT)}
<h2 id="one-way-contacts">One-way contacts</h2>
${oneWayTable(input.balance, input.policy)}
</main>
<footer>Made by calling-cycle. This page loads nothing from the network and needs no script.</footer>
</body></html>
`;
}
