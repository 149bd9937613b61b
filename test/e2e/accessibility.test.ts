/**
 * axe-core in Debian's Chromium on the tab's pages as people use them: the capture side panel
 * (each of its tabs, a roster row opened, the shortcut list), the stage and the content page
 * (each of its tabs), on the demo meeting, in the light theme and in high contrast, both as the
 * browser host's `?theme=contrast` and as Chromium's forced colours (Windows high contrast).
 * A violation of impact moderate, serious or critical fails (heading order and unique landmark
 * names included), listed with its rule and the elements; only `minor` ones are let pass.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_MEETING_ID } from '../../src/server/seedDemoData';
import type { TestServer } from '../helpers/testServer';
import {
  closeBrowser,
  launchChromium,
  newUserContext,
  openContent,
  openSidePanel,
  openStage,
  pageProblems,
  waitForText,
  delay,
} from './browser';
import { SECRETARY_USER, startE2eServer, stopE2eServer } from './support';

jest.setTimeout(60_000);

const FAILING_IMPACTS = new Set(['moderate', 'serious', 'critical']);

const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

interface Mode {
  name: string;
  /** `?theme=` for the browser host; none: the host follows the system. */
  theme?: 'contrast';
  forcedColors: boolean;
  /** The theme the tab must end up in (the FluentProvider's data-theme). */
  expectedTheme: 'default' | 'contrast';
}

const MODES: Mode[] = [
  { name: 'the light theme', forcedColors: false, expectedTheme: 'default' },
  {
    name: 'high contrast (?theme=contrast)',
    theme: 'contrast',
    forcedColors: false,
    expectedTheme: 'contrast',
  },
  {
    name: "Chromium's forced colours",
    forcedColors: true,
    expectedTheme: 'contrast',
  },
];

/**
 * Runs axe on the page and returns its moderate, serious and critical violations, one line per element.
 * Left out: tabster's focus trampolines (`<i tabindex=0 aria-hidden>` that Fluent UI puts around
 * focus groups and that pass focus straight on), and, under forced colours, colour contrast: the
 * browser then paints with the user's system colours, not the page's.
 */
async function seriousViolations(page: Page, forcedColors: boolean): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded !== 'object') await page.addScriptTag({ path: AXE_PATH });
  const options = {
    resultTypes: ['violations'],
    rules: forcedColors ? { 'color-contrast': { enabled: false } } : {},
  };
  const context = { exclude: [['[data-tabster-dummy]']] };
  const result = (await page.evaluate(
    ([axeContext, axeOptions]) =>
      (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<unknown> };
        }
      ).axe.run(axeContext, axeOptions),
    [context, options] as const,
  )) as { violations: AxeViolation[] };
  return result.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${violation.help}` +
          (node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''),
      ),
    );
}

/** Checks the page is really in the mode under test, then runs axe; `where` names the state. */
async function expectNoSeriousViolations(page: Page, mode: Mode, where: string): Promise<void> {
  const theme = await page
    .locator('.fui-FluentProvider[data-theme]')
    .first()
    .getAttribute('data-theme');
  expect({ where, theme }).toEqual({ where, theme: mode.expectedTheme });
  expect({
    where,
    forcedColors: await page.evaluate("matchMedia('(forced-colors: active)').matches"),
  }).toEqual({ where, forcedColors: mode.forcedColors });
  expect({ where, violations: await seriousViolations(page, mode.forcedColors) }).toEqual({
    where,
    violations: [],
  });
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // With the Graph sandbox, so the content page's attendance check and Publish have data.
  server = await startE2eServer({ graph: 'sandbox' });
  browser = await launchChromium();
});

afterAll(async () => {
  await closeBrowser(browser);
  await stopE2eServer(server);
});

describe.each(MODES)('when the tab is shown in $name', (mode) => {
  let context: BrowserContext;
  const open = { theme: mode.theme };

  beforeAll(async () => {
    context = await newUserContext(browser, server.baseUrl, SECRETARY_USER, {
      // The pages' Content-Security-Policy allows only the server's scripts; axe is injected.
      bypassCSP: true,
      ...(mode.forcedColors ? { forcedColors: 'active' as const } : {}),
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  it('has no moderate, serious or critical axe violation on the capture side panel', async () => {
    const panel = await openSidePanel(context, server.baseUrl, DEMO_MEETING_ID, open);
    // The demo meeting's current item, with its notes, decisions and actions.
    await panel.getByRole('heading', { name: '8 Any Other Business', level: 2 }).waitFor();
    await expectNoSeriousViolations(panel, mode, 'side panel: agenda and current item');

    await panel.getByRole('tab', { name: 'Attendance' }).click();
    await panel.getByRole('button', { name: 'More for Simon Achebe' }).click();
    await panel.getByRole('button', { name: 'More for Theo Dunmore' }).click();
    await panel.getByRole('checkbox', { name: /^Theo Dunmore attended item 4:/ }).waitFor();
    await expectNoSeriousViolations(panel, mode, 'side panel: attendance, two rows opened');

    await panel.getByRole('tab', { name: 'Outstanding' }).click();
    await panel.getByRole('listitem', { name: 'Outstanding action OPSG 39/07' }).waitFor();
    await expectNoSeriousViolations(panel, mode, 'side panel: outstanding actions');

    await panel.getByRole('button', { name: 'Shortcuts' }).click();
    await panel.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await expectNoSeriousViolations(panel, mode, 'side panel: shortcut list open');
    expect(pageProblems(panel).errors).toEqual([]);
    await panel.close();
  });

  it('has no moderate, serious or critical axe violation on the stage', async () => {
    const stage = await openStage(context, server.baseUrl, DEMO_MEETING_ID, open);
    await stage.getByRole('heading', { name: 'Actions (6)' }).waitFor();
    await expectNoSeriousViolations(stage, mode, 'stage');
    expect(pageProblems(stage).errors).toEqual([]);
    await stage.close();
  });

  it('has no moderate, serious or critical axe violation on any tab of the content page', async () => {
    const content = await openContent(context, server.baseUrl, DEMO_MEETING_ID, open);
    const tabs = [
      'Agenda',
      'Expected attendance',
      'Outstanding actions',
      'Check attendance',
      'Draft minutes',
      'Publish',
    ];
    for (const name of tabs) {
      await content.getByRole('tab', { name }).click();
      await waitForText(content.getByRole('tab', { selected: true }), new RegExp(`^${name}$`));
      if (name === 'Draft minutes') {
        await content.getByTitle(/^Draft minutes of /).waitFor();
      }
      if (name === 'Check attendance') {
        await content.getByRole('list', { name: 'Proposed apologies' }).waitFor();
        // With one proposal's editor open.
        await content.getByRole('button', { name: 'Edit the proposal for Kofi Mensah' }).click();
        await content.getByRole('form', { name: 'Attendance of Kofi Mensah' }).waitFor();
      }
      if (name === 'Publish') {
        // The first mode publishes; later ones open on its results.
        const publish = content.getByRole('button', { name: 'Publish minutes' });
        await content.getByRole('button', { name: /^Publish (minutes|again)$/ }).waitFor();
        if ((await publish.count()) > 0) await publish.click();
        await content.getByRole('list', { name: 'Published' }).waitFor({ timeout: 20_000 });
        // The button turns from busy (disabled) back to enabled with a colour transition.
        await content.getByRole('button', { name: 'Publish again' }).waitFor();
        await delay(300);
      }
      await expectNoSeriousViolations(content, mode, `content page: ${name}`);
    }
    expect(pageProblems(content).pageErrors).toEqual([]);
    await content.close();
  });
});
