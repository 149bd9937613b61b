/**
 * Loads the compiled server code (CommonJS in dist/) from these ES modules. The benchmark measures
 * what `npm run build:server` produces, never the TypeScript sources.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
export const SERVER_MAIN = path.join(DIST, 'server', 'main.js');

const requireCommonJs = createRequire(import.meta.url);

/** `loadDist('domain/index.js')` → the module's exports. */
export function loadDist(relativePath) {
  const file = path.join(DIST, relativePath);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.relative(ROOT, file)} is missing: build first (npm run build:server, or npm run bench which builds).`,
    );
  }
  return requireCommonJs(file);
}

/** Packages from node_modules (better-sqlite3), resolved from the project root. */
export function loadPackage(name) {
  return requireCommonJs(name);
}
