/**
 * The local mode's Microsoft Graph: the Graph sandbox, in this process, holding the demo
 * committee's tenant (seedDemoTenant.ts), on 127.0.0.1 and a port of its own (SANDBOX_PORT, or a
 * free one). The server's Graph clients call it over HTTP like Graph; people see it through the
 * inspector, which the main server also serves at /_sandbox (sandboxProxy.ts).
 *
 * `POST /_sandbox/reset` seeds the demo tenant again, not the sandbox's generic one.
 */
import { createGraphSandbox, type FaultSettings, type GraphSandbox } from '../../sandbox';
import { DEMO_ORGANIZER } from '../../demo/demoTenant';
import { seedDemoTenant } from './seedDemoTenant';

export interface LocalGraph {
  sandbox: GraphSandbox;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/v1.0`: the base URL of the server's Graph clients. */
  graphBaseUrl: string;
  /** The user delegated calls act as: the demo tenant's secretary, organiser of its meeting. */
  delegatedUserId: string;
  close(): Promise<void>;
}

export interface LocalGraphOptions {
  port?: number;
  faults?: FaultSettings | null;
  /**
   * 'record' (default, for people): the sandbox's own contract violations are listed at
   * /_sandbox/violations; 'throw' (tests): they become 500 answers nobody can miss.
   */
  responseValidation?: 'record' | 'throw';
}

export async function startLocalGraph(options: LocalGraphOptions = {}): Promise<LocalGraph> {
  const sandbox = createGraphSandbox({
    seed: false,
    defaultUserId: DEMO_ORGANIZER.id,
    responseValidation: options.responseValidation ?? 'record',
    ...(options.faults ? { faults: options.faults } : {}),
  });
  seedDemoTenant(sandbox.state);
  const resetGeneric = sandbox.reset.bind(sandbox);
  sandbox.reset = () => {
    resetGeneric();
    seedDemoTenant(sandbox.state);
  };
  const address = await sandbox.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const url = address.replace('://localhost', '://127.0.0.1');
  return {
    sandbox,
    url,
    graphBaseUrl: `${url}/v1.0`,
    delegatedUserId: DEMO_ORGANIZER.id,
    async close() {
      const closing = sandbox.app.close();
      sandbox.app.server.closeIdleConnections();
      await closing;
    },
  };
}
