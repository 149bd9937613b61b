#!/usr/bin/env node
/**
 * npm run package -- [env]      (env defaults to "local")
 *
 * Fills manifest/manifest.template.json from env/.env.<env> and env/.env.<env>.user, validates it
 * offline against the bundled Teams manifest schema v1.30, checks the icons, and writes
 * appPackage/build/minutebook.<env>.zip. Exits 1 listing every problem found.
 */
import fs from 'node:fs';
import { buildAppPackage, displayPath } from './lib/appPackage.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.length > 1) {
  console.log(
    'Usage: npm run package -- [env]\n\n' +
      'Builds appPackage/build/minutebook.<env>.zip from manifest/ and env/.env.<env>\n' +
      '(+ env/.env.<env>.user, git-ignored, which overrides it). env defaults to "local".',
  );
  process.exit(args.length > 1 ? 1 : 0);
}
const env = args[0] ?? 'local';

const result = await buildAppPackage({ env });
const sources = result.envFiles
  .map((file) => (file.exists ? file.path : `${file.path} (not present)`))
  .join(', ');

if (!result.ok) {
  console.error(`Could not build the Teams app package for "${env}" (variables from ${sources}):`);
  for (const error of result.errors) console.error(`  - ${error}`);
  console.error(`${result.errors.length} problem(s); nothing was written.`);
  process.exit(1);
}

const size = fs.statSync(result.zipPath).size;
console.log(`Wrote ${displayPath(result.zipPath)} (${size} bytes)`);
console.log(`  contents:  ${result.entries.join(', ')}`);
console.log(`  variables: ${sources}`);
console.log(
  `  app:       ${result.manifest.name.short} ${result.manifest.version}, id ${result.manifest.id}`,
);
console.log(`  tab:       ${result.manifest.configurableTabs[0].configurationUrl}`);
console.log(
  `  validated: manifest schema v${result.manifest.manifestVersion} (bundled, offline), icons`,
);
