#!/usr/bin/env node
/**
 * Renders a stored meeting's minutes to .docx, and, when LibreOffice and poppler are installed,
 * to PDF and a PNG of page 1, so the layout can be looked at without Word.
 *
 *   npm run preview:minutes -- [meetingId] [--out dir] [--pages n]
 *   DATA_DIR=./.data (default) · meetingId defaults to demo-opsg-41 · out defaults to docs/preview
 *
 * Uses the compiled code in dist/ (npm run build:server). Only reads the store.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TENANT = 'local';
const INSTALL = 'apt-get install -y libreoffice-writer-nogui poppler-utils';

function parseArgs(argv) {
  const options = { meetingId: 'demo-opsg-41', out: path.join(root, 'docs', 'preview'), pages: 1 };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--out') options.out = path.resolve(argv[++index] ?? '');
    else if (arg === '--pages') options.pages = Math.max(1, Number(argv[++index]) || 1);
    else if (arg === '--help' || arg === '-h') options.help = true;
    else options.meetingId = arg;
  }
  return options;
}

function loadDist() {
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'minutes', 'index.js'))) {
    throw new Error('dist/ is missing: run "npm run build:server" first.');
  }
  return {
    domain: require(path.join(dist, 'domain', 'index.js')),
    minutes: require(path.join(dist, 'minutes', 'index.js')),
    store: require(path.join(dist, 'store', 'index.js')),
  };
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error}`);
  }
}

async function readMeeting({ domain, store: storeModule }, dataDir, meetingId) {
  const databaseFile = path.join(dataDir, storeModule.DATABASE_FILE);
  if (!fs.existsSync(databaseFile)) {
    throw new Error(`No store at ${databaseFile}: start the server once (npm run dev) to seed it.`);
  }
  const store = new storeModule.SqliteStore(dataDir);
  try {
    const meeting = await store.getMeeting(TENANT, meetingId);
    if (!meeting) throw new Error(`There is no meeting "${meetingId}" in ${dataDir}.`);
    const committee = await store.getCommittee(TENANT, meeting.committeeId);
    if (!committee) throw new Error(`There is no committee "${meeting.committeeId}".`);
    // readOperations gained a leading tenant id; accept either shape of the port.
    const ops =
      store.readOperations.length >= 4
        ? await store.readOperations(TENANT, meetingId, 0, 100000)
        : await store.readOperations(meetingId, 0, 100000);
    return { committee, state: domain.foldOperations(meetingId, ops) };
  } finally {
    await store.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(
      `usage: node scripts/preview-minutes.mjs [meetingId] [--out dir] [--pages n]\n`,
    );
    return;
  }
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, '.data'));
  const code = loadDist();
  const { committee, state } = await readMeeting(code, dataDir, options.meetingId);
  const doc = code.minutes.buildMinutesDocument(
    code.domain.meetingView(state, committee),
    committee,
  );
  const bytes = await code.minutes.renderMinutesDocx(doc);

  fs.mkdirSync(options.out, { recursive: true });
  const docxFile = path.join(options.out, `${doc.fileName}.docx`);
  fs.writeFileSync(docxFile, bytes);
  process.stdout.write(`docx: ${docxFile}\n`);

  const missing = ['soffice', 'pdftoppm'].filter((command) => !has(command));
  if (missing.length > 0) {
    process.stdout.write(
      `${missing.join(' and ')} not found, so no PDF or PNG. To install them:\n  ${INSTALL}\n`,
    );
    return;
  }
  run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', options.out, docxFile]);
  const pdfFile = path.join(options.out, `${doc.fileName}.pdf`);
  process.stdout.write(`pdf:  ${pdfFile}\n`);
  for (let page = 1; page <= options.pages; page += 1) {
    const prefix = path.join(options.out, `${doc.fileName}-page${page}`);
    run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      `${page}`,
      '-l',
      `${page}`,
      '-singlefile',
      pdfFile,
      prefix,
    ]);
    process.stdout.write(`png:  ${prefix}.png\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`preview-minutes: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
