/**
 * `npm start`: reads the configuration, opens the store, starts the local Graph sandbox
 * (GRAPH_MODE=sandbox, the default in local mode), seeds the demo in local mode, listens.
 * Stops cleanly on SIGINT/SIGTERM (the store closes after the last request).
 */
import { SqliteStore } from '../store';
import { buildServer } from './buildServer';
import { ConfigError, loadConfig } from './config';
import type { LocalGraph } from './localGraph/startLocalGraph';
import { completeDemoData, seedDemoData } from './seedDemoData';

async function main(): Promise<void> {
  const config = loadConfig();
  let localGraph: LocalGraph | undefined;
  if (config.graph.mode === 'sandbox') {
    const { startLocalGraph } = await import('./localGraph/startLocalGraph');
    localGraph = await startLocalGraph({
      port: config.graph.sandboxPort,
      faults: config.graph.sandboxFaults,
    });
  }
  const store = new SqliteStore(config.dataDir);
  const { app, committees, meetings } = buildServer(
    config,
    store,
    localGraph ? { localGraph } : {},
  );
  if (config.demoData && (await seedDemoData(committees, meetings))) {
    app.log.info('Created the demo committee "Operations Group" and its meeting OPSG_41_2501.');
  } else if (config.demoData && localGraph && (await completeDemoData(committees, meetings))) {
    app.log.info('Linked the demo committee and meeting to the demo tenant of the Graph sandbox.');
  }
  app.addHook('onClose', async () => {
    await store.close();
    await localGraph?.close();
  });
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Minutebook is listening on ${address} (AUTH_MODE=${config.authMode}, GRAPH_MODE=${config.graph.mode}, data in ${config.dataDir}).`,
  );
  if (localGraph) {
    app.log.info(
      `Graph sandbox (the demo tenant; no Microsoft account needed): ${localGraph.graphBaseUrl}; see what was published at ${address}/_sandbox.`,
    );
  }
  // Tests and scripts read this line to learn the port when PORT=0.
  process.stdout.write(`MINUTEBOOK_LISTENING ${address}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`Minutebook could not start: ${message}\n`);
  process.exit(1);
});
