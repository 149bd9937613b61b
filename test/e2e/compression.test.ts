/**
 * The built tab travels compressed: the build writes Brotli and gzip copies of every script,
 * which decompress to the script itself, and Chromium opening the side panel receives its
 * scripts in Brotli, far fewer bytes than the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import { DEMO_MEETING_ID } from '../../src/server/seedDemoData';
import type { TestServer } from '../helpers/testServer';
import {
  assertTabBuilt,
  closeBrowser,
  launchChromium,
  newUserContext,
  openSidePanel,
} from './browser';
import { SECRETARY_USER, startE2eServer, stopE2eServer } from './support';

jest.setTimeout(60_000);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await closeBrowser(browser);
  await stopE2eServer(server);
});

it('has a Brotli and a gzip copy of every built script over 1 KB, each the script itself', () => {
  const tabDir = assertTabBuilt();
  const scripts = fs
    .readdirSync(tabDir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, bytes: fs.readFileSync(path.join(tabDir, file)) }))
    .filter(({ bytes }) => bytes.length >= 1024);
  expect(scripts.length).toBeGreaterThan(5);
  for (const { file, bytes } of scripts) {
    const brotli = fs.readFileSync(path.join(tabDir, `${file}.br`));
    const gzip = fs.readFileSync(path.join(tabDir, `${file}.gz`));
    expect(zlib.brotliDecompressSync(brotli).equals(bytes)).toBe(true);
    expect(zlib.gunzipSync(gzip).equals(bytes)).toBe(true);
    // Compressed after minifying: a copy of unminified code would be larger than the file.
    expect(brotli.length).toBeLessThan(bytes.length / 2);
  }
});

it('sends the side panel its scripts in Brotli', async () => {
  const context = await newUserContext(browser, server.baseUrl, SECRETARY_USER);
  const received: { url: string; encoding: string | undefined; transferred: number }[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    pending.push(
      (async () => {
        const headers = await response.allHeaders();
        const sizes = await response.request().sizes();
        received.push({
          url: response.url(),
          encoding: headers['content-encoding'],
          transferred: sizes.responseBodySize,
        });
      })(),
    );
  });
  await openSidePanel(context, server.baseUrl, DEMO_MEETING_ID);
  await Promise.all(pending);
  await context.close();

  const large = received.filter((entry) => {
    const file = path.join(assertTabBuilt(), path.basename(new URL(entry.url).pathname));
    return fs.statSync(file).size >= 1024;
  });
  expect(large.length).toBeGreaterThan(2);
  for (const entry of large) expect(entry).toMatchObject({ encoding: 'br' });
  const transferred = large.reduce((sum, entry) => sum + entry.transferred, 0);
  const onDisk = large.reduce(
    (sum, entry) =>
      sum +
      fs.statSync(path.join(assertTabBuilt(), path.basename(new URL(entry.url).pathname))).size,
    0,
  );
  expect(transferred).toBeLessThan(onDisk / 3);
});
