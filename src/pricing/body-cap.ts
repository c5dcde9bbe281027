import { Readable, Transform } from 'node:stream';

/**
 * A cap on the size of one Price List API answer. A page holds at most 100 products of a few
 * kilobytes each (about 0.5 MB for the largest EC2 pages seen), so 8 MiB is far above any real
 * answer, and far below what a misbehaving endpoint could stream: without a cap the SDK collected a
 * 300 MB body whole (3.6 GB of memory).
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(limit: number) {
    super(
      `the Price List API answer is larger than ${Math.round(limit / (1024 * 1024))} MB; it was not read further`,
    );
  }
}

/** What the SDK's middleware stack accepts: only the part used here. */
interface Stack {
  add(
    middleware: (next: (args: unknown) => Promise<{ response: unknown }>) => (args: unknown) => Promise<{
      response: unknown;
    }>,
    options: { step: 'deserialize'; priority: 'low'; name: string },
  ): void;
}

/**
 * Wraps each raw HTTP response body in a counting stream that fails past `limit` bytes and closes
 * the connection. Added at the low end of the deserialize step, so it sits between the HTTP
 * handler and the SDK's body reader.
 */
export function capResponseBodies(stack: Stack, limit = MAX_RESPONSE_BYTES): void {
  stack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { body?: unknown } | undefined;
      if (response && response.body instanceof Readable) response.body = capped(response.body, limit);
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'mldaResponseBodyCap' },
  );
}

function capped(body: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        body.destroy();
        done(new ResponseTooLargeError(limit));
        return;
      }
      done(null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
}
