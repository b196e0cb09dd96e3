// Runs the installed `calling-cycle` bin by its name (npx, from the consumer folder) on the sample
// book the package ships, and checks what a script or a cron job relies on: JSON on stdout with
// the now used, exit codes 0/1/2, stdin, streamed records, the JSON Schemas in the package and the
// HTML report.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'index.js'));
const manifest = require('calling-cycle/package.json');
const sample = join(process.cwd(), 'node_modules/calling-cycle/examples/data');
const now = '2026-11-23T08:00:00.000Z';
const expect = (ok, what, detail = '') => {
  if (!ok) throw new Error(`calling-cycle bin: ${what}\n${detail}`);
};
const cli = (args, input = '') => spawnSync('npx', ['--no-install', 'calling-cycle', ...args], { input, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

const version = execFileSync('npx', ['--no-install', 'calling-cycle', '--version'], { encoding: 'utf8' });
expect(version === `${manifest.version}\n`, 'version', version);

// The sample book has one touch of an unknown contact on purpose: results are written, exit 1.
const evaluated = cli(['evaluate', sample, '--now', now]);
expect(evaluated.status === 1, `evaluate exit ${evaluated.status}`, evaluated.stderr);
const output = JSON.parse(evaluated.stdout);
expect(output.now === now && output.items.length > 40, 'evaluate items', evaluated.stdout.slice(0, 500));
expect(output.errors.length === 1 && output.errors[0].code === 'unknown-contact', 'evaluate errors', JSON.stringify(output.errors));
expect(output.items.some((item) => item.contactId === 'c09' && item.cycleId === 'check-in' && item.status === 'overdue' && item.escalation === 'manager'), 'c09 overdue, escalated', '');

const dir = mkdtempSync(join(tmpdir(), 'cc-bin-'));
try {
  // A policy from stdin, bad on purpose: exit 2 and each issue with its path.
  const validated = cli(['validate', '-'], JSON.stringify({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'soon' } }] }] }));
  expect(validated.status === 2, `validate exit ${validated.status}`, validated.stdout + validated.stderr);
  expect(JSON.parse(validated.stdout).issues.some((issue) => issue.at === 'tiers[0].cycles[0].cadence.every'), 'validate issue path', validated.stdout);

  // NDJSON contacts on stdin, a clean book: exit 0.
  const contacts = JSON.parse(readFileSync(join(sample, 'contacts.json'), 'utf8'));
  const ndjson = cli(['evaluate', '--policy', join(sample, 'policy.json'), '--owners', join(sample, 'owners.json'), '--contacts', '-', '--now', now, '--format', 'ndjson'], contacts.map((c) => JSON.stringify(c)).join('\n'));
  expect(ndjson.status === 0, `ndjson exit ${ndjson.status}`, ndjson.stderr);
  const [header, ...rows] = ndjson.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(header.now === now && rows.length >= contacts.length, 'ndjson rows', ndjson.stdout.slice(0, 300));

  // The same book streamed as records on stdin (one { contact, touches } a line): the same rows.
  // The sample policy ranks a top ten over the whole book, which a stream cannot: refused (exit 2);
  // without that rule, streamed and whole give the same rows.
  const touches = JSON.parse(readFileSync(join(sample, 'touches.json'), 'utf8'));
  const records = contacts.map((contact) => JSON.stringify({ contact, touches: touches.filter((touch) => touch.contactId === contact.id) })).join('\n');
  const stream = (policyFile) => cli(['evaluate', '--policy', policyFile, '--owners', join(sample, 'owners.json'), '--records', '-', '--now', now, '--format', 'ndjson', '--chunk-size', '3'], records);
  const refused = stream(join(sample, 'policy.json'));
  expect(refused.status === 2 && /top/.test(refused.stderr), `streamed top-N exit ${refused.status}`, refused.stderr);
  const policy = JSON.parse(readFileSync(join(sample, 'policy.json'), 'utf8'));
  policy.assign = (policy.assign ?? []).filter((rule) => !('top' in rule));
  const untopped = join(dir, 'policy.json');
  writeFileSync(untopped, JSON.stringify(policy));
  const streamed = stream(untopped);
  expect(streamed.status === 0, `streamed exit ${streamed.status}`, streamed.stderr);
  const known = JSON.stringify(touches.filter((touch) => contacts.some((contact) => contact.id === touch.contactId)));
  const whole = cli(['evaluate', '--policy', untopped, '--owners', join(sample, 'owners.json'), '--contacts', join(sample, 'contacts.json'), '--touches', '-', '--now', now, '--format', 'ndjson'], known);
  expect(whole.status === 0, `whole exit ${whole.status}`, whole.stderr);
  expect(streamed.stdout === whole.stdout && streamed.stdout.trim().split('\n').length > contacts.length, "streamed records give the whole book's rows", `${streamed.stdout.slice(0, 300)}\n---\n${whole.stdout.slice(0, 300)}`);

  // The JSON Schemas ship in the package and are what `schema` prints.
  const shipped = JSON.parse(readFileSync(require.resolve('calling-cycle/schema/policy.json'), 'utf8'));
  const printed = JSON.parse(cli(['schema', 'policy']).stdout);
  expect(JSON.stringify(shipped) === JSON.stringify(printed), 'schema/policy.json equals `schema policy`', '');
  for (const name of ['contact', 'touch', 'owner', 'snooze', 'scenario']) require.resolve(`calling-cycle/schema/${name}.json`);

  const html = join(dir, 'report.html');
  const report = cli(['report', sample, '--now', now, '--html', html]);
  expect(report.status === 1, `report exit ${report.status}`, report.stderr);
  const page = readFileSync(html, 'utf8');
  expect(page.startsWith('<!doctype html>') && !/<script|\ssrc=|\shref=/i.test(page), 'self-contained report', page.slice(0, 300));

  const unknown = cli(['evaluate', sample, '--bogus']);
  expect(unknown.status === 2 && /--bogus/.test(unknown.stderr), 'unknown flag', unknown.stderr);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('calling-cycle bin ok');
