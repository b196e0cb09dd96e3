/**
 * A task created from a plan carries its cycle in its key (see keys.ts). When the rep completes it
 * and the adapter reads it back, the touch must count for that cycle even when the cycle counts
 * only some purposes or channels (a quarterly review counts `review` touches): this gives the
 * touch fields that satisfy the cycle's `counts`, so the round trip closes the cycle.
 */
import type { Channel, Direction, Policy } from '../../schema/policy.js';

export interface CycleTouchShape {
  channel: Channel;
  direction: Direction;
  outcome: string;
  purpose?: string;
}

/**
 * The touch fields a completed task planned for `cycleId` should carry: a connected outbound call
 * unless the cycle counts other channels, directions or outcomes, and the cycle's first counted
 * purpose when it restricts purposes. Undefined when the policy has no cycle of that id.
 *
 * @example
 * touchShapeForCycle(policy, 'review') // { channel: 'call', direction: 'outbound', outcome: 'connected', purpose: 'review' }
 */
export function touchShapeForCycle(policy: Policy, cycleId: string): CycleTouchShape | undefined {
  for (const tier of policy.tiers) {
    for (const cycle of tier.cycles) {
      if (cycle.id !== cycleId) continue;
      const counts = cycle.counts ?? {};
      const channel: Channel = !counts.channels || counts.channels.includes('call') ? 'call' : counts.channels[0]!;
      const direction: Direction = !counts.directions || counts.directions.includes('outbound') ? 'outbound' : counts.directions[0]!;
      const outcome = !counts.outcomes || counts.outcomes.includes('connected') ? 'connected' : counts.outcomes[0]!;
      const purpose = counts.purposes?.[0];
      return purpose === undefined ? { channel, direction, outcome } : { channel, direction, outcome, purpose };
    }
  }
  return undefined;
}
