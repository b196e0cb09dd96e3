/**
 * A longer run of the oracle check than `npm test` makes: `npm run oracle -- --runs 5000`
 * (`--seed n` to replay a run). Exits 1 with the shrunk counterexample on a disagreement.
 */
import fc from 'fast-check';
import { oracleBook } from '../test/oracle/books.js';
import { disagreements } from '../test/oracle/compare.js';

const argument = (name: string): number | undefined => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
};
const runs = argument('runs') ?? 1000;
const seed = argument('seed') ?? Date.now() % 2 ** 31;
const tally = new Map<string, number>();

const result = fc.check(
  fc.property(oracleBook, (book) => {
    const problems = disagreements(book, tally);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }),
  { numRuns: runs, seed },
);
console.log(`oracle: ${result.numRuns} books, seed ${seed}`);
console.log(`  statuses compared: ${[...tally].map(([status, n]) => `${status} ${n}`).join(', ')}`);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exit(1);
}
console.log('  evaluate agrees with the oracle on every (contact, cycle)');
