/**
 * The publish journey in Debian's Chromium, as on a fresh machine with no Microsoft account: the
 * server runs the Graph sandbox with the demo tenant in-process (as `npm start` does). The
 * secretary opens the demo meeting's content page, checks attendance against the Teams report
 * and accepts a proposal, presses Publish, watches the steps go by to completion, and sees the
 * links to what was published; the sandbox's inspector then holds the document.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_MEETING_ID } from '../../src/server/seedDemoData';
import type { TestServer } from '../helpers/testServer';
import {
  closeBrowser,
  CONTENT_VIEWPORT,
  describePage,
  eventually,
  launchChromium,
  newUserContext,
  openContent,
  pageProblems,
  syncStatus,
  waitForText,
} from './browser';
import { meetingState, SECRETARY_USER, startE2eServer, stopE2eServer } from './support';

jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer({ graph: 'sandbox' });
  browser = await launchChromium();
  context = await newUserContext(browser, server.baseUrl, SECRETARY_USER, {
    viewport: CONTENT_VIEWPORT,
  });
  page = await openContent(context, server.baseUrl, DEMO_MEETING_ID);
});

afterAll(async () => {
  await closeBrowser(browser);
  await stopE2eServer(server);
});

/** Runs in the page: records each new "Step n of m: …" sentence in `window.__progress`. */
const PROGRESS_RECORDER = `(() => {
  const seen = (window.__progress = []);
  const record = () => {
    for (const element of document.querySelectorAll('[role="status"]')) {
      const text = element.textContent || '';
      if (/^Step \\d+ of \\d+: /.test(text) && seen[seen.length - 1] !== text) seen.push(text);
    }
  };
  new MutationObserver(record).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
})()`;

/** The sandbox inspector's JSON, through the main server, as a person would open it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sandboxState(): Promise<any> {
  const response = await fetch(`${server.baseUrl}/_sandbox/state`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('when the secretary publishes the demo meeting from the content page', () => {
  it('accepts an attendance proposal from the Teams report', async () => {
    await page.getByRole('tab', { name: 'Check attendance' }).click();
    const proposals = page.getByRole('list', { name: 'Attendance proposals' });
    const leo = proposals.getByRole('listitem').filter({ hasText: /^Leo Fairbanks/ });
    await leo.getByText('Differs').waitFor();
    await leo.getByRole('button', { name: 'Accept the proposal for Leo Fairbanks' }).click();
    await leo.getByText('Accepted').waitFor();
    await waitForText(syncStatus(page), /^Saved$/);
    await eventually('the server has Leo Fairbanks as part attendance', async () => {
      const state = await meetingState(server.baseUrl, DEMO_MEETING_ID);
      const leoView = state.attendees
        .flatMap((category: { people: { personId: string }[] }) => category.people)
        .find((person: { personId: string }) => person.personId === 'm-fairbanks');
      expect(leoView).toMatchObject({ status: 'present', part: true });
    });
  });

  it('publishes with live progress to completion and shows the result links', async () => {
    // Each Graph request takes 40 ms, as over a real network, so the steps can be watched.
    await fetch(`${server.baseUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 40 }),
    });
    await page.getByRole('tab', { name: 'Publish' }).click();
    // Every progress sentence the page shows, however briefly.
    await page.evaluate(PROGRESS_RECORDER);
    await page.getByRole('button', { name: 'Publish minutes' }).click();
    try {
      await page.getByText('Published.').waitFor({ timeout: 30_000 });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await describePage(page)}`);
    }
    const seen = (await page.evaluate('window.__progress')) as string[];
    expect(seen[0]).toMatch(/^Step 1 of (\d+): Uploading the minutes…$/);
    const total = Number(/ of (\d+):/.exec(seen[0] ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    const steps = seen.map((text) => Number(/^Step (\d+) of/.exec(text)?.[1]));
    expect(steps.length).toBeGreaterThan(5);
    expect(Math.max(...steps)).toBe(total);
    expect(seen).toEqual(
      expect.arrayContaining([expect.stringMatching(/: E-mailing the minutes…$/)]),
    );

    // With the sandbox, each link leads to the object's row in the inspector; follow them.
    const published = page.getByRole('list', { name: 'Published' });
    const links = {
      document: published.getByRole('link', { name: 'OPSG_41_2501 Draft Minutes.docx' }),
      chat: published.getByRole('link', { name: 'The post in the meeting chat' }),
      task: published.getByRole('link', { name: 'OPSG 41/03' }),
    };
    expect(await published.getByText(/^Planner tasks: OPSG 41\/01, /).count()).toBe(1);
    const expectedInRow = {
      document: 'Minutes/2021/OPSG_41_2501 Draft Minutes.docx',
      chat: 'OPSG_41_2501',
      task: 'OPSG 41/03',
    };
    const inspector = await context.newPage();
    for (const [kind, link] of Object.entries(links)) {
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toMatch(new RegExp(`^/_sandbox#${kind}-\\S+$`));
      await inspector.goto(new URL(href, server.baseUrl).href);
      const row = inspector.locator('tr:target');
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(expectedInRow[kind as keyof typeof links]);
    }
    await inspector.close();
    expect(
      await page
        .getByRole('link', { name: 'See what was published in the Graph sandbox' })
        .getAttribute('href'),
    ).toBe('/_sandbox');
    expect(pageProblems(page).pageErrors).toEqual([]);
  });

  it('has put exactly one document, chat post and mail in the sandbox', async () => {
    const state = await sandboxState();
    expect(state.documents).toHaveLength(1);
    expect(state.documents[0].path).toBe('Minutes/2021/OPSG_41_2501 Draft Minutes.docx');
    expect(state.chatPosts).toHaveLength(1);
    expect(state.mails).toHaveLength(1);
    expect(state.plannerTasks).toHaveLength(6);

    const inspector = await context.newPage();
    await inspector.goto(`${server.baseUrl}/_sandbox`);
    expect(await inspector.getByText('OPSG_41_2501 Draft Minutes.docx').count()).toBeGreaterThan(0);
    await inspector.close();
  });
});
