import { formatNumber, plural } from '../core/format.js';
import { FARGATE_EPHEMERAL_GB_HOUR, fargateGbHour, fargateVcpuHour, type Arch } from '../pricing/keys.js';
import type { PriceBook } from '../pricing/types.js';
import { clean, priceLine } from './money.js';
import type { LineItem } from './types.js';

/**
 * Amazon ECS on AWS Fargate (https://aws.amazon.com/fargate/pricing/): vCPU-hours and GB-hours of
 * the task size, per architecture, plus ephemeral storage configured above the 20 GB each task
 * includes. Billed per second with a one-minute minimum; `hours` is the running time per task.
 */
export interface FargateParams {
  vcpu: number;
  memoryGb: number;
  /** May be fractional: an average count over the month when autoscaling. */
  tasks: number;
  hours: number;
  arch: Arch;
  ephemeralStorageGb: number;
}

export const FARGATE_FREE_STORAGE_GB = 20;

export function fargateLineItems(
  p: FargateParams,
  prices: PriceBook,
  /** False: no labels (the ranking's numbers pass, see CostContext.explain). */
  explain = true,
): LineItem[] {
  // Per-second billing with a one-minute minimum for each task run.
  const hours = p.hours > 0 ? Math.max(p.hours, 1 / 60) : 0;
  const taskHours = p.tasks * hours;
  const lines = [
    priceLine(
      explain
        ? `vCPU (${plural(p.tasks, 'task')} x ${formatNumber(p.vcpu)} vCPU x ${formatNumber(clean(hours, 6), 6)} h, ${p.arch})`
        : '',
      taskHours * p.vcpu,
      prices.get(fargateVcpuHour(p.arch)),
    ),
    priceLine(
      explain
        ? `Memory (${plural(p.tasks, 'task')} x ${formatNumber(p.memoryGb)} GB x ${formatNumber(clean(hours, 6), 6)} h, ${p.arch})`
        : '',
      taskHours * p.memoryGb,
      prices.get(fargateGbHour(p.arch)),
    ),
  ];
  const extra = Math.max(0, p.ephemeralStorageGb - FARGATE_FREE_STORAGE_GB);
  if (extra > 0) {
    lines.push(
      priceLine(
        `Ephemeral storage above ${FARGATE_FREE_STORAGE_GB} GB`,
        taskHours * extra,
        prices.get(FARGATE_EPHEMERAL_GB_HOUR),
      ),
    );
  }
  return lines;
}
