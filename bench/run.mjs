/**
 * `npm run bench` (after the build): runs every part in bench/parts/, prints a table per part and
 * writes bench/results/<part>.json. `node bench/run.mjs core` runs one part; `--runs=N` sets the
 * number of measured runs (default 5). See bench/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { cleanupNow, installCleanupHandlers } from './lib/cleanup.mjs';
import { formatTable } from './lib/report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PARTS_DIR = path.join(HERE, 'parts');
const RESULTS_DIR = path.join(HERE, 'results');
/** Parts run in this order; any other part file runs after them, alphabetically. */
const ORDER = ['core', 'minutes', 'tab', 'publish'];

function availableParts() {
  const names = fs
    .readdirSync(PARTS_DIR)
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => file.slice(0, -'.mjs'.length));
  const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function parseArguments(argv) {
  let runs = Number(process.env.BENCH_RUNS ?? 5);
  const parts = [];
  for (const argument of argv) {
    const match = /^--runs=(\d+)$/.exec(argument);
    if (match) runs = Number(match[1]);
    else if (argument.startsWith('-')) throw new Error(`unknown option ${argument}`);
    else parts.push(argument);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  return { runs, parts };
}

function checkRows(part, rows) {
  if (!Array.isArray(rows)) throw new Error(`part ${part} returned no array of rows`);
  for (const row of rows) {
    if (
      !row ||
      typeof row.name !== 'string' ||
      typeof row.value !== 'number' ||
      typeof row.unit !== 'string'
    ) {
      throw new Error(
        `part ${part} returned a row without {name, value, unit}: ${JSON.stringify(row)}`,
      );
    }
  }
}

async function main() {
  installCleanupHandlers();
  const { runs, parts: requested } = parseArguments(process.argv.slice(2));
  const available = availableParts();
  const unknown = requested.filter((part) => !available.includes(part));
  if (unknown.length > 0) {
    throw new Error(`no part named ${unknown.join(', ')}; the parts are ${available.join(', ')}`);
  }
  const parts = requested.length > 0 ? requested : available;
  const cpus = os.cpus();
  console.log(
    `Minutebook bench: node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${os.platform()} ${os.release()}; ${runs} runs; gc ${typeof globalThis.gc === 'function' ? 'exposed' : 'NOT exposed (run with --expose-gc)'}`,
  );
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const startedAll = performance.now();
  let failed = 0;
  for (const part of parts) {
    const started = performance.now();
    console.log(`\n[${part}] running…`);
    try {
      const module = await import(pathToFileURL(path.join(PARTS_DIR, `${part}.mjs`)).href);
      const rows = await module.run({ runs });
      checkRows(part, rows);
      const seconds = (performance.now() - started) / 1000;
      console.log(`\n${formatTable(`${module.title ?? part} (${seconds.toFixed(1)} s)`, rows)}`);
      const file = path.join(RESULTS_DIR, `${part}.json`);
      fs.writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
      console.log(`→ ${path.relative(process.cwd(), file)}`);
    } catch (error) {
      failed += 1;
      console.error(`\n[${part}] failed: ${error?.stack ?? error}`);
    }
  }
  console.log(`\nTotal ${((performance.now() - startedAll) / 1000).toFixed(1)} s.`);
  return failed;
}

main()
  .then((failed) => {
    cleanupNow();
    process.exit(failed > 0 ? 1 : 0);
  })
  .catch((error) => {
    console.error(error?.stack ?? String(error));
    cleanupNow();
    process.exit(1);
  });
