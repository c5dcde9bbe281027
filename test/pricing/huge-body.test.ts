import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES } from '../../src/pricing/body-cap.js';
import { resolvePrices } from '../../src/pricing/resolve.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';

/**
 * A Price List endpoint that answers every query with an endless JSON body (a hostile or broken
 * proxy). It stops after `total` bytes so the test stays bounded even on code without a cap, and
 * counts what the client accepted before it hung up.
 */
function hugeBodyServer(total: number): Promise<{ server: Server; url: string; sent: () => number }> {
  let sent = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let written = 0;
      res.write('{"FormatVersion":"aws_v1","PriceList":["');
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"]}');
      };
      res.on('close', () => undefined);
      pump();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}`, sent: () => sent });
    }),
  );
}

let open: Server | undefined;
afterEach(() => {
  open?.closeAllConnections();
  open?.close();
});

describe('a live answer that never ends', () => {
  it('is cut at the size cap, with a warning, and the snapshot is used', async () => {
    const total = 96 * 1024 * 1024;
    const fake = await hugeBodyServer(total);
    open = fake.server;
    const home = mkdtempSync(join(tmpdir(), 'mlda-huge-body-'));
    const rssBefore = process.memoryUsage().rss;
    const { book, warnings } = await resolvePrices({
      mode: 'live',
      region: 'us-east-1',
      endpoint: fake.url,
      env: {
        HOME: home,
        XDG_CACHE_HOME: join(home, 'cache'),
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS: '60000',
      },
      live: { maxAttempts: 1, concurrency: 1, requestTimeoutMs: 60_000 },
    });
    const grown = process.memoryUsage().rss - rssBefore;
    expect(book.info.source).toBe('snapshot');
    expect(warnings.join('\n')).toMatch(/larger than 8 MB/);
    // The client hung up soon after the cap: far less than the server would have sent.
    expect(fake.sent()).toBeLessThan(MAX_RESPONSE_BYTES * 4);
    // Memory: the cap plus the SDK's buffering, not the whole body (the old code kept all 96 MB,
    // and several times that as strings).
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
