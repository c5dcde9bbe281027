import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/**
 * A loopback server that speaks the AWS JSON 1.1 protocol (SageMaker, Pricing, ...) the way the real
 * SDK clients expect it, so tests run the real `@aws-sdk/client-*` code against 127.0.0.1:
 *
 * - `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and `Content-Type: application/x-amz-json-1.1`;
 * - a JSON body back with the same content type and an `x-amzn-RequestId`;
 * - errors as `{"__type": "...", "message": "..."}` with the status AWS uses (400 for throttling and
 *   validation, so the SDK's retry strategy recognises throttling by its error code).
 *
 * Handlers can be replaced while the server runs (`server.handle(...)`), every request is logged for
 * assertions, and an artificial delay can hold responses (to test timeouts and Ctrl+C).
 */

/** What a handler returns: the output object, serialised as the JSON body. */
export type AwsJsonOutput = Record<string, unknown>;

/** One recorded request. */
export interface AwsJsonRequest {
  operation: string;
  target: string;
  input: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  at: number;
}

export type AwsJsonHandler = (
  input: Record<string, unknown>,
  request: AwsJsonRequest,
) => AwsJsonOutput | Promise<AwsJsonOutput>;

/** Throw this from a handler to answer with an AWS error. */
export class AwsJsonError extends Error {
  constructor(
    /** The error shape name, e.g. `ThrottlingException`, `ValidationException`, `ResourceNotFound`. */
    readonly type: string,
    message: string,
    /** HTTP status; defaults to AWS's usual status for the type (see `defaultStatus`). */
    readonly status: number = defaultStatus(type),
  ) {
    super(message);
  }
}

/** AWS JSON services answer client errors (throttling included) with 400, server faults with 5xx. */
export function defaultStatus(type: string): number {
  if (/^(InternalFailure|InternalServerError|InternalServerException|ServiceException)$/.test(type))
    return 500;
  if (/^ServiceUnavailable(Exception)?$/.test(type)) return 503;
  if (/^(AccessDenied|AccessDeniedException)$/.test(type)) return 403;
  return 400;
}

export interface AwsJsonServerOptions {
  /** The target prefix, e.g. `SageMaker` or `AWSPriceListService`; requests with another prefix get 400. */
  targetPrefix: string;
  /** Operation name -> handler. Operations without a handler answer `UnknownOperationException`. */
  handlers?: Record<string, AwsJsonHandler>;
  /** Delay before every response, in ms, or a function of the operation (0 = none). */
  delayMs?: number | ((operation: string) => number);
}

export interface AwsJsonServer {
  /** `http://127.0.0.1:PORT`, once started. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order, including rejected ones. */
  readonly requests: AwsJsonRequest[];
  start(): Promise<string>;
  close(): Promise<void>;
  /** Adds or replaces the handler of one operation. */
  handle(operation: string, handler: AwsJsonHandler): void;
  /** Changes the artificial delay. */
  setDelay(delayMs: number | ((operation: string) => number)): void;
  /** How many requests an operation received (all operations when omitted). */
  count(operation?: string): number;
  /** The inputs an operation received, in order. */
  inputs(operation: string): Record<string, unknown>[];
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function createAwsJsonServer(options: AwsJsonServerOptions): AwsJsonServer {
  const handlers = new Map(Object.entries(options.handlers ?? {}));
  const requests: AwsJsonRequest[] = [];
  let delay = options.delayMs ?? 0;
  let port = 0;
  let server: Server | undefined;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (res.destroyed) return; // the client gave up (abort, timeout)
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, type: string, message: string, status = defaultStatus(type)) =>
    send(res, status, { __type: type, message });

  const onRequest = async (
    body: string,
    headers: IncomingHttpHeaders,
    method: string,
    res: ServerResponse,
  ) => {
    const target = String(headers['x-amz-target'] ?? '');
    const dot = target.lastIndexOf('.');
    const prefix = dot >= 0 ? target.slice(0, dot) : '';
    const operation = dot >= 0 ? target.slice(dot + 1) : target;
    let input: Record<string, unknown> = {};
    let parseError: string | undefined;
    try {
      const parsed: unknown = body === '' ? {} : JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        input = parsed as Record<string, unknown>;
      else parseError = 'the body is not a JSON object';
    } catch {
      parseError = 'the body is not valid JSON';
    }
    const request: AwsJsonRequest = { operation, target, input, headers, at: Date.now() };
    requests.push(request);

    const wait = typeof delay === 'function' ? delay(operation) : delay;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    if (method !== 'POST')
      return sendError(res, 'UnsupportedOperation', `method ${method} is not allowed`, 405);
    const contentType = String(headers['content-type'] ?? '');
    if (!contentType.startsWith(CONTENT_TYPE)) {
      return sendError(
        res,
        'SerializationException',
        `content-type must be ${CONTENT_TYPE}, got "${contentType}"`,
      );
    }
    if (prefix !== options.targetPrefix) {
      return sendError(res, 'UnknownOperationException', `unknown target "${target}"`);
    }
    if (parseError) return sendError(res, 'SerializationException', parseError);
    const handler = handlers.get(operation);
    if (!handler) return sendError(res, 'UnknownOperationException', `no handler for ${operation}`);
    try {
      send(res, 200, await handler(input, request));
    } catch (error) {
      if (error instanceof AwsJsonError) return sendError(res, error.type, error.message, error.status);
      sendError(res, 'InternalFailure', error instanceof Error ? error.message : String(error));
    }
  };

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    requests,
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          void onRequest(Buffer.concat(chunks).toString('utf8'), req.headers, req.method ?? '', res);
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(0, '127.0.0.1', () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      if (!server) return;
      const s = server;
      server = undefined;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    handle(operation, handler) {
      handlers.set(operation, handler);
    },
    setDelay(delayMs) {
      delay = delayMs;
    },
    count(operation) {
      return operation === undefined
        ? requests.length
        : requests.filter((r) => r.operation === operation).length;
    },
    inputs(operation) {
      return requests.filter((r) => r.operation === operation).map((r) => r.input);
    },
  };
}

/** Static fake credentials for SDK clients pointed at the loopback server. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDTESTTESTTEST',
  secretAccessKey: 'test-secret-not-real',
} as const;
