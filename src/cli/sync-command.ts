/**
 * `sync`: a dry run of one CRM adapter on a file of that CRM's records, showing what it reads as
 * contacts, touches and owners, and what it skips or refuses. Nothing is written anywhere.
 */
import { fromHubSpot } from '../adapters/hubspot/index.js';
import { fromPipedrive } from '../adapters/pipedrive/index.js';
import { fromSalesforce } from '../adapters/salesforce/index.js';
import type { AdapterResult } from '../adapters/shared/index.js';
import type { Policy } from '../schema/policy.js';
import { loadPolicy } from './book.js';
import { type CliRecordError, DOCS, type ExitCode, UsageError } from './errors.js';
import { readText } from './inputs.js';
import { writeJsonDocument, writeNdjson, writeTable } from './outputs.js';
import { reportErrors, type Run } from './run-context.js';

/** The CRM adapters `sync` can dry-run, by the name given to --from. */
const ADAPTERS: Record<string, (records: never, options: { policy?: Policy }) => AdapterResult> = {
  hubspot: fromHubSpot,
  salesforce: fromSalesforce,
  pipedrive: fromPipedrive,
};

/**
 * Runs `sync`: the adapter named by --from on the records file, as JSON, NDJSON or a table.
 *
 * @example
 * const code = await runSync(run);
 */
export async function runSync(run: Run): Promise<ExitCode> {
  const crm = run.args.values.from;
  const adapter = crm === undefined ? undefined : ADAPTERS[crm];
  if (adapter === undefined) {
    throw new UsageError(`sync needs --from ${Object.keys(ADAPTERS).join('|')}: calling-cycle sync --from hubspot records.json`);
  }
  const [file, ...rest] = run.args.positionals;
  if (file === undefined || rest.length > 0)
    throw new UsageError(`sync takes one records file: calling-cycle sync --from ${crm} records.json (or - for stdin)`);
  if (run.format === 'csv')
    throw new UsageError('sync writes json, ndjson or a table; CSV holds one kind of record, so use evaluate with --format csv after');
  const text = await readText(file, run.io.stdin);
  const name = file === '-' ? 'stdin' : file;
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message}); give the CRM's records as one JSON object of collections`,
    );
  }
  if (typeof records !== 'object' || records === null || Array.isArray(records)) {
    throw new UsageError(`${name}: give one JSON object of collections, e.g. { "contacts": [...], "calls": [...] } (${DOCS}/cli.md)`);
  }
  const policyPath = run.args.values.policy;
  const policy = policyPath === undefined ? undefined : await loadPolicy(policyPath, run.io.stdin);
  const result = adapter(records as never, policy === undefined ? {} : { policy });
  const errors: CliRecordError[] = result.errors.map((error) => ({ ...error, record: error.source }));
  // A field the options name that no record holds: no record's fault, so not an error, but said.
  for (const warning of result.warnings) run.io.stderr.write(`calling-cycle: warning: ${warning.message}\n`);
  const head = { 'calling-cycle': run.io.version, command: 'sync', from: crm, dryRun: true };
  switch (run.format) {
    case 'json':
      await writeJsonDocument(
        run.sink,
        head,
        [
          ['contacts', result.contacts],
          ['touches', result.touches],
          ['owners', result.owners],
          ['errors', errors],
          ['skipped', result.skipped],
        ],
        { counts: result.counts },
      );
      break;
    case 'ndjson': {
      const lines = function* () {
        for (const contact of result.contacts) yield { type: 'contact', record: contact };
        for (const touch of result.touches) yield { type: 'touch', record: touch };
        for (const owner of result.owners) yield { type: 'owner', record: owner };
      };
      await writeNdjson(run.sink, head, lines());
      break;
    }
    default: {
      await run.sink.write(`dry run of the ${crm} adapter on ${name}: nothing is written anywhere\n`);
      const rows = Object.entries(result.counts).map(([collection, count]) => ({ collection, ...count }));
      await writeTable(
        run.sink,
        [
          { heading: 'collection', cell: (row: (typeof rows)[number]) => row.collection },
          { heading: 'read', cell: (row) => row.read, right: true },
          { heading: 'mapped', cell: (row) => row.mapped, right: true },
          { heading: 'skipped', cell: (row) => row.skipped, right: true },
          { heading: 'errors', cell: (row) => row.errors, right: true },
        ],
        rows,
      );
      await run.sink.write(`\n${result.contacts.length} contacts, ${result.touches.length} touches, ${result.owners.length} owners\n`);
    }
  }
  return reportErrors(
    run,
    errors,
    run.format === 'json',
    errors.length,
    result.contacts.length + result.touches.length + result.owners.length,
  );
}
