/**
 * Tab: how much gzipped JavaScript each surface of the tab loads, against the unsplit build
 * (`webpack --env unsplit`), and how long the capture side panel takes to become usable in
 * headless Chromium, split against unsplit. See bench/README.md, part `tab`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, localContext, readinessScript, waitUntilReady } from '../lib/browser.mjs';
import { makeTempDir, removeTempDir } from '../lib/cleanup.mjs';
import { DIST } from '../lib/dist.mjs';
import { metric } from '../lib/report.mjs';
import { buildTab, gzipBytes, surfaceFiles, unclaimedAsyncChunks } from '../lib/tabBuild.mjs';
import { startTabServers } from '../lib/tabServer.mjs';

export const title = 'tab: JS per surface (gzip -9), side panel time to interactive';

const KB = 1024;
const MEETING_ID = 'demo-opsg-41';
const SIDE_PANEL_PATH = `/tab/meeting.html?meetingId=${MEETING_ID}&frame=sidePanel`;
const SIDE_PANEL_VIEWPORT = { width: 320, height: 800 };

/** The meeting pages open the session (outbox, fold) before they render: tabServices.ts. */
const SESSION = [
  ['./src/tab/app/tabServices.ts', '../sync/openMeetingSession'],
  ['./src/tab/app/tabServices.ts', '../sync/Outbox'],
];
/** Only a page framed by Teams loads teams-js (connectHost.ts); a plain browser page does not. */
const TEAMS_HOST = [['./src/tab/teams/connectHost.ts', './TeamsHost']];

/** Each surface: its entry (HTML page) and the `import()`s it makes before it is usable. */
const SURFACES = [
  {
    name: 'sidePanel',
    entry: 'meeting',
    imports: [['./src/tab/entries/meeting.tsx', '../pages/capture'], ...SESSION],
    budgetKb: 250,
  },
  {
    name: 'stage',
    entry: 'stage',
    imports: [['./src/tab/entries/stage.tsx', '../pages/stage'], ...SESSION],
    budgetKb: 200,
  },
  {
    name: 'content',
    entry: 'meeting',
    imports: [['./src/tab/entries/meeting.tsx', '../pages/content'], ...SESSION],
  },
  {
    name: 'settings',
    entry: 'settings',
    imports: [['./src/tab/entries/settings.tsx', '../pages/settings']],
  },
  {
    name: 'myActions',
    entry: 'myActions',
    imports: [['./src/tab/entries/myActions.tsx', '../pages/myActions']],
  },
];

const progress = (message) => process.stderr.write(`  tab: ${message}\n`);
const round1 = (value) => Math.round(value * 10) / 10;

export async function run({ runs = 5 } = {}) {
  const work = makeTempDir('tab');
  try {
    progress('building the tab twice with webpack (split, then --env unsplit)…');
    const split = await buildTab(path.join(work, 'split'));
    progress(`split build ${(split.ms / 1000).toFixed(1)} s`);
    const unsplit = await buildTab(path.join(work, 'unsplit'), { unsplit: true });
    progress(`unsplit build ${(unsplit.ms / 1000).toFixed(1)} s`);
    const sizes = sizeFigures(split, unsplit);
    const timing = await interactiveFigures(split, unsplit, runs);
    return [...sizes, ...timing];
  } finally {
    removeTempDir(work);
  }
}

// ---------------------------------------------------------------------------------------------
// Gzipped JS per surface, from webpack's chunk graph.

function sizeFigures(split, unsplit) {
  const allImports = [...SURFACES.flatMap((surface) => surface.imports), ...TEAMS_HOST];
  for (const chunk of unclaimedAsyncChunks(split.stats, allImports)) {
    progress(
      `WARNING: async chunk ${chunk.files.join(', ')} is loaded by an import() this part does not know (${chunk.origins.map((o) => `${o.moduleName} → ${o.request}`).join('; ')}); add it to SURFACES in bench/parts/tab.mjs`,
    );
  }
  for (const [name, entrypoint] of Object.entries(unsplit.stats.entrypoints)) {
    const lazy = unsplit.stats.chunks.filter((chunk) => !chunk.initial);
    if (lazy.length > 0) {
      throw new Error(`the unsplit build has lazy chunks (entry ${name}): ${entrypoint.chunks}`);
    }
  }
  const matchesDist = sameFiles(split.tabDir, path.join(DIST, 'tab'));
  if (!matchesDist) {
    progress('note: dist/tab differs from this build (the sources changed since npm run build)');
  }
  return SURFACES.map((surface) => {
    const inTeams = [...surface.imports, ...TEAMS_HOST];
    const own = surfaceFiles(split.stats, surface.entry, inTeams);
    if (own.missing.length > 0) {
      throw new Error(
        `no chunk is loaded by ${own.missing.map(([from, request]) => `import('${request}') in ${from}`).join(', ')}: the tab's chunk graph changed; update SURFACES in bench/parts/tab.mjs`,
      );
    }
    const browserOnly = surfaceFiles(split.stats, surface.entry, surface.imports);
    const base = surfaceFiles(unsplit.stats, surface.entry, []);
    const total = (build, files) =>
      files.reduce((sum, file) => sum + gzipBytes(build.tabDir, file).gzip, 0);
    const rawTotal = (build, files) =>
      files.reduce((sum, file) => sum + gzipBytes(build.tabDir, file).raw, 0);
    const gzipKb = total(split, own.files) / KB;
    const baseKb = total(unsplit, base.files) / KB;
    progress(
      `${surface.name}: ${gzipKb.toFixed(1)} KB gzip in ${own.files.length} files (unsplit ${baseKb.toFixed(1)} KB)`,
    );
    return metric({
      name: `gzipKb.${surface.name}`,
      unit: 'KB',
      value: gzipKb,
      baseline: { name: `unsplit ${surface.entry}.js`, unit: 'KB', value: baseKb },
      target: surface.budgetKb ? { op: '<=', value: surface.budgetKb } : undefined,
      extra: {
        entry: surface.entry,
        rawKb: round1(rawTotal(split, own.files) / KB),
        sentBrotliKb: round1(
          own.files.reduce((sum, file) => sum + gzipBytes(split.tabDir, file).sent, 0) / KB,
        ),
        plainBrowserKb: round1(total(split, browserOnly.files) / KB),
        files: own.files.length,
        byStep: Object.fromEntries(
          Object.entries(own.groups).map(([step, files]) => [
            step,
            Object.fromEntries(
              files.map((file) => [file, round1(gzipBytes(split.tabDir, file).gzip / KB)]),
            ),
          ]),
        ),
        unsplitFiles: base.files,
        buildMatchesDistTab: matchesDist,
      },
    });
  });
}

