import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import type { PriceBook } from '../../src/pricing/types.js';

/**
 * The bundled snapshot's price book for a region, loaded once per test process, for the helpers
 * that generate repositories and reports from many answers. As in one CLI run, the engine's
 * ranking cache and the scaffold's report-model cache (src/scaffold/report.ts) are kept per price
 * book object: a book made afresh for every repository missed both, so a suite of hostile project
 * names rebuilt the same ranking and report model for every name. Frozen: a test that needs to
 * change prices loads its own book.
 */
const books = new Map<string, PriceBook>();

export function snapshotPrices(region = 'us-east-1'): PriceBook {
  let book = books.get(region);
  if (!book) books.set(region, (book = Object.freeze(loadSnapshotPriceBook(region))));
  return book;
}
