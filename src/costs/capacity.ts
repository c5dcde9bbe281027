import type { Sizing } from '../knowledge/schema.js';
import type { SizingNote } from './types.js';

/**
 * The caveat when sizing lands on an instance family whose on-demand capacity is scarce (the P
 * family: knowledge/sizing.yaml scarceCapacity): say so, with the ways to secure it, and mark the
 * option down a little.
 */
export function scarceCapacityNotes(type: string, sizing: Sizing): SizingNote[] {
  const scarce = sizing.scarceCapacity;
  if (!scarceFamily(type, scarce.families)) return [];
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

/** Whether an instance type (ml. or EC2) is of a scarce family, worked out once per type and list. */
const scarceTypes = new WeakMap<readonly string[], Map<string, boolean>>();

function scarceFamily(type: string, families: readonly string[]): boolean {
  let byType = scarceTypes.get(families);
  if (!byType) scarceTypes.set(families, (byType = new Map()));
  let scarce = byType.get(type);
  if (scarce === undefined) {
    const family = /^(?:ml\.)?([a-z0-9-]+?)\.[a-z0-9]+$/.exec(type)?.[1];
    scarce = family !== undefined && families.includes(family);
    // Types come from the catalogue and Fargate's sizes: a bound only against a runaway caller.
    if (byType.size < 10_000) byType.set(type, scarce);
  }
  return scarce;
}