/** Whether two built tabs have the same JS files (content-hashed names, so the same content). */
function sameFiles(a, b) {
  if (!fs.existsSync(b)) return false;
  const js = (dir) =>
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.js'))
      .sort()
      .join('\n');
  return js(a) === js(b);
}

// ---------------------------------------------------------------------------------------------
// Time to an interactive side panel in headless Chromium, split against unsplit.

async function interactiveFigures(split, unsplit, runs) {
  const server = await startTabServers({ split: split.tabDir, unsplit: unsplit.tabDir });
  let browser;
  try {
    const { baseUrls } = server;
    progress(`server pid ${server.pid}: split ${baseUrls.split}, unsplit ${baseUrls.unsplit}`);
    browser = await launchChromium();
    const loads = {
      split: () => loadSidePanel(browser, baseUrls.split),
      unsplit: () => loadSidePanel(browser, baseUrls.unsplit),
      healthz: () => loadHealthz(browser, baseUrls.split),
    };
    // One untimed load of each first: the server's first fold of the meeting, its JIT warm-up.
    for (const load of Object.values(loads)) await load();
    const results = { split: [], unsplit: [], healthz: [] };
    const names = Object.keys(loads);
    for (let index = 0; index < runs; index += 1) {
      const turn = names.map((_, k) => names[(index + k) % names.length]);
      for (const name of turn) results[name].push(await loads[name]());
      progress(
        `run ${index + 1}/${runs}: split ${results.split[index].readyMs.toFixed(0)} ms, unsplit ${results.unsplit[index].readyMs.toFixed(0)} ms, /healthz ${results.healthz[index].loadMs.toFixed(0)} ms`,
      );
    }
    if (server.exited()) throw new Error(`the server exited during the run:\n${server.output()}`);
    const ready = (name) => results[name].map((result) => result.readyMs);
    const details = (name) => {
      const list = results[name];
      const median = (key) => medianOf(list.map((result) => result[key]));
      return {
        paintedMs: round1(median('paintedMs')),
        gotoToReadyMs: round1(median('gotoToReadyMs')),
        domContentLoadedMs: round1(median('domContentLoadedMs')),
        scripts: list[0].scripts,
        scriptKbTransferred: round1(median('scriptBytes') / KB),
        blockedRequests: list.reduce((sum, result) => sum + result.blocked, 0),
      };
    };
    const healthz = { name: 'GET /healthz page load', unit: 'ms', samples: healthzMs(results) };
    return [
      metric({
        name: 'interactiveMs.sidePanel',
        unit: 'ms',
        samples: ready('split'),
        baseline: { name: 'unsplit build, same server', unit: 'ms', samples: ready('unsplit') },
        target: { op: '<=', value: 1500 },
        extra: {
          ...details('split'),
          healthzMs: round1(medianOf(healthzMs(results))),
          url: SIDE_PANEL_PATH,
          viewport: SIDE_PANEL_VIEWPORT,
        },
      }),
      metric({
        name: 'interactiveMs.sidePanelUnsplit',
        unit: 'ms',
        samples: ready('unsplit'),
        baseline: healthz,
        extra: details('unsplit'),
      }),
    ];
  } finally {
    await browser?.close();
    await server.stop();
  }
}

const healthzMs = (results) => results.healthz.map((result) => result.loadMs);

function medianOf(values) {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2;
}

/** One fresh context (empty cache and storage), one navigation to the side panel. */
async function loadSidePanel(browser, baseUrl) {
  const { context, blocked } = await localContext(browser, baseUrl, {
    viewport: SIDE_PANEL_VIEWPORT,
  });
  try {
    await context.addInitScript({ content: readinessScript('sidePanel') });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${baseUrl}${SIDE_PANEL_PATH}`, { waitUntil: 'commit' });
    const { readyMs, paintedMs } = await waitUntilReady(page);
    const gotoToReadyMs = performance.now() - started;
    const timing = await page.evaluate(() => {
      const [navigation] = globalThis.performance.getEntriesByType('navigation');
      const scripts = globalThis.performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'));
      return {
        domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? NaN,
        scripts: scripts.length,
        scriptBytes: scripts.reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0),
      };
    });
    return { readyMs, paintedMs, gotoToReadyMs, ...timing, blocked: blocked.length };
  } finally {
    await context.close();
  }
}

/** The same, for GET /healthz: load end of the navigation, from navigation start. */
async function loadHealthz(browser, baseUrl) {
  const { context } = await localContext(browser, baseUrl);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/healthz`, { waitUntil: 'load' });
    const loadMs = await page.evaluate(() => {
      const [navigation] = globalThis.performance.getEntriesByType('navigation');
      return navigation.loadEventEnd;
    });
    return { loadMs };
  } finally {
    await context.close();
  }
}
