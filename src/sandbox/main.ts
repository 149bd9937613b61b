/**
 * Runs the Graph sandbox on its own: `node dist/sandbox/main.js`. Environment: SANDBOX_PORT
 * (default 4100), SANDBOX_HOST (default 127.0.0.1), SANDBOX_FAULTS (JSON fault settings),
 * SANDBOX_PAGE_SIZE. Prints `GRAPH_SANDBOX_LISTENING <url>` once ready.
 */
import type { FaultSettings } from './faults';
import { startGraphSandbox } from './startGraphSandbox';

async function main(): Promise<void> {
  const env = process.env;
  const faults = env.SANDBOX_FAULTS ? (JSON.parse(env.SANDBOX_FAULTS) as FaultSettings) : undefined;
  const sandbox = await startGraphSandbox({
    port: Number(env.SANDBOX_PORT ?? 4100),
    host: env.SANDBOX_HOST ?? '127.0.0.1',
    ...(faults ? { faults } : {}),
    ...(env.SANDBOX_PAGE_SIZE ? { pageSize: Number(env.SANDBOX_PAGE_SIZE) } : {}),
    // Interactive use: record contract violations (shown at /_sandbox/violations) instead of 500s.
    responseValidation: 'record',
  });
  process.stdout.write(`GRAPH_SANDBOX_LISTENING ${sandbox.url}\n`);
  process.stdout.write(`Graph: ${sandbox.graphBaseUrl}   Inspector: ${sandbox.url}/_sandbox\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The Graph sandbox could not start: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
