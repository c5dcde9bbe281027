import { describe, expect, it } from 'vitest';
import { costContext, type Candidate } from '../../src/costs/context.js';
import { machineOf, type Machine } from '../../src/costs/hardware.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { ec2Instance, sagemakerInstance } from '../../src/pricing/keys.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

const knowledge = loadKnowledge();
const accelerators = knowledge.sizing.hardware.accelerators as unknown as Record<string, { speed: number }>;
const speed = (m: Machine) => (m.accelerator ? accelerators[m.accelerator.name]!.speed : 0);

/** The definition, compared with every kept candidate: no dearer, and as good on every count. */
function undominatedByDefinition(sorted: Candidate[]): string[] {
  const beats = (y: Machine, x: Machine) =>
    y.architecture === x.architecture &&
    y.kind === x.kind &&
    y.vcpu >= x.vcpu &&
    y.memoryGiB >= x.memoryGiB &&
    (x.accelerator === null ||
      (y.accelerator !== null &&
        y.accelerator.count >= x.accelerator.count &&
        y.accelerator.memoryGiB >= x.accelerator.memoryGiB &&
        speed(y) >= speed(x)));
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (!kept.some((k) => k.usdPerHour <= c.usdPerHour && beats(k.machine, c.machine))) kept.push(c);
  }
  return kept.map((c) => `${c.spec.name} ${c.usdPerHour}`);
}

describe('the candidate instances of a price book', () => {
  it('are the undominated ones, cheapest first, for every service and region', () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'us-west-2']) {
      const book = loadSnapshotPriceBook(region);
      const ctx = costContext(knowledge, book);
      const all = (service: 'sagemaker' | 'ec2', key: (name: string) => string) =>
        knowledge.instances
          .filter((spec) => spec.service === service && book.has(key(spec.name)))
          .map((spec) => ({ spec, machine: machineOf(spec), usdPerHour: book.get(key(spec.name)).usd }))
          .sort((a, b) => a.usdPerHour - b.usdPerHour);
      const names = (list: Candidate[]) => list.map((c) => `${c.spec.name} ${c.usdPerHour}`);
      for (const use of ['hosting', 'async', 'batch'] as const) {
        expect(names(ctx.sagemaker[use]), `${region} ${use}`).toEqual(
          undominatedByDefinition(all('sagemaker', (n) => sagemakerInstance(use, n))),
        );
      }
      expect(names(ctx.ec2), region).toEqual(undominatedByDefinition(all('ec2', ec2Instance)));
    }
  });
});
