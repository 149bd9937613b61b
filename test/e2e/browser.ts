/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core (no browser download), one
 * browser context per user (the `minutebook_user` cookie is the local identity), and openers for
 * the tab's pages that wait until the page is interactive.
 *
 * The test program is type-checked without the DOM library, so code that runs in the page is
 * written against the small `PageWindow` shapes below rather than DOM types.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Locator,
  type Page,
} from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH overrides it on a machine that keeps it elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags the brief gives: headless, and none of Chrome's background connections. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/** The built tab that `npm run build` writes; E2E_TAB_DIR points at another build. */
export const TAB_DIR = path.resolve(
  process.env.E2E_TAB_DIR ?? path.join(__dirname, '../../dist/tab'),
);

export const SIDE_PANEL_VIEWPORT = { width: 320, height: 800 };
export const STAGE_VIEWPORT = { width: 1280, height: 720 };
export const CONTENT_VIEWPORT = { width: 1280, height: 900 };

/** Fails with a message that says what to do when the tab has not been built. */
export function assertTabBuilt(): string {
  const missing = ['meeting.html', 'stage.html'].filter(
    (file) => !fs.existsSync(path.join(TAB_DIR, file)),
  );
  if (missing.length > 0) {
    throw new Error(
      `The built tab is missing (${missing.map((file) => path.join(TAB_DIR, file)).join(', ')}): ` +
        'run "npm run build" first (npm test builds before it runs jest).',
    );
  }
  return TAB_DIR;
}

export function assertChromiumInstalled(): string {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" ` +
        '(.ci/run does) or set CHROMIUM_PATH. The tests never download a browser.',
    );
  }
  return CHROMIUM_PATH;
}

export async function launchChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
  await browser.close().catch(() => undefined);
}

export interface UserContextOptions {
  viewport?: { width: number; height: number };
  /** Chromium's forced colours (Windows high contrast) for every page of the context. */
  forcedColors?: 'active' | 'none';
  /**
   * Lets test scripts be injected (`page.addScriptTag`, as axe-core is) into pages whose
   * Content-Security-Policy allows only the server's own scripts.
   */
  bypassCSP?: boolean;
}

/**
 * A browser context acting as `user`: its `minutebook_user` cookie is what the tab's browser
 * host sends as the local identity. Contexts share nothing (cookies, IndexedDB, localStorage).
 */
export async function newUserContext(
  browser: Browser,
  baseUrl: string,
  user: string,
  options: UserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? SIDE_PANEL_VIEWPORT,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    reducedMotion: 'reduce',
    ...(options.forcedColors ? { forcedColors: options.forcedColors } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  await context.addCookies([{ name: 'minutebook_user', value: user, url: baseUrl }]);
  // Fail fast rather than wait the full default 30 s on a missing element.
  context.setDefaultTimeout(10_000);
  return context;
}

/** What went wrong inside a page, for assertions. */
export interface PageProblems {
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** Those and the console's errors (which include failed requests, as when offline). */
  errors: string[];
}

const problemsOf = new WeakMap<Page, PageProblems>();

export function pageProblems(page: Page): PageProblems {
  let problems = problemsOf.get(page);
  if (!problems) {
    const collected: PageProblems = { pageErrors: [], errors: [] };
    page.on('pageerror', (error) => {
      collected.pageErrors.push(error.message);
      collected.errors.push(`pageerror: ${error.message}`);
    });
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') collected.errors.push(`console: ${message.text()}`);
    });
    problemsOf.set(page, collected);
    problems = collected;
  }
  return problems;
}

export interface OpenOptions {
  /** `?theme=` for the browser host: `default`, `dark` or `contrast`. */
  theme?: 'default' | 'dark' | 'contrast';
}

function pageUrl(
  baseUrl: string,
  file: string,
  meetingId: string,
  extra: Record<string, string | undefined>,
): string {
  const url = new URL(`/tab/${file}`, baseUrl);
  url.searchParams.set('meetingId', meetingId);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.href;
}

async function openPage(
  context: BrowserContext,
  url: string,
  viewport: { width: number; height: number },
  ready: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await context.newPage();
  pageProblems(page);
  await page.setViewportSize(viewport);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  try {
    await ready(page);
  } catch (error) {
    throw new Error(`${url} did not become interactive: ${await describePage(page, error)}`);
  }
  return page;
}

