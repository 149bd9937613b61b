/**
 * A tiny HTTP server for the middleware tests: each test scripts the answers, and the server
 * records what arrived (method, path, headers, body). It is not a Graph look-alike — that is
 * src/sandbox — only a way to make the wire do exactly one thing at a time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait before answering (to trigger client timeouts). */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
}

export type Script = (request: ReceivedRequest, index: number) => Answer;

export interface FakeGraphServer {
  origin: string;
  baseUrl: string;
  received: ReceivedRequest[];
  /** Replaces the script for the next requests. */
  script(next: Script): void;
  close(): Promise<void>;
}

export async function startFakeGraphServer(
  initial: Script = () => ({ status: 200, body: {} }),
): Promise<FakeGraphServer> {
  let current = initial;
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const answer = current(request, received.length - 1);
      const respond = (): void => {
        if (answer.reset) {
          req.socket.destroy();
          return;
        }
        const isText = typeof answer.body === 'string';
        const payload =
          answer.body === undefined
            ? ''
            : isText
              ? (answer.body as string)
              : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(answer.body !== undefined && !isText ? { 'Content-Type': 'application/json' } : {}),
          'request-id': `req-${received.length}`,
          ...answer.headers,
        });
        res.end(payload);
      };
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) respond();
        }, answer.delayMs);
        timers.add(timer);
      } else {
        respond();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v1.0`,
    received,
    script(next) {
      current = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A sleep that does not sleep, and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

export function graphError(code: string, message: string): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        'request-id': 'e5a3c1d2-0b4f-4f6e-9d1a-3c2b1a0f9e8d',
        date: '2026-08-20T10:00:00',
      },
    },
  };
}
