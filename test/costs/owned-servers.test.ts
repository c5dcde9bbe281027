import { describe, expect, it } from 'vitest';
import { run } from '../core/support.js';

/**
 * Owned servers bill no hardware, but the line says what the sizing assumed the team owns and
 * what it would cost bought new (a reviewer read "2 x 8 x H100 server, owned already, $0" for a
 * 70B model and nothing said that hardware was worth $640,000).
 */
describe('own servers the team already has', () => {
  const answers = {
    framework: 'huggingface',
    gpu: 'required',
    modelSizeMb: 140000,
    trafficPattern: 'steady',
    requestsPerSecond: 1,
    latencyP95Ms: 15000,
    monthlyBudgetUsd: 15000,
    inputTokens: 1000,
    outputTokens: 300,
    hosting: 'on-prem-only',
  } as const;

  it('bill $0 hardware and name the bought-new price of exactly that hardware', () => {
    const owned = run({ ...answers, existingServers: 'available' }).ranking.find(
      (r) => r.option === 'on-prem',
    )!;
    const bought = run({ ...answers, existingServers: 'none' }).ranking.find((r) => r.option === 'on-prem')!;
    const ownedLine = owned.lineItems.find((l) => l.item.startsWith('Hardware'))!;
    const boughtLine = bought.lineItems.find((l) => l.item.startsWith('Hardware'))!;
    expect(ownedLine.usd).toBe(0);
    expect(ownedLine.quantity).toBe(boughtLine.quantity);
    const month = /bought new: \$[\d,.]+ \(\$([\d,.]+) a month over 36 months\)/.exec(ownedLine.item)?.[1];
    expect(month, ownedLine.item).toBeDefined();
    expect(Number(month!.replace(/,/g, ''))).toBeCloseTo(boughtLine.usd, 0);
  });

  it('a team buying new servers sees no such note', () => {
    const bought = run({ ...answers, existingServers: 'none' }).ranking.find((r) => r.option === 'on-prem')!;
    expect(bought.lineItems.map((l) => l.item).join('\n')).not.toMatch(/bought new|owned already/);
  });
});
