/**
 * `npm start`: reads the configuration, opens the store, seeds the demo in local mode, listens.
 * Stops cleanly on SIGINT/SIGTERM (the store closes after the last request).
 */
import { SqliteStore } from '../store';
import { buildServer } from './buildServer';
import { ConfigError, loadConfig } from './config';
import { seedDemoData } from './seedDemoData';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = new SqliteStore(config.dataDir);
  const { app, committees, meetings } = buildServer(config, store);
  if (config.demoData && (await seedDemoData(committees, meetings))) {
    app.log.info('Created the demo committee "Operations Group" and its meeting OPSG_41_2501.');
  }
  app.addHook('onClose', async () => store.close());
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Minutebook is listening on ${address} (AUTH_MODE=${config.authMode}, data in ${config.dataDir}).`,
  );
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
