/**
 * Starts the sandbox on a port (0 picks a free one) and returns it with its base URL: Graph is at
 * `${url}/v1.0`, the inspector at `${url}/_sandbox`. Used by tests and by the local mode.
 */
import {
  createGraphSandbox,
  type GraphSandbox,
  type GraphSandboxOptions,
} from './createGraphSandbox';

export interface StartOptions extends GraphSandboxOptions {
  port?: number;
  /** Default 127.0.0.1: the sandbox is a local tool and never listens beyond the machine unasked. */
  host?: string;
}

export interface RunningGraphSandbox extends GraphSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/v1.0`, the value for a Graph client's base URL. */
  graphBaseUrl: string;
  close(): Promise<void>;
}

export async function startGraphSandbox(options: StartOptions = {}): Promise<RunningGraphSandbox> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const sandbox = createGraphSandbox(rest);
  const address = await sandbox.app.listen({ port, host });
  const url = address.replace('://localhost', '://127.0.0.1');
  return Object.assign(sandbox, {
    url,
    graphBaseUrl: `${url}/v1.0`,
    async close() {
      const closing = sandbox.app.close();
      sandbox.app.server.closeIdleConnections();
      await closing;
    },
  });
}
