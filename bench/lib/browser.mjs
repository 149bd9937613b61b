/**
 * Headless Chromium for the tab figures and the screenshots (scripts/screenshots.mjs): the
 * system's /usr/bin/chromium through playwright-core (which never downloads a browser here), and
 * an init script that notes when a page of the tab is ready to use.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`there is no Chromium at ${CHROMIUM}; install it or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A context that may only talk to `baseUrl`: anything else (teams-js's CDN, fonts…) is aborted
 * and counted in `blocked`, so a figure never waits on the internet.
 */
export async function localContext(browser, baseUrl, options = {}) {
  const context = await browser.newContext(options);
  const origin = new URL(baseUrl).origin;
  const blocked = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  return { context, blocked };
}

/**
 * What "ready" means for each surface, as a browser-side test. In every case no Fluent spinner
 * (the bootstrap's "Opening Minutebook…" or a page's own) is left.
 * - sidePanel: the sync status says "Saved", the agenda list has items, one of its buttons
 *   ("Open"/"Reopen") is enabled.
 * - content: the sync status says "Saved" and some button on the page is enabled.
 * - stage: the heading and the agenda list with items are there.
 */
const READY_TESTS = {
  sidePanel: `
    saved() && items('ol[aria-label="Agenda"] > li') > 0 &&
    enabledButton('ol[aria-label="Agenda"] button')`,
  content: `saved() && enabledButton('main button')`,
  stage: `!!document.querySelector('main h1') && items('ol[aria-label="Agenda"] > li') > 0`,
};

/**
 * An init script (runs before the page's own scripts) that sets `window.__tabReady` to
 * `{readyMs, paintedMs}` once the surface is ready: `readyMs` is `performance.now()` (ms since
 * navigation start, `performance.timeOrigin`) in the MutationObserver callback that first sees the
 * ready DOM; `paintedMs` is after the next animation frame, when that DOM has been painted.
 */
export function readinessScript(surface) {
  const test = READY_TESTS[surface];
  if (!test) throw new Error(`no readiness test for "${surface}"`);
  return `(() => {
  const state = { readyMs: null, paintedMs: null };
  window.__tabReady = null;
  const items = (selector) => document.querySelectorAll(selector).length;
  const saved = () => {
    const status = document.querySelector('[role="status"][aria-label="Sync status"]');
    return !!status && status.textContent.trim() === 'Saved';
  };
  const enabledButton = (selector) =>
    [...document.querySelectorAll(selector)].some(
      (button) => !button.disabled && button.getAttribute('aria-disabled') !== 'true',
    );
  const spinner = () => !!document.querySelector('.fui-Spinner, [role="progressbar"]');
  const check = () => {
    if (state.readyMs !== null || spinner() || !(${test})) return;
    state.readyMs = performance.now();
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        state.paintedMs = performance.now();
        window.__tabReady = state;
      }, 0),
    );
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;
}

/** Waits for the init script's verdict; resolves with {readyMs, paintedMs}. */
export async function waitUntilReady(page, timeoutMs = 20_000) {
  const handle = await page.waitForFunction(() => globalThis.__tabReady, null, {
    timeout: timeoutMs,
    polling: 10,
  });
  return handle.jsonValue();
}
