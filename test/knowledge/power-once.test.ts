import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { ONPREM } from '../../src/pricing/keys.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

/**
 * Own servers' electricity is their IT draw times the room's PUE (knowledge/tco.yaml): the draw
 * itself must not include cooling. An ML platform engineer found the watts taken "including
 * cooling (PUE about 1.5)" and then multiplied by the PUE of 1.56 again, 35-56% too much power.
 */
const knowledge = loadKnowledge();
const book = loadSnapshotPriceBook('us-east-1');

/** Board power (TDP) of the cards in the small servers, from their makers' data sheets. */
const BOARD_WATTS: Record<string, number> = { T4: 70, L4: 72, A10G: 150, H100PCIe: 350 };

describe('own servers pay for cooling once', () => {
  it("the price book's draws are IT draws: their notes leave cooling to the PUE", () => {
    for (const key of [ONPREM.wattsCpu, ONPREM.wattsGpu]) {
      const note = book.assumption(key).note ?? '';
      expect(note, key).toMatch(/IT draw/);
      expect(note, key).not.toMatch(/including (its share of )?cooling/i);
    }
  });

  it('a GPU server built on the CPU server draws the CPU server plus its cards, no PUE inside', () => {
    const cpu = book.assumption(ONPREM.wattsCpu).value;
    const built = knowledge.sizing.onPremGpuServers.filter(
      (s) => s.vcpu === book.assumption(ONPREM.serverVcpus).value && s.accelerator in BOARD_WATTS,
    );
    expect(built.length).toBeGreaterThanOrEqual(4);
    for (const s of built) expect(s.watts, s.name).toBe(cpu + s.count * BOARD_WATTS[s.accelerator]!);
  });
});
