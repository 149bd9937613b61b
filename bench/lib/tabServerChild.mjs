/**
 * Child process of `startTabServers()` (bench/lib/tabServer.mjs): ONE server process and store
 * with the demo seeded, and one listener per built tab. `main.js` cannot be told where the tab
 * is, so this composes the compiled server (dist/server/buildServer.js) itself, with `tabDir`:
 *
 *   node bench/lib/tabServerChild.mjs split=/tmp/…/split unsplit=/tmp/…/unsplit
 *
 * Every listener shares the store and the configuration from the environment (DATA_DIR,
 * AUTH_MODE, LOG_LEVEL…, read by the server's own loadConfig). For each it prints
 * `MINUTEBOOK_LISTENING <name> <url>`, then `MINUTEBOOK_READY`. SIGTERM closes them all.
 */
import { loadDist } from './dist.mjs';

const { loadConfig } = loadDist('server/config.js');
const { buildServer } = loadDist('server/buildServer.js');
const { seedDemoData } = loadDist('server/seedDemoData.js');
const { SqliteStore } = loadDist('store/index.js');

async function main() {
  const tabs = process.argv.slice(2).map((argument) => {
    const equals = argument.indexOf('=');
    if (equals < 1) throw new Error(`expected name=tabDir, got "${argument}"`);
    return { name: argument.slice(0, equals), tabDir: argument.slice(equals + 1) };
  });
  if (tabs.length === 0) throw new Error('give at least one name=tabDir');
  const config = loadConfig();
  const store = new SqliteStore(config.dataDir);
  const servers = tabs.map(({ name, tabDir }) => ({
    name,
    ...buildServer(config, store, { tabDir }),
  }));
  // As main.js does, on the first server's services (they all share the store).
  if (config.demoData) await seedDemoData(servers[0].committees, servers[0].meetings);
  for (const server of servers) {
    const address = await server.app.listen({ port: 0, host: config.host });
    process.stdout.write(`MINUTEBOOK_LISTENING ${server.name} ${address}\n`);
  }
  process.stdout.write('MINUTEBOOK_READY\n');
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void Promise.all(servers.map((server) => server.app.close()))
        .then(() => store.close())
        .then(() => process.exit(0));
    });
  }
}

main().catch((error) => {
  process.stderr.write(`tab server could not start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
