import { formatNumber, plural } from '../../core/format.js';
import type { Workload } from '../../core/workload.js';
import type { Sizing } from '../../knowledge/schema.js';
import { activeRate, peakShare, round, type Fleet } from '../fleet.js';

/**
 * Asynchronous inference puts a queue in front of the instances: a peak the fleet cannot serve as
 * it arrives waits in the queue and is served afterwards. So the fleet at the peak is sized to
 * clear the backlog a peak builds within the acceptable wait (the p95 target less the time to
 * serve a request), not to serve the peak rate as it arrives. A peak lasts sizing.yaml
 * peakMinutes. The last request queued at the end of the peak waits for the backlog ahead of it:
 * backlog / (n x capacity) <= wait, with backlog = (peak rate - n x capacity) x peak length, so
 * n >= peak rate x peak / (capacity x (peak + wait)). The instances stay scaled out until the
 * backlog has drained, which the average counts: the work is the same, spread over more time.
 */
export interface QueuedFleet {
  fleet: Fleet;
  /** The instances the peak rate alone would take (the fleet's max before the queue). */
  unqueuedMax: number;
  /** Seconds a request may wait in the queue; null for offline work (no limit). */
  waitS: number | null;
  /** Seconds the fleet takes after the peak to clear the backlog. */
  drainS: number;
}

export function queuedFleet(f: Fleet, w: Workload, sizing: Sizing): QueuedFleet {
  const target = w.answers.latencyP95Ms;
  const peakS = sizing.peakMinutes * 60;
  const mu = f.capacityRps;
  const peakRate = w.peakRequestsPerSecond;
  const usual = activeRate(w);
  const waitS = target === null ? null : Math.max(0, (target - f.serving.latencyMs) / 1000);
  const need = waitS === null ? f.initial : Math.ceil((peakRate * peakS) / (mu * (peakS + waitS)) - 1e-9);
  let max = Math.min(f.max, Math.max(f.initial, need));
  // A backlog drains only on capacity above the usual rate.
  const backlogOf = (n: number) => Math.max(0, (peakRate - n * mu) * peakS);
  while (max < f.max && backlogOf(max) > 0 && max * mu <= usual * (1 + 1e-9)) max += 1;
  const backlog = backlogOf(max);
  const drainS = backlog > 0 ? backlog / (max * mu - usual) : 0;
  // The share of the active time scaled out: the peaks and the drains after them.
  const scaledShare = Math.min(1, (peakShare(w, sizing) * (peakS + drainS)) / peakS);
  const busy = f.initial + (max - f.initial) * scaledShare;
  const average = round(w.activeShare * busy + (1 - w.activeShare) * f.min, 3);
  return {
    fleet: { ...f, max, average, monthlyUsd: average * w.hoursPerMonth * f.usdPerHour },
    unqueuedMax: f.max,
    waitS,
    drainS,
  };
}

/** The sentence beside the figure: how the queue sized the fleet at the peak. */
export function queueAssumption(q: QueuedFleet, w: Workload, sizing: Sizing): string {
  const f = q.fleet;
  const peak = `${formatNumber(sizing.peakMinutes)}-minute peak of ${formatNumber(w.peakRequestsPerSecond)} requests/s`;
  const drain =
    q.drainS > 0 ? `; the backlog clears about ${formatNumber(Math.round(q.drainS))} s after the peak` : '';
  const assumed = `assumption: a peak lasts ${formatNumber(sizing.peakMinutes)} minutes, sizing.yaml peakMinutes`;
  const unqueued = `serving the peak as it arrives would take ${formatNumber(q.unqueuedMax)}`;
  if (q.waitS === null)
    return `At most ${plural(f.max, 'instance')}, sized from the queue: offline work sets no limit on the wait, so a ${peak} (${assumed}) waits in the queue for the fleet that serves the usual rate${drain}; ${unqueued}.`;
  return `At most ${plural(f.max, 'instance')}, sized from the queue: a ${peak} (${assumed}) queues what the fleet cannot serve at once, and ${formatNumber(f.max)} clear that backlog within the ${formatNumber(Math.round(q.waitS))} s a request may wait (the ${formatNumber(w.answers.latencyP95Ms ?? 0)} ms target less the ${formatNumber(f.serving.latencyMs)} ms to serve it)${drain}; ${unqueued}.`;
}
