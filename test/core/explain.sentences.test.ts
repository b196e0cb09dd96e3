/**
 * The sentence a rep reads about touches that did not count: an article that fits the word after
 * it, and words a person says ("no answer", "an inbound call") rather than field values.
 */
import { describe, expect, it } from 'vitest';
import { type DueItem, evaluate, explain, type NotCountedTouch } from '../../src/index.js';
import { policyWith } from '../helpers.js';

/** An overdue item whose reason lists one touch that did not count, built by hand. */
function itemWith(touch: Omit<NotCountedTouch, 'at' | 'on'>): DueItem {
  return {
    contactId: 'c1',
    cycleId: 'check-in',
    tierId: 'A',
    ownerId: 'u1',
    status: 'overdue',
    dueOn: '2026-11-10',
    daysOverdue: 3,
    lastTouchAt: null,
    escalation: null,
    reason: {
      tierId: 'A',
      tier: { by: 'default' },
      cycleId: 'check-in',
      cadence: { every: 'P14D' },
      timeZone: 'UTC',
      contactCalendar: null,
      basis: 'touch',
      lastTouchOn: '2026-10-27',
      rawDue: '2026-11-10',
      shiftedTo: null,
      shift: 'following',
      pausedUntil: null,
      snoozedUntil: null,
      notCounted: [{ at: '2026-11-12T10:00:00.000Z', on: '2026-11-12', ...touch }],
    },
  };
}

/** What follows "did not count: " up to the date. */
function touchPhrase(item: DueItem): string {
  const sentence = explain(item);
  const match = /did not count: (.*) on 2026-11-12 \((.*)\)\.$/.exec(sentence);
  if (!match) throw new Error(`no did-not-count clause in: ${sentence}`);
  return `${match[1]} | ${match[2]}`;
}

const NOUNS = [
  ['call', 'a call'],
  ['meeting', 'a meeting'],
  ['visit', 'a visit'],
  ['email', 'an email'],
  ['message', 'a message'],
  ['other', 'a touch of another kind'],
] as const;

describe('explain: the touches that did not count, in words a rep reads', () => {
  it.each(NOUNS)('channel %s refused: "%s"', (channel, noun) => {
    expect(touchPhrase(itemWith({ channel, why: 'channel', value: channel }))).toBe(`${noun} | its channel does not count for this cycle`);
  });

  it.each([
    ['call', 'voicemail', 'a call (voicemail)'],
    ['call', 'no-answer', 'a call (no answer)'],
    ['email', 'bounced', 'an email (bounced)'],
    ['other', 'no-answer', 'a touch of another kind (no answer)'],
    ['message', 'bounced', 'a message (bounced)'],
  ] as const)('attempt: a %s with outcome %s is "%s"', (channel, value, phrase) => {
    expect(touchPhrase(itemWith({ channel, why: 'attempt', value }))).toBe(`${phrase} | an attempt without contact`);
  });

  it.each([
    ['email', 'connected', 'an email (connected)'],
    ['meeting', 'Left voicemail', 'a meeting (Left voicemail)'],
    ['visit', null, 'a visit (no outcome)'],
    ['other', 'connected', 'a touch of another kind (connected)'],
  ] as const)('outcome refused: a %s with outcome %s is "%s"', (channel, value, phrase) => {
    expect(touchPhrase(itemWith({ channel, why: 'outcome', value }))).toBe(`${phrase} | its outcome does not count for this cycle`);
  });

  it.each([
    ['call', 'inbound', 'an inbound call'],
    ['email', 'outbound', 'an outbound email'],
    ['visit', 'outbound', 'an outbound visit'],
    ['other', 'inbound', 'an inbound touch of another kind'],
    ['meeting', null, 'a meeting with no direction'],
    ['email', null, 'an email with no direction'],
  ] as const)('direction refused: a %s %s is "%s"', (channel, value, phrase) => {
    expect(touchPhrase(itemWith({ channel, why: 'direction', value }))).toBe(`${phrase} | its direction does not count for this cycle`);
  });

  it.each([
    ['call', 'sales', 'a call for sales'],
    ['email', 'check-in', 'an email for check-in'],
    ['other', 'review', 'a touch of another kind for review'],
    ['message', null, 'a message with no purpose'],
    ['email', null, 'an email with no purpose'],
  ] as const)('purpose refused: a %s for %s is "%s"', (channel, value, phrase) => {
    expect(touchPhrase(itemWith({ channel, why: 'purpose', value }))).toBe(`${phrase} | its purpose does not count for this cycle`);
  });

  it('never writes "a" before a vowel nor a bare "other", whatever the channel and field', () => {
    for (const [channel] of NOUNS) {
      for (const why of ['channel', 'direction', 'outcome', 'attempt', 'purpose'] as const) {
        for (const value of [null, 'inbound', 'outbound', 'voicemail', 'no-answer', 'sales']) {
          const sentence = explain(itemWith({ channel, why, value }));
          expect(sentence).not.toMatch(/\ba [aeiou]/i);
          expect(sentence).not.toMatch(/\ban [^aeiou]/i);
          expect(sentence).not.toMatch(/\ba other\b/);
        }
      }
    }
  });
});

describe('other sentences with an article', () => {
  it.each([
    [[], 'an object is not an id'],
    [{}, 'an object is not an id'],
    [true, 'a boolean is not an id'],
  ])('a bad id %j reads "%s…"', (value, start) => {
    const { errors } = evaluate({ policy: policyWith({ cadence: { every: 'P14D' } }), contacts: [{ id: value as never }], touches: [], now: '2026-11-23T12:00:00Z' });
    expect(errors[0]!.message.startsWith(start)).toBe(true);
  });
});
