import type { Sizing } from '../knowledge/schema.js';
import type { SizingNote } from './types.js';

/**
 * The caveat when sizing lands on an instance family whose on-demand capacity is scarce (the P
 * family: knowledge/sizing.yaml scarceCapacity): say so, with the ways to secure it, and mark the
 * option down a little.
 */
export function scarceCapacityNotes(type: string, sizing: Sizing): SizingNote[] {
  const family = /^(?:ml\.)?([a-z0-9-]+?)\.[a-z0-9]+$/.exec(type)?.[1];
  const scarce = sizing.scarceCapacity;
  if (!family || !scarce.families.includes(family)) return [];
  const sm = type.startsWith('ml.');
  return [
    {
      rule: 'scarce-accelerator-capacity',
      topic: 'gpu',
      text: `${type} is a P-family instance: on-demand capacity is often unavailable; ${
        sm
          ? 'raise the SageMaker instance quota early and expect to wait for capacity'
          : 'secure it with an On-Demand Capacity Reservation or an EC2 Capacity Block for ML (paid up front)'
      } before counting on it (${scarce.source.url}, checked ${scarce.source.checked}).`,
      effect: scarce.effect,
    },
  ];
}
