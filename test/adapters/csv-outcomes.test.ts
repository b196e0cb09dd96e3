/**
 * fromCsv: outcome words as exports write them ("Left voicemail", "No Answer"), epoch
 * milliseconds, and names. An outcome word the reader does not know must never pass as a
 * conversation: it is mapped (built-in synonyms, the `outcomes` option) or reported per word.
 */
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/adapters/csv/index.js';

const header = 'contactId,at,channel,outcome';
const touches = (...outcomes: string[]) =>
  [header, ...outcomes.map((outcome, index) => `c${index},2026-11-02T09:30:00Z,call,${outcome}`)].join('\n');

describe('fromCsv: outcome words', () => {
  it.each([
    ['Connected', 'connected'],
    ['VOICEMAIL', 'voicemail'],
    ['Voicemail', 'voicemail'],
    ['Left voicemail', 'voicemail'],
    ['No Answer', 'no-answer'],
    ['no_answer', 'no-answer'],
    ['NO-ANSWER', 'no-answer'],
    ['Busy', 'no-answer'],
    ['Bounced', 'bounced'],
  ])('%j is read as %s, in any case', (word, outcome) => {
    const result = fromCsv({ touches: touches(word) });
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.outcome)).toEqual([outcome]);
  });

  it('the outcomes option maps the export\'s own words, in any case, before the built-in ones', () => {
    const result = fromCsv(
      { touches: touches('Spoke to DM', 'spoke to dm', 'Busy') },
      { outcomes: { 'Spoke to DM': 'connected', busy: 'voicemail' } },
    );
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.outcome)).toEqual(['connected', 'connected', 'voicemail']);
  });

  it('a word nobody mapped is an error of its row (never a conversation), and the words are counted', () => {
    const result = fromCsv({ touches: touches('Gatekeeper', 'Connected', 'gatekeeper', 'Meeting booked') });
    expect(result.touches.map((touch) => touch.outcome)).toEqual(['connected']);
    expect(result.errors.map((error) => [error.code, error.line, error.column])).toEqual([
      ['bad-value', 2, 'outcome'],
      ['bad-value', 4, 'outcome'],
      ['bad-value', 5, 'outcome'],
    ]);
    expect(result.errors[0]!.message).toContain('outcomes option');
    // Counted in any case, under the first spelling seen: one entry of the outcomes option maps them all.
    expect(result.unmappedOutcomes).toEqual({ Gatekeeper: 2, 'Meeting booked': 1 });
    expect(result.counts.touches).toEqual({ read: 4, mapped: 1, skipped: 0, errors: 3 });
  });

  it('a custom outcome the policy counts is kept once the option names it', () => {
    const result = fromCsv({ touches: touches('meeting-booked') }, { outcomes: { 'meeting-booked': 'meeting-booked' } });
    expect(result.errors).toEqual([]);
    expect(result.touches[0]!.outcome).toBe('meeting-booked');
  });

  it('an empty outcome cell is no outcome, as before', () => {
    const result = fromCsv({ touches: touches('') });
    expect(result.errors).toEqual([]);
    expect(result.touches[0]!.outcome).toBeUndefined();
    expect(result.unmappedOutcomes).toEqual({});
  });
});

describe('fromCsv: epoch milliseconds, as evaluate accepts them', () => {
  it('reads 12 to 16 digits as epoch milliseconds', () => {
    const ms = Date.UTC(2026, 10, 2, 9, 30);
    const result = fromCsv({
      contacts: `id,createdAt\nc1,${Date.UTC(2026, 0, 5)}\n`,
      touches: `contactId,at,channel\nc1,${ms},call\n`,
    });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.createdAt).toBe('2026-01-05T00:00:00.000Z');
    expect(result.touches[0]!.at).toBe('2026-11-02T09:30:00.000Z');
  });

  it.each([['20261102'], ['1762074000'], ['12345678901234567']])('refuses %s (a date or epoch seconds would land in 1970)', (cell) => {
    const result = fromCsv({ touches: `contactId,at,channel\nc1,${cell},call\n` });
    expect(result.errors.map((error) => error.code)).toEqual(['bad-instant']);
  });
});

describe('fromCsv: names', () => {
  it('reads a name column of contacts and owners', () => {
    const result = fromCsv({
      contacts: 'id,name,tier\nc1,Ada Lovelace,A\nc2,,B\n',
      owners: 'id,name\nu1,Grace Hopper\n',
    });
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      { id: 'c1', name: 'Ada Lovelace', tier: 'A' },
      { id: 'c2', tier: 'B' },
    ]);
    expect(result.owners).toEqual([{ id: 'u1', name: 'Grace Hopper' }]);
    expect(result.ignoredColumns).toEqual({ contacts: [], owners: [] });
  });

  it('a mapped name column', () => {
    const result = fromCsv({ contacts: 'Contact ID,Full Name\nc1,Ada\n' }, { mapping: { contacts: { id: 'Contact ID', name: 'Full Name' } } });
    expect(result.contacts).toEqual([{ id: 'c1', name: 'Ada' }]);
  });
});

describe('fromCsv: mapped columns the file lacks', () => {
  it('an attribute or event column the mapping names but the header lacks is a warning', () => {
    const result = fromCsv(
      { contacts: 'id,Revenue\nc1,5\n' },
      { mapping: { contacts: { attributes: { annualRevenue: 'Revenue', employees: 'Staff' }, events: { closedWon: 'Won On' } } } },
    );
    expect(result.contacts).toEqual([{ id: 'c1', attributes: { annualRevenue: 5 } }]);
    expect(result.warnings.map((warning) => [warning.code, warning.source, warning.path])).toEqual([
      ['field-never-set', 'contacts', ['Staff']],
      ['field-never-set', 'contacts', ['Won On']],
    ]);
  });
});