/** What a page shows and what went wrong in it, for a failure message. */
export async function describePage(page: Page, error?: unknown): Promise<string> {
  const text = await page
    .locator('body')
    .innerText({ timeout: 1000 })
    .catch(() => '(no body)');
  const reason = error instanceof Error ? error.message.split('\n')[0] : '';
  return [
    reason,
    `page text: ${text.replace(/\s+/g, ' ').slice(0, 600)}`,
    `page errors: ${pageProblems(page).errors.join(' | ') || 'none'}`,
  ].join('\n');
}

/** The sync status badge of the capture side panel and the content page. */
export function syncStatus(page: Page): Locator {
  return page.getByRole('status', { name: 'Sync status' });
}

/** Waits until the side panel shows its meeting, its tabs, and "Saved". */
export async function sidePanelReady(page: Page, timeout = 20_000): Promise<void> {
  await page.getByRole('tablist', { name: 'Capture' }).waitFor({ timeout });
  await waitForText(syncStatus(page), /^Saved$/, timeout);
}

/** Waits until the stage shows the meeting (agenda list and quorum). */
export async function stageReady(page: Page, timeout = 20_000): Promise<void> {
  await page.getByRole('heading', { name: /^Decisions \(\d+\)$/ }).waitFor({ timeout });
  await page.getByRole('list', { name: 'Agenda' }).waitFor({ timeout });
  await page.getByRole('status', { name: 'Quorum' }).waitFor({ timeout });
}

/** Waits until the content page shows its tabs and "Saved". */
export async function contentReady(page: Page, timeout = 20_000): Promise<void> {
  await page.getByRole('tablist', { name: 'Meeting' }).waitFor({ timeout });
  await waitForText(syncStatus(page), /^Saved$/, timeout);
}

/** `/tab/meeting.html?meetingId=…&frame=sidePanel` at 320×800: the secretary's capture panel. */
export async function openSidePanel(
  context: BrowserContext,
  baseUrl: string,
  meetingId: string,
  options: OpenOptions = {},
): Promise<Page> {
  const url = pageUrl(baseUrl, 'meeting.html', meetingId, {
    frame: 'sidePanel',
    theme: options.theme,
  });
  return openPage(context, url, SIDE_PANEL_VIEWPORT, (page) => sidePanelReady(page));
}

/** `/tab/stage.html?meetingId=…` at 1280×720: what everyone sees on the meeting stage. */
export async function openStage(
  context: BrowserContext,
  baseUrl: string,
  meetingId: string,
  options: OpenOptions = {},
): Promise<Page> {
  const url = pageUrl(baseUrl, 'stage.html', meetingId, { theme: options.theme });
  return openPage(context, url, STAGE_VIEWPORT, (page) => stageReady(page));
}

/** `/tab/meeting.html?meetingId=…&frame=content`: the meeting tab before and after the meeting. */
export async function openContent(
  context: BrowserContext,
  baseUrl: string,
  meetingId: string,
  options: OpenOptions = {},
): Promise<Page> {
  const url = pageUrl(baseUrl, 'meeting.html', meetingId, {
    frame: 'content',
    theme: options.theme,
  });
  return openPage(context, url, CONTENT_VIEWPORT, (page) => contentReady(page));
}

/** Waits until the locator's whole text matches `pattern`; the error shows the last text seen. */
export async function waitForText(
  locator: Locator,
  pattern: RegExp,
  timeout = 10_000,
): Promise<string> {
  const until = Date.now() + timeout;
  let last = '(not found)';
  for (;;) {
    try {
      last = (await locator.innerText({ timeout: Math.max(1, until - Date.now()) })).trim();
      if (pattern.test(last)) return last;
    } catch {
      // not there yet
    }
    if (Date.now() >= until) {
      throw new Error(
        `Waited ${timeout} ms for ${String(locator)} to read ${pattern}; it read "${last}".`,
      );
    }
    await delay(25);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits for a condition: the outcome a test asserts. `timeoutMs` only stops a test that would
 * otherwise hang; how fast something happens is a benchmark figure, never asserted here.
 */
export async function eventually(
  what: string,
  check: () => Promise<void> | void,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  let lastError: unknown = null;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`${what}: still not true after ${timeoutMs} ms. Last check: ${reason}`);
    }
    await delay(50);
  }
}
