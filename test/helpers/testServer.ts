/**
 * The real server on 127.0.0.1:0 around a fresh SQLite store in a temporary directory, and a
 * small client that reads like the tab's requests. Tests fake nothing inside the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, type ServerOptions, type ServerParts } from '../../src/server/buildServer';
import { loadConfig, type Config } from '../../src/server/config';
import { startLocalGraph, type LocalGraph } from '../../src/server/localGraph/startLocalGraph';
import type { FaultSettings } from '../../src/sandbox';
import { SqliteStore } from '../../src/store';

export interface TestServer extends ServerParts {
  baseUrl: string;
  dataDir: string;
  store: SqliteStore;
  /** The in-process Graph sandbox with the demo tenant, when asked for (`graph: 'sandbox'`). */
  localGraph: LocalGraph | null;
  close(): Promise<void>;
}

export interface TestServerOptions extends ServerOptions {
  /**
   * 'sandbox': the server's Graph is an in-process Graph sandbox seeded with the demo tenant
   * (as `npm start` runs it), which answers 500 to any answer of its own that breaks Graph's types.
   */
  graph?: 'sandbox';
  /** Fault settings of that sandbox. */
  sandboxFaults?: FaultSettings;
}

export function temporaryDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-test-'));
}

export async function startTestServer(
  env: Record<string, string> = {},
  { graph, sandboxFaults, ...options }: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? temporaryDataDir();
  const config: Config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', ...env, DATA_DIR: dataDir });
  const store = new SqliteStore(dataDir);
  const localGraph =
    graph === 'sandbox'
      ? await startLocalGraph({ responseValidation: 'throw', faults: sandboxFaults ?? null })
      : null;
  const parts = buildServer(config, store, {
    logger: false,
    ...(localGraph ? { localGraph } : {}),
    ...options,
  });
  const host = config.host === 'localhost' ? '127.0.0.1' : config.host;
  const baseUrl = await parts.app.listen({
    port: 0,
    host: host === '0.0.0.0' ? '127.0.0.1' : host,
  });
  return {
    ...parts,
    baseUrl,
    dataDir,
    store,
    localGraph,
    async close() {
      // A client that gave up while connecting leaves a socket that never sends a request;
      // without this, close() would wait for the keep-alive timeout.
      const closing = parts.app.close();
      parts.app.server.closeIdleConnections();
      await closing;
      await store.close();
      await localGraph?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends JSON (or a raw string body) and parses the JSON answer. */
export async function api<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  baseUrl: string,
  method: string,
  urlPath: string,
  options: {
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    user?: string;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) headers['x-minutebook-user'] = options.user;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${urlPath}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}
