/**
 * Builds the tab with webpack into a temp directory, with webpack's stats, and works out from the
 * chunk graph which JS files a surface loads: its entry's initial chunks, then the chunks of each
 * chunk group that the surface's `import()`s load. Chunk groups are found through the chunks'
 * `origins` (the module and request of each `import()` that loads them), so nothing depends on
 * webpack's chunk ids or on the names in webpackChunkName comments.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { trackChild } from './cleanup.mjs';
import { ROOT } from './dist.mjs';

const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
const KEPT_OUTPUT = 8_000;

/**
 * `webpack --mode production [--env unsplit] --output-path <dir>/tab --json=<dir>/stats.json`
 * with the project's webpack.config.js. Resolves with {dir, tabDir, stats, ms}.
 */
export async function buildTab(dir, { unsplit = false } = {}) {
  const tabDir = path.join(dir, 'tab');
  const statsFile = path.join(dir, 'stats.json');
  const cli = requireFromRoot.resolve('webpack-cli/bin/cli.js');
  const args = [cli, '--mode', 'production', '--output-path', tabDir, `--json=${statsFile}`];
  if (unsplit) args.push('--env', 'unsplit');
  const started = performance.now();
  const child = trackChild(
    spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-KEPT_OUTPUT);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0 || !fs.existsSync(statsFile)) {
    throw new Error(`webpack${unsplit ? ' --env unsplit' : ''} failed (exit ${code}):\n${output}`);
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  if (stats.errorsCount > 0) {
    throw new Error(
      `webpack reported errors:\n${stats.errors.map((e) => e.message ?? e).join('\n')}`,
    );
  }
  return { dir, tabDir, stats, ms: performance.now() - started };
}

/** Is `origin` the `import(request)` in module `from` (possibly concatenated with others)? */
function isImport(origin, [from, request]) {
  const name = origin.moduleName ?? '';
  return origin.request === request && (name === from || name.startsWith(`${from} + `));
}

/** The ids of the chunks that `import(request)` in `from` loads (its chunk group). */
export function chunksOfImport(stats, spec) {
  return stats.chunks
    .filter((chunk) => chunk.origins.some((origin) => isImport(origin, spec)))
    .map((chunk) => chunk.id);
}

/**
 * The JS files a surface loads: the entry's initial chunks, then every chunk of the chunk groups
 * of `imports` ([module, request] pairs), each file once. `groups` says which files each step
 * added (`entry` or the request), and `missing` lists imports that matched no chunk.
 */
export function surfaceFiles(stats, entry, imports) {
  const entrypoint = stats.entrypoints[entry];
  if (!entrypoint) throw new Error(`the build has no entry "${entry}"`);
  const byId = new Map(stats.chunks.map((chunk) => [chunk.id, chunk]));
  const files = new Set();
  const groups = {};
  const missing = [];
  const add = (label, chunkIds) => {
    const added = [];
    for (const id of chunkIds) {
      for (const file of byId.get(id)?.files ?? []) {
        if (file.endsWith('.js') && !files.has(file)) {
          files.add(file);
          added.push(file);
        }
      }
    }
    groups[label] = added;
  };
  add('entry', entrypoint.chunks);
  for (const spec of imports) {
    const ids = chunksOfImport(stats, spec);
    if (ids.length === 0) missing.push(spec);
    add(spec[1], ids);
  }
  return { files: [...files], groups, missing };
}

/** The async chunks (not initial) that none of `imports` loads: a sign the table needs updating. */
export function unclaimedAsyncChunks(stats, imports) {
  const claimed = new Set(imports.flatMap((spec) => chunksOfImport(stats, spec)));
  return stats.chunks
    .filter((chunk) => !chunk.initial && !claimed.has(chunk.id))
    .map((chunk) => ({ id: chunk.id, files: chunk.files, origins: chunk.origins }));
}

const gzipCache = new Map();

/** gzip -9 size of a built file, in bytes. */
export function gzipBytes(tabDir, file) {
  const full = path.join(tabDir, file);
  if (!gzipCache.has(full)) {
    const data = fs.readFileSync(full);
    // What the server sends a browser that accepts Brotli: the build's .br copy, when it wrote one.
    const brotliCopy = `${full}.br`;
    gzipCache.set(full, {
      raw: data.length,
      gzip: zlib.gzipSync(data, { level: 9 }).length,
      sent: fs.existsSync(brotliCopy) ? fs.statSync(brotliCopy).size : data.length,
    });
  }
  return gzipCache.get(full);
}
