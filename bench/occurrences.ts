/**
 * occurrences for a daily rule whose DTSTART is 30 years back, asked for the next 10 after now:
 * bounded work means this costs about what a rule started last week costs.
 */
import { occurrences } from '../src/index.js';
import { runsAsScript, timed } from './util.js';

export async function runOccurrenceBench(): Promise<void> {
  const now = '2026-11-23T08:00:00Z';
  const ask = (dtstart: string) => occurrences('FREQ=DAILY', { dtstart, timeZone: 'America/New_York', after: now, count: 10 });
  for (let i = 0; i < 200; i++) ask('1996-11-23T09:00:00');
  const repetitions = 2000;
  const old = timed(() => {
    for (let i = 0; i < repetitions; i++) ask('1996-11-23T09:00:00');
  });
  const recent = timed(() => {
    for (let i = 0; i < repetitions; i++) ask('2026-11-16T09:00:00');
  });
  console.log('\noccurrences: daily rule, next 10 after now');
  console.log(`  DTSTART 30 years back: ${((old.seconds * 1000) / repetitions).toFixed(3)} ms per call (target under 1 ms)`);
  console.log(`  DTSTART last week:     ${((recent.seconds * 1000) / repetitions).toFixed(3)} ms per call`);
}

if (runsAsScript('occurrences.ts')) await runOccurrenceBench();
