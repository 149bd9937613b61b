#!/usr/bin/env node
/**
 * Screenshots of the tab for the README, in light and dark:
 *
 *   npm run screenshots            # npm run build, then this script
 *   node scripts/screenshots.mjs   # with dist/ already built; --out <dir> (default docs/screenshots)
 *
 * Starts the built server (`node dist/server/main.js`, as `npm start` does) on a free port with a
 * fresh temporary DATA_DIR, so the demo meeting OPSG_41_2501 is seeded; opens each page in
 * headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH) in a fresh context; waits until the page
 * is ready (no spinner, sync status "Saved", its content rendered, fonts loaded, scrolling
 * settled) and writes one PNG of the viewport per page and theme. Requests to any other origin
 * are blocked. The server and the temporary directory are removed at the end, also on an error
 * or Ctrl-C.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launchChromium,
  localContext,
  readinessScript,
  waitUntilReady,
} from '../bench/lib/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_MAIN = path.join(ROOT, 'dist', 'server', 'main.js');
const MEETING = 'demo-opsg-41';
/** Time for smooth scrolling (the stage centres the current item) and transitions to finish. */
const SETTLE_MS = 1_000;
const SANDBOXED_INIT_SCRIPT =
  /^Blocked script execution in '[^']*' because the document's frame is sandboxed/;

const SHOTS = [
  {
    name: 'side-panel',
    surface: 'sidePanel',
    path: `/tab/meeting.html?meetingId=${MEETING}&frame=sidePanel`,
    viewport: { width: 320, height: 800 },
  },
  {
    name: 'stage',
    surface: 'stage',
    path: `/tab/stage.html?meetingId=${MEETING}`,
    viewport: { width: 1280, height: 720 },
  },
  {
    name: 'content',
    surface: 'content',
    path: `/tab/meeting.html?meetingId=${MEETING}&frame=content`,
    viewport: { width: 1280, height: 800 },
  },
];
const THEMES = [
  { name: 'light', query: 'default', colorScheme: 'light' },
  { name: 'dark', query: 'dark', colorScheme: 'dark' },
];

const children = new Set();
const tempDirs = new Set();

function cleanup() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function parseArgs(argv) {
  let out = path.join(ROOT, 'docs', 'screenshots');
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--out') out = path.resolve(argv[++index] ?? '');
    else throw new Error(`unknown argument ${argv[index]}; the only option is --out <dir>`);
  }
  return { out };
}

/** `node dist/server/main.js` with the demo in a fresh data directory; resolves with its URL. */
async function startServer() {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error('dist/server/main.js is missing: run "npm run build" first.');
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'tab', 'meeting.html'))) {
    throw new Error('dist/tab is missing: run "npm run build" first.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-screenshots-'));
  tempDirs.add(dataDir);
  const child = spawn(process.execPath, ['--max-semi-space-size=4', SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_MODE: 'local',
      DEMO_DATA: 'on',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      20_000,
    );
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
      const match = /^MINUTEBOOK_LISTENING (\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before listening:\n${output}`));
    });
  });
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    },
  };
}

async function shoot(browser, baseUrl, shot, theme, out) {
  const { context, blocked } = await localContext(browser, baseUrl, {
    viewport: shot.viewport,
    deviceScaleFactor: 1,
    colorScheme: theme.colorScheme,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const problems = [];
  try {
    await context.addInitScript({ content: readinessScript(shot.surface) });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Chromium refuses this script's own init script (readinessScript) in the minutes
      // preview's sandboxed frame and says so; that is not the page's doing.
      if (message.type() === 'error' && !SANDBOXED_INIT_SCRIPT.test(message.text())) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await page.goto(`${baseUrl}${shot.path}&theme=${theme.query}`);
    await waitUntilReady(page);
    await page.evaluate(() => globalThis.document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(SETTLE_MS);
    const file = path.join(out, `${shot.name}-${theme.name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    if (blocked.length > 0) problems.push(`blocked requests: ${blocked.join(', ')}`);
    return { file, problems };
  } finally {
    await context.close();
  }
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(out, { recursive: true });
  const server = await startServer();
  let browser;
  try {
    browser = await launchChromium();
    for (const shot of SHOTS) {
      for (const theme of THEMES) {
        const { file, problems } = await shoot(browser, server.baseUrl, shot, theme, out);
        console.log(`wrote ${path.relative(process.cwd(), file)}`);
        for (const problem of problems) console.warn(`  ${problem}`);
      }
    }
  } finally {
    await browser?.close();
    await server.stop();
  }
}

process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  cleanup();
  process.exit(1);
});
