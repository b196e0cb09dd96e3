/**
 * Relationship balance: does a rep only call when they need something? Per contact, the share of
 * recent touches whose purpose was not `sales`, and a one-way flag when the last k were all sales.
 */
import { countsByDefault } from './touches.js';
import type { TouchFields } from './intake.js';

/** The balance of one contact's recent touches. */
export interface ContactBalance {
  contactId: string;
  ownerId: string | null;
  /** How many recent touches were looked at (at most the policy's `recentTouches`). */
  recentTouches: number;
  /** Share (0–1) of those that were not sales; null when there are none. */
  nonSalesShare: number | null;
  /** The last `oneWayAfter` touches were all sales. */
  oneWay: boolean;
}

export interface BalanceSettings {
  recentTouches: number;
  oneWayAfter: number;
}

export const DEFAULT_BALANCE: BalanceSettings = { recentTouches: 10, oneWayAfter: 3 };

/**
 * Balance from one contact's touches (already validated, none after now), given as epoch ms and
 * the touch. Only the rep's side counts: outbound touches (or those without a direction) that
 * reached the contact (attempts such as voicemail do not). Duplicates (same instant and channel)
 * count once; among touches at the same instant, ordering by channel keeps the result
 * independent of input order.
 */
export function contactBalance(
  contactId: string,
  ownerId: string | null,
  touches: readonly { ms: number; touch: TouchFields }[],
  settings: BalanceSettings,
): ContactBalance {
  const seen = new Set<string>();
  const mine = touches
    .filter(({ ms, touch }) => {
      if (touch.direction === 'inbound' || !countsByDefault(touch)) return false;
      const key = `${ms}\u0000${touch.channel}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => b.ms - a.ms || (a.touch.channel < b.touch.channel ? -1 : a.touch.channel > b.touch.channel ? 1 : 0));
  const recent = mine.slice(0, settings.recentTouches);
  const nonSales = recent.filter(({ touch }) => touch.purpose !== 'sales').length;
  const lastK = mine.slice(0, settings.oneWayAfter);
  return {
    contactId,
    ownerId,
    recentTouches: recent.length,
    nonSalesShare: recent.length === 0 ? null : nonSales / recent.length,
    oneWay: lastK.length === settings.oneWayAfter && lastK.every(({ touch }) => touch.purpose === 'sales'),
  };
}
